#pragma once
// Helpers shared by the tests: run the CLI in-process, compare against golden files, temp folders.

#include "mlkg/cli.hpp"

#include <doctest/doctest.h>
#include <filesystem>
#include <string>
#include <vector>

namespace mlkg::test {

struct CliResult {
  int code = 0;
  std::string out;
  std::string err;
};

// Runs `mlkg args...` through cli::run, in-process.
CliResult run_cli(const std::vector<std::string>& args);
// The same with `input` piped in as standard input (not a terminal).
CliResult run_cli(const std::vector<std::string>& args, const std::string& input);

std::filesystem::path source_dir();
// tests/data/mini, the small graph most CLI tests run on, and `mlkg --graph <it> args...` in-process.
std::string mini_dir();
CliResult mini(std::vector<std::string> args);
std::string read_file(const std::filesystem::path& path);
void write_file(const std::filesystem::path& path, const std::string& text);

// Compares `actual` with tests/golden/<name>. With MLKG_UPDATE_GOLDEN=1 it rewrites the file instead.
void check_golden(const std::string& name, const std::string& actual);

// A fresh, empty folder under the system temp dir, removed when the object dies.
class TempDir {
public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

private:
  std::filesystem::path path_;
};

// A copy of tests/data/mini in `tmp`/graph, for a test that changes it.
std::filesystem::path mini_copy(const TempDir& tmp);

// Runs a shell command, returning its exit status and standard output (for real consumers like `dot`).
CliResult run_shell(const std::string& command);

} // namespace mlkg::test
