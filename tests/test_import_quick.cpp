// mlkg import's quick reading of node-link files: wherever it answers, its graph files are byte for byte
// the careful reading's; wherever the file is not plain, it leaves the answer to the careful reading.
#include "export/node_link.hpp"
#include "mlkg/export.hpp"
#include "support.hpp"

#include <optional>
#include <random>
#include <string>
#include <vector>

using mlkg::SourceText;
using mlkg::test::run_cli;

namespace {

std::string exported(const std::vector<std::string>& graph) {
  std::vector<std::string> args = graph;
  args.insert(args.end(), {"export", "--format", "json"});
  const auto r = run_cli(args);
  REQUIRE(r.code == 0);
  return r.out;
}

std::string mini_export() { return exported({"--graph", mlkg::test::mini_dir()}); }

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const std::size_t at = text.find(from);
  REQUIRE_MESSAGE(at != std::string::npos, from);
  return text.replace(at, from.size(), to);
}

std::optional<std::vector<SourceText>> careful(const std::string& text) {
  try {
    return mlkg::graph_files_from_node_link("in.json", text);
  } catch (const mlkg::Error&) {
    return std::nullopt;
  }
}

// The quick reading answers, and as the careful one does.
void check_same(const std::string& text) {
  const auto quick = mlkg::detail::node_link_files_quickly(text);
  REQUIRE(quick.has_value());
  const auto slow = careful(text);
  REQUIRE(slow.has_value());
  REQUIRE(quick->size() == slow->size());
  for (std::size_t i = 0; i < quick->size(); ++i) {
    CHECK((*quick)[i].name == (*slow)[i].name);
    CHECK((*quick)[i].text == (*slow)[i].text);
  }
}

// Where the quick reading answers at all, it answers as the careful one does.
bool agrees(const std::string& text) {
  const auto quick = mlkg::detail::node_link_files_quickly(text);
  if (!quick) return true;
  const auto slow = careful(text);
  if (!slow || quick->size() != slow->size()) return false;
  for (std::size_t i = 0; i < quick->size(); ++i)
    if ((*quick)[i].name != (*slow)[i].name || (*quick)[i].text != (*slow)[i].text) return false;
  return true;
}

const char* const first_label = "\"label\": \"AWS Glue\"";

// `text` without the first "lines" member after `from`: nodes and links added in networkx come without them.
std::string without_lines(std::string text, std::size_t from) {
  const std::size_t at = text.find(",\n      \"lines\": [", from);
  REQUIRE(at != std::string::npos);
  return text.erase(at, text.find(']', at) + 1 - at);
}

} // namespace

TEST_CASE("import quick reading: the built-in and mini exports read as the careful reading reads them") {
  check_same(exported({}));
  check_same(mini_export());
}

TEST_CASE("import quick reading: escapes, Unicode and control characters come out as the careful reading's") {
  const std::string base = mini_export();
  for (const std::string label : {
           R"("tab\t quote\" back\\ slash\/ nl\n cr\r ff\f bs\b")",
           R"("\u00e9 é \u20ac \ud83d\ude00 😀 \u0001 \u001f \u007f \u0000")",
           R"("")",
       }) {
    CAPTURE(label);
    check_same(replaced(base, first_label, "\"label\": " + label));
  }
  // An escaped key is the key it stands for.
  check_same(replaced(base, first_label, R"("l\u0061bel": "AWS Glue")"));
}

TEST_CASE("import quick reading: the plain variants of a node-link file it reads") {
  const std::string base = mini_export();
  // Links before nodes, networkx's edge keys, a note, an empty category, a byte-order mark, no flags, a range,
  // networkx 3.6's "edges".
  const std::size_t nodes = base.find("\"nodes\": ["), links = base.find("\"links\": [");
  REQUIRE(nodes < links);
  const std::string nodes_part = base.substr(nodes, links - nodes);
  std::string links_first = base;
  links_first.erase(nodes, links - nodes);
  links_first.insert(links_first.rfind('}'), ",\n  " + nodes_part.substr(0, nodes_part.rfind(',')));
  const std::vector<std::string> plain = {
      links_first,
      replaced(base, "\"relation\": ", "\"key\": 0, \"relation\": "),
      replaced(base, "\"relation\": ", "\"key\": \"k\", \"relation\": "),
      replaced(base, "\"note\": \"\"", "\"note\": \"why \\\"so\\\"\""),
      replaced(base, "\"category\": \"analytics\"", "\"category\": \"\""),
      "\xEF\xBB\xBF" + base,
      replaced(replaced(base, "\"directed\": true,", ""), "\"multigraph\": true,", ""),
      replaced(base, "\"lines\": [", "\"lines\": [\"1-2\", 0, "),
      replaced(base, "\"links\": [", "\"edges\": ["), // networkx 3.6 and later
      without_lines(without_lines(base, base.find("\"nodes\": [")), base.find("\"links\": [")),
  };
  for (std::size_t i = 0; i < plain.size(); ++i) {
    CAPTURE(i);
    check_same(plain[i]);
  }
}

TEST_CASE("import quick reading: what is not plain is left to the careful reading") {
  const std::string base = mini_export();
  const std::vector<std::string> odd = {
      replaced(base, "\"directed\": true", "\"directed\": false"),
      replaced(base, "\"directed\": true", "\"directed\": 1"),
      replaced(base, "\"version\": 1", "\"version\": 2"),
      replaced(base, "\"version\": 1", "\"version\": 1.0"),
      replaced(base, "\"mlkg-node-link\"", "\"other\""),
      replaced(base, first_label, "\"colour\": \"red\", " + std::string(first_label)),
      replaced(base, first_label, std::string(first_label) + ", \"label\": \"Again\""),
      replaced(base, first_label, "\"label\": 7"),
      replaced(base, first_label, "\"label\": \"\\udc00\""),
      replaced(base, first_label, "\"label\": \"" + std::string((1 << 20) + 1, 'x') + "\""),
      replaced(base, "\"lines\": [", "\"lines\": [2.5, "),
      replaced(base, "\"lines\": [", "\"lines\": [-0, "),
      replaced(base, "\"lines\": [", "\"lines\": [01, "),
      replaced(base, "\"lines\": [", "\"lines\": [[1], "),
      replaced(base, "\"relation\": ", "\"key\": 1.5, \"relation\": "),
      replaced(base, "\"relation\": ", "\"note\": null, \"relation\": "),
      replaced(base, "\"schema\": {", "\"schema\": {\"version\": 1, "),
      replaced(base, "\"schema\": {", "\"schema\": {\"x\": " + std::string(30, '[') + std::string(30, ']') + ", "),
      base + " {}",
      replaced(base, "\"links\": [", "\"edges\": [], \"links\": ["),
      std::string(base).insert(base.find("\"AWS Glue\"") + 4, 1, '\0'),
      base.substr(0, base.size() / 2),
      "",
      "[]",
  };
  for (std::size_t i = 0; i < odd.size(); ++i) {
    CAPTURE(i);
    CHECK_FALSE(mlkg::detail::node_link_files_quickly(odd[i]).has_value());
  }
  // The schema's own limit is the careful reading's two levels down: one level less still reads.
  check_same(
      replaced(base, "\"schema\": {", "\"schema\": {\"x\": " + std::string(29, '[') + std::string(29, ']') + ", "));
}

TEST_CASE("import quick reading: 4000 mutations of an export, and wherever it answers it agrees") {
  const std::string base = mini_export();
  const std::string alphabet = "{}[],:\"\\ \n0123456789-.eEtrufalsn/u\x01\xC3\xA9";
  std::mt19937 random(20261205);
  const auto below = [&](std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(random); };
  int answered = 0;
  for (int round = 0; round < 4000; ++round) {
    std::string text = base;
    for (std::size_t edits = 1 + below(3); edits > 0; --edits) {
      const std::size_t at = below(text.size());
      switch (below(4)) {
      case 0: text[at] = alphabet[below(alphabet.size())]; break;
      case 1: text.erase(at, 1 + below(8)); break;
      case 2: text.insert(at, 1, alphabet[below(alphabet.size())]); break;
      default: text.insert(at, text.substr(below(text.size()), below(24))); break;
      }
      if (text.empty()) text = "{";
    }
    CAPTURE(text);
    REQUIRE(agrees(text));
    answered += mlkg::detail::node_link_files_quickly(text).has_value();
  }
  // Most mutations break the file; many (a changed letter in a string) leave it plain.
  CHECK(answered > 400);
}
