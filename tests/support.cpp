#include "support.hpp"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <sys/wait.h>

namespace mlkg::test {

namespace fs = std::filesystem;

CliResult run_cli(const std::vector<std::string>& args) {
  std::ostringstream out, err;
  const int code = cli::run(args, out, err);
  return {code, out.str(), err.str()};
}

CliResult run_cli(const std::vector<std::string>& args, const std::string& input) {
  std::istringstream in(input);
  std::ostringstream out, err;
  const int code = cli::run(args, {in, false}, out, err);
  return {code, out.str(), err.str()};
}

fs::path source_dir() { return MLKG_SOURCE_DIR; }

std::string mini_dir() { return (source_dir() / "tests/data/mini").string(); }

fs::path mini_copy(const TempDir& tmp) {
  const fs::path dir = tmp / "graph";
  fs::create_directories(dir);
  for (const auto& entry : fs::directory_iterator(source_dir() / "tests/data/mini"))
    fs::copy_file(entry.path(), dir / entry.path().filename());
  return dir;
}

CliResult mini(std::vector<std::string> args) {
  args.insert(args.begin(), {"--graph", mini_dir()});
  return run_cli(args);
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  REQUIRE_MESSAGE(in.good(), "cannot read " << path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void write_file(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

void check_golden(const std::string& name, const std::string& actual) {
  const fs::path path = source_dir() / "tests" / "golden" / name;
  const char* update = std::getenv("MLKG_UPDATE_GOLDEN");
  if (update && std::string(update) == "1") {
    write_file(path, actual);
    return;
  }
  REQUIRE_MESSAGE(fs::exists(path), "missing golden file " << path << " (run with MLKG_UPDATE_GOLDEN=1)");
  const std::string expected = read_file(path);
  CHECK_MESSAGE(actual == expected, "output differs from " << path << "\n--- actual ---\n" << actual);
}

TempDir::TempDir() {
  std::random_device rd;
  path_ = fs::temp_directory_path() / ("mlkg-test-" + std::to_string(rd()) + std::to_string(rd()));
  fs::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ignored;
  fs::remove_all(path_, ignored);
}

CliResult run_shell(const std::string& command) {
  CliResult result;
  FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
  if (!pipe) return {-1, {}, "popen failed"};
  char buffer[4096];
  std::size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) result.out.append(buffer, n);
  const int status = ::pclose(pipe);
  result.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

} // namespace mlkg::test
