#include "io/descriptor.hpp"
#include "io/output_path.hpp"
#include "io/temporaries.hpp"
#include "io/through_link.hpp"
#include "io/write_all.hpp"
#include "mlkg/atomic_file.hpp"
#include "mlkg/error.hpp"

#include <algorithm>
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

std::string in(const std::string& folder, std::string_view name) {
  std::string path = folder;
  path.append("/").append(name);
  return path;
}

// A name the marker can list, one a line.
bool plain_file_name(std::string_view name) {
  return !name.empty() && name != "." && name != ".." &&
         name.find_first_of(std::string_view("/\n\0", 3)) == std::string_view::npos;
}

bool listed(const std::vector<std::string>& sorted, std::string_view name) {
  return std::binary_search(sorted.begin(), sorted.end(), name);
}

// The marker: its first line as every mlkg wrote it, then a line saying that it lists files, then one line per file:
// "wrote: NAME" for the files this write made, "maybe: NAME" for the files it kept of a folder whose marker an older
// mlkg wrote, listing none (as that marker had it: replaced by a file of its name, kept otherwise).
constexpr std::string_view listing_line =
    "It replaces the files listed as \"wrote\" below and keeps everything else (\"maybe\": kept, but replaced by a "
    "file of its name).";
constexpr std::string_view wrote_prefix = "wrote: ", maybe_prefix = "maybe: ";

struct Marker {
  bool lists = false;             // false: an older mlkg's, which lists no files
  std::vector<std::string> wrote; // sorted
  std::vector<std::string> maybe; // sorted
};

std::string marker_text(const std::string& marker, const std::vector<std::string_view>& wrote,
                        const std::vector<std::string>& maybe) {
  // ".mlkg-export" says "mlkg export may replace this folder", ".mlkg-import" names import.
  const std::string command = marker.rfind(".mlkg-", 0) == 0 ? "mlkg " + marker.substr(6) : "mlkg";
  std::string text = "Written by mlkg; " + command + " may replace this folder.\n";
  text.append(listing_line).append("\n");
  for (const std::string_view name : wrote) text.append(wrote_prefix).append(name).append("\n");
  for (const std::string& name : maybe) text.append(maybe_prefix).append(name).append("\n");
  return text;
}

// Reads the marker of the folder to replace; what is not a listing line of a plain name is passed over.
Marker read_marker(const std::string& folder, const std::string& marker) {
  const std::string file = in(folder, marker);
  const detail::Descriptor fd(::open(file.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC)); // a FIFO cannot hang it
  struct stat st {};
  if (fd.get() < 0 || ::fstat(fd.get(), &st) != 0)
    fail(folder, "cannot read its " + marker + ": " + std::strerror(errno));
  if (!S_ISREG(st.st_mode)) fail(folder, "its " + marker + " is not a file");
  std::string text(static_cast<std::size_t>(st.st_size), '\0');
  std::size_t got = 0;
  while (got < text.size()) {
    const ssize_t n = detail::read_some(fd.get(), text.data() + got, text.size() - got);
    if (n < 0) fail(folder, "cannot read its " + marker + ": " + std::strerror(errno));
    if (n == 0) break;
    got += static_cast<std::size_t>(n);
  }
  text.resize(got);

  Marker read;
  for (std::size_t at = 0; at < text.size();) {
    const std::size_t end = std::min(text.find('\n', at), text.size());
    const std::string_view line(text.data() + at, end - at);
    at = end + 1;
    const auto take = [&](std::string_view prefix, std::vector<std::string>& into) {
      if (line.substr(0, prefix.size()) != prefix) return false;
      const std::string_view name = line.substr(prefix.size());
      if (plain_file_name(name) && name != marker) into.emplace_back(name);
      return true;
    };
    if (line == listing_line)
      read.lists = true;
    else if (!take(wrote_prefix, read.wrote))
      take(maybe_prefix, read.maybe);
  }
  if (!read.lists) return {};
  std::sort(read.wrote.begin(), read.wrote.end());
  std::sort(read.maybe.begin(), read.maybe.end());
  return read;
}

// What becomes of an entry of the folder replaced.
enum class Fate {
  mlkgs,       // the marker, or a file mlkg wrote: it goes with the old folder (replaced, or stale)
  users,       // moved into the new folder
  users_maybe, // the same, and listed as "maybe" in the new marker
  clash,       // the user's, and the new folder has a file of its name: the write is refused
};

class Fates {
public:
  Fates(const std::string& marker, Marker old, const std::vector<std::string_view>& writing)
      : marker_(marker), old_(std::move(old)), writing_(writing) {}
  bool old_lists() const { return old_.lists; }
  Fate of(std::string_view name, bool folder) const {
    if (name == marker_) return Fate::mlkgs;
    // mlkg wrote only files; a listed name now a folder is the user's.
    const bool wrote = !folder && listed(old_.wrote, name);
    const bool maybe = !folder && (!old_.lists || listed(old_.maybe, name));
    if (std::binary_search(writing_.begin(), writing_.end(), name)) return wrote || maybe ? Fate::mlkgs : Fate::clash;
    if (wrote) return Fate::mlkgs;
    return maybe ? Fate::users_maybe : Fate::users;
  }

private:
  const std::string& marker_;
  Marker old_;
  const std::vector<std::string_view>& writing_;
};

// A folder's entries: name, and whether it is a folder (not through a symbolic link).
std::vector<std::pair<std::string, bool>> entries_of(const std::string& folder) {
  std::vector<std::pair<std::string, bool>> entries;
  std::error_code ec;
  for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
    std::error_code gone; // removed since it was listed: not a folder, and nothing to keep
    entries.emplace_back(it->path().filename().string(), it->symlink_status(gone).type() == fs::file_type::directory);
  }
  if (ec) fail(folder, "cannot list it: " + ec.message());
  return entries;
}

// The plan for the folder replaced, made before anything is written: what to move into the new folder.
struct Plan {
  std::vector<std::string> moved; // sorted
  std::vector<std::string> maybe; // of those, the ones to list as "maybe" (sorted)
  std::size_t unexplained = 0;    // of those, the files an older mlkg's marker, which lists none, leaves unexplained
};

Plan plan_for(const std::string& path, const Fates& fates) {
  Plan plan;
  std::vector<std::string> clashes;
  for (auto& [name, folder] : entries_of(path)) {
    switch (fates.of(name, folder)) {
    case Fate::mlkgs: break;
    case Fate::users: plan.moved.push_back(std::move(name)); break;
    case Fate::users_maybe:
      if (!fates.old_lists()) ++plan.unexplained;
      if (plain_file_name(name)) plan.maybe.push_back(name); // else it cannot be listed: the user's, then
      plan.moved.push_back(std::move(name));
      break;
    case Fate::clash: clashes.push_back(std::move(name)); break;
    }
  }
  if (!clashes.empty()) {
    std::sort(clashes.begin(), clashes.end());
    std::string more;
    if (clashes.size() > 1) {
      more = " (and " + std::to_string(clashes.size() - 1) + " more: ";
      for (std::size_t i = 1; i < clashes.size() && i <= 3; ++i) more += (i > 1 ? ", " : "") + clashes[i];
      more += clashes.size() > 4 ? ", ...)" : ")";
    }
    fail(in(path, clashes.front()),
         "mlkg did not write it, and would replace it with a file of the same name: move it away, or "
         "choose another folder" +
             more,
         ErrorKind::usage);
  }
  std::sort(plan.moved.begin(), plan.moved.end());
  std::sort(plan.maybe.begin(), plan.maybe.end());
  return plan;
}

// Removes the temporary folder unless it was renamed into place, or is to be kept.
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
    if (done_ || name().empty()) return;
    // It holds only what this write made: the user's entries moved into it were put back, or it is kept.
    // The new folder given the old one's bits may deny its owner writing in it, which removing what it holds needs.
    std::error_code ec;
    fs::permissions(name(), fs::perms::owner_all, fs::perm_options::add, ec);
    fs::remove_all(name(), ec);
  }
  TempFolder(const TempFolder&) = delete;
  TempFolder& operator=(const TempFolder&) = delete;
  const std::string& name() const { return listed_.name(); }
  // No signal handler removes it from now on; its owner still does.
  void unlist() { listed_.unlist(); }
  // Renamed into place, swapped out and removed, or to be left where it is: nothing more to do with it.
  void done() {
    done_ = true;
    listed_.unlist();
  }

private:
  int error_ = 0; // before listed_, whose constructor sets it
  detail::ListedTemporary listed_;
  bool done_ = false;
};

// A new file in the (private, temporary) folder: no temp + rename per file, and no fsync yet.
// Writes `name` into the temporary folder; errors name its place in `target`, the finished folder, since the
// temporary one is gone by then.
void write_new_file(const std::string& temp, const std::string& target, std::string_view name, std::string_view text) {
  const std::string path = in(temp, name), shown = in(target, name);
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
void finish_contents(int folder, const std::string& target, mode_t mode) {
  if (::fchmod(folder, mode) != 0) fail(target, std::string("cannot set permissions: ") + std::strerror(errno));
  if (::syncfs(folder) != 0) fail(target, std::string("sync failed: ") + std::strerror(errno));
}

int open_folder(const std::string& path) { return ::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); }

void sync_folder(const std::string& path) {
  const int fd = open_folder(path);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
}

bool move_entry(int from, int to, const std::string& name) {
  return ::renameat2(from, name.c_str(), to, name.c_str(), RENAME_NOREPLACE) == 0;
}

// Moves the user's entries from the old folder into the new one, gives the new one its bits and swaps it in.
// On any failure every entry moved goes back, and the old folder's bits with them.
void move_in_and_swap(const std::string& path, TempFolder& temp, int old_fd, int new_fd, mode_t mode,
                      const std::vector<std::string>& entries) {
  std::size_t moved = 0;
  // Taking entries out of the old folder needs writing in it, which its bits may deny its owner; it goes anyway.
  const bool opened = !entries.empty() && (mode & S_IRWXU) != S_IRWXU && ::fchmod(old_fd, mode | S_IRWXU) == 0;
  try {
    for (; moved < entries.size(); ++moved)
      if (!move_entry(old_fd, new_fd, entries[moved]) && errno != ENOENT) // gone meanwhile: nothing to keep
        fail(in(path, entries[moved]), std::string("cannot move it into the new folder: ") + std::strerror(errno));
    if (::fchmod(new_fd, mode) != 0) fail(path, std::string("cannot set permissions: ") + std::strerror(errno));
    if (::renameat2(AT_FDCWD, temp.name().c_str(), AT_FDCWD, path.c_str(), RENAME_EXCHANGE) != 0)
      fail(path, std::string("swap failed: ") + std::strerror(errno));
  } catch (...) {
    ::fchmod(new_fd, S_IRWXU);
    std::vector<std::string> stuck;
    while (moved-- > 0)
      if (!move_entry(new_fd, old_fd, entries[moved]) && errno != ENOENT) stuck.push_back(entries[moved]);
    if (opened) ::fchmod(old_fd, mode);
    if (stuck.empty()) throw;
    temp.done(); // what could not go back stays there, and is named
    fail(in(path, stuck.front()), "the write failed, and not every entry it had moved into the new folder could "
                                  "be put back: the rest are in " +
                                      temp.name());
  }
}

// Removes the old folder, swapped out to `doomed`: the files mlkg wrote, then the folder. Anything else in it
// came after the plan was made (a note saved meanwhile) and is moved into the new folder; what cannot be is left
// there, with the folder, and named. Returns how many entries it moved.
std::size_t remove_old_folder(const std::string& path, const std::string& doomed, int old_fd, int new_fd,
                              const Fates& fates) {
  ::fchmod(old_fd, S_IRWXU); // its owner may have denied writing in it, which removing its entries needs
  std::size_t moved = 0;
  std::vector<std::string> stuck;
  for (int pass = 0; pass < 3; ++pass) {
    stuck.clear();
    for (const auto& [name, folder] : entries_of(doomed)) {
      if (fates.of(name, folder) == Fate::mlkgs) {
        ::unlinkat(old_fd, name.c_str(), 0); // what cannot be removed stays, with the folder
      } else if (move_entry(old_fd, new_fd, name)) {
        ++moved;
      } else if (errno != ENOENT) {
        stuck.push_back(name);
      }
    }
    if (::rmdir(doomed.c_str()) == 0 || errno != ENOTEMPTY || !stuck.empty()) break;
  }
  if (!stuck.empty())
    fail(in(path, stuck.front()), "written, but what was added to the old folder while it was replaced could not "
                                  "be moved into the new one: it is in " +
                                      doomed);
  return moved;
}

} // namespace

KeptEntries write_folder_atomically(const std::string& named,
                                    const std::vector<std::pair<std::string, std::string>>& files,
                                    const std::string& marker) {
  if (named.empty()) throw Error(ErrorKind::usage, "no output folder named");
  const std::string itself = detail::folder_itself(named);
  // The folder is swapped by name; "." (where the user stands) or ".." cannot be.
  if (detail::ends_in_dot_or_dot_dot(itself)) fail(itself, "name the folder itself, not '.' or '..'", ErrorKind::usage);
  // Anything else that stands there, looked at through every link as the kernel follows them (/dev/stdout's pipe,
  // which through_link cannot name), is refused by the name given.
  struct stat st {};
  if (::stat(itself.c_str(), &st) == 0 && !S_ISDIR(st.st_mode)) fail(itself, "it exists and is not a folder");
  const std::string path = detail::through_link(itself);
  std::error_code ec;
  const fs::file_status status = fs::symlink_status(path, ec);
  const bool exists = fs::exists(status);
  const bool marked = exists && fs::exists(fs::symlink_status(in(path, marker), ec));
  if (exists) {
    if (!fs::is_directory(status)) fail(path, "it exists and is not a folder");
    if (!marked && !fs::is_empty(path, ec))
      fail(path, "it is a folder this command did not write (no " + marker + " in it); choose a new or empty folder");
  }
  std::vector<std::string_view> writing;
  writing.reserve(files.size());
  for (const auto& file : files) {
    if (!plain_file_name(file.first) || file.first == marker) fail(path, "bad file name '" + file.first + "'");
    writing.emplace_back(file.first);
  }
  std::sort(writing.begin(), writing.end());
  // Before anything is written, the old folder's entries are sorted out: a clash writes nothing.
  const Fates fates(marker, marked ? read_marker(path, marker) : Marker{true, {}, {}}, writing);
  const Plan plan = exists ? plan_for(path, fates) : Plan{};

  // A replaced folder's bits are kept (a private folder stays private); a new one gets an ordinary mkdir's.
  const mode_t mode = exists ? static_cast<mode_t>(status.permissions() & fs::perms::mask) : detail::created_mode(0777);
  TempFolder temp(path);
  for (const auto& [name, text] : files) write_new_file(temp.name(), path, name, text);
  write_new_file(temp.name(), path, marker, marker_text(marker, writing, plan.maybe));
  const detail::Descriptor new_fd(open_folder(temp.name()));
  if (new_fd.get() < 0) fail(path, std::string("cannot open the temporary folder: ") + std::strerror(errno));

  if (!exists) {
    finish_contents(new_fd.get(), path, mode);
    ::fsync(new_fd.get());
    if (::rename(temp.name().c_str(), path.c_str()) != 0)
      fail(path, std::string("rename failed: ") + std::strerror(errno));
    temp.done();
    sync_folder(detail::folder_of(path));
    return {};
  }
  // What was written reaches the disk before any entry of the user's moves; the bits come with the entries.
  if (::syncfs(new_fd.get()) != 0) fail(path, std::string("sync failed: ") + std::strerror(errno));
  const detail::Descriptor old_fd(open_folder(path));
  if (old_fd.get() < 0) fail(path, std::string("cannot open it: ") + std::strerror(errno));
  // From the first entry of the user's moved until the old folder is gone, no signal handler may remove the
  // temporary folder, and none ends the process: its signals wait until the folder is whole again.
  const detail::HandledSignalsBlocked blocked;
  temp.unlist();
  move_in_and_swap(path, temp, old_fd.get(), new_fd.get(), mode, plan.moved);
  temp.done(); // the temporary name now holds the old folder
  ::fsync(new_fd.get());
  sync_folder(detail::folder_of(path));
  const std::size_t late = remove_old_folder(path, temp.name(), old_fd.get(), new_fd.get(), fates);
  return {plan.moved.size() + late, plan.unexplained};
}

} // namespace mlkg
