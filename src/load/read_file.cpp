// One node/edge file, parsed with simdjson and read straight into records. The JSON tree lives only
// while its file is read; strings are copied into nodes or interned, never kept per edge.
#include "graph/huge_pages.hpp"
#include "load/json_text.hpp"
#include "load/records.hpp"
#include "load/validate.hpp"
#include "mlkg/names.hpp"
#include "mlkg/text.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <nlohmann/json.hpp>
#include <simdjson.h>

namespace mlkg::detail {

namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;

// Thrown on what the careful parser refuses as a whole file (an over-long string, a repeated key),
// so that the file gets that parser's diagnostic and none of it is kept.
struct Reparse {};

// By value: a range-for over `e.get_array().value_unsafe()` would iterate a reference into the
// temporary simdjson_result, which dies before the loop body runs.
simdjson::dom::array array_of(const element& e) { return e.get_array().value_unsafe(); }
simdjson::dom::object object_of(const element& e) { return e.get_object().value_unsafe(); }

const char* type_name(const element& e) {
  switch (e.type()) {
  case element_type::ARRAY: return "array";
  case element_type::OBJECT: return "object";
  case element_type::STRING: return "string";
  case element_type::BOOL: return "boolean";
  case element_type::NULL_VALUE: return "null";
  default: return "number";
  }
}

// The value as nlohmann's dump() writes it, for messages that quote a wrong value.
std::string dumped(const element& e) {
  switch (e.type()) {
  case element_type::STRING: return nlohmann::json(std::string(e.get_string().value_unsafe())).dump();
  case element_type::DOUBLE: return nlohmann::json(e.get_double().value_unsafe()).dump();
  case element_type::INT64: return std::to_string(e.get_int64().value_unsafe());
  case element_type::UINT64: return std::to_string(e.get_uint64().value_unsafe());
  default: return simdjson::minify(e);
  }
}

// "120" or "120-126"; nothing when the text is neither.
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

// The members a kind of object may have, and where each was found in one object.
template <std::size_t N> struct Members {
  const std::array<const char*, N>& keys;
  std::array<element, N> value{};
  std::array<bool, N> present{};
};

class FileReader {
public:
  FileReader(std::uint32_t file, const Schema& schema, const LoadLimits& limits, Records& records)
      : file_(file), schema_(schema), limits_(limits), r_(records),
        closest_types_([this] { return schema_.type_names(); }),
        closest_categories_([this] { return schema_.category_names(); }) {}

  void read(const element& root) {
    static const std::array<const char*, 3> top_keys{"section", "nodes", "edges"};
    Members<3> top{top_keys};
    collect(root.get_object().value_unsafe(), "", top);
    std::string section;
    if (auto s = string(top, 0, "", false)) section = std::string(*s);
    // Ids are interned a batch at a time (the interner overlaps the look-ups' cache misses).
    if (const element* nodes = array(top, 1, "")) {
      std::uint32_t i = 0;
      for (element node : array_of(*nodes)) {
        read_node(node, i++, section);
        if (pending_.size() >= batch) name_nodes();
      }
      name_nodes();
    }
    if (const element* edges = array(top, 2, "")) {
      std::uint32_t i = 0;
      for (element edge : array_of(*edges)) {
        read_edge(edge, i++);
        if (pending_.size() >= batch) name_edges();
      }
      name_edges();
    }
  }

private:
  static constexpr std::size_t batch = std::size_t{3} * 1024;

  void intern_pending() {
    numbers_.resize(pending_.size());
    r_.names.intern_all(pending_.data(), pending_.size(), numbers_.data());
    pending_.clear();
  }
  // The records read since the last batch get their interned ids.
  void name_nodes() {
    intern_pending();
    for (std::size_t n = named_nodes_, k = 0; n < r_.node_origins.size(); ++n, ++k)
      r_.node_origins[n].name = numbers_[k];
    named_nodes_ = r_.node_origins.size();
  }
  void name_edges() {
    intern_pending();
    for (std::size_t e = named_edges_, k = 0; e < r_.edges.size(); ++e, k += 3) {
      r_.edges[e].from = numbers_[k];
      r_.edges[e].to = numbers_[k + 1];
      r_.edges[e].rel_name = numbers_[k + 2];
    }
    named_edges_ = r_.edges.size();
  }

  void error(std::string pointer, std::string message, std::string suggestion = {}) {
    Problem p;
    p.file = file_;
    p.pointer = std::move(pointer);
    p.message = std::move(message);
    p.suggestion = std::move(suggestion);
    r_.errors.push_back(std::move(p));
  }

  std::string_view checked(std::string_view s) const {
    if (s.size() > limits_.max_string_bytes) throw Reparse{};
    return s;
  }

  // A value this reader does not look into (it is reported as wrong) may still hold an over-long string.
  void check_unread(const element& e) const {
    switch (e.type()) {
    case element_type::STRING: checked(e.get_string().value_unsafe()); break;
    case element_type::ARRAY:
      for (element item : array_of(e)) check_unread(item);
      break;
    case element_type::OBJECT: {
      std::vector<std::string_view> keys;
      for (auto field : object_of(e)) {
        keys.push_back(checked(field.key));
        check_unread(field.value);
      }
      no_repeats(keys);
      break;
    }
    default: break;
    }
  }

  static void no_repeats(std::vector<std::string_view>& keys) {
    std::sort(keys.begin(), keys.end());
    if (std::adjacent_find(keys.begin(), keys.end()) != keys.end()) throw Reparse{};
  }

  // Sorts an object's members into the known slots; reports unknown ones.
  template <std::size_t N>
  void collect(const simdjson::dom::object& object, const std::string& pointer, Members<N>& m) {
    std::vector<std::string_view> unknown;
    for (auto field : object) {
      const std::string_view key = checked(field.key);
      std::size_t k = 0;
      while (k < N && key != m.keys[k]) ++k;
      if (k < N) {
        if (m.present[k]) throw Reparse{};
        m.value[k] = field.value;
        m.present[k] = true;
        continue;
      }
      unknown.push_back(key);
      check_unread(field.value);
      const std::vector<std::string> known(m.keys.begin(), m.keys.end());
      error(pointer + "/" + pointer_token(key), "unknown member '" + std::string(key) + "'",
            did_you_mean(closest_names(key, known)));
    }
    no_repeats(unknown);
  }

  template <std::size_t N>
  const element* member(Members<N>& m, std::size_t k, const std::string& pointer, bool required) {
    if (m.present[k]) return &m.value[k];
    if (required) error(pointer, std::string("missing required member '") + m.keys[k] + "'");
    return nullptr;
  }

  template <std::size_t N>
  void wrong_type(Members<N>& m, std::size_t k, const std::string& pointer, const char* expected) {
    check_unread(m.value[k]);
    error(pointer + "/" + m.keys[k], std::string("expected ") + expected + ", found " + type_name(m.value[k]));
  }

  // Names, labels and facts may hold no control character; prose (summaries, notes) tab and newline.
  void check_text(const std::string& pointer, const char* what, std::string_view value, Text text) {
    if (!printable_ascii(value))
      if (auto control = find_control_character(value, text == Text::prose))
        error(pointer, std::string(what) + " contains a control character (" + control->shown + " at character " +
                           std::to_string(control->character) + ")");
  }
  // Nearly every string of a graph is printable ASCII, which needs no decoding. Eight bytes at a time: one
  // below 0x20 borrows into its top bit when 0x20 is taken from each; one above 0x7E has its top bit set
  // once 1 is added to each.
  static bool printable_ascii(std::string_view value) {
    constexpr std::uint64_t ones = 0x0101010101010101, tops = 0x8080808080808080;
    std::size_t i = 0;
    for (; i + 8 <= value.size(); i += 8) {
      std::uint64_t w;
      std::memcpy(&w, value.data() + i, sizeof w);
      if ((((w - 0x20 * ones) & ~w) | (w + ones) | w) & tops) return false;
    }
    return std::all_of(value.begin() + static_cast<std::ptrdiff_t>(i), value.end(),
                       [](char c) { return c >= 0x20 && c < 0x7F; });
  }

  template <std::size_t N>
  std::optional<std::string_view> string(Members<N>& m, std::size_t k, const std::string& pointer, bool required,
                                         Text text = Text::line) {
    const element* value = member(m, k, pointer, required);
    if (!value) return std::nullopt;
    if (value->type() != element_type::STRING) {
      wrong_type(m, k, pointer, "a string");
      return std::nullopt;
    }
    const std::string_view result = checked(value->get_string().value_unsafe());
    check_text(pointer + "/" + m.keys[k], m.keys[k], result, text);
    return result;
  }

  template <std::size_t N> const element* array(Members<N>& m, std::size_t k, const std::string& pointer) {
    const element* value = member(m, k, pointer, false);
    if (value && value->type() != element_type::ARRAY) {
      wrong_type(m, k, pointer, "an array");
      return nullptr;
    }
    return value;
  }

  // The strings of array member k, into `out` (views into the parsed document).
  template <std::size_t N>
  void strings(Members<N>& m, std::size_t k, const std::string& pointer, std::vector<std::string_view>& out,
               Text text = Text::line) {
    out.clear();
    const element* items = array(m, k, pointer);
    if (!items) return;
    std::size_t i = 0;
    for (element item : array_of(*items)) {
      if (item.type() == element_type::STRING) {
        out.push_back(checked(item.get_string().value_unsafe()));
        check_text(pointer + "/" + m.keys[k] + "/" + std::to_string(i), m.keys[k], out.back(), text);
      } else {
        check_unread(item);
        error(pointer + "/" + m.keys[k] + "/" + std::to_string(i),
              std::string("expected a string, found ") + type_name(item));
      }
      ++i;
    }
  }

  // Appends the line ranges of member k to `out`.
  template <std::size_t N, class Ranges>
  void lines(Members<N>& m, std::size_t k, const std::string& pointer, Ranges& out) {
    const element* items = array(m, k, pointer);
    if (!items) return;
    std::size_t i = 0;
    for (element item : array_of(*items)) {
      std::optional<LineRange> range;
      if (item.type() == element_type::INT64) {
        const std::int64_t n = item.get_int64().value_unsafe();
        if (n > 0 && n < 1000000000) range = LineRange{static_cast<int>(n), static_cast<int>(n)};
      } else if (item.type() == element_type::STRING) {
        range = parse_range(checked(item.get_string().value_unsafe()));
      }
      if (!range || range->first < 1 || range->last < range->first) {
        check_unread(item);
        error(pointer + "/" + m.keys[k] + "/" + std::to_string(i),
              "expected a line number (a positive integer) or a range \"first-last\", found " + dumped(item));
      } else if (range->last > max_source_line) {
        error(pointer + "/" + m.keys[k] + "/" + std::to_string(i),
              "line " + std::to_string(range->last) + " is past the limit of " + grouped(max_source_line) + " lines");
      } else {
        out.push_back(*range);
      }
      ++i;
    }
  }

  bool object_or_report(const element& value, const std::string& pointer) {
    if (value.type() == element_type::OBJECT) return true;
    check_unread(value);
    error(pointer, std::string("expected an object, found ") + type_name(value));
    return false;
  }

  void read_node(const element& value, std::uint32_t index, std::string_view file_section) {
    static const std::array<const char*, 9> keys{"id",      "label",   "type",   "category", "aliases",
                                                 "summary", "section", "source", "facts"};
    const std::string pointer = "/nodes/" + std::to_string(index);
    if (!object_or_report(value, pointer)) return;
    Members<9> m{keys};
    collect(value.get_object().value_unsafe(), pointer, m);
    // Views into the parsed document, copied into the node table once the node is checked.
    std::string_view fixed[fixed_node_strings]; // id, label, summary, section, category
    std::string_view& id = fixed[0];
    std::string_view& label = fixed[1];
    std::string_view& category = fixed[4];
    TypeIndex type_index = 0;
    if (auto s = string(m, 0, pointer, true)) id = *s;
    if (!id.empty() && !is_kebab_id(id))
      error(pointer + "/id", "id '" + std::string(id) + "' is not kebab-case (a-z, 0-9, single hyphens)");
    if (auto s = string(m, 1, pointer, true)) label = *s;
    if (label.empty() && m.present[1]) error(pointer + "/label", "label is empty");
    if (auto type = string(m, 2, pointer, true)) {
      if (auto t = schema_.find_type(*type)) {
        type_index = *t;
      } else {
        error(pointer + "/type", "unknown node type '" + std::string(*type) + "'",
              closest_types_.suggest(std::string(*type)));
      }
    }
    if (auto s = string(m, 3, pointer, false)) category = *s;
    if (!category.empty() && !schema_.find_category(category))
      error(pointer + "/category", "unknown category '" + std::string(category) + "'",
            closest_categories_.suggest(std::string(category)));
    strings(m, 4, pointer, aliases_);
    if (auto s = string(m, 5, pointer, false, Text::prose)) fixed[2] = *s;
    if (auto s = string(m, 6, pointer, false))
      fixed[3] = *s;
    else
      fixed[3] = file_section;
    lines_.clear();
    lines(m, 7, pointer, lines_);
    strings(m, 8, pointer, facts_, Text::prose);
    // Kept even when other members were wrong, so its edges are not reported as dangling too.
    if (!id.empty()) {
      pending_.push_back(id);
      r_.nodes.add(fixed, aliases_, facts_, lines_.data(), lines_.size(), type_index);
      r_.node_origins.push_back({file_, index, none}); // its name is set once the array is read
    }
  }

  void read_edge(const element& value, std::uint32_t index) {
    static const std::array<const char*, 5> keys{"from", "rel", "to", "note", "source"};
    const std::size_t errors_before = r_.errors.size();
    // The pointer is spelled out only when there is something to report.
    const auto pointer_of = [index] { return "/edges/" + std::to_string(index); };
    if (value.type() != element_type::OBJECT) {
      object_or_report(value, pointer_of());
      return;
    }
    Members<5> m{keys};
    collect_edge(value.get_object().value_unsafe(), m, pointer_of);
    const std::string_view from = edge_string(m, 0, pointer_of);
    const std::string_view rel = edge_string(m, 1, pointer_of);
    const std::string_view to = edge_string(m, 2, pointer_of);
    std::string_view note;
    if (m.present[3]) {
      const std::string pointer = pointer_of();
      if (auto n = string(m, 3, pointer, false, Text::prose)) note = *n;
    }
    const std::size_t sources_before = r_.sources.size();
    if (m.present[4]) lines(m, 4, pointer_of(), r_.sources);
    if (r_.errors.size() != errors_before) {
      r_.sources.resize(sources_before);
      return;
    }
    r_.notes.append(note);
    if (r_.notes.size() > none || r_.sources.size() > none)
      throw Error(ErrorKind::invalid_graph, "the graph's edge notes or sources exceed 4 GiB");
    pending_.insert(pending_.end(), {from, to, rel}); // interned once the array is read
    r_.edges.push_back({none, none, none, file_, index, static_cast<std::uint32_t>(r_.notes.size()),
                        static_cast<std::uint32_t>(r_.sources.size())});
  }

  // collect() for an edge: the common case, three known members, builds no pointer string.
  template <class PointerOf>
  void collect_edge(const simdjson::dom::object& object, Members<5>& m, const PointerOf& pointer_of) {
    std::vector<std::string_view> unknown;
    for (auto field : object) {
      const std::string_view key = field.key;
      std::size_t k = 0;
      while (k < 5 && key != m.keys[k]) ++k;
      if (k < 5) {
        if (m.present[k]) throw Reparse{};
        m.value[k] = field.value;
        m.present[k] = true;
        continue;
      }
      unknown.push_back(checked(key));
      check_unread(field.value);
      const std::vector<std::string> known(m.keys.begin(), m.keys.end());
      error(pointer_of() + "/" + pointer_token(key), "unknown member '" + std::string(key) + "'",
            did_you_mean(closest_names(key, known)));
    }
    no_repeats(unknown);
  }

  template <class PointerOf> std::string_view edge_string(Members<5>& m, std::size_t k, const PointerOf& pointer_of) {
    if (m.present[k] && m.value[k].type() == element_type::STRING) {
      const std::string_view value = checked(m.value[k].get_string().value_unsafe());
      if (!printable_ascii(value)) check_text(pointer_of() + "/" + m.keys[k], m.keys[k], value, Text::line);
      return value;
    }
    return string(m, k, pointer_of(), true).value_or(std::string_view{});
  }

  std::uint32_t file_;
  const Schema& schema_;
  const LoadLimits& limits_;
  Records& r_;
  SuggestionCache closest_types_, closest_categories_;
  std::vector<std::string_view> pending_;         // ids and relation names read but not yet interned
  std::vector<std::uint32_t> numbers_;            // their numbers
  std::vector<std::string_view> aliases_, facts_; // of the node being read
  std::vector<LineRange> lines_;
  std::size_t named_nodes_ = r_.node_origins.size(), named_edges_ = r_.edges.size(); // records before have theirs
};

} // namespace

static_assert(json_padding >= simdjson::SIMDJSON_PADDING, "files are read with room for simdjson's padding");

struct GraphFileReader::Parser {
  simdjson::dom::parser parser;     // stage 1's buffers
  simdjson::dom::document document; // the tape and strings, which parse() would size afresh for each larger file
  simdjson::error_code allocated = simdjson::SUCCESS;
};

GraphFileReader::GraphFileReader(const Schema& schema, const LoadLimits& limits, std::size_t largest_file_bytes,
                                 std::size_t total_bytes)
    : schema_(schema), limits_(limits), parser_(std::make_unique<Parser>()), total_bytes_(total_bytes) {
  const std::size_t capacity = std::max<std::size_t>(largest_file_bytes, 1);
  parser_->allocated = parser_->parser.allocate(capacity, static_cast<std::size_t>(limits.max_depth));
  if (!parser_->allocated) parser_->allocated = parser_->document.allocate(capacity);
  if (!parser_->allocated) {
    // simdjson's own buffers, sized from `capacity` as simdjson sizes them (public members, documented as for
    // benchmarking access); most of their pages are touched on a big file.
    advise_huge_pages(parser_->parser.implementation->structural_indexes.get(), 4 * capacity);
    advise_huge_pages(parser_->document.tape.get(), 8 * capacity);
    advise_huge_pages(parser_->document.string_buf.get(), 5 * capacity / 3);
  }
}

GraphFileReader::~GraphFileReader() = default;

namespace {
std::size_t array_size(const element& root, const char* key, std::size_t at_most) {
  const auto member = root[key];
  if (member.error() || member.value_unsafe().type() != element_type::ARRAY) return 0;
  return std::min(array_of(member.value_unsafe()).size(), at_most);
}
template <class T> void reserve_at_least(BigVector<T>& v, std::size_t wanted) {
  if (wanted > v.capacity()) v.reserve(wanted + wanted / 16);
}

// Sizes the record arrays for the whole load from the counts in the files read so far, scaled up to all the
// files' bytes (one graph's files look alike), so that they are not copied as they grow.
void reserve_records(const element& root, std::size_t file_bytes, std::size_t total_bytes, std::size_t& bytes_seen,
                     Records& records) {
  // An element takes at least this many bytes of JSON, so a hostile file cannot make us reserve much more than
  // it holds.
  constexpr std::size_t min_node_bytes = 24, min_edge_bytes = 30;
  bytes_seen += file_bytes;
  const double scale = static_cast<double>(std::max(total_bytes, bytes_seen)) / static_cast<double>(bytes_seen);
  const auto scaled = [scale](std::size_t n) { return static_cast<std::size_t>(static_cast<double>(n) * scale); };
  const std::size_t nodes = scaled(records.nodes.size() + array_size(root, "nodes", file_bytes / min_node_bytes));
  const std::size_t edges = scaled(records.edges.size() + array_size(root, "edges", file_bytes / min_edge_bytes));
  records.names.reserve(nodes + 1024); // every id, and a few relation names: no rehashing as they come
  // Node text: as much per node as in the files read so far (a first guess before any), and never more than
  // the files' bytes (the text comes from them; escapes only shrink it).
  const std::size_t read = records.nodes.size();
  const std::size_t text = nodes * (read ? records.nodes.text_bytes() / read + 1 : 96);
  records.nodes.reserve(nodes, std::min(text, std::max(total_bytes, bytes_seen)));
  reserve_at_least(records.node_origins, nodes);
  reserve_at_least(records.edges, edges);
  reserve_at_least(records.sources, edges); // a line or so per edge; pages never written cost nothing
}
} // namespace

void GraphFileReader::read(const SourceText& text, std::uint32_t file, Records& records) {
  const Schema& schema = schema_;
  const LoadLimits& limits = limits_;
  const auto report_whole_file = [&](std::vector<Diagnostic>& found) {
    for (Diagnostic& d : found) {
      Problem p;
      p.file = file;
      p.file_level = true;
      p.where = d.where;
      p.message = std::move(d.message);
      p.suggestion = std::move(d.suggestion);
      records.errors.push_back(std::move(p));
    }
  };

  // The careful parser says what is wrong with a file and where (or, rarely, only that a number is out
  // of range); the file then adds nothing but that.
  const auto refuse = [&](simdjson::error_code failed) {
    std::vector<Diagnostic> found;
    if (parse_json_file(text, limits, found) || found.empty()) {
      Diagnostic d;
      d.message = failed ? std::string("cannot read the JSON: ") + simdjson::error_message(failed)
                         : std::string("an object repeats a key");
      d.where.file = text.name;
      found = {d};
    }
    report_whole_file(found);
  };

  simdjson::dom::parser& parser = parser_->parser;
  element root;
  simdjson::error_code failed = parser_->allocated;
  if (!failed && parser.capacity() < text.text.size())
    failed = parser.allocate(text.text.size(), static_cast<std::size_t>(limits.max_depth));
  if (!failed) {
    const bool padded = text.text.capacity() - text.text.size() >= simdjson::SIMDJSON_PADDING;
    failed = parser.parse_into_document(parser_->document, text.text.data(), text.text.size(), !padded).get(root);
  }
  if (failed || root.type() != element_type::OBJECT || text.text.size() > limits.max_file_bytes) {
    refuse(failed);
    return;
  }

  reserve_records(root, text.text.size(), total_bytes_, bytes_seen_, records);
  const std::size_t nodes = records.nodes.size(), edges = records.edges.size(), errors = records.errors.size();
  const std::size_t notes = records.notes.size(), sources = records.sources.size();
  try {
    FileReader(file, schema, limits, records).read(root);
  } catch (const Reparse&) {
    records.nodes.truncate(nodes);
    records.node_origins.resize(nodes);
    records.edges.resize(edges);
    records.errors.resize(errors);
    records.notes.resize(notes);
    records.sources.resize(sources);
    refuse(simdjson::SUCCESS);
  }
}

} // namespace mlkg::detail
