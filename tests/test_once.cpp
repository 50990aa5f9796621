#include "mlkg/once.hpp"

#include <atomic>
#include <doctest/doctest.h>
#include <stdexcept>
#include <thread>
#include <vector>

TEST_CASE("work done once passes on what it throws and is tried again") {
  mlkg::detail::Once once;
  int runs = 0;
  CHECK_THROWS_WITH_AS(once([&] {
                         ++runs;
                         throw std::runtime_error("no library");
                       }),
                       "no library", std::runtime_error);
  once([&] { ++runs; });
  once([&] { ++runs; });
  CHECK(runs == 2);
}

TEST_CASE("work done once runs once when many threads ask at the same time") {
  mlkg::detail::Once once;
  std::atomic<int> runs{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) threads.emplace_back([&] { once([&] { runs.fetch_add(1); }); });
  for (std::thread& t : threads) t.join();
  CHECK(runs.load() == 1);
}
