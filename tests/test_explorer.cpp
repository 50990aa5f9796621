// The HTML explorer, used in headless Chromium by tests/js/explorer_check.cjs the way a reader would.
#include "mlkg/inspect.hpp"
#include "mlkg/load.hpp"
#include "mlkg/names.hpp"
#include "mlkg/query.hpp"
#include "mlkg/resolve.hpp"
#include "support.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

using namespace mlkg;
using json = nlohmann::json;

namespace {

std::filesystem::path output_dir() {
  const auto dir = std::filesystem::current_path() / "test-output";
  std::filesystem::create_directories(dir);
  return dir;
}

// Runs the browser check on `spec`; every check must pass.
void check_in_chromium(const json& spec, const test::TempDir& dir) {
  const auto spec_file = dir / "spec.json";
  test::write_file(spec_file, spec.dump(2));
  const auto r = test::run_shell("node " + (test::source_dir() / "tests/js/explorer_check.cjs").string() + " " +
                                 spec_file.string());
  INFO(r.out);
  CHECK(r.code == 0);
  CHECK(r.out.find("FAIL") == std::string::npos);
  CHECK(r.out.find("ok   no script from the graph ran") != std::string::npos);
}

std::vector<std::string> neighbour_ids(const Graph& graph, NodeIndex n) {
  std::vector<std::string> ids;
  for (const NodeEdge& e : describe(graph, n).edges) ids.push_back(graph.node(e.other).id);
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

// Every name of every node as a user might type it, and a few of nothing, with the nodes the CLI's
// resolver finds for each.
json resolutions(const Graph& graph) {
  const NameIndex names(graph);
  json out = json::object();
  auto add = [&](const std::string& name) {
    json ids = json::array();
    for (NodeIndex n : names.matches(name)) ids.push_back(graph.node(n).id);
    out[name] = ids;
  };
  for (NodeIndex n = 0; n < graph.node_count(); ++n) {
    const Node& node = graph.node(n);
    add(node.id);
    add(node.label);
    add("AWS " + node.label);
    add("amazon " + lowercase(node.label));
    for (const std::string& alias : node.aliases) add(alias);
    add(node.label + "s");
    std::string underscored = node.label;
    std::replace(underscored.begin(), underscored.end(), ' ', '_');
    add(underscored);
    const std::vector<std::string> words = name_words(node.label);
    if (words.size() > 1) {
      add(words[0]);
      add(words[0] + " " + words[1]);
    }
  }
  for (const char* nothing : {"athina", "", "aws", "kinesis data", "firehose!", "box plots", "labelling",
                              "RANDOM_CUT_FOREST", "random_cut_forest", "kinesis"})
    add(nothing);
  // Past ASCII: accents fold away, full-width letters are ASCII, symbols part words, other letters count.
  for (const char* spelled :
       {"Ath\u00e9na", "Athe\u0301na", "\uff21\uff34\uff28\uff25\uff2e\uff21", "\uff21WS Glue", "Glue\u2014Athena",
        "high availability \u22653 AZ", "Na\u00efve Bayes", "\u03a9\u039c\u0395\u0393\u0391", "\u30c7\u30fc\u30bf",
        "S3 \U0001F600", "Stra\u00dfe", "\u00c6sir"})
    add(spelled);
  return out;
}

// What the path form must say when `text`, typed into its `field` box ("start" or "end"), picks out
// no node or several: the CLI's words (src/core/resolve.cpp) for the CLI's answers, in the page's quotes,
// the candidates by id as the page holds its nodes (the CLI lists them in graph order, with labels).
std::string path_form_error(const Graph& graph, const std::string& field, const std::string& text) {
  if (normalize_name(text).empty())
    return field + ": \u201c" + text + "\u201d is not a node name: it has no letters or digits";
  const NameIndex names(graph);
  const std::vector<NodeIndex> found = names.matches(text);
  std::string message = field + ": \u201c" + text + "\u201d names ";
  if (found.size() > 1) {
    std::vector<std::string> ids;
    for (NodeIndex n : found) ids.push_back(graph.node(n).id);
    std::sort(ids.begin(), ids.end());
    const std::size_t more = ids.size() > 10 ? ids.size() - 10 : 0; // the first ten, as the CLI lists them
    ids.resize(ids.size() - more);
    return message + "several nodes: " + join(ids, ", ") + (more ? " and " + std::to_string(more) + " more" : "");
  }
  REQUIRE_MESSAGE(found.empty(), text << " names one node");
  message += "no node";
  const std::vector<std::string> near = names.suggestions(text);
  for (std::size_t i = 0; i < near.size(); ++i)
    message += (i == 0 ? " (did you mean " : i + 1 == near.size() ? " or " : ", ") + near[i];
  return near.empty() ? message : message + "?)";
}

} // namespace

TEST_CASE("the HTML explorer searches, shows a node, finds a path and filters, offline, in Chromium") {
  test::TempDir dir;
  const auto html = dir / "graph.html";
  const auto r = test::run_cli({"export", "--format", "html", "-o", html.string()});
  REQUIRE_MESSAGE(r.code == 0, r.err);

  // What the page must show, asked of mlkg itself.
  const Graph graph = load_default_graph().graph;
  const NodeIndex firehose = *graph.find("kinesis-data-firehose");
  PathQuery query;
  query.from = *graph.find("kinesis-data-streams");
  query.to = *graph.find("s3");
  std::vector<std::string> path;
  const PathResult shortest = find_paths(graph, query);
  for (NodeIndex n : shortest.paths.at(0).nodes) path.push_back(graph.node(n).id);
  ListFilter metrics;
  metrics.type = graph.schema().find_type("metric");
  // The legend's kinds of node: types, services by AWS category.
  std::set<std::string> kinds;
  for (NodeIndex n = 0; n < graph.node_count(); ++n) {
    const Category* category = graph.schema().find_category(graph.node(n).category);
    kinds.insert(category ? category->label + " " + graph.type_name(n) : graph.type_name(n));
  }

  // Names the path form cannot take: a typo, one that picks out several nodes, one written as markup, none.
  const std::string typo = path_form_error(graph, "start", "athina");
  CHECK(typo == "start: \u201cathina\u201d names no node (did you mean athena?)");
  CHECK(path_form_error(graph, "end", "tuning") ==
        "end: \u201ctuning\u201d names no node (did you mean bayesian-search, hyperparameter-tuning, warm-start, "
        "limit-parallel-tuning-jobs or transfer-learning?)");
  const std::string several = path_form_error(graph, "end", "kinesis data");
  CHECK(several.rfind("end: \u201ckinesis data\u201d names several nodes: ", 0) == 0);
  const std::string markup = "<img src=x onerror=alert(1)>";

  const json spec = {
      {"file", html.string()},
      {"nodes", graph.node_count()},
      {"legend", kinds.size()},
      {"legendShapes",
       {{"problem", "octagon polygon"}, {"concept", "ellipse ellipse"}, {"Analytics service", "rounded rect"}}},
      {"resolve", resolutions(graph)},
      {"search", {{"text", "firehose"}, {"first", graph.node(firehose).label}}},
      {"typo", {{"text", "athina"}, {"suggests", "Amazon Athena"}}},
      {"click",
       {{"id", "kinesis-data-firehose"},
        {"heading", graph.node(firehose).label},
        {"panel", {graph.node(firehose).summary, graph.node(firehose).facts.at(0), "fed-by", "notes line 42"}},
        {"neighbours", neighbour_ids(graph, firehose)},
        {"screenshot", (output_dir() / "explorer-node.png").string()}}},
      {"path", {{"from", "Kinesis Data Streams"}, {"to", "AWS S3"}, {"expect", path}}},
      {"screenshot", (output_dir() / "explorer-path.png").string()},
      {"pathErrors",
       {{{"from", "athina"}, {"to", "AWS S3"}, {"expect", typo}},
        {{"from", "AWS S3"},
         {"to", "kinesis data"},
         {"expect", several},
         {"screenshot", (output_dir() / "explorer-path-error.png").string()}},
        {{"from", markup}, {"to", "AWS S3"}, {"expect", path_form_error(graph, "start", markup)}},
        {{"from", "data"}, {"to", "AWS S3"}, {"expect", path_form_error(graph, "start", "data")}},
        {{"from", "AWS S3"}, {"to", "tuning"}, {"expect", path_form_error(graph, "end", "tuning")}},
        {{"from", "forest"}, {"to", "AWS S3"}, {"expect", path_form_error(graph, "start", "forest")}},
        {{"from", "AWS S3"}, {"to", ""}, {"expect", path_form_error(graph, "end", "")}},
        {{"from", "--"}, {"to", "AWS S3"}, {"expect", path_form_error(graph, "start", "--")}},
        {{"from", "Ath\u00e9ne"}, {"to", "AWS S3"}, {"expect", path_form_error(graph, "start", "Ath\u00e9ne")}},
        {{"from", "\u03a9\u039c\u0395\u0393\u0391"},
         {"to", "AWS S3"},
         {"expect", path_form_error(graph, "start", "\u03a9\u039c\u0395\u0393\u0391")}},
        {{"from", "\u2014"}, {"to", "AWS S3"}, {"expect", path_form_error(graph, "start", "\u2014")}}}},
      {"filter", {{"type", "metric"}, {"count", list_nodes(graph, metrics).size()}}},
  };
  check_in_chromium(spec, dir);
}

TEST_CASE("the HTML explorer shows hostile labels as text and runs none of them") {
  test::TempDir dir;
  const auto html = dir / "hostile.html";
  const auto graph_dir = test::source_dir() / "tests/data/hostile-explorer";
  const auto r = test::run_cli({"--graph", graph_dir.string(), "export", "--format", "html", "-o", html.string()});
  REQUIRE_MESSAGE(r.code == 0, r.err);
  const std::string text = test::read_file(html);
  CHECK(text.find("<img src=x") == std::string::npos);
  CHECK(text.find("<script>alert") == std::string::npos);

  const json spec = {
      {"file", html.string()},
      {"nodes", 3},
      {"legend", 3},
      {"hostile",
       {{"id", "hostile"},
        {"search", "img src"},
        {"label", "<img src=x onerror=alert(1)>"},
        {"screenshot", (output_dir() / "explorer-hostile.png").string()}}},
  };
  check_in_chromium(spec, dir);
}
