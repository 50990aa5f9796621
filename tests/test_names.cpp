#include "mlkg/names.hpp"

#include <doctest/doctest.h>

using namespace mlkg;

TEST_CASE("normalize_name ignores case, punctuation and an Amazon/AWS prefix") {
  CHECK(normalize_name("Amazon Kinesis Data-Firehose") == "kinesisdatafirehose");
  CHECK(normalize_name("kinesis data firehose") == "kinesisdatafirehose");
  CHECK(normalize_name("AWS Glue") == "glue");
  CHECK(normalize_name("aws-glue") == "glue");
  CHECK(normalize_name("AWS") == "aws"); // a lone prefix word is the name itself
  CHECK(normalize_name("Amazonia") == "amazonia");
  CHECK(normalize_name("t-SNE") == "tsne");
  CHECK(normalize_name("  ") == "");
}

TEST_CASE("edit_distance is Levenshtein") {
  CHECK(edit_distance("", "") == 0);
  CHECK(edit_distance("abc", "") == 3);
  CHECK(edit_distance("kitten", "sitting") == 3);
  CHECK(edit_distance("servce", "service") == 1);
  CHECK(edit_distance("glue", "glue") == 0);
}

TEST_CASE("closest_names ranks by distance and drops far names") {
  const std::vector<std::string> names{"service", "feature", "concept", "metric", "problem"};
  CHECK(closest_names("servce", names) == std::vector<std::string>{"service"});
  CHECK(closest_names("zzzzzzzzzz", names).empty());
  CHECK(closest_names("metrics", names).front() == "metric");
  const std::vector<std::string> long_names{"Amazon Kinesis Data Streams", "Amazon Kinesis Video Streams", "Amazon S3"};
  CHECK(closest_names("kinesis", long_names).size() == 2); // a prefix of a long name counts as close
}

TEST_CASE("did_you_mean and join read naturally") {
  CHECK(did_you_mean({}) == "");
  CHECK(did_you_mean({"a"}) == "did you mean 'a'?");
  CHECK(did_you_mean({"a", "b", "c"}) == "did you mean 'a', 'b' or 'c'?");
  CHECK(join({"x", "y"}) == "x, y");
  CHECK(join({}) == "");
}
