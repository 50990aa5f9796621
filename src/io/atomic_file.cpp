#include "mlkg/atomic_file.hpp"

#include "io/output_path.hpp"
#include "io/temporaries.hpp"
#include "io/through_link.hpp"
#include "io/write_all.hpp"
#include "mlkg/error.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <unistd.h>

namespace mlkg {

namespace {

using detail::folder_of;
namespace fs = std::filesystem;

[[noreturn]] void fail(const std::string& path, const std::string& why) {
  throw Error::in_file(ErrorKind::io, path, "cannot write: " + why);
}

[[noreturn]] void fail(const std::string& path, const std::string& what, int err) {
  fail(path, what + ": " + std::strerror(err));
}

// Removes the temporary file unless it was renamed into place.
class TempFile {
public:
  explicit TempFile(const std::string& target)
      : listed_(false, [&] {
          std::string name = folder_of(target) + "/.mlkg-XXXXXX";
          fd_ = ::mkstemp(name.data());
          error_ = errno;
          return fd_ >= 0 ? name : std::string();
        }) {
    if (fd_ < 0) fail(target, detail::why_nothing_can_be_created_in(folder_of(target), error_));
  }
  ~TempFile() {
    if (fd_ >= 0) ::close(fd_);
    if (!kept_) ::unlink(name().c_str());
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;

  int fd() const { return fd_; }
  const std::string& name() const { return listed_.name(); }
  int close() {
    const int rc = ::close(fd_);
    fd_ = -1;
    return rc;
  }
  void keep() {
    kept_ = true;
    listed_.unlist();
  }

private:
  int fd_ = -1; // before listed_, whose constructor sets it
  int error_ = 0;
  detail::ListedTemporary listed_;
  bool kept_ = false;
};

// A descriptor of this process on the socket `st` describes, duplicated, or -1. A socket cannot be opened by name,
// even through /proc/self/fd/N (ENXIO), so /dev/stdout on one is written through the descriptor it names.
int own_descriptor_on(const struct stat& st) {
  std::error_code ec;
  for (fs::directory_iterator it("/proc/self/fd", ec), end; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    const int fd = std::stoi(name);
    struct stat its {};
    if (::fstat(fd, &its) == 0 && its.st_dev == st.st_dev && its.st_ino == st.st_ino)
      return ::fcntl(fd, F_DUPFD_CLOEXEC, 0);
  }
  return -1;
}

// Writes into what `path` names as it stands, a stream rather than a file (`st` from stat(2), so through every link,
// /dev/stdout's /proc/self/fd/1 included, whose pipe or socket no path names). Errors name `path` as given.
void write_in_place(const std::string& path, const struct stat& st, const std::vector<std::string_view>& parts) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC | O_NOCTTY);
  if (fd < 0 && errno == ENXIO && S_ISSOCK(st.st_mode)) {
    fd = own_descriptor_on(st);
    if (fd < 0) fail(path, "it is a socket, which is not opened by name");
  }
  if (fd < 0) fail(path, "cannot open", errno);
  try {
    for (std::string_view data : parts) detail::write_all(fd, data, path);
  } catch (...) {
    ::close(fd);
    throw;
  }
  if (::close(fd) != 0) fail(path, "close failed", errno);
}

// Standard output or standard error when it is the file `st` describes, else -1. A shell's `>> log.txt` opens that
// file for appending, and after `>` its offset is past what the command has printed: a new file renamed over it
// would lose that content, and what the command prints afterwards would go to the old file, unlinked.
int standard_stream_on(const struct stat& st) {
  for (const int fd : {STDOUT_FILENO, STDERR_FILENO}) {
    struct stat its {};
    if (::fstat(fd, &its) == 0 && S_ISREG(its.st_mode) && its.st_dev == st.st_dev && its.st_ino == st.st_ino) return fd;
  }
  return -1;
}

// Gives the temporary the replaced file's owner, group and ACL, so replacing a shared file keeps who may read it.
// Each is kept only where the user may, as editors do: one who may write a file but does not own it makes it
// theirs, in the file's group if they belong to it. The caller sets the mode afterwards: fchown clears set-id bits,
// and setting an ACL rewrites the group bits.
void keep_owner_and_acl(int fd, const std::string& path, const struct stat& st) {
  // Failing, the group alone (EPERM for a non-owner; EINVAL for an owner unmapped in a user namespace).
  if (::fchown(fd, st.st_uid, st.st_gid) != 0) (void)::fchown(fd, static_cast<uid_t>(-1), st.st_gid);
  const char* const acl = "system.posix_acl_access";
  const ssize_t size = ::getxattr(path.c_str(), acl, nullptr, 0);
  if (size < 0) {
    // No ACL (ENOTSUP: none possible): drop the one the temporary took from its folder's default ACL, if any.
    if (errno == ENODATA) (void)::fremovexattr(fd, acl);
    return;
  }
  std::string value(static_cast<std::size_t>(size), '\0');
  const ssize_t n = ::getxattr(path.c_str(), acl, value.data(), value.size());
  // Unreadable after all (it grew between the calls: ERANGE): no ACL rather than the folder's default.
  if (n <= 0 || ::fsetxattr(fd, acl, value.data(), static_cast<std::size_t>(n), 0) != 0) (void)::fremovexattr(fd, acl);
}

} // namespace

void detail::write_all(int fd, std::string_view data, const std::string& path) {
  const char* p = data.data();
  std::size_t left = data.size();
  while (left > 0) {
    const ssize_t n = ::write(fd, p, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      fail(path, "write failed", errno);
    }
    p += n;
    left -= static_cast<std::size_t>(n);
  }
}

void write_file_atomically(const std::string& path, std::string_view data) {
  write_file_atomically(path, std::vector<std::string_view>{data});
}

void write_file_atomically(const std::string& named, const std::vector<std::string_view>& parts) {
  if (named.empty()) throw Error(ErrorKind::usage, "no output file named");
  if (named.back() == '/') throw Error::in_file(ErrorKind::usage, named, "a file name cannot end in '/'");
  if (detail::is_link_loop(named)) fail(named, "a loop of symbolic links");
  // A stream, not a file (a device such as /dev/null or a terminal, a FIFO, or a pipe or socket reached through
  // /dev/stdout or /proc/self/fd/N), is written in place: renaming over it would replace the device node, or fail
  // where no path names it, and there is no old content to keep. Looked at by the name given, which the kernel
  // follows where through_link cannot (/proc/self/fd/1 reads "pipe:[1234]").
  struct stat st {};
  const bool named_exists = ::stat(named.c_str(), &st) == 0;
  if (named_exists && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode)) return write_in_place(named, st, parts);
  // The file that standard output or standard error is (-o /dev/stdout >> log.txt): through that descriptor.
  if (const int fd = named_exists && S_ISREG(st.st_mode) ? standard_stream_on(st) : -1; fd >= 0) {
    for (std::string_view data : parts) detail::write_all(fd, data, named);
    return;
  }
  const std::string path = detail::through_link(named);
  const bool exists = ::stat(path.c_str(), &st) == 0;
  if (exists && S_ISDIR(st.st_mode)) fail(path, "it is a folder, and a file name is needed");

  TempFile temp(path);
  if (exists) keep_owner_and_acl(temp.fd(), path, st);
  // mkstemp creates 0600. A replaced file's bits are kept, as a shell's `>` keeps them (a private file stays
  // private); a new file gets an ordinary create's.
  const mode_t mode = exists ? st.st_mode & 07777 : detail::created_mode(0666);
  if (::fchmod(temp.fd(), mode) != 0) fail(path, "cannot set permissions", errno);

  for (std::string_view data : parts) detail::write_all(temp.fd(), data, path);
  if (::fsync(temp.fd()) != 0) fail(path, "fsync failed", errno);
  if (temp.close() != 0) fail(path, "close failed", errno);
  if (::rename(temp.name().c_str(), path.c_str()) != 0) fail(path, "rename failed", errno);
  temp.keep();
}

bool is_terminal(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0 || !S_ISCHR(st.st_mode)) return false;
  // Opened without waiting (a terminal's line) and without becoming the controlling terminal.
  const int fd = ::open(path.c_str(), O_WRONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
  if (fd < 0) return false;
  const bool terminal = ::isatty(fd) == 1;
  ::close(fd);
  return terminal;
}

} // namespace mlkg
