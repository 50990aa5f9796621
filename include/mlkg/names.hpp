#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace mlkg {

// ASCII lower case.
std::string lowercase(std::string_view text);

// The runs of letters and digits in `text`, lower-cased: "Kinesis Data-Firehose" -> kinesis, data, firehose.
std::vector<std::string> name_words(std::string_view text);

// The form names are compared in: lower case, letters and digits only, without a leading
// "Amazon" or "AWS" word. "Amazon Kinesis Data-Firehose" and "kinesis data firehose" agree.
// An underscore inside a word is kept: RANDOM_CUT_FOREST (a code name) is not "Random Cut Forest".
std::string normalize_name(std::string_view name);
// The same into `out`, reusing its buffer: for loops over every name of a big graph.
void normalize_name_into(std::string_view name, std::string& out);
// The same for a name in ASCII, written into `buffer` (room for name.size() bytes) and seen there: no string
// is sized or written twice. A name past ASCII gives a view with no data (normalize_name_into spells it first).
std::string_view normalize_name_in(std::string_view name, char* buffer);
// The keys of many names in turn (a big graph's, read one by one), each seen where it was made: a short name in
// ASCII in a buffer held here, any other in a string kept from name to name. A key is valid until the next.
class NameKeyReader {
public:
  std::string_view key_of(std::string_view name) {
    if (name.size() <= sizeof small_)
      if (const std::string_view key = normalize_name_in(name, small_); key.data()) return key;
    normalize_name_into(name, scratch_);
    return scratch_;
  }

private:
  char small_[64]{};
  std::string scratch_;
};

// The looser form people's typing is matched in: normalize_name's words, each singular and in US
// spelling. "Box plots" and "box plot" agree, as do "labelling" and "labeling".
std::vector<std::string> loose_name_words(std::string_view name);
std::string loose_name(std::string_view name);
// loose_name_words() joined by single spaces, into `out`, reusing its buffer (`name` may not lie in `out`).
void loose_words_into(std::string_view name, std::string& out);

// Levenshtein distance (insert, delete, substitute), in bytes.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The edit distance when it is at most `limit`, else limit + 1; costs about (shorter length) * limit.
std::size_t bounded_edit_distance(std::string_view a, std::string_view b, std::size_t limit);

// Up to `count` candidates closest to `query` by edit distance, nearest first, ties by name; candidates
// further than about half the query's length, or more than 2 further than the nearest, are left out. Queries
// longer than 100 letters and digits get none, so a suggestion costs microseconds per candidate whatever was
// typed. Candidates likely to be near, put first, make the rest cheaper: most are then dismissed by counting
// their letters.
std::vector<std::string> closest_names(std::string_view query, const std::vector<std::string>& candidates,
                                       std::size_t count = 3);
// The same for candidates whose keys (normalize_name) are already known, as when one list serves many queries.
struct NameKey {
  std::string_view name, key;
};
std::vector<std::string> closest_keys(std::string_view query, const std::vector<NameKey>& candidates,
                                      std::size_t count = 3);
// closest_keys() for candidates met one at a time, as in a pass over a big graph's names: offer() each, then
// ask for the nearest().
class NearestNames {
public:
  explicit NearestNames(std::string_view query, std::size_t count = 3);
  ~NearestNames();
  NearestNames(const NearestNames&) = delete;
  NearestNames& operator=(const NearestNames&) = delete;

  void offer(NameKey candidate);
  std::vector<std::string> nearest() const;

private:
  struct State;
  std::unique_ptr<State> state_; // none when the query is too long for suggestions
};

// "did you mean 'a', 'b' or 'c'?", or empty when there are no candidates.
std::string did_you_mean(const std::vector<std::string>& names);

// "a, b, c".
std::string join(const std::vector<std::string>& items, std::string_view separator = ", ");

} // namespace mlkg
