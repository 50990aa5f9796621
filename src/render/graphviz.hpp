#pragma once
// Private to the render module: Graphviz's C API, loaded with dlopen on first use.

#include <graphviz/gvc.h>
#include <graphviz/gvplugin.h>
#include <string>

namespace mlkg::detail {

// The Graphviz functions mlkg calls, and the one context of the process. Not thread-safe: callers
// hold render_mutex().
struct Graphviz {
  Agraph_t* (*memread)(const char*) = nullptr;
  int (*close)(Agraph_t*) = nullptr;
  int (*layout)(GVC_t*, Agraph_t*, const char*) = nullptr;
  int (*free_layout)(GVC_t*, Agraph_t*) = nullptr;
  int (*render_data)(GVC_t*, Agraph_t*, const char*, char**, unsigned int*) = nullptr;
  void (*free_render_data)(char*) = nullptr;
  GVC_t* context = nullptr;

  // Graphviz's own error messages since the last call, then cleared.
  std::string take_errors();
};

// Loads Graphviz (libgvc, and the dot, neato, core and pango plugins) and makes its context on the
// first call, so that processes that never render never load it; throws Error(usage) naming what is missing.
Graphviz& graphviz();

} // namespace mlkg::detail
