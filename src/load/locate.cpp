// Lines and columns for problems, through one TextLocator per file: however many problems a file
// has, finding them all costs about one pass over its text.
#include "load/json_text.hpp"
#include "load/records.hpp"

#include <memory>

namespace mlkg::detail {

std::vector<Diagnostic> locate_problems(const std::vector<Problem>& problems,
                                        const std::vector<const SourceText*>& files) {
  std::vector<std::unique_ptr<TextLocator>> locators(files.size());
  const auto locate = [&](std::uint32_t file, const std::string& pointer) {
    if (!locators[file]) locators[file] = std::make_unique<TextLocator>(files[file]->text);
    return locators[file]->locate(pointer);
  };
  std::vector<Diagnostic> result(problems.size());
  for (std::size_t i = 0; i < problems.size(); ++i) {
    const Problem& p = problems[i];
    Diagnostic& d = result[i];
    d.message = p.message;
    d.suggestion = p.suggestion;
    if (p.file_level) {
      d.where = p.where;
    } else {
      const TextPosition at = locate(p.file, p.pointer);
      d.where.file = files[p.file]->name;
      d.where.line = at.line;
      d.where.column = at.column;
      d.where.pointer = p.pointer;
    }
    if (p.also_file != none)
      d.suggestion += files[p.also_file]->name + ":" + std::to_string(locate(p.also_file, p.also_pointer).line);
  }
  return result;
}

} // namespace mlkg::detail
