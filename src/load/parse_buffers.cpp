// simdjson allocates its parse buffers (the structural index and the string buffer, several times a big
// file's size) with nothrow new[], the one form nothing else in mlkg uses. This replacement takes the memory
// from the usual operator new[] (so delete[] frees it as always) and asks for 2 MiB pages for it: with 4 KiB
// pages, the faults on a 130 MB file's index cost more than parsing it. libsimdjson, loaded with its own
// libstdc++ (src/load/json_library.hpp), frees these with that library's delete[], which calls free(): the
// memory must stay malloc's. (The reader's translation unit uses this form, so the linker takes this file with
// it, except under the sanitizers, whose runtime defines the operator first.)
#include "graph/huge_pages.hpp"

#include <new>

void* operator new[](std::size_t bytes, const std::nothrow_t&) noexcept {
  try {
    void* memory = ::operator new[](bytes);
    mlkg::detail::advise_huge_pages(memory, bytes);
    return memory;
  } catch (...) {
    return nullptr;
  }
}
