// Big graphs: every problem of a large broken graph is found and located, and the CLI prints the
// first hundred and the count. (How fast is measured by bench/scale, not here.)
#include "load/interner.hpp"
#include "mlkg/error.hpp"
#include "mlkg/load.hpp"
#include "mlkg/text.hpp"
#include "support.hpp"

#include <algorithm>
#include <sstream>

using namespace mlkg;
using mlkg::test::read_file;
using mlkg::test::run_cli;
using mlkg::test::source_dir;
using mlkg::test::TempDir;
using mlkg::test::write_file;

namespace {

constexpr int nodes = 30000;
constexpr int bad_edges = 1500; // of each kind below
constexpr int bad_nodes = 500;

// A chain of `nodes` services, then edges to unknown nodes, self-loops, duplicates of chain edges and
// nodes with duplicate ids. Returns the text and the number of problems in it.
std::string broken_graph() {
  std::ostringstream s;
  s << "{\"nodes\": [\n";
  for (int i = 0; i < nodes; ++i)
    s << "{\"id\": \"n-" << i << "\", \"label\": \"Node " << i << "\", \"type\": \"service\"},\n";
  for (int i = 0; i < bad_nodes; ++i)
    s << "{\"id\": \"n-" << i << "\", \"label\": \"Copy " << i << "\", \"type\": \"service\"},\n";
  s << "{\"id\": \"last\", \"label\": \"Last\", \"type\": \"service\"}\n], \"edges\": [\n";
  for (int i = 0; i + 1 < nodes; ++i)
    s << "{\"from\": \"n-" << i << "\", \"rel\": \"feeds\", \"to\": \"n-" << i + 1 << "\"},\n";
  for (int i = 0; i < bad_edges; ++i) {
    s << "{\"from\": \"n-" << i << "\", \"rel\": \"feeds\", \"to\": \"missing-" << i << "\"},\n";
    s << "{\"from\": \"n-" << i << "\", \"rel\": \"feeds\", \"to\": \"n-" << i << "\"},\n";
    s << "{\"from\": \"n-" << i << "\", \"rel\": \"feeds\", \"to\": \"n-" << i + 1 << "\"},\n";
  }
  s << "{\"from\": \"last\", \"rel\": \"feeds\", \"to\": \"n-0\"}\n]}\n";
  return s.str();
}

constexpr std::size_t problem_count = bad_nodes + 3 * bad_edges;

} // namespace

TEST_CASE("a big graph with thousands of problems reports every one, each located") {
  std::vector<Diagnostic> all;
  try {
    load_graph(
        {{"schema.json", read_file(source_dir() / "tests/data/mini/schema.json")}, {"big.json", broken_graph()}});
    FAIL("expected the load to fail");
  } catch (const Error& e) {
    all = e.diagnostics();
  }
  REQUIRE(all.size() == problem_count);
  std::size_t unknown = 0, loops = 0, duplicate_edges = 0, duplicate_ids = 0;
  for (const Diagnostic& d : all) {
    CHECK(d.where.file == "big.json");
    CHECK(d.where.line > 0);
    CHECK(d.where.column > 0);
    CHECK(!d.where.pointer.empty());
    unknown += d.message.rfind("unknown node 'missing-", 0) == 0;
    loops += d.message.find("to itself") != std::string::npos;
    duplicate_edges += d.message.rfind("duplicate edge ", 0) == 0;
    duplicate_ids += d.message.rfind("duplicate id ", 0) == 0;
  }
  CHECK(unknown == bad_edges);
  CHECK(loops == bad_edges);
  CHECK(duplicate_edges == bad_edges);
  CHECK(duplicate_ids == bad_nodes);
  // Lines are the real ones: node i's copy sits on line 2 + nodes + i, its "first defined" on line 2 + i.
  CHECK(format(all[0]) == "big.json:" + std::to_string(2 + nodes) +
                              ":8: /nodes/30000/id: duplicate id 'n-0' (first defined at big.json:2)");
  const Diagnostic& last = all.back();
  CHECK(last.message == "duplicate edge n-1499 feeds n-1500");
  CHECK(last.suggestion == "first at big.json:" + std::to_string(2 + nodes + bad_nodes + 1 + 1 + 1499));
}

TEST_CASE("the CLI prints the first problems of a big broken graph and how many there were") {
  TempDir tmp;
  write_file(tmp / "schema.json", read_file(source_dir() / "tests/data/mini/schema.json"));
  write_file(tmp / "big.json", broken_graph());
  const auto r = run_cli({"--graph", tmp.path().string(), "check"});
  CHECK(r.code == 1);
  std::istringstream lines(r.err);
  std::vector<std::string> all;
  for (std::string line; std::getline(lines, line);) all.push_back(line);
  REQUIRE(all.size() == 102);
  CHECK(all[99].rfind("mlkg: invalid graph: " + (tmp / "big.json").string() + ":", 0) == 0);
  CHECK(all[100] == "mlkg: and " + grouped(problem_count - 100) + " more");
  CHECK(all[101] == "mlkg: " + grouped(problem_count) + " problems");
}

TEST_CASE("the interner gives each distinct string one number, whatever its length, across growth") {
  const auto check = [](auto interner) {
    // Ids of every length up to 43 bytes, many sharing a prefix, and enough of them that the table grows
    // several times; then each asked again, in another order.
    std::vector<std::string> ids;
    for (int i = 0; i < 5000; ++i)
      ids.push_back(std::string(static_cast<std::size_t>(i % 40), 'x') + std::to_string(i));
    ids.push_back("");
    std::vector<std::string_view> views(ids.begin(), ids.end());
    std::vector<std::uint32_t> numbers(views.size());
    interner.intern_all(views.data(), views.size(), numbers.data());
    REQUIRE(interner.size() == ids.size());
    for (std::uint32_t i = 0; i < numbers.size(); ++i) {
      CHECK(numbers[i] == i);
      CHECK(interner.view(i) == ids[i]);
    }
    std::reverse(views.begin(), views.end());
    interner.intern_all(views.data(), views.size(), numbers.data());
    CHECK(interner.size() == ids.size());
    for (std::size_t i = 0; i < numbers.size(); ++i) CHECK(interner.view(numbers[i]) == views[i]);
    CHECK(interner.intern("x" + std::string(30, 'y')) == ids.size());
    CHECK(interner.intern(std::string(16, 'x')) == ids.size() + 1);
  };
  check(mlkg::detail::Interner());
}
