#include "render/graphviz.hpp"

#include "io/shared_library.hpp"
#include "mlkg/error.hpp"

namespace mlkg::detail {

namespace {

std::string& error_text() {
  static std::string text;
  return text;
}

int collect_error(char* message) {
  error_text() += message;
  return 0;
}

const char* const graphviz_remedy = "install Graphviz (scripts/setup installs graphviz and libgraphviz-dev)";

void* open_library(const std::string& path) { return open_shared_library(path, "Graphviz", graphviz_remedy); }

template <class Function> void bind(void* library, const char* name, Function& function) {
  bind_symbol(library, name, "Graphviz", graphviz_remedy, function);
}

// A plugin's table of what it provides, found in its shared library as <name>_LTX_library.
gvplugin_library_t* plugin(const char* name) {
  const std::string file = std::string(MLKG_GRAPHVIZ_PLUGIN_DIR) + "/lib" + name + ".so.6";
  void* library = open_library(file);
  return static_cast<gvplugin_library_t*>(
      find_symbol(library, std::string(name) + "_LTX_library", "Graphviz plugin " + file, graphviz_remedy));
}

} // namespace

std::string Graphviz::take_errors() {
  std::string text = std::move(error_text());
  error_text().clear();
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  return text;
}

Graphviz& graphviz() {
  static Graphviz loaded;
  if (loaded.context) return loaded;
  void* gvc = open_library(MLKG_GRAPHVIZ_GVC_LIBRARY); // brings libcgraph with it
  GVC_t* (*context_with_plugins)(const lt_symlist_t*, int) = nullptr;
  agusererrf (*set_error_function)(agusererrf) = nullptr;
  bind(gvc, "gvContextPlugins", context_with_plugins);
  bind(gvc, "gvLayout", loaded.layout);
  bind(gvc, "gvFreeLayout", loaded.free_layout);
  bind(gvc, "gvRenderData", loaded.render_data);
  bind(gvc, "gvFreeRenderData", loaded.free_render_data);
  bind(gvc, "agmemread", loaded.memread);
  bind(gvc, "agclose", loaded.close);
  bind(gvc, "agseterrf", set_error_function);
  set_error_function(collect_error);
  // A built-in plugin table rather than gvContext(): that one needs the config6a file a package
  // post-install writes, and without it every layout fails with 'Layout type: "dot" not recognized'.
  static const lt_symlist_t builtins[] = {
      {"gvplugin_dot_layout_LTX_library", plugin("gvplugin_dot_layout")},
      {"gvplugin_neato_layout_LTX_library", plugin("gvplugin_neato_layout")},
      {"gvplugin_core_LTX_library", plugin("gvplugin_core")},
      // Every render is SVG, PNG or PDF (DOT text needs no Graphviz), all of which want pango's text
      // layout; it must be there when the context is made, which picks the text layout engine once.
      {"gvplugin_pango_LTX_library", plugin("gvplugin_pango")},
      {nullptr, nullptr},
  };
  // One context for the process, never freed: a second GVC_t after freeing the first crashes the
  // pango plugin (heap-use-after-free in Graphviz 2.42).
  loaded.context = context_with_plugins(builtins, 0);
  if (!loaded.context) throw Error(ErrorKind::usage, "Graphviz could not make a context: " + loaded.take_errors());
  return loaded;
}

} // namespace mlkg::detail
