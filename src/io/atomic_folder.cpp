#include "io/descriptor.hpp"
#include "io/output_path.hpp"
#include "io/temporaries.hpp"
#include "io/through_link.hpp"
#include "io/write_all.hpp"
#include "mlkg/atomic_file.hpp"
#include "mlkg/error.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <sys/stat.h>
#include <unistd.h>

namespace mlkg {

namespace fs = std::filesystem;

namespace {

[[noreturn]] void fail(const std::string& path, const std::string& what, ErrorKind kind = ErrorKind::io) {
  throw Error::in_file(kind, path, "cannot write folder: " + what);
}

bool plain_file_name(const std::string& name) {
  return !name.empty() && name != "." && name != ".." && name.find('/') == std::string::npos &&
         name.find('\0') == std::string::npos;
}

// Removes the temporary folder unless it was renamed into place.
class TempFolder {
public:
  explicit TempFolder(const std::string& target)
      : listed_(true, [&] {
          std::string name = detail::folder_of(target) + "/.mlkg-XXXXXX";
          const bool made = ::mkdtemp(name.data()) != nullptr;
          error_ = errno;
          return made ? name : std::string();
        }) {
    if (name().empty()) fail(target, detail::why_nothing_can_be_created_in(detail::folder_of(target), error_));
  }
  ~TempFolder() {
    if (renamed_ || name().empty()) return;
    // The new folder given the old one's bits, or the old one swapped out, may deny its owner writing in it,
    // which removing what it holds needs.
    std::error_code ec;
    fs::permissions(name(), fs::perms::owner_all, fs::perm_options::add, ec);
    fs::remove_all(name(), ec);
  }
  TempFolder(const TempFolder&) = delete;
  TempFolder& operator=(const TempFolder&) = delete;
  const std::string& name() const { return listed_.name(); }
  void renamed() {
    renamed_ = true;
    listed_.unlist();
  }

private:
  int error_ = 0; // before listed_, whose constructor sets it
  detail::ListedTemporary listed_;
  bool renamed_ = false;
};

// A new file in the (private, temporary) folder: no temp + rename per file, and no fsync yet.
// Writes `name` into the temporary folder; errors name its place in `target`, the finished folder, since the
// temporary one is gone by then.
void write_new_file(const std::string& temp, const std::string& target, const std::string& name,
                    std::string_view text) {
  std::string path = temp, shown = target;
  path.append("/").append(name);
  shown.append("/").append(name);
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666); // less the umask
  if (fd < 0) fail(shown, std::string("cannot create: ") + std::strerror(errno));
  try {
    detail::write_all(fd, text, shown);
  } catch (...) {
    ::close(fd);
    throw;
  }
  if (::close(fd) != 0) fail(shown, std::string("close failed: ") + std::strerror(errno));
}

// Gives the finished folder its permission bits, then flushes everything written into its file system
// (syncfs, one flush instead of a wait per file), bits included; both must succeed before the folder is swapped
// in. The bits come last, so that the folder stays private (mkdtemp's 0700) while it is written, and through
// one descriptor, so that no bits given can stop the flush.
void finish_contents(const std::string& folder, const std::string& target, mode_t mode) {
  const detail::Descriptor fd(::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (fd.get() < 0) fail(target, std::string("cannot open the temporary folder: ") + std::strerror(errno));
  if (::fchmod(fd.get(), mode) != 0) fail(target, std::string("cannot set permissions: ") + std::strerror(errno));
  if (::syncfs(fd.get()) != 0) fail(target, std::string("sync failed: ") + std::strerror(errno));
}

void sync_folder(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_DIRECTORY);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
}

} // namespace

void write_folder_atomically(const std::string& named, const std::vector<std::pair<std::string, std::string>>& files,
                             const std::string& marker) {
  if (named.empty()) throw Error(ErrorKind::usage, "no output folder named");
  const std::string itself = detail::folder_itself(named);
  // The folder is swapped by name; "." (where the user stands) or ".." cannot be.
  if (detail::ends_in_dot_or_dot_dot(itself)) fail(itself, "name the folder itself, not '.' or '..'", ErrorKind::usage);
  const std::string path = detail::through_link(itself);
  std::error_code ec;
  const fs::file_status status = fs::symlink_status(path, ec);
  const bool exists = fs::exists(status);
  if (exists) {
    if (!fs::is_directory(status)) fail(path, "it exists and is not a folder");
    if (!fs::exists(fs::path(path) / marker) && !fs::is_empty(path, ec))
      fail(path, "it is a folder this command did not write (no " + marker + " in it); choose a new or empty folder");
  }

  // A replaced folder's bits are kept (a private folder stays private); a new one gets an ordinary mkdir's.
  const mode_t mode = exists ? static_cast<mode_t>(status.permissions() & fs::perms::mask) : detail::created_mode(0777);
  TempFolder temp(path);
  for (const auto& [name, text] : files) {
    if (!plain_file_name(name)) fail(path, "bad file name '" + name + "'");
    write_new_file(temp.name(), path, name, text);
  }
  // ".mlkg-export" says "mlkg export may replace this folder", ".mlkg-import" names import.
  const std::string command = marker.rfind(".mlkg-", 0) == 0 ? "mlkg " + marker.substr(6) : "mlkg";
  write_new_file(temp.name(), path, marker, "Written by mlkg; " + command + " may replace this folder.\n");
  finish_contents(temp.name(), path, mode);
  sync_folder(temp.name());

  if (!exists) {
    if (::rename(temp.name().c_str(), path.c_str()) != 0)
      fail(path, std::string("rename failed: ") + std::strerror(errno));
    temp.renamed();
  } else {
    // Swap old and new in one step (Linux renameat2), then delete the old one, now at the temp name.
    if (::renameat2(AT_FDCWD, temp.name().c_str(), AT_FDCWD, path.c_str(), RENAME_EXCHANGE) != 0)
      fail(path, std::string("swap failed: ") + std::strerror(errno));
  }
  sync_folder(detail::folder_of(path));
}

} // namespace mlkg
