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
  CHECK(mlkg::detail::find_symbol(c, "strlen", "C", "") != nullptr);
  try {
    mlkg::detail::find_symbol(c, "mlkg_no_such_function", "C", "");
    FAIL("no error");
  } catch (const mlkg::Error& e) {
    CHECK(std::string(e.what()).find("C has no symbol mlkg_no_such_function: ") == 0);
  }
}

TEST_CASE("the mlkg binary links libc alone and loads simdjson only when it reads JSON") {
  const std::string needed = needed_libraries(MLKG_BINARY);
  CHECK(needed.find("libsimdjson") == std::string::npos);
  CHECK(needed.find("libgvc") == std::string::npos);
#if !defined(__SANITIZE_ADDRESS__) // the sanitizers want the shared libstdc++, and bring their own operator new
  CHECK(needed.find("libstdc++") == std::string::npos);
  // Nor libgcc_s (linked in statically) nor libm: the dynamic loader opens libc alone.
  CHECK(needed.find("libgcc_s") == std::string::npos);
#if defined(__OPTIMIZE__) // unoptimised, nlohmann's CBOR reader (never called) stays in, with its ldexp
  CHECK(needed.find("libm.so") == std::string::npos);
#endif
  // The library, loaded later, allocates its parse buffers through our nothrow new[] (huge pages) only if
  // the binary exports it.
  const auto exported = run_shell("nm -D --defined-only '" + std::string(MLKG_BINARY) + "'");
  CHECK(exported.out.find(" T _ZnamRKSt9nothrow_t\n") != std::string::npos);
#endif
}

TEST_CASE("the mlkg binary says how to install simdjson when it cannot load it, and needs it only for JSON") {
  mlkg::test::TempDir dir;
  mlkg::test::write_file(dir / MLKG_SIMDJSON_LIBRARY, ""); // found first on LD_LIBRARY_PATH: not a library
  mlkg::test::write_file(dir / "graph/plots.json",
                         R"({"nodes": [{"id": "box-plot", "label": "Box plot", "type": "service"},
    {"id": "plot-gallery", "label": "Box plots", "type": "service"}],
    "edges": [{"from": "box-plot", "rel": "part-of", "to": "plot-gallery"}]})");
  const std::string graph = (dir / "graph").string();
  const std::string env = "XDG_CACHE_HOME='" + (dir / "cache").string() + "' ";
  const std::string broken = env + "LD_LIBRARY_PATH='" + dir.path().string() + "' " + MLKG_BINARY;

  auto r = run_shell(broken + " --graph '" + graph + "' stats");
  CHECK(r.code == 2);
  CHECK(r.out.find("mlkg: usage error: cannot load simdjson library " + std::string(MLKG_SIMDJSON_LIBRARY) + ": ") ==
        0);
  CHECK(r.out.find("(install simdjson (scripts/setup installs libsimdjson-dev))\n") != std::string::npos);
  CHECK(run_shell(broken + " show glue").code == 0); // the built-in graph is a snapshot

  // From the cache no JSON is read; the name clash warning then goes without a place rather than failing.
  r = run_shell(env + MLKG_BINARY + " --graph '" + graph + "' check");
  CHECK(r.code == 1);
  CHECK(r.out.find("plots.json:2:37: /nodes/1/label: 'Box plot' (node box-plot) and 'Box plots'") != std::string::npos);
  r = run_shell(broken + " --graph '" + graph + "' check");
  CHECK(r.code == 1);
  CHECK(r.out.rfind("mlkg: warning: 'Box plot' (node box-plot) and 'Box plots' (node plot-gallery) normalise", 0) == 0);
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
  mlkg::test::TempDir tmp;
  const auto dir = mlkg::test::mini_copy(tmp);
  std::string text = mlkg::test::read_file(dir / "pipeline.json");
  // 4.6e1 is read with power_of_ten; the long ones need from_chars and power_of_five_128.
  const auto at = text.find("\"source\": [46,");
  REQUIRE(at != std::string::npos);
  text.replace(at, 14, "\"source\": [4.6e1, 2.5, 46.000000000000000000000001, 1.2345678901234567e30,");
  mlkg::test::write_file(dir / "pipeline.json", text);
  const auto binary = run_shell(std::string(MLKG_BINARY) + " --graph '" + dir.string() + "' --no-cache check");
  const auto in_process = run_cli({"--graph", dir.string(), "--no-cache", "check"});
  CHECK(binary.code == 1);
  CHECK(in_process.code == 1);
  CHECK(binary.out == in_process.out + in_process.err);
  CHECK(binary.out.find("found 46.0\n") != std::string::npos);
  CHECK(binary.out.find("found 2.5\n") != std::string::npos);
  CHECK(binary.out.find("/nodes/0/source/2: ") != std::string::npos);
  CHECK(binary.out.find("found 1.2345678901234567e+30\n") != std::string::npos);
}
