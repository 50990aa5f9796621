#pragma once
// Private to libmlkg: a file descriptor closed when it goes out of scope.

#include <cerrno>
#include <cstddef>
#include <unistd.h>

namespace mlkg::detail {

class Descriptor {
public:
  explicit Descriptor(int fd) : fd_(fd) {}
  ~Descriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  Descriptor(const Descriptor&) = delete;
  Descriptor& operator=(const Descriptor&) = delete;
  int get() const { return fd_; }

private:
  int fd_;
};

// read(2), retried when a signal interrupts it: bytes read, 0 at the end, -1 (errno set) on failure.
inline ssize_t read_some(int fd, char* into, std::size_t size) {
  for (;;) {
    const ssize_t got = ::read(fd, into, size);
    if (got >= 0 || errno != EINTR) return got;
  }
}

} // namespace mlkg::detail
