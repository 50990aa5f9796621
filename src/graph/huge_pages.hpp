#pragma once
// Private to libmlkg: asks the kernel to back a big buffer that libmlkg did not allocate (a std::string,
// simdjson's buffers) with 2 MiB pages; our own arrays are BigVectors (mlkg/graph.hpp), which are also
// aligned to them. Where transparent huge pages are left to madvise (Debian's default), a 4 KiB page
// fault per 4 KiB of a big graph's buffers costs as much as parsing them. Only a hint: where it fails or
// is not supported nothing changes.

#include <cstddef>
#include <cstdint>
#include <sys/mman.h>

namespace mlkg::detail {

inline void advise_huge_pages(const void* data, std::size_t bytes) {
#ifdef MADV_HUGEPAGE
  constexpr std::uintptr_t huge = std::uintptr_t{2} << 20;
  if (bytes < huge) return;
  // The whole 2 MiB pages inside the buffer, found by pointer arithmetic (no integer-to-pointer cast).
  const auto start = reinterpret_cast<std::uintptr_t>(data);
  const std::size_t head = (huge - start % huge) % huge, tail = (start + bytes) % huge;
  if (head + tail >= bytes) return;
  char* begin = const_cast<char*>(static_cast<const char*>(data)) + head;
  madvise(begin, bytes - head - tail, MADV_HUGEPAGE);
#else
  (void)data;
  (void)bytes;
#endif
}

} // namespace mlkg::detail
