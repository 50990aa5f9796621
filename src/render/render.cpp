#include "mlkg/render.hpp"

#include "mlkg/error.hpp"
#include "mlkg/names.hpp"
#include "render/graphviz.hpp"

#include <algorithm>
#include <memory>
#include <mutex>

namespace mlkg {

namespace {

std::mutex& render_mutex() {
  static std::mutex m;
  return m;
}

const std::vector<std::string>& format_names() {
  static const std::vector<std::string> names{"dot", "svg", "png", "pdf"};
  return names;
}

// A parsed graph, closed when it goes.
struct GraphHandle {
  detail::Graphviz& gv;
  Agraph_t* graph;
  bool laid_out = false;
  ~GraphHandle() {
    if (laid_out) gv.free_layout(gv.context, graph);
    if (graph) gv.close(graph);
  }
};

// Graphviz's output buffer, freed by Graphviz when it goes.
struct RenderedData {
  detail::Graphviz& gv;
  char* data = nullptr;
  ~RenderedData() {
    if (data) gv.free_render_data(data);
  }
};

const char* device(Format format) {
  switch (format) {
  case Format::svg: return "svg";
  case Format::png: return "png:cairo";
  case Format::pdf: return "pdf:cairo";
  case Format::dot: return "dot";
  }
  return "svg";
}

// Graphviz writes '-' in ids as "&#45;" (the same XML, but `id="node-glue"` is what readers grep for and
// what an HTML explorer hooks), so ids get their hyphens back; comments keep the entity ("--" is not
// allowed in an XML comment).
// Cairo stamps a PDF with the time it was made, so no two drawings of one graph were the same bytes. The
// stamp's digits become those of 1 January 1970, in place: its length, and so every offset of the PDF's
// cross-reference table, stays as it was.
void fixed_creation_date(std::string& pdf) {
  static const std::string key = "/CreationDate (D:";
  const std::size_t at = pdf.find(key);
  if (at == std::string::npos) return;
  static const char epoch[] = "19700101000000";
  std::size_t i = at + key.size();
  for (std::size_t k = 0; k < sizeof epoch - 1 && i < pdf.size() && pdf[i] >= '0' && pdf[i] <= '9'; ++k, ++i)
    pdf[i] = epoch[k];
}

std::string plain_ids(std::string svg) {
  static const std::string marker = " id=\"", entity = "&#45;";
  std::string result;
  result.reserve(svg.size());
  std::size_t at = 0;
  for (std::size_t found; (found = svg.find(marker, at)) != std::string::npos;) {
    const std::size_t value = found + marker.size();
    const std::size_t end = svg.find('"', value);
    if (end == std::string::npos) break;
    result.append(svg, at, value - at);
    for (std::size_t i = value; i < end;) {
      if (svg.compare(i, entity.size(), entity) == 0) {
        result += '-';
        i += entity.size();
      } else {
        result += svg[i++];
      }
    }
    at = end;
  }
  result.append(svg, at, std::string::npos);
  return result;
}

} // namespace

std::string_view format_name(Format format) { return format_names()[static_cast<std::size_t>(format)]; }

Format format_from_name(std::string_view name) {
  for (std::size_t i = 0; i < format_names().size(); ++i)
    if (format_names()[i] == name) return static_cast<Format>(i);
  if (name == "gv") return Format::dot;
  std::string suggestion = did_you_mean(closest_names(name, format_names()));
  throw Error(ErrorKind::usage, "unknown format '" + std::string(name) + "'",
              suggestion + (suggestion.empty() ? "" : " ") + "Formats: dot, svg, png, pdf.");
}

Format format_for_path(std::string_view path) {
  const auto slash = path.find_last_of('/');
  const std::string_view file = slash == std::string_view::npos ? path : path.substr(slash + 1);
  const auto dot = file.find_last_of('.');
  if (dot == std::string_view::npos || dot + 1 == file.size())
    throw Error(ErrorKind::usage, "cannot tell the format of '" + std::string(path) + "' from its name",
                "end it in .dot, .svg, .png or .pdf, or give --format");
  std::string extension(file.substr(dot + 1));
  std::transform(extension.begin(), extension.end(), extension.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return format_from_name(extension);
}

std::string render(std::string_view dot_text, Format format, Engine engine) {
  if (format == Format::dot) return std::string(dot_text);
  std::lock_guard<std::mutex> lock(render_mutex());
  detail::Graphviz& gv = detail::graphviz();
  gv.take_errors();
  const std::string text(dot_text);
  GraphHandle graph{gv, gv.memread(text.c_str())};
  if (!graph.graph) throw Error(ErrorKind::usage, "Graphviz could not read the DOT text: " + gv.take_errors());
  if (gv.layout(gv.context, graph.graph, std::string(engine_name(engine)).c_str()) != 0)
    throw Error(ErrorKind::usage,
                "Graphviz layout '" + std::string(engine_name(engine)) + "' failed: " + gv.take_errors());
  graph.laid_out = true;
  RenderedData out{gv};
  unsigned int length = 0;
  if (gv.render_data(gv.context, graph.graph, device(format), &out.data, &length) != 0 || !out.data)
    throw Error(ErrorKind::usage,
                "Graphviz could not render " + std::string(format_name(format)) + ": " + gv.take_errors());
  std::string result(out.data, length);
  if (format == Format::svg) result = plain_ids(std::move(result));
  if (format == Format::pdf) fixed_creation_date(result);
  return result;
}

} // namespace mlkg
