#include "input_file.hpp"

#include "io/descriptor.hpp"
#include "mlkg/error.hpp"
#include "mlkg/load.hpp"
#include "mlkg/text.hpp"

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <fcntl.h>
#include <optional>
#include <sys/stat.h>
#include <unistd.h>

namespace mlkg::cli {

namespace {
// Where a stream's text holds a NUL byte (never in a text file): such a stream (/dev/zero, a binary piped
// in) is refused at its first chunk, not after the size limit's worth of it.
std::optional<std::size_t> nul_at(const char* chunk, std::size_t got, std::size_t before) {
  const void* nul = std::memchr(chunk, '\0', got);
  if (!nul) return std::nullopt;
  return before + static_cast<std::size_t>(static_cast<const char*>(nul) - chunk);
}
std::string binary_message(const std::string& what, std::size_t at) {
  return "not text: " + what + " holds a NUL byte at byte " + std::to_string(at + 1);
}
} // namespace

std::string read_input_file(const std::string& path, const std::string& what, std::size_t limit) {
  const auto fail = [&](const std::string& message) { return Error::in_file(ErrorKind::io, path, message); };
  const detail::Descriptor fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) throw fail("cannot read " + what + ": " + std::strerror(errno));
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) throw fail("cannot read " + what + ": " + std::strerror(errno));
  if (S_ISDIR(st.st_mode)) throw fail("a folder, not " + what);
  if (S_ISREG(st.st_mode) && static_cast<std::uint64_t>(st.st_size) > limit)
    throw fail(over_size_limit(static_cast<std::uint64_t>(st.st_size), limit));
  std::string text;
  if (S_ISREG(st.st_mode)) text.reserve(static_cast<std::size_t>(st.st_size) + json_padding); // parsed in place
  char chunk[1 << 16];
  for (;;) {
    const ssize_t got = detail::read_some(fd.get(), chunk, sizeof chunk);
    if (got == 0) break;
    if (got < 0) throw fail("cannot read " + what + ": " + std::strerror(errno));
    if (!S_ISREG(st.st_mode)) // a regular file's size was checked, and its parser locates a NUL byte
      if (const auto at = nul_at(chunk, static_cast<std::size_t>(got), text.size()))
        throw fail(binary_message(what, *at));
    if (text.size() + static_cast<std::size_t>(got) > limit) // a pipe, or a file still growing
      throw fail(over_size_limit(text.size() + static_cast<std::size_t>(got), limit) + " (read so far)");
    text.append(chunk, static_cast<std::size_t>(got));
  }
  return text;
}

std::string read_input_stream(std::istream& in, bool terminal, const std::string& what, std::size_t limit) {
  const auto fail = [&](ErrorKind kind, const std::string& message) {
    return Error::in_file(kind, "standard input", message);
  };
  if (terminal) throw fail(ErrorKind::usage, "'-' reads " + what + " from standard input, a terminal: pipe one in");
  std::string text;
  char chunk[1 << 16];
  while (in) {
    in.read(chunk, sizeof chunk);
    const auto got = static_cast<std::size_t>(in.gcount());
    if (const auto at = nul_at(chunk, got, text.size())) throw fail(ErrorKind::io, binary_message(what, *at));
    if (text.size() + got > limit)
      throw fail(ErrorKind::io, over_size_limit(text.size() + got, limit) + " (read so far)");
    text.append(chunk, got);
  }
  if (in.bad()) throw fail(ErrorKind::io, "cannot read " + what);
  text.reserve(text.size() + json_padding); // parsed in place
  return text;
}

} // namespace mlkg::cli
