// Libraries loaded on first use (io/shared_library): what a missing one says, and that the real `mlkg` binary,
// which links neither simdjson nor the shared libstdc++ (README, "Start-up"), still reads JSON graphs as the
// library does in-process.
#include "io/shared_library.hpp"
#include "mlkg/error.hpp"
#include "support.hpp"

#include <string>

using mlkg::test::run_cli;
using mlkg::test::run_shell;

namespace {

std::string needed_libraries(const std::string& binary) {
  const auto r = run_shell("readelf -d '" + binary + "' | grep NEEDED");
  REQUIRE(r.code == 0);
  return r.out;
}

} // namespace

TEST_CASE("a library that cannot be loaded is named with how to install it") {
  try {
    mlkg::detail::open_shared_library("libmlkg-absent.so.0", "Absent", "install absent");
    FAIL("no error");
  } catch (const mlkg::Error& e) {
    CHECK(e.kind() == mlkg::ErrorKind::usage);
    CHECK(std::string(e.what()).find("cannot load Absent library libmlkg-absent.so.0: ") == 0);
    CHECK(std::string(e.what()).find("No such file") != std::string::npos);
    CHECK(e.suggestion() == "install absent");
  }
}

TEST_CASE("a function missing from a loaded library is named") {
  void* c = mlkg::detail::open_shared_library("libc.so.6", "C", "");
  CHECK(mlkg::detail::find_symbol(c, "strlen", "C") != nullptr);
  try {
    mlkg::detail::find_symbol(c, "mlkg_no_such_function", "C");
    FAIL("no error");
  } catch (const mlkg::Error& e) {
    CHECK(std::string(e.what()).find("C lacks the function mlkg_no_such_function: ") == 0);
  }
}

TEST_CASE("the mlkg binary loads simdjson only when it reads JSON") {
  const std::string needed = needed_libraries(MLKG_BINARY);
  CHECK(needed.find("libsimdjson") == std::string::npos);
  CHECK(needed.find("libgvc") == std::string::npos);
#if !defined(__SANITIZE_ADDRESS__)
  CHECK(needed.find("libstdc++") == std::string::npos);
#endif
}

TEST_CASE("the mlkg binary reads a JSON graph as the library does") {
  const std::string graph = mlkg::test::mini_dir();
  const auto binary = run_shell(std::string(MLKG_BINARY) + " --graph '" + graph + "' --no-cache stats");
  const auto in_process = run_cli({"--graph", graph, "--no-cache", "stats"});
  CHECK(binary.code == 0);
  CHECK(binary.out == in_process.out + in_process.err);
  CHECK(binary.out.find("9 nodes, 7 edges") == 0);
}

TEST_CASE("the mlkg binary reads numbers in JSON as the library does") {
  // A fractional line number goes through simdjson's number parsing and its tables (cmake/json_tables.cpp).
  mlkg::test::TempDir dir;
  for (const char* name : {"schema.json", "overfitting.json", "pipeline.json"}) {
    std::string text = mlkg::test::read_file(mlkg::test::source_dir() / "tests/data/mini" / name);
    const auto at = text.find("\"source\": [46,");
    if (at != std::string::npos) text.replace(at, 14, "\"source\": [4.6e1, 2.5,");
    mlkg::test::write_file(dir / name, text);
  }
  const auto binary = run_shell(std::string(MLKG_BINARY) + " --graph '" + dir.path().string() + "' --no-cache check");
  const auto in_process = run_cli({"--graph", dir.path().string(), "--no-cache", "check"});
  CHECK(binary.code == 1);
  CHECK(in_process.code == 1);
  CHECK(binary.out == in_process.out + in_process.err);
  CHECK(binary.out.find("found 46.0\n") != std::string::npos);
  CHECK(binary.out.find("found 2.5\n") != std::string::npos);
}
