// Reading a plain node-link file in one pass, straight into the text of the graph files it describes.
//
// Every value is read, none skipped: simdjson checks a value only as it is read. Whatever the careful
// reading (graph_files_from_node_link) would refuse or write differently makes this one give up, so the
// two agree wherever this one answers; tests/test_import_quick.cpp holds them to it.
#include "export/node_link.hpp"
#include "export/text.hpp"
#include "load/json_library.hpp"
#include "load/json_text.hpp"
#include "load/ondemand.hpp"
#include "mlkg/text.hpp"
#include "output/common.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <functional>
#include <string_view>

namespace mlkg::detail {

namespace {

// The file is not plain; the careful reading takes over.
struct NotPlain {};

template <std::size_t N> std::size_t index_of(const std::array<std::string_view, N>& keys, std::string_view key) {
  for (std::size_t k = 0; k < N; ++k)
    if (keys[k] == key) return k;
  return N;
}

// One object's members in document order, each known one through on_member(k, value); an unknown or
// repeated member is not plain.
template <std::size_t N, class OnMember>
std::array<bool, N> read_members(od::object object, const std::array<std::string_view, N>& keys, OnMember&& on_member) {
  std::array<bool, N> present{};
  for (auto result : object) {
    od::field field = take(result);
    const std::size_t k = index_of(keys, key_of(field));
    if (k == N || present[k]) throw NotPlain{};
    present[k] = true;
    od::value value = field.value();
    on_member(k, value);
  }
  return present;
}

od::object object_of(od::value& value) {
  if (take(value.type()) != json_type::object) throw NotPlain{};
  return take(value.get_object());
}

od::array array_of(od::value& value) {
  if (take(value.type()) != json_type::array) throw NotPlain{};
  return take(value.get_array());
}

// A list's item: a string, or a line number as nlohmann writes one it parsed (digits, no sign, exponent or
// leading zero), kept as written.
struct Item {
  bool number;
  std::string_view text;
};

// The members of a node and of a link in a node-link file.
constexpr std::array<std::string_view, 9> node_keys{"id",      "label",   "type",  "category", "section",
                                                    "aliases", "summary", "facts", "lines"};
constexpr std::array<std::string_view, 6> link_keys{"source", "target", "relation", "note", "lines", "key"};

class QuickReader {
public:
  // `input`: the text being read, in which strings without escapes are handed out where they lie.
  QuickReader(const LoadLimits& limits, std::string_view input) : limits_(limits), input_(input) {}

  std::vector<SourceText> read(od::document& document, std::size_t text_bytes) {
    // networkx 3.6 and later call the links "edges" unless told edges="links".
    static constexpr std::array<std::string_view, 6> keys{"directed", "multigraph", "graph", "nodes", "links", "edges"};
    // Written in place while the links come after the nodes (they always do in mlkg's and networkx's files);
    // the padding lets the loader parse it where it lies. Memory reserved and not written costs nothing.
    std::string graph = "{\n  \"nodes\": ";
    graph.reserve(text_bytes + text_bytes / 2 + json_padding);
    std::string early_links; // links before the nodes
    bool nodes_read = false;
    std::string schema;
    const auto present = read_members(take(document.get_object()), keys, [&](std::size_t k, od::value& value) {
      switch (k) {
      case 0: // an undirected graph is refused by the careful reading
        if (take(value.type()) != json_type::boolean || !take(value.get_bool())) throw NotPlain{};
        break;
      case 1:
        if (take(value.type()) != json_type::boolean) throw NotPlain{};
        take(value.get_bool());
        break;
      case 2: schema = read_header(value); break;
      case 3:
        read_nodes(value, graph);
        nodes_read = true;
        break;
      case 4:
      case 5:
        if (nodes_read) graph += ",\n  \"edges\": ";
        read_links(value, nodes_read ? graph : early_links);
        break;
      }
    });
    if (!present[2] || !present[3] || present[4] == present[5]) throw NotPlain{};
    // Anything after the top-level object is not JSON.
    if (const char* after = nullptr; !document.current_location().get(after)) throw NotPlain{};
    const char* const end = "\n}\n";
    if (!early_links.empty()) {
      graph.reserve(graph.size() + early_links.size() + 32 + json_padding);
      graph += ",\n  \"edges\": ";
      graph += early_links;
    }
    if (graph.capacity() < graph.size() + std::strlen(end) + json_padding)
      graph.reserve(graph.size() + std::strlen(end) + json_padding);
    graph += end;
    // Moved in one by one: a braced list would copy them.
    std::vector<SourceText> files(2);
    files[0] = {"schema.json", std::move(schema)};
    files[1] = {"graph.json", std::move(graph)};
    return files;
  }

private:
  // {"format": "mlkg-node-link", "version": 1, "schema": {...}}: the schema file's text.
  std::string read_header(od::value& value) {
    static constexpr std::array<std::string_view, 3> keys{"format", "version", "schema"};
    std::string schema;
    const auto present = read_members(object_of(value), keys, [&](std::size_t k, od::value& member) {
      switch (k) {
      case 0:
        if (string(member) != "mlkg-node-link") throw NotPlain{};
        break;
      case 1:
        if (take(member.type()) != json_type::number || take(member.get_uint64()) != 1 ||
            trimmed(member.raw_json_token()) != "1")
          throw NotPlain{};
        break;
      case 2: schema = schema_text(member); break;
      }
    });
    if (!present[0] || !present[2]) throw NotPlain{};
    return schema;
  }

  // The schema is small: read whole by the careful parser, which checks it as it would within the file (two
  // levels down) and writes it as the careful reading does.
  std::string schema_text(od::value& value) {
    const std::string_view raw = take(object_of(value).raw_json());
    LoadLimits inner = limits_;
    inner.max_depth -= 2;
    std::vector<Diagnostic> errors;
    const auto parsed = parse_json_file({"schema", std::string(raw)}, inner, errors);
    if (!parsed) throw NotPlain{};
    return dump(*parsed);
  }

  // An array of objects as dump(2) writes it as a top-level member: write(object, member) reads one object
  // and writes its members, each after member(name).
  template <class Write> static void objects(od::value& value, std::string& out, Write&& write) {
    bool first = true;
    out += '[';
    for (auto result : array_of(value)) {
      od::value element = take(result);
      out += first ? "\n    {" : ",\n    {";
      first = false;
      bool first_member = true;
      const auto member = [&](std::string_view name) {
        out += first_member ? "\n      \"" : ",\n      \"";
        first_member = false;
        out += name;
        out += "\": ";
      };
      write(object_of(element), member);
      out += "\n    }";
    }
    out += first ? "]" : "\n  ]";
  }

  void read_nodes(od::value& value, std::string& out) {
    std::array<std::string_view, 9> text{};
    objects(value, out, [&](od::object node, const auto& member) {
      aliases_.clear();
      facts_.clear();
      lines_.clear();
      const auto present = read_members(node, node_keys, [&](std::size_t k, od::value& v) {
        if (k == 5)
          strings(v, aliases_);
        else if (k == 7)
          strings(v, facts_);
        else if (k == 8)
          lines(v);
        else
          text[k] = string(v);
      });
      // The careful reading's order, which is the graph files': its own key list, then "source".
      for (std::size_t k : {0, 1, 2, 3, 4}) {
        if (!present[k] || (k == 3 && text[k].empty())) continue; // an empty category is dropped
        member(node_keys[k]);
        append_json_string(out, text[k]);
      }
      if (present[5]) member("aliases"), list(out, aliases_);
      if (present[6]) member("summary"), append_json_string(out, text[6]);
      if (present[7]) member("facts"), list(out, facts_);
      if (present[8]) member("source"), list(out, lines_);
    });
  }

  void read_links(od::value& value, std::string& out) {
    std::array<std::string_view, 4> text{};
    objects(value, out, [&](od::object link, const auto& member) {
      lines_.clear();
      const auto present = read_members(link, link_keys, [&](std::size_t k, od::value& v) {
        if (k == 4) {
          lines(v);
        } else if (k == 5) { // a networkx multigraph's edge key, dropped
          if (take(v.type()) == json_type::number)
            take(v.get_int64());
          else
            string(v);
        } else {
          text[k] = string(v);
        }
      });
      if (!present[0] || !present[1] || !present[2]) throw NotPlain{};
      for (const auto& [name, k] : {std::pair{"from", 0}, {"rel", 2}, {"to", 1}, {"note", 3}}) {
        if (k == 3 && (!present[3] || text[3].empty())) continue; // an empty note is dropped
        member(name);
        append_json_string(out, text[k]);
      }
      if (present[4]) member("source"), list(out, lines_);
    });
  }

  // A string as the careful parser would take it: within the length limit and, once unescaped, valid
  // UTF-8 (simdjson checks the file's bytes, not what an escape such as \udc00 stands for).
  std::string_view string(od::value& value) const {
    if (take(value.type()) != json_type::string) throw NotPlain{};
    const std::string_view s = string_of(value);
    const std::less_equal<const char*> at_or_before;
    const bool unescaped =
        !(at_or_before(input_.data(), s.data()) && at_or_before(s.data(), input_.data() + input_.size()));
    if (s.size() > limits_.max_string_bytes || (unescaped && !is_valid_utf8(s))) throw NotPlain{};
    return s;
  }

  void strings(od::value& value, std::vector<Item>& into) const {
    for (auto result : array_of(value)) {
      od::value item = take(result);
      into.push_back({false, string(item)});
    }
  }

  void lines(od::value& value) {
    for (auto result : array_of(value)) {
      od::value item = take(result);
      if (take(item.type()) == json_type::string) {
        lines_.push_back({false, string(item)});
        continue;
      }
      const std::string_view token = trimmed(item.raw_json_token());
      if (take(item.type()) != json_type::number || token.empty() || token.size() > 18 ||
          token.find_first_not_of("0123456789") != std::string_view::npos || (token[0] == '0' && token.size() > 1))
        throw NotPlain{};
      take(item.get_uint64());
      lines_.push_back({true, token});
    }
  }

  // A list member's value, as dump(2) writes it at a node's or link's member depth.
  static void list(std::string& out, const std::vector<Item>& items) {
    if (items.empty()) {
      out += "[]";
      return;
    }
    out += '[';
    for (std::size_t i = 0; i < items.size(); ++i) {
      out += i == 0 ? "\n        " : ",\n        ";
      if (items[i].number)
        out += items[i].text;
      else
        append_json_string(out, items[i].text);
    }
    out += "\n      ]";
  }

  const LoadLimits& limits_;
  std::string_view input_;
  // One node's or link's lists, reused: no allocation per element once they have grown.
  std::vector<Item> aliases_, facts_;
  std::vector<Item> lines_;
};

} // namespace

std::optional<std::vector<SourceText>> node_link_files_quickly(const std::string& text) {
  const LoadLimits limits;
  if (text.size() > limits.max_file_bytes || text.find('\0') != std::string::npos) return std::nullopt;
  const std::size_t bom = byte_order_mark_size(text);
  const std::size_t size = text.size() - bom;
  simdjson::padded_string copy;
  simdjson::padded_string_view padded(text.data() + bom, size, text.capacity() - bom);
  if (padded.padding() < simdjson::SIMDJSON_PADDING) {
    copy = simdjson::padded_string(std::string_view(text).substr(bom));
    padded = copy;
  }
  load_json_library();
  od::parser parser;
  // One level more than the careful parser allows, so that its limit, not simdjson's, is the one met.
  if (parser.allocate(std::max<std::size_t>(size, 1), static_cast<std::size_t>(limits.max_depth) + 2))
    return std::nullopt;
  od::document document;
  if (parser.iterate(padded).get(document)) return std::nullopt;
  try {
    return QuickReader(limits, {padded.data(), padded.length()}).read(document, size);
  } catch (const NotPlain&) {
    return std::nullopt;
  } catch (const Malformed&) {
    return std::nullopt;
  }
}

} // namespace mlkg::detail
