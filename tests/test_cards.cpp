#include "mlkg/cards.hpp"
#include "mlkg/export.hpp"
#include "mlkg/load.hpp"
#include "mlkg/query.hpp"
#include "support.hpp"

#include <algorithm>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <set>

using namespace mlkg;

namespace {

std::filesystem::path cards_dir() { return test::source_dir() / "tests/data/cards"; }

Graph load_dir(const std::filesystem::path& dir) { return load_graph(read_graph_dir(dir.string())).graph; }

const Card* find_card(const std::vector<Card>& cards, const std::string& question) {
  auto it = std::find_if(cards.begin(), cards.end(), [&](const Card& c) { return c.question == question; });
  return it == cards.end() ? nullptr : &*it;
}

std::vector<std::string> ids(const Graph& graph, const std::vector<NodeIndex>& nodes) {
  std::vector<std::string> out;
  for (NodeIndex n : nodes) out.push_back(graph.node(n).id);
  return out;
}

std::vector<std::string> split(const std::string& s, char by) {
  std::vector<std::string> parts(1);
  for (char c : s) {
    if (c == by) {
      parts.emplace_back();
    } else {
      parts.back() += c;
    }
  }
  return parts;
}

// The graph folder `from` written into `to` with each file's nodes and edges in reverse order and the
// files listed in reverse order: the same graph, every index different.
void write_reordered(const std::filesystem::path& from, const std::filesystem::path& to) {
  const std::set<std::filesystem::path> files(std::filesystem::directory_iterator(from), {});
  std::size_t rank = files.size();
  for (const std::filesystem::path& file : files) {
    nlohmann::ordered_json json = nlohmann::ordered_json::parse(test::read_file(file));
    for (const char* list : {"nodes", "edges"})
      if (json.contains(list)) std::reverse(json[list].begin(), json[list].end());
    const std::string name =
        file.filename() == "schema.json" ? "schema.json" : std::to_string(rank--) + "-" + file.filename().string();
    test::write_file(to / name, json.dump(2));
  }
}

// "" when the texts are equal, else their first differing lines (a whole export is too long to print).
std::string first_difference(const std::string& a, const std::string& b) {
  const std::vector<std::string> x = split(a, '\n');
  const std::vector<std::string> y = split(b, '\n');
  for (std::size_t i = 0; i < std::max(x.size(), y.size()); ++i) {
    const std::string left = i < x.size() ? x[i] : "(end)";
    const std::string right = i < y.size() ? y[i] : "(end)";
    if (left != right) return "line " + std::to_string(i + 1) + ":\n  " + left + "\n  " + right;
  }
  return "";
}

// GUID -> the whole row, for every card row of an Anki file.
std::map<std::string, std::string> anki_lines(const std::string& text) {
  std::map<std::string, std::string> rows;
  for (const std::string& line : split(text, '\n')) {
    if (line.empty() || line[0] == '#') continue;
    CHECK(rows.emplace(line.substr(0, line.find('\t')), line).second);
  }
  return rows;
}

// GUID -> front field of every card row of an Anki file.
std::map<std::string, std::string> anki_rows(const std::string& text) {
  std::map<std::string, std::string> rows;
  for (const std::string& line : split(text, '\n')) {
    if (line.empty() || line[0] == '#') continue;
    const std::vector<std::string> fields = split(line, '\t');
    REQUIRE_MESSAGE(fields.size() == 6, line);
    CHECK(rows.emplace(fields[0], fields[3]).second);
  }
  return rows;
}

} // namespace

TEST_CASE("cards read relations both ways, cite their lines and say how many answers they expect") {
  const Graph graph = load_dir(cards_dir());
  const std::vector<Card> cards = make_cards(graph);

  const Card* what = find_card(cards, "Which technique mitigates Overfitting? (name 2)");
  REQUIRE(what);
  CHECK(ids(graph, what->answers) == std::vector<std::string>{"dropout", "early-stopping"});
  CHECK(what->expected() == 2);
  CHECK(format_lines(what->source) == "188, 190");
  CHECK(what->notes == std::vector<std::string>{"Early stopping: stop before it memorises"});
  CHECK(what->relation == "mitigates");
  CHECK(graph.node(what->subject).id == "overfitting");

  const Card* cloze = find_card(cards, "Dropout mitigates ___");
  REQUIRE(cloze);
  CHECK(ids(graph, cloze->answers) == std::vector<std::string>{"overfitting"});
  CHECK(find_card(cards, "Dropout is a kind of ___"));
  CHECK(find_card(cards, "Which technique is a kind of Regularization?"));

  const Card* alt = find_card(
      cards, "Which service is an alternative to Amazon Kinesis Data Streams for loading data into Amazon S3?");
  REQUIRE(alt);
  CHECK(ids(graph, alt->answers) == std::vector<std::string>{"kinesis-data-firehose"});
  CHECK(format_lines(alt->source) == "42, 66");
  // A symmetric relation gives one card per end, never a second card for its other reading.
  CHECK(find_card(cards, "Which service is an alternative to Amazon Kinesis Data Firehose?"));
  CHECK(find_card(cards, "Which service is an alternative to Amazon Kinesis Data Streams?"));

  const Card* contrast = find_card(cards, "How does Amazon Athena differ from Amazon Redshift?");
  REQUIRE(contrast);
  CHECK(contrast->kind == CardKind::contrast);
  CHECK(contrast->answers.empty());
  CHECK(contrast->answer_text.find("Athena: SQL on S3 in place; Redshift: a warehouse you load") == 0);
  CHECK(format_lines(contrast->source) == "81, 87");

  std::set<std::string> identities, questions;
  for (const Card& c : cards) {
    CAPTURE(c.question);
    CHECK(identities.insert(c.identity).second);
    CHECK(questions.insert(c.question).second);
    CHECK(!c.source.empty());
    if (c.expected() > 1) CHECK(c.question.find("(name " + std::to_string(c.expected()) + ")") != std::string::npos);
  }
}

TEST_CASE("fact cards hide the node's own names, and merge facts that ask the same") {
  const Graph graph = load_dir(cards_dir());
  const std::vector<Card> cards = make_cards(graph);
  const Card* renamed =
      find_card(cards, "Which service is this? \"Renamed Amazon Data ___ in 2024; the notes say ___.\"");
  REQUIRE(renamed);
  CHECK(ids(graph, renamed->answers) == std::vector<std::string>{"kinesis-data-firehose"});
  CHECK(format_lines(renamed->source) == "42, 66");

  // The same words on two nodes: one card, both answers.
  const Card* same = find_card(cards, "Which service is this? \"No servers to manage.\" (name 2)");
  REQUIRE(same);
  CHECK(ids(graph, same->answers) == std::vector<std::string>{"kinesis-data-firehose", "s3"});
  // Different facts that read the same once the names are hidden are ambiguous: merged too.
  const Card* ambiguous = find_card(cards, "Which service is this? \"___ is serverless.\" (name 2)");
  REQUIRE(ambiguous);
  CHECK(ids(graph, ambiguous->answers) == std::vector<std::string>{"kinesis-data-firehose", "kinesis-data-streams"});
  CHECK(std::count_if(cards.begin(), cards.end(),
                      [](const Card& c) { return c.question.find("is serverless") != std::string::npos; }) == 1);
}

TEST_CASE("cards come out in the same order every time, filtered by section, type and kind") {
  const Graph graph = load_dir(cards_dir());
  const std::vector<Card> a = make_cards(graph);
  const std::vector<Card> b = make_cards(load_dir(cards_dir()));
  REQUIRE(a.size() == b.size());
  for (std::size_t i = 0; i < a.size(); ++i) CHECK(a[i].identity == b[i].identity);
  CHECK(graph.node(a.front().subject).section == "Data Engineering"); // sections in order

  CardFilter filter;
  filter.section = "modelling";
  filter.kind = CardKind::relation;
  filter.type = graph.schema().find_type("problem");
  const std::vector<Card> some = filter_cards(graph, a, filter);
  REQUIRE(some.size() == 1);
  CHECK(some.front().question == "Which technique mitigates Overfitting? (name 2)");
  CHECK_THROWS_AS(card_kind_from("facts"), Error);
}

TEST_CASE("the shipped graph's cards answer the exam's questions") {
  const Graph graph = load_default_graph().graph;
  const std::vector<Card> cards = make_cards(graph);
  const NodeIndex overfitting = *graph.find("overfitting");
  auto it = std::find_if(cards.begin(), cards.end(),
                         [&](const Card& c) { return c.identity == "relation:in:mitigates:overfitting"; });
  REQUIRE(it != cards.end());
  RelatedQuery query;
  query.node = overfitting;
  query.relations = {{*graph.schema().find_relation("mitigates"), false}};
  query.direction = Direction::in;
  const RelatedResult what = find_related(graph, query);
  CHECK(it->expected() == what.related.size());
  CHECK(it->question == "What mitigates Overfitting? (name " + std::to_string(what.related.size()) + ")");
  CHECK(find_card(cards, "Which service is an alternative to Amazon Kinesis Data Streams for loading data into "
                         "Amazon S3?"));
  std::set<std::string> questions;
  for (const Card& c : cards) CHECK_MESSAGE(questions.insert(c.question).second, c.question);
}

TEST_CASE("anki export: headers, one escaped row per card, GUIDs that survive graph edits") {
  test::TempDir dir;
  for (const auto& entry : std::filesystem::directory_iterator(cards_dir())) {
    std::filesystem::copy_file(entry.path(), dir / entry.path().filename().string());
  }
  const Graph before_graph = load_dir(dir.path());
  const std::vector<Card> before_cards = make_cards(before_graph);
  const std::string before = anki_text(before_graph, before_cards);
  CHECK(before.rfind("#separator:tab\n#html:true\n#guid column:1\n#notetype column:2\n#deck column:3\n"
                     "#tags column:6\n",
                     0) == 0);
  CHECK(anki_text(before_graph, make_cards(load_dir(dir.path()))) == before);
  const std::map<std::string, std::string> old_rows = anki_rows(before);
  CHECK(old_rows.size() == before_cards.size());

  // An unrelated node and a new answer to an old question, added before the old ones.
  std::string modelling = test::read_file(dir / "modelling.json");
  modelling.replace(
      modelling.find("\"nodes\": [") + 10, 0,
      R"({ "id": "weight-decay", "label": "Weight decay", "type": "technique", "summary": "L2.", "source": [192] },)"
      R"({ "id": "batch-size", "label": "Batch size", "type": "concept", "summary": "Rows per step.", "source": [240] },)");
  modelling.replace(modelling.find("\"edges\": [") + 10, 0,
                    R"({ "from": "weight-decay", "rel": "mitigates", "to": "overfitting", "source": [192] },)"
                    R"({ "from": "batch-size", "rel": "causes", "to": "overfitting", "source": [240] },)");
  test::write_file(dir / "modelling.json", modelling);
  const Graph after_graph = load_dir(dir.path());
  const std::vector<Card> after_cards = make_cards(after_graph);
  const std::map<std::string, std::string> new_rows = anki_rows(anki_text(after_graph, after_cards));
  CHECK(new_rows.size() > old_rows.size());

  std::size_t kept = 0;
  for (const Card& card : before_cards) {
    CAPTURE(card.question);
    auto it = new_rows.find(card_guid(card));
    REQUIRE(it != new_rows.end()); // every old card is still there under its old GUID
    ++kept;
  }
  CHECK(kept == before_cards.size());
  // The question that gained an answer kept its GUID and changed its text: Anki updates it in place.
  const Card* what = find_card(before_cards, "Which technique mitigates Overfitting? (name 2)");
  REQUIRE(what);
  CHECK(new_rows.at(card_guid(*what)) == "Which technique mitigates Overfitting? (name 3)");
}

// (The loader refuses tabs and other control characters in names and sections; prose may hold tab and newline.)
TEST_CASE("anki fields are escaped for HTML and tabs") {
  test::TempDir dir;
  std::filesystem::copy_file(cards_dir() / "schema.json", dir / "schema.json");
  test::write_file(dir / "hostile.json", R"({"section": "Sec tion <b>",
    "nodes": [
      {"id": "bad", "label": "<img src=x onerror=alert(1)> \"quoted\" and tabbed", "type": "problem",
       "summary": "s", "source": [1], "facts": ["Line one\nline two & <script>x</script>"]},
      {"id": "fix", "label": "Fix", "type": "technique", "summary": "s", "source": [2]}],
    "edges": [{"from": "fix", "rel": "mitigates", "to": "bad", "source": [2], "note": "a\ttab"}]})");
  const Graph graph = load_dir(dir.path());
  const std::string text = anki_text(graph, make_cards(graph));
  CHECK(text.find("<img") == std::string::npos);
  CHECK(text.find("<script") == std::string::npos);
  CHECK(text.find("&lt;img src=x onerror=alert(1)&gt; &quot;quoted&quot; and tabbed") != std::string::npos);
  CHECK(text.find("Line one<br>line two &amp; &lt;script&gt;") != std::string::npos);
  CHECK(text.find("<i>a&#9;tab</i>") != std::string::npos); // a tab in prose never splits a row
  CHECK(anki_rows(text).size() == make_cards(graph).size());
  for (const std::string& line : split(text, '\n')) {
    if (line.empty() || line[0] == '#') continue;
    const std::vector<std::string> fields = split(line, '\t');
    CHECK(fields[2] == "mlkg::Sec tion <b>");
    CHECK(fields[5].find("section::Sec_tion__b_") != std::string::npos);
  }
}

TEST_CASE("shuffled_order is a fixed permutation for a seed") {
  const std::vector<std::size_t> a = shuffled_order(10, 42);
  CHECK(a == shuffled_order(10, 42));
  CHECK(a != shuffled_order(10, 43));
  std::vector<std::size_t> sorted = a;
  std::sort(sorted.begin(), sorted.end());
  for (std::size_t i = 0; i < sorted.size(); ++i) CHECK(sorted[i] == i);
  // Pinned so that a change of engine or draw (which would change every user's --seed) is noticed.
  CHECK(a == std::vector<std::size_t>{1, 3, 9, 7, 6, 0, 8, 4, 5, 2});
  CHECK(shuffled_order(0, 1).empty());
  CHECK(shuffled_order(1, 1) == std::vector<std::size_t>{0});
}

TEST_CASE("the cards of a slice are the whole graph's cards about its nodes") {
  const Graph graph = load_dir(cards_dir());
  const NodeIndex dropout = *graph.find("dropout");
  const NodeIndex firehose = *graph.find("kinesis-data-firehose");
  std::vector<std::string> questions;
  for (const Card& c : make_cards(graph, {dropout, firehose})) questions.push_back(c.question);
  std::sort(questions.begin(), questions.end());
  // Answers from outside the slice count (S3 shares a fact with Firehose), and Firehose, the first of the
  // two by id, is what the shared facts are about.
  CHECK(questions == std::vector<std::string>{
                         "Amazon Kinesis Data Firehose feeds ___",
                         "Dropout is a kind of ___",
                         "Dropout mitigates ___",
                         "Which service is an alternative to Amazon Kinesis Data Firehose?",
                         "Which service is this? \"No servers to manage.\" (name 2)",
                         "Which service is this? \"Renamed Amazon Data ___ in 2024; the notes say ___.\"",
                         "Which service is this? \"___ is serverless.\" (name 2)",
                     });
}

TEST_CASE("a slice's cards are written as the whole export writes them, so a GUID always carries one card") {
  const Graph graph = load_default_graph().graph;
  const std::vector<Card> all = make_cards(graph);
  const auto about = [&](const std::vector<NodeIndex>& nodes) {
    std::vector<char> in(graph.node_count(), 0);
    for (NodeIndex n : nodes) in[n] = 1;
    std::vector<Card> cards;
    for (const Card& c : all)
      if (in[c.subject]) cards.push_back(c);
    return cards;
  };
  std::mt19937 random(7);
  for (int round = 0; round < 20; ++round) {
    std::vector<NodeIndex> nodes;
    for (NodeIndex n = 0; n < graph.node_count(); ++n)
      if (random() % 8 == 0) nodes.push_back(n);
    CAPTURE(round);
    CHECK(first_difference(anki_text(graph, make_cards(graph, nodes)), anki_text(graph, about(nodes))) == "");
  }

  // Through the CLI: every slice's row is the whole export's row of that GUID, and every card about a node
  // of the slice is there.
  const std::map<std::string, std::string> whole = anki_lines(test::run_cli({"export", "--format", "anki"}).out);
  REQUIRE(whole.size() == all.size());
  const std::vector<std::vector<std::string>> slices = {
      {"--section", "Modelling"},
      {"--type", "algorithm"},
      {"--section", "data engineering", "--type", "service,feature"},
      {"--", "pipeline", "glue", "athena", "quicksight"},
      {"--", "neighbours", "overfitting"},
  };
  for (const std::vector<std::string>& slice : slices) {
    CAPTURE(slice);
    const auto exported = [&](const char* format) {
      std::vector<std::string> args = {"export", "--format", format};
      args.insert(args.end(), slice.begin(), slice.end());
      const auto r = test::run_cli(args);
      REQUIRE_MESSAGE(r.code == 0, r.err);
      return r.out;
    };
    std::vector<NodeIndex> nodes;
    const nlohmann::json json = nlohmann::json::parse(exported("json"));
    for (const auto& node : json["nodes"]) nodes.push_back(*graph.find(node["id"].get<std::string>()));
    const std::map<std::string, std::string> rows = anki_lines(exported("anki"));
    CHECK(rows.size() == about(nodes).size());
    for (const auto& [guid, row] : rows) CHECK(whole.at(guid) == row);
  }
  const std::string built_in =
      anki_lines(test::run_cli({"export", "--format", "anki", "--section", "Modelling"}).out).at("86fe746926a0f6a8");
  CHECK(built_in.find("Which algorithm is a kind of Built-in SageMaker algorithm? (name 9)") != std::string::npos);
}

TEST_CASE("mlkg export --format anki writes the slice's cards, each under the GUID it has in the whole graph") {
  test::TempDir dir;
  const std::string graph_dir = cards_dir().string();
  const auto whole =
      test::run_cli({"--graph", graph_dir, "export", "--format", "anki", "-o", (dir / "all.txt").string()});
  REQUIRE_MESSAGE(whole.code == 0, whole.err);
  const auto part = test::run_cli({"--graph", graph_dir, "export", "--format", "anki", "--section", "modelling", "-o",
                                   (dir / "part.txt").string()});
  REQUIRE_MESSAGE(part.code == 0, part.err);
  const std::map<std::string, std::string> all = anki_lines(test::read_file(dir / "all.txt"));
  const std::map<std::string, std::string> some = anki_lines(test::read_file(dir / "part.txt"));
  CHECK(all.size() == make_cards(load_dir(cards_dir())).size());
  std::vector<std::string> fronts;
  for (const auto& [guid, row] : some) {
    CHECK(all.at(guid) == row);
    fronts.push_back(split(row, '\t')[3]);
  }
  std::sort(fronts.begin(), fronts.end());
  CHECK(fronts == std::vector<std::string>{"Dropout is a kind of ___", "Dropout mitigates ___",
                                           "Early stopping mitigates ___",
                                           "Which technique is a kind of Regularization?",
                                           "Which technique mitigates Overfitting? (name 2)"});
  CHECK(test::read_file(dir / "part.txt").rfind("#separator:tab\n", 0) == 0);
}

TEST_CASE("an alternative that feeds more than eight places gets no 'for loading data into' cards") {
  // Otherwise a hub with thousands of alternatives and of targets makes their product of cards.
  const auto graph_with_targets = [](int targets) {
    std::string nodes = R"({ "id": "a", "label": "A", "type": "service", "source": [1] },
                           { "id": "b", "label": "B", "type": "service", "source": [2] })";
    std::string edges = R"({ "from": "a", "rel": "alternative-to", "to": "b", "source": [3] })";
    for (int i = 0; i < targets; ++i) {
      const std::string t = "t" + std::to_string(i);
      nodes +=
          R"(, { "id": ")" + t + R"(", "label": "T)" + std::to_string(i) + R"(", "type": "service", "source": [4] })";
      edges += R"(, { "from": "b", "rel": "feeds", "to": ")" + t + R"(", "source": [5] })";
    }
    const std::vector<SourceText> files = {
        {"schema.json", test::read_file(cards_dir() / "schema.json")},
        {"graph.json", R"({ "nodes": [)" + nodes + R"(], "edges": [)" + edges + "] }"}};
    return load_graph(files).graph;
  };
  const auto loading_cards = [](const Graph& graph) {
    std::size_t n = 0;
    for (const Card& c : make_cards(graph)) n += c.question.find("for loading data into") != std::string::npos;
    return n;
  };
  CHECK(loading_cards(graph_with_targets(8)) == 8);
  CHECK(loading_cards(graph_with_targets(9)) == 0);
  const Graph broad = graph_with_targets(9);
  const std::vector<Card> cards = make_cards(broad);
  CHECK(find_card(cards, "Which service is an alternative to A?"));
}

TEST_CASE("anki export is the same whatever order the graph's files list their nodes and edges in") {
  test::TempDir tricky;
  std::filesystem::copy_file(cards_dir() / "schema.json", tricky / "schema.json");
  // Several notes on one card; facts with the same words in other letters and stops; a fact two nodes share
  // that names both, their names overlapping.
  test::write_file(tricky / "graph.json", R"({"section": "Modelling",
    "nodes": [
      {"id": "overfitting", "label": "Overfitting", "type": "problem", "summary": "s", "source": [1]},
      {"id": "overfit", "label": "Overfit model", "type": "problem", "summary": "s", "source": [2]},
      {"id": "streams", "label": "Kinesis Data Streams", "type": "service", "summary": "s", "source": [6],
       "facts": ["Kinesis Data Streams Hub is one."]},
      {"id": "hub", "label": "Data Streams Hub", "type": "service", "summary": "s", "source": [7],
       "facts": ["Kinesis Data Streams Hub is one."]},
      {"id": "dropout", "label": "Dropout", "type": "technique", "summary": "s", "source": [3],
       "facts": ["Turns units off at random."]},
      {"id": "early-stopping", "label": "Early stopping", "type": "technique", "summary": "s", "source": [4],
       "facts": ["turns units off, at random"]},
      {"id": "weight-decay", "label": "Weight decay", "type": "technique", "summary": "s", "source": [5]}],
    "edges": [
      {"from": "weight-decay", "rel": "mitigates", "to": "overfitting", "source": [5], "note": "an L2 penalty"},
      {"from": "dropout", "rel": "mitigates", "to": "overfitting", "source": [3], "note": "while training"},
      {"from": "early-stopping", "rel": "mitigates", "to": "overfit", "source": [4], "note": "stop early"},
      {"from": "dropout", "rel": "mitigates", "to": "overfit", "source": [3], "note": "at random"}]})");
  for (const std::filesystem::path& dir :
       {test::source_dir() / "graph", cards_dir(), test::source_dir() / "tests/data/export-hostile", tricky.path()}) {
    CAPTURE(dir);
    test::TempDir reordered;
    write_reordered(dir, reordered.path());
    const Graph a = load_dir(dir);
    const Graph b = load_dir(reordered.path());
    CHECK(first_difference(anki_text(a, make_cards(a)), anki_text(b, make_cards(b))) == "");
    CHECK(first_difference(export_anki(a, whole_graph(a)), export_anki(b, whole_graph(b))) == "");
  }
}

TEST_CASE("a card's notes follow its answers, which are sorted by label") {
  const Graph graph = load_default_graph().graph;
  std::size_t checked = 0;
  for (const Card& card : make_cards(graph)) {
    if (card.answers.size() < 2 || card.notes.size() < 2) continue;
    CAPTURE(card.question);
    // Each note starts "<its answer's label>: "; the answers' labels, longest that fits, say whose it is.
    std::size_t at = 0;
    for (const std::string& note : card.notes) {
      std::size_t whose = card.answers.size(), fit = 0;
      for (std::size_t i = 0; i < card.answers.size(); ++i) {
        const std::string prefix = graph.node(card.answers[i]).label + ": ";
        if (note.rfind(prefix, 0) == 0 && prefix.size() > fit) {
          whose = i;
          fit = prefix.size();
        }
      }
      REQUIRE_MESSAGE(whose < card.answers.size(), note);
      CHECK_MESSAGE(whose >= at, note);
      at = whose;
    }
    ++checked;
  }
  CHECK(checked > 10);
}
