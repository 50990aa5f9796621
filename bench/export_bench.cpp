// Export benchmark, the write alone: loads a graph once (a graph folder, or the built-in graph when
// GRAPH is "-"), then for each format runs the export writer on the whole graph and writes its output
// atomically, as `mlkg export --format F -o OUT` does, ROUNDS times. Prints one JSON object per format:
//   {"format", "cpu_s": [...], "wall_s": [...], "bytes"}   (CPU = this process's user + system time)
//   mlkg_bench_export GRAPH OUT_DIR ROUNDS FORMAT...
// bench/export runs it next to whole `mlkg export` processes and the peers (networkx, rdflib).

#include "mlkg/atomic_file.hpp"
#include "mlkg/export.hpp"
#include "mlkg/load.hpp"

#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <string>
#include <vector>

namespace {

double cpu_now() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

double wall_now() { return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count(); }

std::string list(const std::vector<double>& values) {
  std::string s = "[";
  for (std::size_t i = 0; i < values.size(); ++i) s += (i ? ", " : "") + std::to_string(values[i]);
  return s + "]";
}

} // namespace

int main(int argc, char** argv) {
  if (argc < 5) {
    std::fprintf(stderr, "usage: mlkg_bench_export GRAPH|- OUT_DIR ROUNDS FORMAT...\n");
    return 2;
  }
  const std::string graph_dir = argv[1], out_dir = argv[2];
  const int rounds = std::stoi(argv[3]);
  try {
    const mlkg::LoadResult loaded =
        graph_dir == "-" ? mlkg::load_default_graph() : mlkg::load_graph(mlkg::read_graph_dir(graph_dir));
    const mlkg::Graph& graph = loaded.graph;
    const mlkg::Slice slice = mlkg::whole_graph(graph);
    for (int f = 4; f < argc; ++f) {
      const mlkg::ExportFormat& format = mlkg::find_export_format(argv[f]);
      const std::string out = out_dir + "/bench-export." + format.name;
      std::vector<double> cpu, wall;
      std::uintmax_t bytes = 0;
      for (int r = 0; r < rounds; ++r) {
        const double c0 = cpu_now(), w0 = wall_now();
        if (format.folder) {
          std::vector<std::pair<std::string, std::string>> files;
          for (mlkg::ExportFile& file : format.folder(graph, slice))
            files.emplace_back(std::move(file.path), std::move(file.text));
          mlkg::write_folder_atomically(out, files);
        } else {
          mlkg::write_file_atomically(out, format.file(graph, slice));
        }
        cpu.push_back(cpu_now() - c0);
        wall.push_back(wall_now() - w0);
      }
      namespace fs = std::filesystem;
      if (fs::is_directory(out)) {
        for (const auto& entry : fs::recursive_directory_iterator(out))
          if (entry.is_regular_file()) bytes += entry.file_size();
      } else {
        bytes = fs::file_size(out);
      }
      std::printf("{\"format\": \"%s\", \"cpu_s\": %s, \"wall_s\": %s, \"bytes\": %ju}\n", format.name.c_str(),
                  list(cpu).c_str(), list(wall).c_str(), bytes);
      std::fflush(stdout);
    }
  } catch (const std::exception& e) {
    std::fprintf(stderr, "mlkg_bench_export: %s\n", e.what());
    return 1;
  }
  return 0;
}
