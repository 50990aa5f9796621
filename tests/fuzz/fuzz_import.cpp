// Fuzz target: mlkg import's two readings of a node-link file. Wherever the quick one answers, the careful
// one answers too, with the same graph files byte for byte; and the import as a whole throws nothing but
// mlkg::Error.
#include "export/node_link.hpp"
#include "fuzz_graph.hpp"
#include "mlkg/export.hpp"

#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text = mlkg::fuzz::bytes(data, size);
  const auto quick = mlkg::detail::node_link_files_quickly(text);
  if (quick) {
    std::vector<mlkg::SourceText> careful;
    try {
      careful = mlkg::graph_files_from_node_link("in.json", text);
    } catch (const mlkg::Error&) {
      mlkg::fuzz::fail("the quick reading answered where the careful one refused");
    }
    if (careful.size() != quick->size()) mlkg::fuzz::fail("the readings made different files");
    for (std::size_t i = 0; i < careful.size(); ++i)
      if (careful[i].name != (*quick)[i].name || careful[i].text != (*quick)[i].text)
        mlkg::fuzz::fail("the readings wrote a file differently");
  }
  try {
    mlkg::import_node_link("in.json", text);
  } catch (const mlkg::Error&) {
  }
  return 0;
}
