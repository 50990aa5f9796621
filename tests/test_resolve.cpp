#include "mlkg/load.hpp"
#include "mlkg/names.hpp"
#include "mlkg/resolve.hpp"
#include "support.hpp"

#include <algorithm>
#include <map>
#include <set>

using namespace mlkg;

namespace {
const Graph& mini() {
  static const LoadResult loaded = load_graph(read_graph_dir((test::source_dir() / "tests/data/mini").string()));
  return loaded.graph;
}
std::string resolved_id(const std::string& name) {
  const NameIndex names(mini());
  return mini().node(names.resolve(name)).id;
}

// A graph of bare nodes (id, label, aliases), built directly so that it may hold what the loader
// rejects (two nodes with one normalised name).
struct Named {
  const char* id;
  const char* label;
  std::vector<std::string> aliases;
};
Graph graph_of(const std::vector<Named>& nodes) {
  Schema schema;
  schema.node_types = {{"concept", ""}};
  Graph g(schema);
  for (const Named& n : nodes) g.add_node({n.id, n.label, 0, {}, n.aliases, {}, {}, {}, {}});
  return g;
}
std::string id_for(const Graph& g, const std::string& name) { return g.node(NameIndex(g).resolve(name)).id; }

// The message of the error resolving `name` throws, or "" when it resolves.
std::string failure(const Graph& g, const std::string& name, ErrorKind kind) {
  try {
    NameIndex(g).resolve(name);
  } catch (const Error& e) {
    CHECK(e.kind() == kind);
    return e.what();
  }
  return "";
}
} // namespace

TEST_CASE("names resolve by id, label or alias, ignoring case, punctuation and Amazon/AWS") {
  CHECK(resolved_id("glue") == "glue");
  CHECK(resolved_id("AWS Glue") == "glue");
  CHECK(resolved_id("aws-glue") == "glue");
  CHECK(resolved_id("GLUE") == "glue");
  CHECK(resolved_id("Glue ETL") == "glue");
  CHECK(resolved_id("amazon glue etl") == "glue");
  CHECK(resolved_id("glue crawler") == "glue-crawler");
  CHECK(resolved_id("Simple-Storage Service") == "s3");
  CHECK(resolved_id("Amazon S3") == "s3");
}

TEST_CASE("an unknown name suggests the three closest nodes") {
  const NameIndex names(mini());
  try {
    names.resolve("athina");
    FAIL("expected an error");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::unknown_name);
    CHECK(std::string(e.what()) == "'athina' names no node (did you mean 'athena'?)");
  }
  CHECK(names.closest("glu") == std::vector<std::string>{"glue", "glue-crawler"});
}

TEST_CASE("a word of several names suggests the nodes whose names hold it, fewest other words first, at most 5") {
  const Graph g = graph_of({{"hyperparameter-tuning", "Hyperparameter tuning", {"Automatic model tuning"}},
                            {"fine-tuning", "Fine-tuning", {}},
                            {"b-tuning", "B tuning", {}},
                            {"a-tuning", "A tuning", {}}, // as long as "b tuning": by id
                            {"warm-start", "Warm start", {"warm start tuning"}},
                            {"fork-maker", "Maker of tuning forks", {}}, // three other words: sixth
                            {"retuning", "Retuning", {}}});              // not the word
  const NameIndex names(g);
  CHECK(names.containing("tuning") ==
        std::vector<std::string>{"a-tuning", "b-tuning", "fine-tuning", "hyperparameter-tuning", "warm-start"});
  CHECK(failure(g, "Tunings", ErrorKind::unknown_name) ==
        "'Tunings' names no node (did you mean 'a-tuning', 'b-tuning', 'fine-tuning', 'hyperparameter-tuning' or "
        "'warm-start'?)");
  CHECK(names.containing("model tuning") == std::vector<std::string>{"hyperparameter-tuning"});
  CHECK(names.containing("tuning model").empty()); // the words in a row, in order
  CHECK(names.containing("tun").empty());          // whole words only
}

TEST_CASE("names holding the word come before names a few edits away, each node once") {
  const Graph g = graph_of({{"forecast", "Forecast", {}},
                            {"forestx", "Forestx", {"Old growth forest"}}, // holds the word and is near
                            {"random-forest", "Random forest", {}}});
  const NameIndex names(g);
  CHECK(names.closest("forest") == std::vector<std::string>{"forestx", "forecast"});
  CHECK(names.suggestions("forest") == std::vector<std::string>{"random-forest", "forestx", "forecast"});
}

TEST_CASE("an ambiguous name lists its candidates") {
  const Graph g = graph_of({{"sagemaker-neo", "Neo", {}}, {"neo-db", "NEO", {}}});
  CHECK(failure(g, "neo", ErrorKind::ambiguous_name) ==
        "'neo' names several nodes: sagemaker-neo (Neo), neo-db (NEO) (use one of the ids)");
  CHECK(id_for(g, "neo-db") == "neo-db"); // an exact id always wins
}

TEST_CASE("a name written exactly as a label or alias wins over another node's normalised match") {
  const Graph g = graph_of({{"sagemaker-neo", "Neo", {}}, {"neo-db", "NEO", {}}});
  CHECK(id_for(g, "NEO") == "neo-db");
  CHECK(id_for(g, "Neo") == "sagemaker-neo");

  // Plural and singular differ in normalised form, so each is exact for its own node.
  const Graph plots = graph_of({{"box-plot", "Box plot", {}}, {"box-plot-gallery", "Box plots", {}}});
  CHECK(id_for(plots, "Box plots") == "box-plot-gallery");
  CHECK(id_for(plots, "box plots") == "box-plot-gallery"); // normalised beats loose
  CHECK(id_for(plots, "box plot") == "box-plot");
  CHECK(failure(plots, "Box-plotS!", ErrorKind::ambiguous_name).empty()); // normalised "boxplots": one node
}

TEST_CASE("a code name with underscores picks the node that writes it so, ahead of the prose name") {
  const Graph g = graph_of({{"random-cut-forest", "Random Cut Forest", {"RCF"}},
                            {"kda-rcf-function", "RANDOM_CUT_FOREST SQL function", {"RANDOM_CUT_FOREST"}},
                            {"kinesis-data-firehose", "Kinesis Data Firehose", {}}});
  CHECK(id_for(g, "RANDOM_CUT_FOREST") == "kda-rcf-function");
  CHECK(id_for(g, "random_cut_forest") == "kda-rcf-function");
  CHECK(id_for(g, "random cut forest") == "random-cut-forest");
  CHECK(id_for(g, "Random-Cut-Forest") == "random-cut-forest");
  // With no node written with underscores, they read as spaces.
  CHECK(id_for(g, "kinesis_data_firehose") == "kinesis-data-firehose");
}

TEST_CASE("plural and singular forms, British and US spellings resolve alike") {
  const Graph g = graph_of({{"box-and-whisker-plot", "Box and whisker plot", {"box plot"}},
                            {"feature-scaling", "Feature scaling", {"scalers"}},
                            {"labeling-workforce", "Labeling workforce", {}},
                            {"knn", "k-nearest neighbours", {"KNN"}}});
  CHECK(id_for(g, "box plots") == "box-and-whisker-plot");
  CHECK(id_for(g, "Box and whisker plots") == "box-and-whisker-plot");
  CHECK(id_for(g, "scaler") == "feature-scaling");
  CHECK(id_for(g, "Scalers") == "feature-scaling");
  CHECK(id_for(g, "labelling workforces") == "labeling-workforce");
  CHECK(id_for(g, "k-nearest neighbor") == "knn");
}

TEST_CASE("the leading words of a name pick out its node, or list the candidates") {
  const Graph g = graph_of({{"mode-imputation", "Mode imputation of missing values", {}},
                            {"mean-imputation", "Mean imputation of missing values", {}},
                            {"private-workforce", "Private labelling workforce", {"private workforce team"}},
                            {"kinesis-data-streams", "Amazon Kinesis Data Streams", {}},
                            {"kinesis-data-firehose", "Amazon Kinesis Data Firehose", {"Kinesis Firehose"}},
                            {"kinesis", "Kinesis family", {}}});
  CHECK(id_for(g, "mode imputation") == "mode-imputation");
  CHECK(id_for(g, "Mode") == "mode-imputation");
  CHECK(id_for(g, "private workforce") == "private-workforce"); // the leading words of an alias
  CHECK(id_for(g, "private labelling") == "private-workforce");
  CHECK(id_for(g, "Kinesis Data Stream") == "kinesis-data-streams"); // singular, and the Amazon prefix dropped
  CHECK(id_for(g, "kinesis") == "kinesis"); // a whole name wins over the leading words of others
  CHECK(failure(g, "kinesis data", ErrorKind::ambiguous_name) ==
        "'kinesis data' names several nodes: kinesis-data-streams (Amazon Kinesis Data Streams), "
        "kinesis-data-firehose (Amazon Kinesis Data Firehose) (use one of the ids)");
  // Leading words are whole words, and in order.
  CHECK(failure(g, "imputation", ErrorKind::unknown_name).rfind("'imputation' names no node", 0) == 0);
  CHECK(failure(g, "mod imputation", ErrorKind::unknown_name) ==
        "'mod imputation' names no node (did you mean 'mode-imputation' or 'mean-imputation'?)");
}

TEST_CASE("a long list of candidates is cut at ten") {
  std::vector<Named> nodes;
  std::vector<std::string> ids;
  for (int i = 0; i < 12; ++i) ids.push_back("data-thing-" + std::to_string(i));
  for (const std::string& id : ids) nodes.push_back({id.c_str(), id.c_str(), {}});
  const std::string message = failure(graph_of(nodes), "data", ErrorKind::ambiguous_name);
  CHECK(message.find("data-thing-9 (data-thing-9) and 2 more (use one of the ids)") != std::string::npos);
  CHECK(message.find("data-thing-10") == std::string::npos);
}

TEST_CASE("clashes: nodes that share a name once normalised are reported") {
  const Graph g = graph_of({{"sagemaker-neo", "Neo", {}},
                            {"neo-db", "NEO", {}},
                            {"box-plot", "Box plot", {}},
                            {"box-plot-gallery", "Gallery", {"Box plots"}},
                            {"glue", "AWS Glue", {"Glue ETL"}}});
  const std::vector<Diagnostic> clashes = NameIndex(g).clashes();
  REQUIRE(clashes.size() == 2);
  CHECK(clashes[0].message == "'Box plot' (node box-plot) and 'Box plots' (node box-plot-gallery) normalise to the "
                              "same name 'boxplot'");
  CHECK(clashes[1].message == "'Neo' (node sagemaker-neo) and 'NEO' (node neo-db) normalise to the "
                              "same name 'neo'");
  CHECK(clashes[1].suggestion == "names must pick out one node; drop or reword one of them");
  CHECK(NameIndex(mini()).clashes().empty());

  // Each is placed at the name of its last node: an alias, a label.
  std::vector<std::string> asked;
  const auto placed = NameIndex(g).clashes([&](NodeIndex n, const std::string& member) {
    asked.push_back(g.node(n).id + " " + member);
    Location at;
    at.file = "f.json";
    at.pointer = member;
    return at;
  });
  CHECK(asked == std::vector<std::string>{"box-plot-gallery aliases/0", "neo-db label"});
  REQUIRE(placed.size() == 2);
  CHECK(placed[0].where.file == "f.json");
  CHECK(placed[0].where.pointer == "aliases/0");
}

TEST_CASE("relations and types resolve with suggestions") {
  const Schema& schema = mini().schema();
  bool inverse = false;
  CHECK(schema.relations[resolve_relation(schema, "mitigated-by", inverse)].name == "mitigates");
  CHECK(inverse);
  CHECK_THROWS_WITH(resolve_relation(schema, "feed", inverse), "'feed' is not a relation (did you mean 'feeds'?)");
  CHECK_THROWS_WITH(resolve_type(schema, "servise"), "'servise' is not a node type (did you mean 'service'?)");
}

namespace {
// Each typed name's matches from an index whose first look-up it is (a pass over the names) and from one
// already built. Each node's label and aliases, as written and as normalising reads them alike: the names a
// pass answers (a typed name it cannot answer builds that index, which is slow under the sanitizers).
void check_passes_agree(const Graph& graph, std::vector<std::string> typed) {
  const NameIndex built(graph);
  CHECK(built.matches("no such name at all").empty()); // a failed look-up builds the index
  for (NodeIndex n = 0; n < graph.node_count(); ++n) {
    const Node& node = graph.node(n);
    std::vector<std::string> names{node.label};
    names.insert(names.end(), node.aliases.begin(), node.aliases.end());
    for (const std::string& name : names) typed.insert(typed.end(), {name, "AWS " + lowercase(name)});
  }
  for (const std::string& name : typed) {
    CAPTURE(name);
    const NameIndex fresh(graph);
    CHECK(fresh.matches(name) == built.matches(name));
  }
}
} // namespace

TEST_CASE("the first look-ups, answered by a pass over the names, agree with the built index") {
  const LoadResult loaded = load_default_graph();
  check_passes_agree(loaded.graph,
                     {"", "???", "Amazon", "kinesis_data_firehose", "box plot", "private workforce", "Glue"});
  // Names that clash once normalised: written exactly, a name picks out its own node only.
  check_passes_agree(graph_of({{"lake-one", "data lake", {}},
                               {"lake-two", "Data Lake", {"DATA-LAKE"}},
                               {"lake-three", "Data_Lake", {}},
                               {"lakes", "Data lakes", {"data_lake"}}}),
                     {"Data Lake", "data lake", "DATA-LAKE", "data  lake", "Data_Lake", "data_lake", "lake"});
}

namespace {
// A name's forms as the rules read them.
struct Forms {
  std::string written, key, loose, spaced;
  NodeIndex node;
  bool is_id;
};

// The rules of NameIndex (resolve.hpp) read straight from their statement, over every name: the nodes the first
// rule that picks any picks.
std::vector<NodeIndex> by_the_rules(const Graph& g, const std::vector<Forms>& names, const std::string& typed) {
  if (auto id = g.find(typed)) return {*id};
  std::set<NodeIndex> found;
  const auto pick = [&](auto picks) {
    for (const Forms& f : names)
      if (picks(f)) found.insert(f.node);
    return !found.empty();
  };
  if (pick([&](const Forms& f) { return !f.is_id && f.written == typed; })) return {found.begin(), found.end()};
  std::vector<std::string> forms{typed};
  if (typed.find('_') != std::string::npos) {
    forms.push_back(typed);
    std::replace(forms.back().begin(), forms.back().end(), '_', ' ');
  }
  for (const std::string& form : forms) {
    const std::string key = normalize_name(form), loose = loose_name(form);
    if (pick([&](const Forms& f) { return f.key == key; })) return {found.begin(), found.end()};
    if (pick([&](const Forms& f) { return f.loose == loose; })) return {found.begin(), found.end()};
  }
  for (const std::string& form : forms) {
    std::string leading;
    loose_words_into(form, leading);
    if (leading.empty()) continue;
    leading += ' ';
    if (pick([&](const Forms& f) { return f.spaced.compare(0, leading.size(), leading) == 0; }))
      return {found.begin(), found.end()};
  }
  return {};
}
} // namespace

TEST_CASE("on a graph of many clashing names, look-ups and clashes agree with the rules read name by name") {
  // Words that clash once normalised or loosened (plots/plot, Glue/glue, data_lake/data lake) in random names.
  const std::vector<std::string> words{"data",     "Lake", "lakes",  "box",      "plots",     "plot",     "Glue",
                                       "glue_etl", "AWS",  "series", "analysis", "Labelling", "labeling", "x"};
  std::uint32_t seed = 2024;
  const auto next = [&] { return seed = seed * 1103515245u + 12345u, (seed >> 16) & 0x7fff; };
  const auto random_name = [&] {
    std::string name;
    for (std::size_t w = 1 + next() % 3; w > 0; --w)
      name += (name.empty() ? "" : next() % 2 ? " " : "-") + words[next() % words.size()];
    return name;
  };
  std::vector<Named> nodes;
  std::vector<std::string> ids, labels;
  std::vector<std::vector<std::string>> aliases;
  for (int i = 0; i < 1500; ++i) {
    ids.push_back("n" + std::to_string(i));
    labels.push_back(random_name());
    aliases.push_back(next() % 3 == 0 ? std::vector<std::string>{random_name()} : std::vector<std::string>{});
  }
  for (int i = 0; i < 1500; ++i) nodes.push_back({ids[i].c_str(), labels[i].c_str(), aliases[i]});
  const Graph g = graph_of(nodes);

  std::vector<Forms> names;
  for (NodeIndex n = 0; n < g.node_count(); ++n) {
    const Node& node = g.node(n);
    std::vector<std::string> written{node.label};
    written.insert(written.end(), node.aliases.begin(), node.aliases.end());
    written.push_back(node.id);
    for (std::size_t i = 0; i < written.size(); ++i) {
      Forms f{written[i], normalize_name(written[i]), loose_name(written[i]), {}, n, written[i] == node.id};
      loose_words_into(written[i], f.spaced);
      names.push_back(std::move(f));
    }
  }

  const NameIndex index(g);
  CHECK(index.matches("no such name at all").empty()); // built now: no pass answers what follows
  for (int q = 0; q < 300; ++q) {
    std::string typed = random_name();
    if (q % 3 == 0) std::replace(typed.begin(), typed.end(), ' ', '_');
    if (q % 5 == 0) typed = typed.substr(0, typed.find_first_of(" -_"));
    CAPTURE(typed);
    CHECK(index.matches(typed) == by_the_rules(g, names, typed));
  }

  // Clashes: each set of two or more nodes sharing a key or a loose form, once, by the shared name.
  std::map<std::string, std::set<NodeIndex>> by_key, by_loose;
  for (const Forms& f : names) {
    by_key[f.key].insert(f.node);
    by_loose[f.loose].insert(f.node);
  }
  std::vector<std::pair<std::string, std::vector<NodeIndex>>> shared;
  for (const auto* by_form : {&by_key, &by_loose})
    for (const auto& [form, owners] : *by_form)
      if (owners.size() > 1) shared.emplace_back(form, std::vector<NodeIndex>(owners.begin(), owners.end()));
  std::sort(shared.begin(), shared.end());
  std::vector<std::string> expected;
  std::set<std::vector<NodeIndex>> reported;
  for (const auto& [form, owners] : shared)
    if (reported.insert(owners).second) expected.push_back(form);
  std::vector<std::string> found;
  for (const Diagnostic& d : index.clashes()) {
    const std::size_t quote = d.message.rfind('\'', d.message.size() - 2);
    found.push_back(d.message.substr(quote + 1, d.message.size() - quote - 2));
  }
  CHECK(found == expected);
  CHECK(found.size() > 20);
}
