// Rendering benchmark: lays out and renders generated graphs (n nodes, 1.5 n labelled edges, fixed
// seed) to SVG with dot and sfdp, in-process (mlkg::render) next to the `dot` / `sfdp` command-line
// tools on the same DOT text in the same run, and prints the times and their ratio.
//   mlkg_bench_render [--dot-max N] [--sizes 50,100,...]
// The command-line tools are run through std::system here only, to compare against them.

#include "mlkg/render.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace {

std::string generated_dot(std::size_t nodes, mlkg::Engine engine) {
  std::mt19937 random(42);
  std::uniform_int_distribution<std::size_t> pick(0, nodes - 1);
  std::ostringstream out;
  out << "digraph g {\n  graph [rankdir=LR" << (engine == mlkg::Engine::sfdp ? " overlap=prism splines=false" : "")
      << "]\n  node [shape=box fontname=\"DejaVu Sans\" fontsize=11]\n  edge [fontname=\"DejaVu Sans\" fontsize=9]\n";
  for (std::size_t i = 0; i < nodes; ++i) out << "  n" << i << " [label=\"Node " << i << "\"]\n";
  for (std::size_t e = 0; e < nodes * 3 / 2; ++e) {
    const std::size_t a = pick(random), b = pick(random);
    if (a == b) continue;
    out << "  n" << a << " -> n" << b << " [" << (engine == mlkg::Engine::dot ? "label" : "xlabel") << "=\"rel" << e % 7
        << "\"]\n";
  }
  out << "}\n";
  return out.str();
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

} // namespace

int main(int argc, char** argv) {
  std::size_t dot_max = 200;
  std::vector<std::size_t> sizes{50, 100, 150, 200, 300, 1000, 3000};
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--dot-max") dot_max = std::stoul(argv[i + 1]);
    if (flag == "--sizes") {
      sizes.clear();
      std::stringstream list(argv[i + 1]);
      for (std::string item; std::getline(list, item, ',');) sizes.push_back(std::stoul(item));
    }
  }
  // Loading Graphviz (dlopen) happens once per process; pay it before timing.
  const auto load = std::chrono::steady_clock::now();
  mlkg::render("digraph { a -> b }", mlkg::Format::svg, mlkg::Engine::dot);
  std::printf("Graphviz load and first render: %.1f ms\n\n", seconds_since(load) * 1000);
  std::printf("| nodes | edges | engine | in-process (s) | CLI (s) | CLI / in-process |\n");
  std::printf("|------:|------:|--------|---------------:|--------:|-----------------:|\n");
  const std::string file = "/tmp/mlkg_bench_render.dot";
  for (mlkg::Engine engine : {mlkg::Engine::dot, mlkg::Engine::sfdp}) {
    for (std::size_t n : sizes) {
      if (engine == mlkg::Engine::dot && n > dot_max) continue;
      const std::string dot = generated_dot(n, engine);
      std::ofstream(file) << dot;
      const auto start = std::chrono::steady_clock::now();
      const std::string svg = mlkg::render(dot, mlkg::Format::svg, engine);
      const double in_process = seconds_since(start);
      const std::string command =
          "dot -K" + std::string(mlkg::engine_name(engine)) + " -Tsvg " + file + " -o /dev/null 2>/dev/null";
      const auto cli_start = std::chrono::steady_clock::now();
      const int status = std::system(command.c_str());
      const double cli = seconds_since(cli_start);
      std::printf("| %zu | %zu | %s | %.3f | %.3f%s | %.2f |\n", n, n * 3 / 2,
                  std::string(mlkg::engine_name(engine)).c_str(), in_process, cli, status == 0 ? "" : " (failed)",
                  cli / in_process);
      std::fflush(stdout);
    }
  }
  std::remove(file.c_str());
  return 0;
}
