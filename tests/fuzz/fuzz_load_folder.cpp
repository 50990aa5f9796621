// Fuzz target: a graph folder. The input is split at NUL-free "\n---\n" lines into files; the first part is
// schema.json when it starts with '{', the rest are data files. Exercises cross-file checks and locations.
#include "mlkg/load.hpp"

#include <cstdint>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  std::vector<mlkg::SourceText> files;
  std::size_t start = 0;
  for (int part = 0; start <= input.size() && part < 8; ++part) {
    std::size_t end = input.find("\n---\n", start);
    if (end == std::string::npos) end = input.size();
    files.push_back(
        {part == 0 ? "schema.json" : "part" + std::to_string(part) + ".json", input.substr(start, end - start)});
    start = end + 5;
  }
  try {
    mlkg::load_graph(files);
  } catch (const mlkg::Error&) {
  }
  return 0;
}
