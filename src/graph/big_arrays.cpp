#include "mlkg/graph.hpp"

#include <cstdint>
#include <new>
#include <sys/mman.h>

namespace mlkg::detail {

namespace {
constexpr std::size_t huge_page = std::size_t{2} << 20;
constexpr std::size_t big = std::size_t{1} << 20;

std::size_t mapped_length(std::size_t bytes) { return (bytes + huge_page - 1) / huge_page * huge_page; }
} // namespace

void* allocate_big(std::size_t bytes) {
  if (bytes < big) return ::operator new(bytes);
  // Mapped 2 MiB longer than needed, then trimmed to a 2 MiB boundary at both ends, so that every page of it
  // can be a huge one.
  const std::size_t length = mapped_length(bytes);
  void* mapped = mmap(nullptr, length + huge_page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (mapped == MAP_FAILED) throw std::bad_alloc();
  char* const raw = static_cast<char*>(mapped);
  const std::size_t head = (huge_page - reinterpret_cast<std::uintptr_t>(raw) % huge_page) % huge_page;
  if (head) munmap(raw, head);
  if (huge_page - head) munmap(raw + head + length, huge_page - head);
#ifdef MADV_HUGEPAGE
  madvise(raw + head, length, MADV_HUGEPAGE); // only a hint: nothing changes where it is not supported
#endif
  return raw + head;
}

void free_big(void* data, std::size_t bytes) noexcept {
  if (!data) return;
  if (bytes < big) {
    ::operator delete(data);
    return;
  }
  munmap(data, mapped_length(bytes));
}

} // namespace mlkg::detail
