// Fuzz target: the schema reader, with one fixed data file that uses common names.
#include "mlkg/load.hpp"

#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  try {
    mlkg::load_graph({{"schema.json", std::string(reinterpret_cast<const char*>(data), size)},
                      {"data.json", R"({"nodes": [{"id": "a", "label": "A", "type": "service"},
                        {"id": "b", "label": "B", "type": "service"}],
                        "edges": [{"from": "a", "rel": "feeds", "to": "b"}]})"}});
  } catch (const mlkg::Error&) {
  }
  return 0;
}
