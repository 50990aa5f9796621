// Leaks on purpose: tests/test_render.cpp runs it under the sanitizer build with tests/lsan.supp to
// prove the Graphviz suppressions do not hide leaks of our own.
#include <cstdlib>

namespace {
void* volatile sink = nullptr;
}

int main() {
  sink = std::malloc(4242);
  sink = nullptr;
  return 0;
}
