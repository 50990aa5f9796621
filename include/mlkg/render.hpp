#pragma once
// Laying out and rendering DOT text with Graphviz, inside the process (no `dot` child process).
// Graphviz, with its pango/cairo plugin, is loaded on the first SVG, PNG or PDF render (dlopen), so
// commands that never draw (or only write DOT) do not pay for it at start-up. Graphviz is not thread-safe:
// one context serves the whole process, behind one mutex.

#include "mlkg/dot.hpp"

#include <string>
#include <string_view>

namespace mlkg {

enum class Format { dot, svg, png, pdf };

std::string_view format_name(Format format);
// "dot", "svg", "png", "pdf" (also "gv"); throws Error(usage) with did-you-mean and the list otherwise.
Format format_from_name(std::string_view name);
// From a file name's extension; throws Error(usage) when it has none or an unknown one.
Format format_for_path(std::string_view path);

// Lays `dot_text` out with `engine` and renders it. Format::dot returns `dot_text` itself.
// Throws Error(usage) when Graphviz rejects the text or a plugin is missing (naming it).
std::string render(std::string_view dot_text, Format format, Engine engine);

} // namespace mlkg
