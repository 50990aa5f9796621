#include "load/json_text.hpp"
#include "load/validate.hpp"
#include "mlkg/names.hpp"
#include "mlkg/text.hpp"

#include <algorithm>

namespace mlkg::detail {

bool is_kebab_id(std::string_view id) {
  if (id.empty() || id.front() == '-' || id.back() == '-') return false;
  for (std::size_t i = 0; i < id.size(); ++i) {
    const char c = id[i];
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c == '-' && id[i - 1] != '-');
    if (!ok) return false;
  }
  return true;
}

Location FileReporter::where(const std::string& pointer) const {
  const TextPosition at = file_->locator.locate(pointer);
  Location where;
  where.file = file_->source->name;
  where.line = at.line;
  where.column = at.column;
  where.pointer = pointer;
  return where;
}

void FileReporter::error(const std::string& pointer, std::string message, std::string suggestion) {
  Diagnostic d;
  d.message = std::move(message);
  d.where = where(pointer);
  d.suggestion = std::move(suggestion);
  sink_->push_back(std::move(d));
}

ObjectReader::ObjectReader(const json& value, std::string pointer, FileReporter& report,
                           std::initializer_list<const char*> keys)
    : pointer_(std::move(pointer)), report_(&report) {
  if (!value.is_object()) {
    report.error(pointer_, std::string("expected an object, found ") + value.type_name());
    return;
  }
  object_ = &value;
  const std::vector<std::string> known(keys.begin(), keys.end());
  for (const auto& [key, member] : value.items()) {
    if (std::find(known.begin(), known.end(), key) != known.end()) continue;
    report.error(pointer_ + "/" + pointer_token(key), "unknown member '" + key + "'",
                 did_you_mean(closest_names(key, known)));
  }
}

void ObjectReader::wrong_type(const char* key, const char* expected, const json& found) {
  report_->error(member_pointer(key), std::string("expected ") + expected + ", found " + found.type_name());
}

const json* ObjectReader::member(const char* key, bool required) {
  if (!object_) return nullptr;
  auto it = object_->find(key);
  if (it == object_->end()) {
    if (required) report_->error(pointer_, std::string("missing required member '") + key + "'");
    return nullptr;
  }
  return &*it;
}

void ObjectReader::check_text(const std::string& pointer, const char* what, const std::string& value, Text text) {
  if (auto control = find_control_character(value, text == Text::prose))
    report_->error(pointer, std::string(what) + " contains a control character (" + control->shown + " at character " +
                                std::to_string(control->character) + ")");
}

std::optional<std::string> ObjectReader::string(const char* key, bool required, Text text) {
  const json* value = member(key, required);
  if (!value) return std::nullopt;
  if (!value->is_string()) {
    wrong_type(key, "a string", *value);
    return std::nullopt;
  }
  std::string result = value->get<std::string>();
  check_text(member_pointer(key), key, result, text);
  return result;
}

std::optional<long long> ObjectReader::integer(const char* key) {
  const json* value = member(key, false);
  if (!value) return std::nullopt;
  if (!value->is_number_integer()) {
    wrong_type(key, "an integer", *value);
    return std::nullopt;
  }
  return value->get<long long>();
}

bool ObjectReader::boolean(const char* key, bool fallback) {
  const json* value = member(key, false);
  if (!value) return fallback;
  if (!value->is_boolean()) {
    wrong_type(key, "true or false", *value);
    return fallback;
  }
  return value->get<bool>();
}

const json* ObjectReader::object(const char* key, bool required) {
  const json* value = member(key, required);
  if (value && !value->is_object()) {
    wrong_type(key, "an object", *value);
    return nullptr;
  }
  return value;
}

const json* ObjectReader::array(const char* key) {
  const json* value = member(key, false);
  if (value && !value->is_array()) {
    wrong_type(key, "an array", *value);
    return nullptr;
  }
  return value;
}

std::vector<std::string> ObjectReader::strings(const char* key, Text text) {
  std::vector<std::string> result;
  const json* items = array(key);
  if (!items) return result;
  for (std::size_t i = 0; i < items->size(); ++i) {
    const json& item = (*items)[i];
    if (item.is_string()) {
      result.push_back(item.get<std::string>());
      check_text(member_pointer(key) + "/" + std::to_string(i), key, result.back(), text);
    } else {
      report_->error(member_pointer(key) + "/" + std::to_string(i),
                     std::string("expected a string, found ") + item.type_name());
    }
  }
  return result;
}

std::optional<LineRange> parse_range(std::string_view text) {
  const std::size_t dash = text.find('-');
  auto number = [](std::string_view s) -> std::optional<int> {
    if (s.empty() || s.size() > 9 || !std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }))
      return std::nullopt;
    int n = 0;
    for (char c : s) n = n * 10 + (c - '0');
    return n;
  };
  auto first = number(text.substr(0, dash));
  auto last = dash == std::string_view::npos ? first : number(text.substr(dash + 1));
  if (!first || !last) return std::nullopt;
  return LineRange{*first, *last};
}

std::string line_range_problem(const std::optional<LineRange>& range, const std::string& quoted) {
  if (!range || range->first < 1 || range->last < 1)
    return "expected a line number (a positive integer) or a range \"first-last\", found " + quoted;
  const int last = std::max(range->first, range->last);
  if (last > max_source_line)
    return "line " + std::to_string(last) + " is past the limit of " + grouped(max_source_line) + " lines";
  // What is left is a range written last line first.
  return "range " + quoted + " is reversed: write \"" + std::to_string(range->last) + "-" +
         std::to_string(range->first) + "\"";
}

std::vector<LineRange> ObjectReader::lines(const char* key) {
  std::vector<LineRange> result;
  const json* items = array(key);
  if (!items) return result;
  for (std::size_t i = 0; i < items->size(); ++i) {
    const json& item = (*items)[i];
    std::optional<LineRange> range;
    if (item.is_number_integer() && item.get<long long>() > 0 && item.get<long long>() < 1000000000)
      range = LineRange{item.get<int>(), item.get<int>()};
    else if (item.is_string())
      range = parse_range(item.get<std::string>());
    if (usable_range(range))
      result.push_back(*range);
    else
      report_->error(member_pointer(key) + "/" + std::to_string(i), line_range_problem(range, item.dump()));
  }
  return result;
}

std::string SuggestionCache::suggest(const std::string& name) {
  if (auto it = suggestions_.find(name); it != suggestions_.end()) return it->second;
  if (suggestions_.size() >= max_names) return {};
  if (!loaded_) {
    candidates_ = load_();
    loaded_ = true;
  }
  return suggestions_.emplace(name, did_you_mean(closest_names(name, candidates_))).first->second;
}

} // namespace mlkg::detail
