// Fuzz target: one graph file beside the mini schema. Any input must load or fail with mlkg::Error, never
// crash, hang or throw anything else; a load that succeeds must be of valid JSON (the reader checks values
// only as it reads them: it must not skip any) and give a graph whose names all resolve.
#include "mlkg/load.hpp"
#include "mlkg/resolve.hpp"

#include <cstdint>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <string>

namespace {
const char* schema = R"({"node_types": {"service": {}, "feature": {}, "technique": {}, "problem": {}},
  "relations": {"feeds": {"inverse": "fed-by", "flow": true}, "alternative-to": {"symmetric": true},
  "part-of": {"inverse": "has-part"}, "mitigates": {"from": ["technique"], "to": ["problem"]}}})";
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    const std::string text(reinterpret_cast<const char*>(data), size);
    const mlkg::LoadResult r = mlkg::load_graph({{"schema.json", schema}, {"data.json", text}});
    if (!nlohmann::json::accept(text)) std::abort(); // loaded, yet not JSON
    const mlkg::NameIndex names(r.graph);
    for (mlkg::NodeIndex n = 0; n < r.graph.node_count(); ++n)
      if (names.resolve(r.graph.node(n).id) != n) std::abort(); // an id must name its own node
  } catch (const mlkg::Error&) {
  }
  return 0;
}
