// One node/edge file, read with simdjson's On Demand parser straight into records: no JSON tree is built,
// and strings without escapes are read in place. Only the structural index of the file (about its size)
// lives while it is read; strings are copied into nodes or interned, never kept per edge.
#include "core/words.hpp"
#include "load/json_library.hpp"
#include "load/json_text.hpp"
#include "load/ondemand.hpp"
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

// Thrown on what the careful parser refuses as a whole file (an over-long string, a repeated key, deep
// nesting), so that the file gets that parser's diagnostic and none of it is kept.
struct Reparse {};

// Thrown when a file's section comes after nodes that took it as their default: the file is then read
// again knowing it. (Reading the top level for it first would cost a pass over every file that has none.)
struct SectionAfterNodes {
  std::string section;
};

// How big the record arrays are made before a file's nodes or edges are read: from what the files read so
// far held, scaled up to all the files' bytes (one graph's files look alike), so that they are not copied as
// they grow; the first file with any counts its own.
struct Sizing {
  std::size_t file_bytes, total_bytes, bytes_before;

  std::size_t estimate(std::size_t records_before, od::array& items, std::size_t min_item_bytes) const {
    const std::size_t seen = bytes_before + file_bytes;
    const double scale = static_cast<double>(std::max(total_bytes, seen));
    if (records_before && bytes_before)
      return static_cast<std::size_t>(static_cast<double>(records_before) * scale / static_cast<double>(bytes_before));
    // An item takes at least min_item_bytes of JSON, so a hostile file cannot make us reserve much more than
    // it holds.
    const std::size_t count = std::min(take(items.count_elements()), file_bytes / min_item_bytes);
    return static_cast<std::size_t>(static_cast<double>(records_before + count) * scale / static_cast<double>(seen));
  }

  // The same for arrays whose spare capacity costs nothing (BigVectors: pages never written are never faulted
  // in), without counting the items: before any are read, as many as the bytes could hold.
  std::size_t at_most(std::size_t records_before, std::size_t min_item_bytes) const {
    const std::size_t seen = bytes_before + file_bytes, all = std::max(total_bytes, seen);
    if (records_before && bytes_before)
      return static_cast<std::size_t>(static_cast<double>(records_before) * static_cast<double>(all) /
                                      static_cast<double>(bytes_before));
    return all / min_item_bytes;
  }
};

template <class T> void reserve_at_least(BigVector<T>& v, std::size_t wanted) {
  if (wanted > v.capacity()) v.reserve(wanted + wanted / 16);
}

constexpr std::size_t no_slot = std::numeric_limits<std::size_t>::max();

// Reads one parsed file in document order. Problems come in an order that does not depend on the order of
// members in the file: an object's unknown members first, then its known members in the order of their key
// list (each known member's problems wait in its slot until the object is read); a file's top level, then
// its nodes, then its edges.
class FileReader {
public:
  FileReader(std::uint32_t file, const Schema& schema, const LoadLimits& limits, Records& records,
             od::document& document, const Sizing& sizing)
      : file_(file), schema_(schema), limits_(limits), r_(records), document_(document), sizing_(sizing),
        closest_types_([this] { return schema_.type_names(); }),
        closest_categories_([this] { return schema_.category_names(); }) {}

  // Reads the file's top level; `known_section` is the file's section when this is the second reading (see
  // SectionAfterNodes).
  void read(od::object& root, const std::string* known_section) {
    const std::size_t errors_at_start = r_.errors.size();
    std::string_view section;
    if (known_section) section = *known_section;
    static const std::array<const char*, 3> keys{"section", "nodes", "edges"};
    std::vector<Problem> top_problems; // its unknown members: before the nodes' and edges' problems
    std::vector<Problem> early_edge_problems;
    bool nodes_read = false;
    members(root, keys, top_level, 1, &top_problems, [&](std::size_t k, od::value& value) {
      if (k == 0) { // its problems wait in slot 0
        std::string_view own;
        if (string_member(value, "section", top_level, Text::line, own, 2) && !known_section) {
          section = own;
          if (default_section_used_ && !own.empty()) throw SectionAfterNodes{std::string(own)};
        }
        return;
      }
      slot_ = no_slot; // the nodes' and edges' problems are theirs
      if (k == 1) {
        read_nodes(value, section);
        nodes_read = true;
        return;
      }
      const std::size_t before = r_.errors.size();
      read_edges(value);
      if (!nodes_read) { // edges before the nodes: their problems after the nodes', as ever
        early_edge_problems.assign(std::make_move_iterator(r_.errors.begin() + static_cast<std::ptrdiff_t>(before)),
                                   std::make_move_iterator(r_.errors.end()));
        r_.errors.resize(before);
      }
    });
    if (document_.current_location().error() != simdjson::OUT_OF_BOUNDS) throw Malformed{simdjson::TRAILING_CONTENT};
    for (Problem& p : early_edge_problems) r_.errors.push_back(std::move(p));
    // The top level's problems come before its nodes' and edges'.
    for (Problem& p : deferred_[0]) top_problems.push_back(std::move(p));
    deferred_[0].clear();
    r_.errors.insert(r_.errors.begin() + static_cast<std::ptrdiff_t>(errors_at_start),
                     std::make_move_iterator(top_problems.begin()), std::make_move_iterator(top_problems.end()));
  }

private:
  static constexpr std::size_t batch = std::size_t{3} * 1024;

  // The JSON pointer of the top level, for problems found there.
  static std::string top_level() { return {}; }

  template <std::size_t N> static std::size_t index_of(const std::array<const char*, N>& keys, std::string_view key) {
    std::size_t k = 0;
    while (k < N && key != keys[k]) ++k;
    return k;
  }

  void read_nodes(od::value& value, std::string_view section) {
    od::array items;
    if (!array_or_report(value, "nodes", top_level, 2, items)) return;
    constexpr std::size_t min_node_bytes = 24;
    const std::size_t read = r_.nodes.size();
    const std::size_t nodes = sizing_.estimate(read, items, min_node_bytes);
    r_.names.reserve(nodes + 1024); // every id, and a few relation names: no rehashing as they come
    // Node text: as much per node as in the files read so far (a first guess before any), and never more than
    // the files' bytes (the text comes from them; escapes only shrink it).
    const std::size_t all_bytes = std::max(sizing_.total_bytes, sizing_.bytes_before + sizing_.file_bytes);
    const std::size_t text = nodes * (read ? r_.nodes.text_bytes() / read + 1 : 96);
    r_.nodes.reserve(nodes, std::min(text, all_bytes));
    reserve_at_least(r_.node_origins, nodes);
    // Names: an id and a label each, and as many aliases per node as so far (a first guess before any); a
    // name takes at least 3 bytes of JSON, so a file of many aliases cannot make the guess for the next
    // file's nodes much more than the files hold.
    const std::size_t names = nodes * (read ? r_.name_keys.size() / read + 1 : 3);
    reserve_at_least(r_.name_keys, std::min(names, all_bytes / 3));
    // Ids are interned a batch at a time (the interner overlaps the look-ups' cache misses).
    std::uint32_t i = 0;
    for (auto result : items) {
      od::value node = take(result);
      read_node(node, i++, section);
      if (pending_.size() >= batch) name_nodes();
    }
    name_nodes();
  }

  void read_edges(od::value& value) {
    od::array items;
    if (!array_or_report(value, "edges", top_level, 2, items)) return;
    constexpr std::size_t min_edge_bytes = 30;
    const std::size_t edges = sizing_.at_most(r_.edges.size(), min_edge_bytes);
    reserve_at_least(r_.edges, edges);
    reserve_at_least(r_.sources, edges); // a line or so per edge; pages never written cost nothing
    std::uint32_t i = 0;
    for (auto result : items) {
      od::value edge = take(result);
      read_edge(edge, i++);
      if (pending_.size() >= batch) name_edges();
    }
    name_edges();
  }

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

  Problem problem(std::string pointer, std::string message, std::string suggestion = {}) const {
    Problem p;
    p.file = file_;
    p.pointer = std::move(pointer);
    p.message = std::move(message);
    p.suggestion = std::move(suggestion);
    return p;
  }
  // Into the current member's slot while an object's members are being read, else straight out.
  void error(std::string pointer, std::string message, std::string suggestion = {}) {
    Problem p = problem(std::move(pointer), std::move(message), std::move(suggestion));
    if (slot_ == no_slot)
      r_.errors.push_back(std::move(p));
    else
      deferred_[slot_].push_back(std::move(p));
  }
  // A member's problems, in its turn.
  void flush(std::size_t slot) {
    for (Problem& p : deferred_[slot]) r_.errors.push_back(std::move(p));
    deferred_[slot].clear();
  }

  template <std::size_t N>
  Problem unknown_member(const std::string& pointer, std::string_view key, const std::array<const char*, N>& keys) {
    const std::vector<std::string> known(keys.begin(), keys.end());
    return problem(pointer + "/" + pointer_token(key), "unknown member '" + std::string(key) + "'",
                   did_you_mean(closest_names(key, known)));
  }

  std::string_view checked(std::string_view s) const {
    if (s.size() > limits_.max_string_bytes) throw Reparse{};
    return s;
  }

  // A value this reader does not look into (it is reported as wrong) is still read whole: simdjson checks
  // values only as they are read, and it may hold an over-long string, a repeated key or deep nesting.
  void check_unread(od::value& value, int depth) const {
    switch (take(value.type())) {
    case json_type::string: checked(string_of(value)); break;
    case json_type::number: take(value.get_double()); break;
    case json_type::boolean: take(value.get_bool()); break;
    case json_type::null:
      if (!take(value.is_null())) throw Malformed{simdjson::N_ATOM_ERROR};
      break;
    case json_type::array: {
      if (depth > limits_.max_depth) throw Reparse{};
      od::array items = take(value.get_array());
      for (auto result : items) {
        od::value item = take(result);
        check_unread(item, depth + 1);
      }
      break;
    }
    case json_type::object: {
      if (depth > limits_.max_depth) throw Reparse{};
      std::vector<std::string_view> keys;
      od::object object = take(value.get_object());
      for (auto result : object) {
        od::field field = take(result);
        keys.push_back(checked(key_of(field)));
        check_unread(field.value(), depth + 1);
      }
      no_repeats(keys);
      break;
    }
    }
  }

  // A value that is neither a string nor a line number, as nlohmann's dump() writes it, for messages that
  // quote it; reads it whole.
  std::string dumped(od::value& value, int depth) const {
    switch (take(value.type())) {
    case json_type::number:
      switch (take(value.get_number_type())) {
      case od::number_type::signed_integer:
        if (std::int64_t n; !value.get_int64().get(n)) return std::to_string(n);
        return beyond_64_bits(value);
      case od::number_type::unsigned_integer:
        if (std::uint64_t n; !value.get_uint64().get(n)) return std::to_string(n);
        return beyond_64_bits(value);
      default: return nlohmann::json(take(value.get_double())).dump();
      }
    default: {
      // From its first token to the next one after it (inside an array, there is always one).
      const char* const begin = value.raw_json_token().data();
      check_unread(value, depth);
      const char* end = begin;
      if (document_.current_location().get(end) || end < begin) end = begin;
      const std::string_view text = trimmed({begin, static_cast<std::size_t>(end - begin)});
      const auto parsed = nlohmann::json::parse(text, nullptr, false);
      return parsed.is_discarded() ? std::string(text) : parsed.dump();
    }
    }
  }

  // An integer too long for 64 bits, as written (after reading it as a double, as the careful parser does,
  // which refuses one too long for that too).
  static std::string beyond_64_bits(od::value& value) {
    std::string written(trimmed(value.raw_json_token()));
    take(value.get_double());
    return written;
  }

  static void no_repeats(std::vector<std::string_view>& keys) {
    std::sort(keys.begin(), keys.end());
    if (std::adjacent_find(keys.begin(), keys.end()) != keys.end()) throw Reparse{};
  }

  // Reads an object's members in document order: each known one through on_known(k, value), whose
  // problems wait in slot k; unknown ones are checked and reported at once (into `unknown_problems` when
  // given). A repeated key throws.
  template <std::size_t N, class PointerOf, class OnKnown>
  std::array<bool, N> members(od::object& object, const std::array<const char*, N>& keys, const PointerOf& pointer_of,
                              int depth, std::vector<Problem>* unknown_problems, OnKnown&& on_known) {
    std::array<bool, N> present{};
    std::vector<std::string_view> unknown;
    for (auto result : object) {
      od::field field = take(result);
      const std::string_view key = checked(key_of(field));
      const std::size_t k = index_of(keys, key);
      if (k < N) {
        if (present[k]) throw Reparse{};
        present[k] = true;
        slot_ = k;
        on_known(k, field.value());
        slot_ = no_slot;
        continue;
      }
      unknown.push_back(key);
      check_unread(field.value(), depth + 1);
      (unknown_problems ? *unknown_problems : r_.errors).push_back(unknown_member(pointer_of(), key, keys));
    }
    no_repeats(unknown);
    return present;
  }

  // After an object's members are read: a missing required member's problem, then the member's own.
  template <std::size_t N, class PointerOf>
  void in_turn(std::size_t k, const std::array<const char*, N>& keys, const std::array<bool, N>& present, bool required,
               const PointerOf& pointer_of) {
    if (required && !present[k]) error(pointer_of(), std::string("missing required member '") + keys[k] + "'");
    if (!deferred_[k].empty()) flush(k);
  }

  template <class PointerOf>
  void wrong_type(od::value& value, const char* key, const PointerOf& pointer_of, int depth, const char* expected) {
    const json_type type = take(value.type());
    check_unread(value, depth);
    error(pointer_of() + "/" + key, std::string("expected ") + expected + ", found " + type_name(type));
  }

  // Names, labels and facts may hold no control character; prose (summaries, notes) tab and newline.
  template <class PointerOf>
  void check_text(const PointerOf& pointer_of, const char* what, std::string_view value, Text text) {
    if (!is_printable_ascii(value)) // nearly every string of a graph, which then needs no decoding
      if (auto control = find_control_character(value, text == Text::prose))
        error(pointer_of(), std::string(what) + " contains a control character (" + control->shown + " at character " +
                                std::to_string(control->character) + ")");
  }
  // A string member (at depth 4: in a node or edge; the top level's section is at 2); false when the value is
  // not a string, which is reported.
  template <class PointerOf>
  bool string_member(od::value& value, const char* key, const PointerOf& pointer_of, Text text, std::string_view& out,
                     int depth = 4) {
    if (take(value.type()) != json_type::string) {
      wrong_type(value, key, pointer_of, depth, "a string");
      return false;
    }
    out = checked(string_of(value));
    check_text([&] { return pointer_of() + "/" + key; }, key, out, text);
    return true;
  }

  template <class PointerOf>
  bool array_or_report(od::value& value, const char* key, const PointerOf& pointer_of, int depth, od::array& items) {
    if (take(value.type()) != json_type::array) {
      wrong_type(value, key, pointer_of, depth, "an array");
      return false;
    }
    items = take(value.get_array());
    return true;
  }

  // The strings of an array member, into `out` (views into the file's text or simdjson's string buffer).
  template <class PointerOf>
  void strings(od::value& value, const char* key, const PointerOf& pointer_of, std::vector<std::string_view>& out,
               Text text) {
    od::array items;
    if (!array_or_report(value, key, pointer_of, 4, items)) return;
    std::size_t i = 0;
    for (auto result : items) {
      od::value item = take(result);
      const auto item_pointer = [&] { return pointer_of() + "/" + key + "/" + std::to_string(i); };
      const json_type type = take(item.type());
      if (type == json_type::string) {
        out.push_back(checked(string_of(item)));
        check_text(item_pointer, key, out.back(), text);
        if (text == Text::prose && out.back().empty()) error(item_pointer(), "fact is empty"); // a blank card

      } else {
        check_unread(item, 5);
        error(item_pointer(), std::string("expected a string, found ") + type_name(type));
      }
      ++i;
    }
  }

  // Appends the line ranges of an array member to `out`.
  template <class PointerOf, class Ranges>
  void lines(od::value& value, const char* key, const PointerOf& pointer_of, Ranges& out) {
    od::array items;
    if (!array_or_report(value, key, pointer_of, 4, items)) return;
    std::size_t i = 0;
    for (auto result : items) {
      od::value item = take(result);
      const auto item_pointer = [&] { return pointer_of() + "/" + key + "/" + std::to_string(i); };
      std::optional<LineRange> range;
      std::string quoted; // the value as written, when it is refused
      const json_type type = take(item.type());
      std::int64_t n = 0;
      if (type == json_type::number && take(item.get_number_type()) == od::number_type::signed_integer &&
          !item.get_int64().get(n)) {
        if (n > 0 && n < 1000000000) range = LineRange{static_cast<int>(n), static_cast<int>(n)};
        if (!usable_range(range)) quoted = std::to_string(n);
      } else if (type == json_type::string) {
        const std::string_view text = checked(string_of(item));
        range = parse_range(text);
        if (!usable_range(range)) quoted = nlohmann::json(std::string(text)).dump();
      } else {
        quoted = dumped(item, 5);
      }
      if (usable_range(range))
        out.push_back(*range);
      else
        error(item_pointer(), line_range_problem(range, quoted));
      ++i;
    }
  }

  // Nodes and edges are at depth 3; what is not an object there is reported.
  template <class PointerOf> bool object_or_report(od::value& value, const PointerOf& pointer_of, od::object& object) {
    const json_type type = take(value.type());
    if (type == json_type::object) {
      object = take(value.get_object());
      return true;
    }
    check_unread(value, 3);
    error(pointer_of(), std::string("expected an object, found ") + type_name(type));
    return false;
  }

  void read_node(od::value& value, std::uint32_t index, std::string_view file_section) {
    static const std::array<const char*, 9> keys{"id",      "label",   "type",   "category", "aliases",
                                                 "summary", "section", "source", "facts"};
    const auto pointer_of = [index] { return "/nodes/" + std::to_string(index); };
    od::object object;
    if (!object_or_report(value, pointer_of, object)) return;
    std::array<std::string_view, 9> text{};
    std::array<bool, 9> is_string{};
    aliases_.clear();
    facts_.clear();
    lines_.clear();
    const std::array<bool, 9> present = members(object, keys, pointer_of, 3, nullptr, [&](std::size_t k, od::value& v) {
      switch (k) {
      case 4: strings(v, keys[k], pointer_of, aliases_, Text::line); break;
      case 7: lines(v, keys[k], pointer_of, lines_); break;
      case 8: strings(v, keys[k], pointer_of, facts_, Text::prose); break;
      default: is_string[k] = string_member(v, keys[k], pointer_of, k == 5 ? Text::prose : Text::line, text[k]);
      }
    });
    const auto turn = [&](std::size_t k, bool required) {
      in_turn(k, keys, present, required, pointer_of);
      return is_string[k] ? text[k] : std::string_view{};
    };
    // Copied into the node table once the node is checked.
    std::string_view fixed[fixed_node_strings]; // id, label, summary, section, category
    std::string_view& id = fixed[0];
    std::string_view& label = fixed[1];
    std::string_view& category = fixed[4];
    TypeIndex type_index = 0;
    id = turn(0, true);
    if (is_string[0] && id.empty()) error(pointer_of() + "/id", "id is empty"); // the node would be lost
    if (!id.empty() && !is_kebab_id(id))
      error(pointer_of() + "/id", "id '" + std::string(id) + "' is not kebab-case (a-z, 0-9, single hyphens)");
    label = turn(1, true);
    if (is_string[1] && label.empty()) error(pointer_of() + "/label", "label is empty"); // else said already
    const std::string_view type = turn(2, true);
    if (is_string[2]) {
      if (auto t = schema_.find_type(type)) {
        type_index = *t;
      } else {
        error(pointer_of() + "/type", "unknown node type '" + std::string(type) + "'",
              closest_types_.suggest(std::string(type)));
      }
    }
    category = turn(3, false);
    if (is_string[3] && category.empty())
      error(pointer_of() + "/category", "category is empty", "leave \"category\" out for none");
    if (!category.empty() && !schema_.find_category(category))
      error(pointer_of() + "/category", "unknown category '" + std::string(category) + "'",
            closest_categories_.suggest(std::string(category)));
    turn(4, false);
    fixed[2] = turn(5, false);
    const std::string_view own_section = turn(6, false);
    fixed[3] = is_string[6] ? own_section : file_section;
    default_section_used_ = default_section_used_ || !is_string[6];
    turn(7, false);
    turn(8, false);
    // Kept even when other members were wrong, so its edges are not reported as dangling too.
    if (!id.empty()) {
      pending_.push_back(id);
      r_.nodes.add(fixed, aliases_, facts_, lines_.data(), lines_.size(), type_index);
      r_.name_keys.push_back(name_key_hash(id, keys_));
      r_.name_keys.push_back(name_key_hash(label, keys_));
      for (std::string_view alias : aliases_) r_.name_keys.push_back(name_key_hash(alias, keys_));
      r_.node_origins.push_back({file_, index, none}); // its name is set once the array is read
    }
  }

  void read_edge(od::value& value, std::uint32_t index) {
    static const std::array<const char*, 5> keys{"from", "rel", "to", "note", "source"};
    const std::size_t errors_before = r_.errors.size();
    // The pointer is spelled out only when there is something to report.
    const auto pointer_of = [index] { return "/edges/" + std::to_string(index); };
    od::object object;
    if (!object_or_report(value, pointer_of, object)) return;
    std::array<std::string_view, 5> text{};
    std::array<bool, 5> is_string{};
    const std::size_t sources_before = r_.sources.size();
    const std::array<bool, 5> present = members(object, keys, pointer_of, 3, nullptr, [&](std::size_t k, od::value& v) {
      if (k == 4)
        lines(v, keys[k], pointer_of, r_.sources);
      else
        is_string[k] = string_member(v, keys[k], pointer_of, k == 3 ? Text::prose : Text::line, text[k]);
    });
    for (std::size_t k = 0; k < keys.size(); ++k) in_turn(k, keys, present, k < 3, pointer_of);
    if (r_.errors.size() != errors_before) {
      r_.sources.resize(sources_before);
      // The nodes it names are not orphans, whatever else is wrong with it.
      for (const std::size_t end : {0, 2})
        if (is_string[end] && !text[end].empty()) r_.mentioned.push_back(r_.names.intern(text[end]));
      return;
    }
    r_.notes.insert(r_.notes.end(), text[3].begin(), text[3].end());
    if (r_.notes.size() > none || r_.sources.size() > none)
      throw Error(ErrorKind::invalid_graph, "the graph's edge notes or sources exceed 4 GiB");
    pending_.insert(pending_.end(), {text[0], text[2], text[1]}); // from, to, rel: interned once the array is read
    r_.edges.push_back({none, none, none, file_, index, static_cast<std::uint32_t>(r_.notes.size()),
                        static_cast<std::uint32_t>(r_.sources.size())});
  }

  std::uint32_t file_;
  const Schema& schema_;
  const LoadLimits& limits_;
  Records& r_;
  od::document& document_;
  Sizing sizing_;
  SuggestionCache closest_types_, closest_categories_;
  bool default_section_used_ = false;             // by a node read so far
  std::size_t slot_ = no_slot;                    // the member being read, whose problems wait
  std::array<std::vector<Problem>, 9> deferred_;  // a member's problems, until its turn
  std::vector<std::string_view> pending_;         // ids and relation names read but not yet interned
  std::vector<std::uint32_t> numbers_;            // their numbers
  std::vector<std::string_view> aliases_, facts_; // of the node being read
  NameKeyReader keys_;                            // a name's key, while its hash is taken
  std::vector<LineRange> lines_;
  std::vector<std::uint8_t> scratch_;                                                // a member name decoded by key_is
  std::size_t named_nodes_ = r_.node_origins.size(), named_edges_ = r_.edges.size(); // records before have theirs
};

} // namespace

static_assert(json_padding >= simdjson::SIMDJSON_PADDING, "files are read with room for simdjson's padding");

struct GraphFileReader::Parser {
  od::parser parser; // its buffers, sized once for the largest file
  simdjson::error_code allocated = simdjson::SUCCESS;
};

namespace {
// The reader refuses nesting past limits.max_depth itself (check_unread); simdjson's own depth (checked only
// in debug builds) counts one more level, and must not trip first.
std::size_t parser_depth(const LoadLimits& limits) { return static_cast<std::size_t>(limits.max_depth) + 2; }
} // namespace

GraphFileReader::GraphFileReader(const Schema& schema, const LoadLimits& limits, std::size_t largest_file_bytes,
                                 std::size_t total_bytes)
    : schema_(schema), limits_(limits), parser_(std::make_unique<Parser>()), total_bytes_(total_bytes) {
  load_json_library();
  const std::size_t capacity = std::max<std::size_t>(largest_file_bytes, 1);
  parser_->allocated = parser_->parser.allocate(capacity, parser_depth(limits));
}

GraphFileReader::~GraphFileReader() = default;

void GraphFileReader::read(const SourceText& text, std::uint32_t file, Records& records) {
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
    if (parse_json_file(text, limits_, found) || found.empty()) {
      Diagnostic d;
      d.message = failed ? std::string("cannot read the JSON: ") + simdjson::error_message(failed)
                         : std::string("an object repeats a key");
      d.where.file = text.name;
      found = {d};
    }
    report_whole_file(found);
  };

  const std::size_t bom = byte_order_mark_size(text.text);
  const std::size_t size = text.text.size() - bom;
  const std::size_t bytes_before = bytes_seen_;
  bytes_seen_ += size;
  od::parser& parser = parser_->parser;
  simdjson::error_code failed = parser_->allocated;
  if (!failed && parser.capacity() < size) failed = parser.allocate(size, parser_depth(limits_));
  // Text read from a file has room for the padding; text given in memory may not, and is then copied.
  simdjson::padded_string copy;
  simdjson::padded_string_view padded(text.text.data() + bom, size, text.text.capacity() - bom);
  if (padded.padding() < simdjson::SIMDJSON_PADDING) {
    copy = simdjson::padded_string(std::string_view(text.text).substr(bom));
    padded = copy;
  }
  od::document document;
  od::object root;
  bool object = false;
  if (!failed) failed = parser.iterate(padded).get(document);
  if (!failed) {
    failed = document.get_object().get(root);
    object = !failed;
    if (failed == simdjson::INCORRECT_TYPE) failed = simdjson::SUCCESS; // the careful parser says what it is
  }
  if (failed || !object || size > limits_.max_file_bytes) {
    refuse(failed);
    return;
  }

  const std::size_t nodes = records.nodes.size(), edges = records.edges.size(), errors = records.errors.size();
  const std::size_t notes = records.notes.size(), sources = records.sources.size();
  const std::size_t name_keys = records.name_keys.size(), mentioned = records.mentioned.size();
  const auto take_back = [&] {
    records.nodes.truncate(nodes);
    records.node_origins.resize(nodes);
    records.name_keys.resize(name_keys);
    records.edges.resize(edges);
    records.errors.resize(errors);
    records.notes.resize(notes);
    records.sources.resize(sources);
    records.mentioned.resize(mentioned);
  };
  const Sizing sizing{size, total_bytes_, bytes_before};
  try {
    try {
      FileReader(file, schema_, limits_, records, document, sizing).read(root, nullptr);
    } catch (const SectionAfterNodes& late) {
      take_back();
      document.rewind(); // from the top, the string buffer too
      root = take(document.get_object());
      FileReader(file, schema_, limits_, records, document, sizing).read(root, &late.section);
    }
  } catch (const Reparse&) {
    take_back();
    refuse(simdjson::SUCCESS);
  } catch (const Malformed& m) {
    take_back();
    refuse(m.code);
  }
}

} // namespace mlkg::detail
