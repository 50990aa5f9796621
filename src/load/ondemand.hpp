#pragma once
// Private to the loader: reading values with simdjson's On Demand parser, which checks a value only as it
// is read and reports what is wrong as an error code; here, as the exception Malformed.

#include "core/words.hpp"

#include <cstdint>
#include <cstring>
#include <simdjson.h>
#include <string_view>
#include <utility>

namespace mlkg::detail {

namespace od = simdjson::ondemand;
using od::json_type;

// Thrown on what simdjson finds wrong as it reads (bad syntax, a bad number or escape). The file is then
// read again by the careful parser, for a diagnostic with a place; the code is the message when that finds
// nothing.
struct Malformed {
  simdjson::error_code code;
};

// By value: simdjson's results are small, and its loops hand out lvalues.
template <class T> T take(simdjson::simdjson_result<T> result) {
  T value{};
  if (const simdjson::error_code failed = std::move(result).get(value)) throw Malformed{failed};
  return value;
}

inline const char* type_name(json_type type) {
  switch (type) {
  case json_type::array: return "array";
  case json_type::object: return "object";
  case json_type::string: return "string";
  case json_type::boolean: return "boolean";
  case json_type::null: return "null";
  default: return "number";
  }
}

inline bool is_space(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }

inline std::string_view trimmed(std::string_view text) {
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

// The first '"' or '\\' at or after `at`, which lies in a string of a padded document: a block at a time,
// reading no further than 15 bytes past the closing quote, inside simdjson's padding (64 bytes).
inline const char* quote_or_backslash(const char* at) {
#if defined(__SSE2__)
  const __m128i quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\');
  for (;; at += 16) {
    const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i*>(at));
    if (const int found =
            _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(block, quote), _mm_cmpeq_epi8(block, backslash))))
      return at + __builtin_ctz(static_cast<unsigned>(found));
  }
#else
  static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "the first byte of a word is its lowest");
  constexpr std::uint64_t ones = every_byte(1), tops = every_byte(0x80);
  for (;; at += 8) {
    std::uint64_t word;
    std::memcpy(&word, at, sizeof word);
    const std::uint64_t quote = word ^ every_byte('"'), backslash = word ^ every_byte('\\');
    // A byte that is zero sets its top bit here; a false one only ever above a true one.
    if (const std::uint64_t zero = (((quote - ones) & ~quote) | ((backslash - ones) & ~backslash)) & tops)
      return at + __builtin_ctzll(zero) / 8;
  }
#endif
}

// A string value: in place when it holds no escape (nearly always), else unescaped by simdjson.
inline std::string_view string_of(od::value& value) {
  const char* const body = value.raw_json_token().data() + 1; // past the opening quote
  const char* const end = quote_or_backslash(body);
  if (*end == '"') {
    take(value.get_raw_json_string());
    return {body, static_cast<std::size_t>(end - body)};
  }
  return take(value.get_string());
}

// A member name, the same way.
inline std::string_view key_of(od::field& field) {
  const char* const begin = field.key().raw();
  const char* const end = quote_or_backslash(begin);
  if (*end == '"') return {begin, static_cast<std::size_t>(end - begin)};
  return take(field.unescaped_key());
}

} // namespace mlkg::detail
