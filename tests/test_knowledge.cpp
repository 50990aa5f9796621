// Exam facts of the notes, locked in as edges of the built-in graph.
// Every check is a real lookup in the embedded graph (load_default_graph), so removing or
// renaming a node, or changing an edge's relation or direction, makes it fail.

#include "mlkg/error.hpp"
#include "mlkg/graph.hpp"
#include "mlkg/load.hpp"
#include "mlkg/query.hpp"
#include "mlkg/resolve.hpp"

#include <algorithm>
#include <doctest/doctest.h>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

using namespace mlkg;

namespace {

const Graph& kg() {
  static const LoadResult loaded = load_default_graph();
  return loaded.graph;
}

// True when the graph has the edge `from -rel-> to`. A symmetric relation (alternative-to,
// contrasts-with, integrates-with) is stored once, so either direction counts for it.
bool has_edge(const Graph& g, std::string_view from, std::string_view rel, std::string_view to) {
  const auto f = g.find(from);
  const auto t = g.find(to);
  if (!f || !t) return false;
  for (EdgeIndex e : g.out_edges(*f))
    if (g.edge(e).to == *t && g.relation(e).name == rel) return true;
  for (EdgeIndex e : g.in_edges(*f))
    if (g.edge(e).from == *t && g.relation(e).name == rel && g.relation(e).symmetric) return true;
  return false;
}

// Ids of the nodes with an edge `? -rel-> to` ("what mitigates overfitting").
std::vector<std::string> sources_of(const Graph& g, std::string_view rel, std::string_view to) {
  std::vector<std::string> ids;
  const auto t = g.find(to);
  if (!t) return ids;
  for (EdgeIndex e : g.in_edges(*t))
    if (g.relation(e).name == rel) ids.push_back(g.node(g.edge(e).from).id);
  return ids;
}

struct Fact {
  const char* from;
  const char* rel;
  const char* to;
};

void check_facts(std::initializer_list<Fact> facts) {
  for (const Fact& f : facts) {
    INFO(f.from << " -" << f.rel << "-> " << f.to);
    CHECK(kg().find(f.from).has_value());
    CHECK(kg().find(f.to).has_value());
    CHECK(has_edge(kg(), f.from, f.rel, f.to));
  }
}

// Every item of a list in the notes is an edge to its parent ("types of monitoring").
void check_all_point_to(std::initializer_list<const char*> items, const char* rel, const char* parent) {
  const auto found = sources_of(kg(), rel, parent);
  for (const char* item : items) {
    INFO(item << " -" << rel << "-> " << parent);
    CHECK(std::find(found.begin(), found.end(), item) != found.end());
  }
}

// Walks a pipeline hop by hop: each consecutive pair must be joined by a forward `feeds` edge.
void check_feeds_chain(std::initializer_list<const char*> chain) {
  REQUIRE(chain.size() >= 2);
  const auto rel = kg().schema().find_relation("feeds");
  REQUIRE(rel.has_value());
  CHECK(kg().schema().relations[*rel].flow);
  const char* previous = nullptr;
  for (const char* hop : chain) {
    if (previous != nullptr) {
      INFO("feeds hop " << previous << " -> " << hop);
      CHECK(has_edge(kg(), previous, "feeds", hop));
    }
    previous = hop;
  }
}

std::string resolved(std::string_view name) {
  const NameIndex names(kg());
  return kg().node(names.resolve(name)).id;
}

bool has_fact_mentioning(std::string_view id, std::string_view text) {
  const auto n = kg().find(id);
  if (!n) return false;
  const auto& facts = kg().node(*n).facts;
  return std::any_of(facts.begin(), facts.end(),
                     [&](const std::string& f) { return f.find(text) != std::string::npos; });
}

// A relation one note line states between two named things, with the names as the line writes them.
struct Direct {
  const char* from;
  const char* rel;
  const char* to;
  int line;
};

bool cites(const Graph& g, EdgeIndex e, int line) {
  const auto& source = g.source(e);
  return std::any_of(source.begin(), source.end(),
                     [&](const LineRange& r) { return r.first <= line && line <= r.last; });
}

// Each statement is one edge between the two nodes themselves: the names resolve as written, the
// edge has the relation and direction, cites the line, and `explain` (explain_link) finds it.
void check_direct(std::initializer_list<Direct> statements) {
  const NameIndex names(kg());
  for (const Direct& d : statements) {
    INFO("line " << d.line << ": " << std::string(d.from) << " -" << std::string(d.rel) << "-> " << std::string(d.to));
    const NodeIndex from = names.resolve(d.from);
    const NodeIndex to = names.resolve(d.to);
    const ExplainResult explained = explain_link(kg(), from, to);
    const bool found = std::any_of(explained.edges.begin(), explained.edges.end(), [&](EdgeIndex e) {
      return kg().edge(e).from == from && kg().edge(e).to == to && kg().relation(e).name == d.rel &&
             cites(kg(), e, d.line);
    });
    CHECK(found);
  }
}
} // namespace

TEST_CASE("knowledge: the helpers really look edges up") {
  CHECK(has_edge(kg(), "dropout", "mitigates", "overfitting"));
  CHECK_FALSE(has_edge(kg(), "overfitting", "mitigates", "dropout"));        // wrong direction
  CHECK_FALSE(has_edge(kg(), "dropout", "causes", "overfitting"));           // wrong relation
  CHECK_FALSE(has_edge(kg(), "dropout", "mitigates", "vanishing-gradient")); // wrong target
  CHECK_FALSE(has_edge(kg(), "no-such-node", "mitigates", "overfitting"));
  CHECK_FALSE(has_edge(kg(), "quicksight", "feeds", "athena")); // flows are one-way
  // symmetric relations count both ways
  CHECK(has_edge(kg(), "kinesis-data-firehose", "alternative-to", "kinesis-data-streams"));
  CHECK(has_edge(kg(), "kinesis-data-streams", "alternative-to", "kinesis-data-firehose"));
  CHECK(sources_of(kg(), "mitigates", "no-such-node").empty());
}

TEST_CASE("knowledge: the built-in graph loads clean") {
  const LoadResult loaded = load_default_graph();
  CHECK(loaded.warnings.empty());
  CHECK(loaded.graph.node_count() > 300);
}

TEST_CASE("knowledge: every service has its AWS category") {
  const TypeIndex service = *kg().schema().find_type("service");
  for (NodeIndex n = 0; n < kg().node_count(); ++n) {
    const Node& node = kg().node(n);
    if (node.type != service) continue;
    CHECK_MESSAGE(kg().schema().find_category(node.category) != nullptr, node.id);
  }
  CHECK(kg().node(*kg().find("glue")).category == "analytics");
  CHECK(kg().node(*kg().find("sagemaker")).category == "machine-learning");
  CHECK(kg().node(*kg().find("s3")).category == "storage");
  CHECK(kg().node(*kg().find("sns")).category == "application-integration");
}

TEST_CASE("knowledge: the issue's illustrations are edges") {
  check_facts({
      {"glue-crawler", "part-of", "glue"},
      {"glue-crawler", "used-for", "schema-discovery"},
      {"kinesis-data-firehose", "alternative-to", "kinesis-data-streams"},
      {"dropout", "mitigates", "overfitting"},
      {"batch-normalization", "mitigates", "vanishing-gradient"},
      {"smote", "mitigates", "class-imbalance"},
      {"f1-score", "evaluates", "classification"},
      {"athena", "feeds", "quicksight"},
      {"cloudwatch-alarm", "notifies", "sns"},
      {"fsx-for-lustre", "feeds", "sagemaker-training"},
      {"random-cut-forest", "used-for", "anomaly-detection"},
      {"elastic-inference", "alternative-to", "p-instances"},
  });
}

TEST_CASE("knowledge: pipelines walk forward along feeds edges") {
  SUBCASE("S3 to QuickSight through the Glue catalog and Athena") {
    check_feeds_chain({"s3", "glue-crawler", "glue-data-catalog", "athena", "quicksight"});
  }
  SUBCASE("streaming: Data Streams to Analytics to Firehose to S3") {
    check_feeds_chain({"kinesis-data-streams", "kinesis-data-analytics", "kinesis-data-firehose", "s3"});
  }
  SUBCASE("training storage to a hosted endpoint") {
    for (const char* store : {"s3", "fsx-for-lustre", "efs"}) {
      CAPTURE(store);
      check_feeds_chain({store, "sagemaker-training", "sagemaker-model", "sagemaker-endpoint"});
    }
  }
  SUBCASE("monitoring alarm to notification") { check_feeds_chain({"cloudwatch", "cloudwatch-alarm", "sns"}); }
  SUBCASE("Spark preprocessing on EMR into SageMaker training") {
    check_facts({{"apache-spark", "runs-on", "emr"}});
    check_feeds_chain({"apache-spark", "sagemaker-training", "sagemaker-model"});
  }
  SUBCASE("on-premises data into AWS storage") { check_feeds_chain({"on-premises-storage", "datasync", "s3"}); }
  SUBCASE("a production endpoint's drift alert reaches people") {
    check_feeds_chain({"sagemaker-endpoint", "model-monitor", "cloudwatch", "cloudwatch-alarm", "sns"});
  }
}

TEST_CASE("knowledge: what mitigates a problem") {
  check_all_point_to({"data-augmentation", "early-stopping", "regularization", "dropout",
                      "simplify-network-architecture", "l1-regularization", "l2-regularization"},
                     "mitigates", "overfitting");
  check_all_point_to({"lstm", "resnet", "relu", "batch-normalization"}, "mitigates", "vanishing-gradient");
  check_all_point_to(
      {"drop-missing-rows", "mean-imputation", "mode-imputation", "knn-imputation", "deep-learning-imputation", "mice"},
      "mitigates", "missing-data");
  check_facts({
      {"batch-normalization", "mitigates", "exploding-gradient"},
      {"increase-model-complexity", "mitigates", "underfitting"},
      {"outlier-removal", "mitigates", "outliers"},
      {"log-transform", "mitigates", "outliers"},
      {"feature-selection", "mitigates", "feature-correlation"},
      {"remove-correlated-feature", "mitigates", "feature-correlation"},
      {"shuffling", "mitigates", "data-order-bias"},
      {"small-batch-size", "mitigates", "local-minimum"},
      {"data-parallelism", "mitigates", "dataset-exceeds-memory"},
      {"model-parallelism", "mitigates", "model-exceeds-gpu-memory"},
      {"multi-az-deployment", "mitigates", "az-outage"},
      {"vpc-endpoint", "mitigates", "internet-exposure"},
      {"glue-findmatches", "detects", "duplicate-records"},
      {"representative-training-data", "mitigates", "train-test-distribution-mismatch"},
  });
}

TEST_CASE("knowledge: causes, bias and variance, training dynamics") {
  check_facts({
      {"high-bias", "causes", "underfitting"},
      {"high-variance", "causes", "overfitting"},
      {"large-batch-size", "causes", "local-minimum"},
      {"large-learning-rate", "causes", "overshooting"},
      {"small-learning-rate", "causes", "slow-training"},
      {"sgd", "causes", "slow-training"},
      {"sgd", "requires", "shuffling"},
      {"relu", "lacks", "vanishing-gradient"},
      {"kinesis-data-streams", "causes", "provisioned-throughput-exceeded"},
  });
}

TEST_CASE("knowledge: which service or option is an alternative") {
  check_facts({
      {"kinesis-data-firehose", "alternative-to", "kinesis-data-streams"},
      {"fargate", "alternative-to", "ec2"},
      {"inf1", "alternative-to", "p-instances"},
      {"forecast", "alternative-to", "quicksight-ml-insights"},
      {"athena", "alternative-to", "redshift"},
      {"efs", "alternative-to", "fsx-for-lustre"},
      {"pca", "alternative-to", "t-sne"},
      {"bayesian-search", "alternative-to", "random-search"},
      {"pipe-mode", "preferred-over", "file-mode"},
      {"kinesis-data-firehose", "used-for", "data-format-conversion"},
      {"kinesis-data-streams", "lacks", "data-format-conversion"},
      {"k-means", "contrasts-with", "knn"},
      {"batch-inference", "contrasts-with", "real-time-inference"},
  });
}

TEST_CASE("knowledge: what evaluates regression and classification models") {
  check_all_point_to({"rmse", "mse", "mae", "mape"}, "evaluates", "regression");
  check_all_point_to({"accuracy", "precision", "recall", "f1-score", "auc-roc"}, "evaluates", "classification");
  check_facts({
      {"recall", "measures", "false-negative"},
      {"precision", "measures", "false-positive"},
      {"auc-roc", "measures", "class-separability"},
      {"stratified-k-fold", "suited-for", "class-imbalance"},
  });
}

TEST_CASE("knowledge: what detects outliers and anomalies") {
  check_all_point_to({"random-cut-forest", "quicksight", "kinesis-data-analytics", "box-and-whisker-plot", "histogram"},
                     "detects", "outliers");
  check_all_point_to({"random-cut-forest", "ip-insights", "kinesis-data-analytics"}, "used-for", "anomaly-detection");
  check_facts({{"robust-scaler", "suited-for", "outliers"}, {"mean-imputation", "unsuited-for", "outliers"}});
}

TEST_CASE("knowledge: lists in the notes hang off their parent") {
  SUBCASE("labelling workforce options of Ground Truth") {
    check_all_point_to({"amazon-mechanical-turk", "private-workforce", "vendor-workforce"}, "part-of", "ground-truth");
    check_all_point_to({"amazon-mechanical-turk", "private-workforce", "vendor-workforce"}, "is-a",
                       "labeling-workforce");
  }
  SUBCASE("ways to train on SageMaker") {
    check_all_point_to({"built-in-algorithm", "script-mode", "bring-your-own-container", "extend-prebuilt-container"},
                       "part-of", "sagemaker-training");
  }
  SUBCASE("types of Model Monitor monitoring") {
    check_all_point_to({"data-quality-monitoring", "model-quality-monitoring", "bias-drift-monitoring",
                        "feature-attribution-drift-monitoring"},
                       "part-of", "model-monitor");
    check_facts({{"bias-drift-monitoring", "detects", "bias-drift"},
                 {"feature-attribution-drift-monitoring", "detects", "feature-attribution-drift"}});
  }
  SUBCASE("activation functions and optimizers") {
    check_all_point_to({"relu", "sigmoid", "softmax", "tanh"}, "is-a", "activation-function");
    check_all_point_to({"adam", "rmsprop", "adagrad", "sgd"}, "is-a", "optimizer");
  }
  SUBCASE("Automatic Model Tuning strategies") {
    check_all_point_to({"bayesian-search", "random-search", "warm-start"}, "part-of", "hyperparameter-tuning");
  }
}

TEST_CASE("knowledge: what a service, algorithm or technique is used for") {
  check_facts({
      {"glue", "used-for", "etl"},
      {"aws-batch", "unsuited-for", "etl"},
      {"athena", "queries", "s3"},
      {"s3", "used-for", "data-lake"},
      {"opensearch", "used-for", "clickstream-analytics"},
      {"dms", "used-for", "database-migration"},
      {"step-functions", "used-for", "workflow-orchestration"},
      {"quicksight-ml-insights", "used-for", "time-series-forecasting"},
      {"comprehend", "used-for", "natural-language-processing"},
      {"translate", "used-for", "machine-translation"},
      {"textract", "used-for", "text-extraction"},
      {"lex", "used-for", "conversational-interface"},
      {"fraud-detector", "used-for", "fraud-detection"},
      {"seq2seq", "used-for", "speech-to-text"},
      {"blazingtext", "used-for", "text-classification"},
      {"k-means", "used-for", "segmentation"},
      {"elbow-method", "used-for", "k-means"},
      {"knn", "used-for", "regression"},
      {"pca", "used-for", "dimensionality-reduction"},
      {"softmax", "used-for", "multi-class-classification"},
      {"sigmoid", "used-for", "multi-label-classification"},
      {"l1-regularization", "used-for", "feature-selection"},
      {"collaborative-filtering", "used-for", "recommender-system"},
      {"cloudtrail", "used-for", "activity-auditing"},
      {"multi-az-deployment", "used-for", "high-availability"},
      {"iot-greengrass", "deploys", "edge-device"},
      {"sagemaker-neo", "optimizes", "sagemaker-model"},
      {"autoscaling", "optimizes", "sagemaker-endpoint"},
      {"sagemaker-debugger", "monitors", "sagemaker-training"},
  });
}

TEST_CASE("knowledge: data kinds, storage classes and formats") {
  check_facts({
      {"s3-intelligent-tiering", "suited-for", "unpredictable-access-pattern"},
      {"s3-glacier-deep-archive", "has-property", "high-retrieval-time"},
      {"redshift", "stores", "structured-data"},
      {"s3", "stores", "unstructured-data"},
      {"dynamodb", "has-property", "serverless"},
      {"one-hot-encoding", "suited-for", "nominal-data"},
      {"ordinal-encoding", "suited-for", "ordinal-data"},
      {"knn-imputation", "suited-for", "numerical-feature"},
      {"deep-learning-imputation", "suited-for", "categorical-feature"},
      {"log-transform", "transforms", "right-skewed-data"},
      {"factorization-machines", "requires", "recordio"},
      {"factorization-machines", "unsuited-for", "csv"},
      {"xgboost", "suited-for", "csv"},
      {"sagemaker-autopilot", "suited-for", "structured-data"},
      {"random-forest", "is-a", "bagging"},
      {"xgboost", "is-a", "boosting"},
  });
  // "Which S3 class for random access?": the alias leads to the access-pattern concept,
  // whose incoming suited-for edge names the class.
  const std::string pattern = resolved("random access patterns");
  const auto classes = sources_of(kg(), "suited-for", pattern);
  CHECK(std::find(classes.begin(), classes.end(), "s3-intelligent-tiering") != classes.end());
}

TEST_CASE("knowledge: renamed services keep the notes' name and say so") {
  CHECK(resolved("Elasticsearch") == "opensearch");
  CHECK(resolved("ES") == "opensearch");
  CHECK(resolved("Amazon OpenSearch Service") == "opensearch");
  CHECK(has_fact_mentioning("opensearch", "Elasticsearch"));

  CHECK(resolved("Amazon Data Firehose") == "kinesis-data-firehose");
  CHECK(resolved("Kinesis Firehose") == "kinesis-data-firehose");
  CHECK(has_fact_mentioning("kinesis-data-firehose", "Amazon Data Firehose"));

  CHECK(resolved("Kinesis Data Analytics") == "kinesis-data-analytics");
  CHECK(resolved("Managed Service for Apache Flink") == "managed-service-for-apache-flink");
  CHECK(has_edge(kg(), "kinesis-data-analytics", "replaced-by", "managed-service-for-apache-flink"));
  CHECK(has_fact_mentioning("kinesis-data-analytics", "Managed Service for Apache Flink"));

  CHECK(resolved("Elastic Inference") == "elastic-inference");
  CHECK(has_edge(kg(), "elastic-inference", "replaced-by", "inf1"));
  CHECK(has_fact_mentioning("elastic-inference", "no longer available"));

  CHECK(resolved("AWS Autopilot") == "sagemaker-autopilot");
  CHECK(has_edge(kg(), "sagemaker-autopilot", "part-of", "sagemaker-canvas"));
  CHECK(has_fact_mentioning("sagemaker-autopilot", "Canvas"));

  CHECK(resolved("CloudWatch Events") == "eventbridge");
  CHECK(resolved("Ground Truth") == "ground-truth");
  CHECK(resolved("SMOTE") == "smote");
  CHECK(resolved("Synthetic Minority Oversampling Technique") == "smote");
  CHECK(resolved("GPU instances") == "p-instances");
}

TEST_CASE("knowledge: Data Engineering states these links directly") {
  check_direct({
      {"Amazon Kinesis Data Analytics", "produces", "anomaly score", 65},
      {"Amazon Kinesis Data Analytics", "feeds", "S3 bucket", 66},
      {"S3 Standard", "part-of", "S3", 93},
      {"S3 Standard-IA", "part-of", "S3", 94},
      {"S3 Intelligent tiering", "part-of", "S3", 95},
      {"S3 Glacier deep archive", "part-of", "S3", 96},
      {"S3 Standard", "has-property", "high availability", 93},
      {"S3 Intelligent tiering", "has-property", "high availability", 95},
      {"S3 Glacier deep archive", "has-property", "high availability", 96},
      {"FSX for Lustre", "feeds", "Sagemaker", 104},
      {"AWS Glue", "used-for", "ETL", 54},
  });
}

TEST_CASE("knowledge: Exploratory Data Analysis states these links directly") {
  check_direct({
      {"AWS Glue crawler", "feeds", "Amazon Athena", 114},
      {"Amazon Athena", "queries", "S3 bucket", 114},
      {"KNN", "suited-for", "numerical features", 123},
      {"KNN", "suited-for", "numerical values", 125},
      {"KNN", "mitigates", "missing data", 123},
      {"deep learning", "suited-for", "categorical features", 124},
      {"deep learning", "suited-for", "categorical values", 125},
      {"deep learning", "mitigates", "missing data", 124},
  });
}

TEST_CASE("knowledge: Machine learning states these links directly") {
  check_direct({
      {"Stratified K-fold cross validation", "measures", "performance on unseen data", 248},
      {"SGD", "causes", "order of the rows", 255},
  });
}

TEST_CASE("knowledge: Modelling states these links directly") {
  check_direct({
      {"Elbow method", "used-for", "segmentation", 303},
      {"Sagemaker", "used-for", "inference", 343},
      {"Sagemaker", "suited-for", "massive datasets", 343},
      {"Spark", "integrates-with", "Sagemaker", 343},
      {"Apache Spark", "integrates-with", "Sagemaker", 363},
      {"hyperparameter tuning", "part-of", "Sagemaker", 343},
      {"Training with multiple GPUs", "requires", "mini-batch size", 341},
      {"Word2Vec", "produces", "vector representation of words", 316},
      {"CloudWatch", "notifies", "SNS topic", 381},
  });
}

TEST_CASE("knowledge: Deployment states these links directly") {
  check_direct({
      {"Amazon Elastic inference", "has-property", "GPU", 405},
      {"endpoint", "runs-on", "docker containers", 407},
      {"Model Monitor", "detects", "Bias Drift", 425},
      {"Model Monitor", "detects", "Feature Attribution Drift", 426},
  });
}

TEST_CASE("knowledge: names resolve as the notes write them") {
  CHECK(NameIndex(kg()).clashes().empty());
  CHECK(resolved("RANDOM_CUT_FOREST") == "kda-random-cut-forest-function"); // the SQL function of line 65
  CHECK(resolved("Random Cut Forest") == "random-cut-forest");              // the algorithm of line 320
  CHECK(resolved("ETL jobs") == "glue-etl-job");
  CHECK(resolved("SQL commands") == "sql");
  CHECK(resolved("on-premises storage systems") == "on-premises-storage");
  CHECK(resolved("Visual workflow orchestration") == "workflow-orchestration");
  CHECK(resolved("replication job") == "database-migration");
  CHECK(resolved("Deleting the missing rows") == "drop-missing-rows");
  CHECK(resolved("MICE technique") == "mice");
  CHECK(resolved("box plots") == "box-and-whisker-plot");
  CHECK(resolved("scalers") == "feature-scaling");
  CHECK(resolved("mode imputation") == "mode-imputation");
  CHECK(resolved("private workforce") == "private-workforce");
  CHECK(resolved("Private labelling workforce") == "private-workforce");
  CHECK(resolved("decision trees") == "decision-tree");
  CHECK(resolved("Simplifying network's architecture") == "simplify-network-architecture");
  CHECK(resolved("ReLU activation function") == "relu");
  CHECK(resolved("weight initialization techniques") == "weight-initialization");
  CHECK(resolved("Area under curve") == "auc-roc");
  CHECK(resolved("prebuilt SageMaker container images") == "sagemaker-prebuilt-container");
  CHECK(resolved("Alarms") == "cloudwatch-alarm");
  CHECK(resolved("tabular data") == "structured-data");
  CHECK(resolved("non-converging conditions") == "non-converging-training");
  CHECK(resolved("bottlenecks") == "training-bottleneck");
  CHECK(resolved("logs") == "cloudwatch-logs");
  CHECK(resolved("I/O throughputs") == "high-io-throughput");
  CHECK(resolved("GPU based instance") == "p-instances");
  CHECK(resolved("P class instances") == "p-instances");
  CHECK(resolved("Blazing Text") == "blazingtext");
  CHECK(resolved("FSX for Lustre") == "fsx-for-lustre");
  CHECK(resolved("Cloudtrail") == "cloudtrail");
  CHECK(resolved("AWS IOT Greengrass") == "iot-greengrass");
  CHECK(resolved("T-SNE") == "t-sne");
  CHECK(resolved("MaxAbs Scaler") == "max-abs-scaler");
  CHECK(resolved("batch inferencing") == "batch-inference");
  CHECK(resolved("unbalanced data") == "class-imbalance");
}

TEST_CASE("knowledge: a name that fits several nodes lists them, an unknown one suggests") {
  const NameIndex names(kg());
  try {
    names.resolve("Kinesis Data");
    FAIL("expected an error");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::ambiguous_name);
    const std::string message = e.what();
    CHECK(message.find("kinesis-data-firehose") != std::string::npos);
    CHECK(message.find("kinesis-data-streams") != std::string::npos);
    CHECK(message.find("kinesis-data-analytics") != std::string::npos);
  }
  try {
    names.resolve("Kinesis Firehos");
    FAIL("expected an error");
  } catch (const Error& e) {
    CHECK(e.kind() == ErrorKind::unknown_name);
    CHECK(std::string(e.what()).find("did you mean 'kinesis-data-firehose'") != std::string::npos);
  }
}
