// Build step: loads the graph compiled into the library (graph/*.json) and writes its snapshot,
// which the library then embeds, so that the CLI starts without parsing any JSON.
#include "mlkg/embedded.hpp"
#include "mlkg/error.hpp"
#include "mlkg/snapshot.hpp"

#include <iostream>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: mlkg_make_snapshot OUTPUT.mlkg\n";
    return 2;
  }
  try {
    mlkg::write_snapshot(mlkg::load_graph(mlkg::embedded_graph_files()), {}, argv[1]);
  } catch (const mlkg::Error& e) {
    for (const mlkg::Diagnostic& d : e.diagnostics()) std::cerr << "mlkg_make_snapshot: " << format(d) << '\n';
    return 1;
  }
  return 0;
}
