#pragma once
// Private to the loader: typed reads of JSON members with located errors (the schema), and what
// the record reader (read_file.cpp) and the cross-file checks (build.cpp) share with it.

#include "load/json_text.hpp"
#include "mlkg/error.hpp"
#include "mlkg/graph.hpp"
#include "mlkg/load.hpp"

#include <functional>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace mlkg::detail {

using json = nlohmann::ordered_json;

bool is_kebab_id(std::string_view id);

// Source line numbers are bounded so that a typo cannot make `coverage` walk billions of lines; the notes
// are far shorter.
constexpr long long max_source_line = 1000000;

// "120" or "120-126", as a graph file writes a range of source lines; nothing when the text is neither.
std::optional<LineRange> parse_range(std::string_view text);
// Whether a range read from a graph file is kept as it is: from line 1 on, first to last, within the limit.
inline bool usable_range(const std::optional<LineRange>& range) {
  return range && range->first >= 1 && range->first <= range->last && range->last <= max_source_line;
}
// Why a range that is not usable_range() is refused, given the item as written (in JSON). Both readers of
// "source" say it with this, so that they say the same.
std::string line_range_problem(const std::optional<LineRange>& range, const std::string& quoted);

// One file being loaded, with what has been learnt of where its parts are (shared by all its reports).
struct FileText {
  explicit FileText(const SourceText& file) : source(&file), locator(file.text) {}
  const SourceText* source;
  TextLocator locator;
};

// Reports problems in one file; the JSON pointer is turned into a line and column.
class FileReporter {
public:
  FileReporter(FileText& file, std::vector<Diagnostic>& sink) : file_(&file), sink_(&sink) {}
  void error(const std::string& pointer, std::string message, std::string suggestion = {});
  Location where(const std::string& pointer) const;
  FileText& file() const { return *file_; }
  std::vector<Diagnostic>& sink() { return *sink_; }

private:
  FileText* file_;
  std::vector<Diagnostic>* sink_;
};

// Which characters a text member may hold besides printable ones.
enum class Text {
  line,  // ids, names, labels, aliases, sections: no control characters at all
  prose, // summaries, facts, notes, descriptions: tab and newline too
};

// Reads members of one JSON object, reporting wrong types, missing members and unknown keys.
class ObjectReader {
public:
  ObjectReader(const json& value, std::string pointer, FileReporter& report, std::initializer_list<const char*> keys);

  bool valid() const { return object_ != nullptr; }
  const std::string& pointer() const { return pointer_; }
  std::string member_pointer(const char* key) const { return pointer_ + "/" + key; }

  std::optional<std::string> string(const char* key, bool required = false, Text text = Text::line);
  std::optional<long long> integer(const char* key);
  bool boolean(const char* key, bool fallback);
  std::vector<std::string> strings(const char* key, Text text = Text::line);
  std::vector<LineRange> lines(const char* key);
  const json* object(const char* key, bool required);
  const json* array(const char* key);

private:
  const json* member(const char* key, bool required);
  void wrong_type(const char* key, const char* expected, const json& found);
  void check_text(const std::string& pointer, const char* what, const std::string& value, Text text);

  const json* object_ = nullptr;
  std::string pointer_;
  FileReporter* report_;
};

// "Did you mean" for unknown names. Each suggestion scans every candidate, so suggestions are remembered per name
// and given for the first few hundred names only: thousands of dangling ends must not cost thousands of scans
// (every one is still reported).
class SuggestionCache {
public:
  explicit SuggestionCache(std::function<std::vector<std::string>()> candidates) : load_(std::move(candidates)) {}
  std::string suggest(const std::string& name);

private:
  static constexpr std::size_t max_names = 100;
  std::function<std::vector<std::string>()> load_;
  bool loaded_ = false;
  std::vector<std::string> candidates_;
  std::unordered_map<std::string, std::string> suggestions_;
};

} // namespace mlkg::detail
