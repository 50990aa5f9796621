// Fuzz target: name resolution and "did you mean" on the built-in graph, with any bytes typed as a name.
#include "mlkg/load.hpp"
#include "mlkg/names.hpp"
#include "mlkg/resolve.hpp"
#include "mlkg/text.hpp"

#include <cstdint>
#include <cstdlib>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const mlkg::LoadResult loaded = mlkg::load_default_graph();
  static const mlkg::NameIndex names(loaded.graph);
  const std::string name(reinterpret_cast<const char*>(data), size);
  try {
    const mlkg::NodeIndex n = names.resolve(name);
    if (n >= loaded.graph.node_count()) std::abort();
  } catch (const mlkg::Error& e) {
    if (e.kind() != mlkg::ErrorKind::unknown_name && e.kind() != mlkg::ErrorKind::ambiguous_name &&
        e.kind() != mlkg::ErrorKind::usage)
      std::abort();
  }
  const std::string shown = mlkg::escape_control(name);
  if (mlkg::find_control_character(shown)) std::abort(); // escaping leaves nothing a terminal acts on
  mlkg::closest_names(name, {"glue", "athena", "sagemaker", std::string(size % 300, 'x')});
  return 0;
}
