#include "mlkg/names.hpp"

#include <algorithm>
#include <cctype>
#include <cstdint>
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

TEST_CASE("normalize_name keeps an underscore inside a word: code names stay apart from prose names") {
  CHECK(normalize_name("RANDOM_CUT_FOREST") == "random_cut_forest");
  CHECK(normalize_name("Random Cut Forest") == "randomcutforest");
  CHECK(normalize_name("batch_skipgram mode") == "batch_skipgrammode");
  CHECK(normalize_name("_private_ name_") == "privatename"); // only an underscore between letters joins
}

TEST_CASE("normalize_name_into reuses its buffer and keeps only letters and digits") {
  std::string key = "a much longer key left from the name before";
  normalize_name_into("Amazon SageMaker", key);
  CHECK(key == "sagemaker");
  normalize_name_into("Amazon!", key);
  CHECK(key == "amazon"); // one word: no prefix to drop
  normalize_name_into("aws_glue jobs", key);
  CHECK(key == "aws_gluejobs"); // the first word is aws_glue, not aws
  normalize_name_into("Caf\xc3\xa9 \x01 Z", key);
  CHECK(key == "cafez");
  normalize_name_into("", key);
  CHECK(key.empty());
}

TEST_CASE("names past ASCII: accents fold away, other letters count, symbols part words") {
  CHECK(normalize_name("Na\xc3\xafve Bayes") == normalize_name("naive bayes"));  // Naïve
  CHECK(normalize_name("Nai\xcc\x88ve Bayes") == normalize_name("naive bayes")); // i + combining diaeresis
  CHECK(normalize_name("Stra\xc3\x9f"
                       "e") == "strasse");                            // Straße
  CHECK(normalize_name("\xc3\x86sir \xc5\x92uvre") == "aesiroeuvre"); // Æsir Œuvre
  CHECK(normalize_name("Caf\xc3\xa9") != normalize_name("Caf"));
  CHECK(normalize_name("\xce\xa9") == "\xcf\x89"); // Ω is ω, not nothing
  CHECK(normalize_name("\xce\x91\xce\x9b\xce\xa6\xce\x91") == normalize_name("\xce\xb1\xce\xbb\xcf\x86\xce\xb1"));
  CHECK(normalize_name("\xd0\x94\xd0\x90\xd0\x9d\xd0\x9d\xd0\xab\xd0\x95") ==
        "\xd0\xb4\xd0\xb0\xd0\xbd\xd0\xbd\xd1\x8b\xd0\xb5"); // ДАННЫЕ
  CHECK(normalize_name("\xe3\x83\x87\xe3\x83\xbc\xe3\x82\xbf") == "\xe3\x83\x87\xe3\x83\xbc\xe3\x82\xbf"); // データ
  CHECK(normalize_name("\xef\xbc\xa1\xef\xbd\x8c\xef\xbd\x90\xef\xbd\x88\xef\xbd\x81") == "alpha");        // full width
  CHECK(normalize_name("high availability (\xe2\x89\xa5"
                       "3 AZ)") == normalize_name("high availability 3 AZ"));
  CHECK(normalize_name("\xe2\x80\x94 \xc2\xa9 \xf0\x9f\x98\x80") == ""); // — © 😀
  CHECK(normalize_name("Amazon\xe2\x80\x94Kinesis") == "kinesis");       // a dash parts words
  CHECK(normalize_name("Amazon\xc3\xad"
                       "a") == "amazonia");       // Amazonía is one word
  CHECK(normalize_name("\xff\xfe bad") == "bad"); // not UTF-8: no letter
  CHECK(name_words("Na\xc3\xafve\xe2\x80\x93"
                   "Bayes") == std::vector<std::string>{"naive", "bayes"});
  CHECK(loose_name("Na\xc3\xafve Bayes classifiers") == loose_name("naive bayes classifier"));
}

namespace {
// The rule normalize_name_into follows, spelled out word by word, for names made of the pieces below: those
// past ASCII spelled first as the key spells them, then ASCII letters and digits and the bytes of other
// letters kept.
std::string reference_key(std::string_view original) {
  std::string name(original);
  const std::pair<std::string_view, std::string_view> spellings[] = {
      {"\xc3\xa9", "e"}, {"\xce\xa9", "\xcf\x89"}, {"\xe2\x80\x94", " "}, {"\xcc\x81", ""}, {"\xef\xbc\xa1", "a"}};
  for (auto [from, to] : spellings)
    for (std::size_t at = name.find(from); at != std::string::npos; at = name.find(from, at + to.size()))
      name.replace(at, from.size(), to);
  const auto alnum = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80;
  };
  std::vector<std::string> words(1);
  for (std::size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    const bool joins = c == '_' && !words.back().empty() && i + 1 < name.size() && alnum(name[i + 1]);
    if (alnum(c) || joins)
      words.back() += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    else if (!words.back().empty())
      words.emplace_back();
  }
  if (words.back().empty()) words.pop_back();
  if (words.size() > 1 && (words.front() == "amazon" || words.front() == "aws")) words.erase(words.begin());
  std::string key;
  for (const std::string& w : words) key += w;
  return key;
}
} // namespace

TEST_CASE("normalize_name_into agrees with its rule on names made of tricky pieces") {
  const std::vector<std::string> pieces{"aws",          "AWS",       "amazon",      "Amazon", "amazonia", "_",
                                        "__",           " ",         "-",           "x",      "Q9",       "7",
                                        "\xc3\xa9",     "\x01",      "a",           "ws",     "s3",       "\xce\xa9",
                                        "\xe2\x80\x94", "e\xcc\x81", "\xef\xbc\xa1"};
  std::uint32_t state = 12345;
  std::string key;
  for (int round = 0; round < 20000; ++round) {
    std::string name;
    const std::uint32_t count = (state >> 8) % 6;
    for (std::uint32_t p = 0; p < count; ++p) {
      state = state * 1103515245 + 12345;
      name += pieces[(state >> 16) % pieces.size()];
    }
    state = state * 1103515245 + 12345;
    normalize_name_into(name, key);
    REQUIRE_MESSAGE(key == reference_key(name), name);
  }
}

TEST_CASE("loose_name makes plural and singular, British and US spelling alike") {
  CHECK(loose_name("box plots") == loose_name("Box plot"));
  CHECK(loose_name("scalers") == "scaler");
  CHECK(loose_name("Histograms") == "histogram");
  CHECK(loose_name("batches") == "batch");
  CHECK(loose_name("frequencies") == "frequency");
  CHECK(loose_name("boxes") == "box");
  CHECK(loose_name("labelling workforce") == loose_name("labeling workforce"));
  CHECK(loose_name("normalisation") == loose_name("normalization"));
  CHECK(loose_name("optimisers") == loose_name("optimizer"));
  CHECK(loose_name("k-nearest neighbours") == loose_name("k-nearest neighbor"));
  CHECK(loose_name("Amazon Kinesis Data Streams") == "kinesisdatastream");
  CHECK(loose_name_words("AWS Glue crawlers") == std::vector<std::string>{"glue", "crawler"});
}

TEST_CASE("loose_name leaves words that only look plural") {
  CHECK(loose_name("Kinesis") == "kinesis");
  CHECK(loose_name("analysis") == "analysis");
  CHECK(loose_name("class") == "class");
  CHECK(loose_name("time series") == "timeseries");
  CHECK(loose_name("RDS") == "rds"); // short words are mostly abbreviations
  CHECK(loose_name("EFS") == "efs");
  CHECK(loose_name("") == "");
}

TEST_CASE("loose_words_into spaces the loose words into a reused buffer") {
  std::string spaced = "left over from before";
  loose_words_into("AWS Glue crawlers", spaced);
  CHECK(spaced == "glue crawler");
  loose_words_into("  Box-plots, of RANDOM_CUT_FOREST  ", spaced);
  CHECK(spaced == "box plot of random_cut_forest");
  loose_words_into("Amazon", spaced); // a lone prefix word stays
  CHECK(spaced == "amazon");
  loose_words_into("Amazons Kinesis", spaced); // the prefix is dropped as written, before a plural is made singular
  CHECK(spaced == "amazon kinesis");
  loose_words_into("Naïve Bayes classifiers", spaced);
  CHECK(spaced == "naive baye classifier");
  loose_words_into("¿?", spaced);
  CHECK(spaced.empty());
  CHECK(loose_name_words("x  y") == std::vector<std::string>{"x", "y"});
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

TEST_CASE("closest_names keeps names near the nearest and agrees with a brute-force ranking") {
  // Far names are not suggested beside a near one.
  const std::vector<std::string> names{"athena", "aurora", "sagemaker", "athens"};
  CHECK(closest_names("athenaa", names) == std::vector<std::string>{"athena", "athens"});
  CHECK(closest_names("aurra", names) == std::vector<std::string>{"aurora"});
  // Random names over a small alphabet, where letter counts and lengths dismiss little: the answer is the one a
  // full ranking gives (nearest first, ties by name, up to 3, within half the length and 2 of the nearest).
  std::uint32_t seed = 12345;
  const auto next = [&] { return seed = seed * 1103515245u + 12345u, (seed >> 16) & 0x7fff; };
  const auto random_name = [&] {
    std::string s(4 + next() % 8, 'a');
    for (char& c : s) c = static_cast<char>('a' + next() % 3);
    return s;
  };
  std::vector<std::string> pool;
  for (int i = 0; i < 300; ++i) pool.push_back(random_name());
  for (int q = 0; q < 200; ++q) {
    const std::string query = random_name();
    CAPTURE(query);
    std::vector<std::pair<std::size_t, std::string>> ranked;
    const std::size_t limit = std::max<std::size_t>(2, (query.size() + 1) / 2);
    for (const std::string& name : pool) {
      const bool starts = query.size() >= 3 && name.compare(0, query.size(), query) == 0;
      const std::size_t d = starts ? (name == query ? 0 : 1) : mlkg::edit_distance(query, name);
      if (d <= limit) ranked.emplace_back(d, name);
    }
    std::sort(ranked.begin(), ranked.end());
    ranked.erase(std::unique(ranked.begin(), ranked.end()), ranked.end());
    std::vector<std::string> expected;
    for (const auto& [d, name] : ranked)
      if (expected.size() < 3 && d <= ranked.front().first + 2) expected.push_back(name);
    CHECK(closest_names(query, pool) == expected);
    // Offered one at a time in another order, the same names come out.
    NearestNames nearest(query);
    for (auto it = pool.rbegin(); it != pool.rend(); ++it) nearest.offer({*it, normalize_name(*it)});
    CHECK(nearest.nearest() == expected);
  }
}

TEST_CASE("did_you_mean and join read naturally") {
  CHECK(did_you_mean({}) == "");
  CHECK(did_you_mean({"a"}) == "did you mean 'a'?");
  CHECK(did_you_mean({"a", "b", "c"}) == "did you mean 'a', 'b' or 'c'?");
  CHECK(join({"x", "y"}) == "x, y");
  CHECK(join({}) == "");
}
