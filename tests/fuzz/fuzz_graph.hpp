#pragma once
// Shared by the fuzz targets: the mini schema their graph files are checked against, and a graph made
// from fuzz bytes (one data file beside that schema).

#include "mlkg/error.hpp"
#include "mlkg/load.hpp"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

namespace mlkg::fuzz {

inline constexpr const char* mini_schema =
    R"({"node_types": {"service": {}, "feature": {}, "technique": {}, "problem": {}},
  "categories": {"analytics": {"label": "Analytics", "color": "#8C4FFF"}, "storage": {"label": "Storage & <b>", "color": "#7AA116"}},
  "relations": {"feeds": {"inverse": "fed-by", "flow": true}, "alternative-to": {"symmetric": true},
  "part-of": {"inverse": "has-part"}, "mitigates": {"from": ["technique"], "to": ["problem"]}}})";

inline std::string bytes(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// The graph in `data.json` = the fuzz bytes, or nothing when the loader refuses them (with mlkg::Error,
// the only exception it may throw).
inline std::optional<LoadResult> load_fuzz_graph(std::string_view text) {
  try {
    return load_graph({{"schema.json", mini_schema}, {"data.json", std::string(text)}});
  } catch (const Error&) {
    return std::nullopt;
  }
}

// A property failed: say which, then abort so libFuzzer keeps the input.
[[noreturn]] inline void fail(const char* what) {
  std::fprintf(stderr, "fuzz property failed: %s\n", what);
  std::abort();
}

} // namespace mlkg::fuzz
