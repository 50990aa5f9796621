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

[[noreturn]] void fail(const std::string& path, const std::string& what) {
  throw Error::in_file(ErrorKind::io, path, "cannot write folder: " + what);
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
          const fs::path parent =
              fs::path(target).parent_path().empty() ? fs::path(".") : fs::path(target).parent_path();
          std::string name = (parent / ".mlkg-XXXXXX").string();
          const bool made = ::mkdtemp(name.data()) != nullptr;
          error_ = errno;
          return made ? name : std::string();
        }) {
    if (name().empty()) fail(target, "cannot create a temporary folder: " + std::string(std::strerror(error_)));
  }
  ~TempFolder() {
    std::error_code ec;
    if (!renamed_ && !name().empty()) fs::remove_all(name(), ec);
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

// One flush of everything written into the folder's file system (syncfs), instead of a wait per file;
// it must succeed before the folder is swapped in.
void sync_contents(const std::string& folder, const std::string& target) {
  const int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) fail(target, std::string("cannot open the temporary folder: ") + std::strerror(errno));
  const int rc = ::syncfs(fd);
  const int err = errno;
  ::close(fd);
  if (rc != 0) fail(target, std::string("sync failed: ") + std::strerror(err));
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
  const std::string path = detail::through_link(named);
  std::error_code ec;
  const fs::file_status status = fs::symlink_status(path, ec);
  const bool exists = fs::exists(status);
  if (exists) {
    if (!fs::is_directory(status)) fail(path, "it exists and is not a folder");
    if (!fs::exists(fs::path(path) / marker) && !fs::is_empty(path, ec))
      fail(path, "it is a folder this command did not write (no " + marker + " in it); choose a new or empty folder");
  }

  TempFolder temp(path);
  ::chmod(
      temp.name().c_str(), 0777 & ~[] {
        const mode_t mask = ::umask(0);
        ::umask(mask);
        return mask;
      }());
  for (const auto& [name, text] : files) {
    if (!plain_file_name(name)) fail(path, "bad file name '" + name + "'");
    write_new_file(temp.name(), path, name, text);
  }
  // ".mlkg-export" says "mlkg export may replace this folder", ".mlkg-import" names import.
  const std::string command = marker.rfind(".mlkg-", 0) == 0 ? "mlkg " + marker.substr(6) : "mlkg";
  write_new_file(temp.name(), path, marker, "Written by mlkg; " + command + " may replace this folder.\n");
  sync_contents(temp.name(), path);
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
  sync_folder(fs::path(path).parent_path().empty() ? "." : fs::path(path).parent_path().string());
}

} // namespace mlkg
