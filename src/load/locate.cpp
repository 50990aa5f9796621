// Lines and columns for problems, a file at a time through one TextLocator: however many problems a file
// has, finding them all costs about one pass over its text, and each file is read (again) once.
#include "load/json_text.hpp"
#include "load/records.hpp"
#include "load/sources.hpp"

#include <algorithm>

namespace mlkg::detail {

namespace {
// A pointer to find: the problem's own place, or the second place its suggestion names.
struct Wanted {
  std::uint32_t file;
  const std::string* pointer;
  TextPosition* at;
};
} // namespace

std::vector<Diagnostic> locate_problems(const std::vector<Problem>& problems, GraphSources& files) {
  std::vector<TextPosition> places(problems.size()), also_places(problems.size());
  std::vector<Wanted> wanted;
  for (std::size_t i = 0; i < problems.size(); ++i) {
    const Problem& p = problems[i];
    if (!p.file_level) wanted.push_back({p.file, &p.pointer, &places[i]});
    if (p.also_file != none) wanted.push_back({p.also_file, &p.also_pointer, &also_places[i]});
  }
  std::stable_sort(wanted.begin(), wanted.end(), [](const Wanted& a, const Wanted& b) { return a.file < b.file; });
  for (std::size_t first = 0; first < wanted.size();) {
    const std::uint32_t file = wanted[first].file;
    TextLocator locator(files.text(file).text);
    for (; first < wanted.size() && wanted[first].file == file; ++first)
      *wanted[first].at = locator.locate(*wanted[first].pointer);
  }

  std::vector<Diagnostic> result(problems.size());
  for (std::size_t i = 0; i < problems.size(); ++i) {
    const Problem& p = problems[i];
    Diagnostic& d = result[i];
    d.message = p.message;
    d.suggestion = p.suggestion;
    if (p.file_level) {
      d.where = p.where;
    } else {
      d.where.file = files.name(p.file);
      d.where.line = places[i].line;
      d.where.column = places[i].column;
      d.where.pointer = p.pointer;
    }
    if (p.also_file != none) d.suggestion += files.name(p.also_file) + ":" + std::to_string(also_places[i].line);
  }
  return result;
}

} // namespace mlkg::detail
