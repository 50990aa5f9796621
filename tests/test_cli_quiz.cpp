#include "support.hpp"

#include <sstream>

using mlkg::test::check_golden;
using mlkg::test::run_cli;

namespace {

std::vector<std::string> quiz(std::vector<std::string> extra) {
  std::vector<std::string> args = {"--graph", (mlkg::test::source_dir() / "tests/data/cards").string(), "quiz"};
  args.insert(args.end(), extra.begin(), extra.end());
  return args;
}

} // namespace

TEST_CASE("quiz reads piped answers by name or alias, suggests names, and scores") {
  // Modelling's relation cards, in --seed 7's order (see the golden transcript).
  const auto r =
      run_cli(quiz({"--section", "modelling", "--kind", "relation", "--seed", "7"}),
              "overfiting\noverfitting\ndropout layer, early stopping\n\nregularizaton\nearly stopping\nAWS Dropout\n");
  CHECK(r.code == 0);
  CHECK(r.err == "");
  check_golden("quiz/modelling-seed-7.txt", r.out);
  CHECK(r.out.find("(did you mean 'overfitting'?)") != std::string::npos);
}

TEST_CASE("quiz --seed is reproducible and --count limits the cards") {
  const auto a = run_cli(quiz({"--seed", "3", "--count", "4"}), "");
  const auto b = run_cli(quiz({"--seed", "3", "--count", "4"}), "");
  const auto c = run_cli(quiz({"--seed", "4", "--count", "4"}), "");
  CHECK(a.out == b.out);
  CHECK(a.out != c.out);
  CHECK(a.out.find("Quiz: 4 cards (--seed 3)") == 0);
}

TEST_CASE("quiz stops cleanly with the score so far on q or end of input") {
  const auto quit = run_cli(quiz({"--kind", "fact", "--seed", "1", "--count", "3"}), "q\n");
  CHECK(quit.code == 0);
  CHECK(quit.out.find("Stopped after 0 of 3 cards.\nScore: 0 of 0\n") != std::string::npos);

  const auto eof = run_cli(quiz({"--type", "technique", "--kind", "relation", "--seed", "1"}), "\n");
  CHECK(eof.code == 0);
  CHECK(eof.out.find("Skipped. Answer: ") != std::string::npos);
  CHECK(eof.out.find("Stopped after 1 of 4 cards.\nScore: 0 of 1 (0%)\n") != std::string::npos);
}

TEST_CASE("quiz contrast cards are answered in words and marked by the user") {
  const auto r = run_cli(quiz({"--kind", "contrast", "--seed", "1"}), "one is serverless\ny\n");
  CHECK(r.code == 0);
  CHECK(r.out.find("How does Amazon Athena differ from Amazon Redshift?") != std::string::npos);
  CHECK(r.out.find("Athena: SQL on S3 in place; Redshift: a warehouse you load") != std::string::npos);
  CHECK(r.out.find("(notes lines 81, 87)") != std::string::npos);
  CHECK(r.out.find("Score: 1 of 1 (100%)") != std::string::npos);
}

TEST_CASE("quiz asks again for a verdict that is not y or n") {
  const auto r = run_cli(quiz({"--kind", "contrast", "--seed", "1"}), "one is serverless\nmaybe\nY\n");
  CHECK(r.out.find("Did you know it? [y/n]\n> maybe\nAnswer y or n.\n> Y\n") != std::string::npos);
  CHECK(r.out.find("Score: 1 of 1 (100%)") != std::string::npos);
}

TEST_CASE("quiz refuses an answer line too long to be one, without reading it whole") {
  const auto r = run_cli(quiz({"--seed", "1"}), std::string(5000, '\0'));
  CHECK(r.code == 2);
  CHECK(r.err == "mlkg: usage error: an answer is longer than 4,096 bytes (is standard input a file of answers, one "
                 "per line?)\n");
  CHECK(run_cli(quiz({"--seed", "1", "--count", "1"}), std::string(4096, 'x') + "\n").code == 0);
}

TEST_CASE("quiz rejects filters that match nothing or name nothing") {
  const auto none = run_cli(quiz({"--section", "modelling", "--kind", "contrast"}), "");
  CHECK(none.code == 3);
  CHECK(none.err.find("no cards match") != std::string::npos);
  const auto section = run_cli(quiz({"--section", "modeling"}), "");
  CHECK(section.code == 2);
  CHECK(section.err.find("did you mean 'Modelling'?") != std::string::npos);
  const auto kind = run_cli(quiz({"--kind", "facts"}), "");
  CHECK(kind.code == 2);
  CHECK(kind.err ==
        "mlkg: unknown name: 'facts' is not a card kind; kinds: relation, fact, contrast (did you mean 'fact'?)\n");
}

TEST_CASE("quiz at a terminal prompts for each answer and does not echo it") {
  std::istringstream in("dropout, early stopping\n");
  std::ostringstream out, err;
  const int code = mlkg::cli::run(quiz({"--type", "problem", "--seed", "1"}), {in, true}, out, err);
  CHECK(code == 0);
  CHECK(out.str().find("(name 2)\n> Right. Answer: Dropout, Early stopping\n") != std::string::npos);
  CHECK(out.str().find("dropout, early stopping") == std::string::npos);
  CHECK(out.str().find("Score: 1 of 1 (100%)") != std::string::npos);
}

TEST_CASE("quiz over a section asks the whole graph's cards: the answers from other sections count") {
  // Built-in SageMaker algorithms: six in Modelling, XGBoost, RCF and KNN in other sections.
  const auto r = run_cli({"quiz", "--section", "modelling", "--kind", "relation", "--count", "100000", "--seed", "1"},
                         std::string(1000, '\n'));
  CHECK(r.code == 0);
  CHECK(r.out.find("Which algorithm is a kind of Built-in SageMaker algorithm? (name 9)\n") != std::string::npos);
  CHECK(r.out.find("Built-in SageMaker algorithm? (name 6)") == std::string::npos);
}
