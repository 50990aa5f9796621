#define DOCTEST_CONFIG_IMPLEMENT
#include <cstdlib>
#include <doctest/doctest.h>
#include <filesystem>
#include <string>
#include <unistd.h>

int main(int argc, char** argv) {
  // Tests never read or write the user's snapshot cache: each run has its own, removed at the end.
  const auto cache = std::filesystem::temp_directory_path() / ("mlkg-test-cache-" + std::to_string(::getpid()));
  ::setenv("XDG_CACHE_HOME", cache.c_str(), 1);
  doctest::Context context(argc, argv);
  const int code = context.run();
  std::error_code ignored;
  std::filesystem::remove_all(cache, ignored);
  return code;
}
