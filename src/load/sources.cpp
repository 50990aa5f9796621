#include "load/sources.hpp"

#include "graph/huge_pages.hpp"
#include "io/descriptor.hpp"
#include "load/json_text.hpp"
#include "mlkg/error.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace mlkg::detail {

namespace {
// Empties `text` and gives it room for `bytes` and the JSON parser's padding, in a buffer advised for huge
// pages when it has to be a new one.
void make_room(std::string& text, std::size_t bytes) {
  text.clear();
  if (text.capacity() >= bytes + json_padding) return;
  std::string fresh;
  fresh.reserve(bytes + json_padding);
  advise_huge_pages(fresh.data(), fresh.capacity());
  text.swap(fresh);
}
} // namespace

FileStamp read_file_into(const std::string& path, std::string& text) {
  const Descriptor fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) throw Error::in_file(ErrorKind::io, path, std::string("cannot open file: ") + std::strerror(errno));
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0)
    throw Error::in_file(ErrorKind::io, path, std::string("cannot read file: ") + std::strerror(errno));
  const FileStamp stamp{
      static_cast<std::uint64_t>(st.st_size), std::int64_t{st.st_mtim.tv_sec} * 1000000000 + st.st_mtim.tv_nsec,
      std::int64_t{st.st_ctim.tv_sec} * 1000000000 + st.st_ctim.tv_nsec, static_cast<std::uint64_t>(st.st_ino)};
  make_room(text, static_cast<std::size_t>(st.st_size));
  // In chunks that stay in cache, so the text's memory is written once (resize() would zero it first).
  char chunk[1 << 16];
  for (;;) {
    const ssize_t got = read_some(fd.get(), chunk, sizeof chunk);
    if (got == 0) break;
    if (got < 0) throw Error::in_file(ErrorKind::io, path, std::string("cannot read file: ") + std::strerror(errno));
    if (text.size() + static_cast<std::size_t>(got) + json_padding > text.capacity())
      text.reserve(std::max(text.capacity() * 2, text.size() + static_cast<std::size_t>(got) + json_padding));
    text.append(chunk, static_cast<std::size_t>(got));
  }
  return stamp;
}

FileSources::FileSources(std::vector<std::string> paths, std::vector<std::size_t> sizes)
    : paths_(std::move(paths)), sizes_(std::move(sizes)), read_as_(paths_.size()) {
  // Room for the largest file from the start: a buffer grown file by file would be faulted in again each time.
  make_room(current_.text, sizes_.empty() ? 0 : *std::max_element(sizes_.begin(), sizes_.end()));
}

const SourceText& FileSources::text(std::size_t file) {
  if (loaded_ == file) return current_;
  loaded_ = SIZE_MAX;
  current_.name = paths_[file];
  const FileStamp stamp = read_file_into(paths_[file], current_.text);
  if (!read_as_[file]) {
    read_as_[file] = stamp;
  } else if (!(*read_as_[file] == stamp)) {
    throw Error::in_file(ErrorKind::io, paths_[file], "file changed while the graph was being loaded",
                         "run the command again once it is written");
  }
  loaded_ = file;
  return current_;
}

} // namespace mlkg::detail
