// The list is a fixed array the signal handler reads without locks or allocation, and the handler only makes
// async-signal-safe system calls: a folder is renamed away, emptied with getdents64 and unlinkat, then
// removed. The handler then ends the process with the signal's default action, as it would have.
#include "io/temporaries.hpp"

#include "mlkg/atomic_file.hpp"

#include <array>
#include <atomic>
#include <cerrno>
#include <climits>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <fcntl.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace mlkg {

namespace {

constexpr std::array<int, 4> handled{SIGINT, SIGTERM, SIGHUP, SIGXFSZ};

enum State : int { free_slot, being_filled, listed };
struct Slot {
  std::atomic<int> state{free_slot};
  std::atomic<unsigned> unlisted{0}; // counts unlistings: a handler that read a path as it changed skips it
  bool folder = false;
  char path[PATH_MAX] =
      {}; // every member initialised: the slots are then zeros in .bss, not 32 pages written at start-up
};
static_assert(std::atomic<int>::is_always_lock_free, "the signal handler reads the slots' states");
static_assert(std::atomic<unsigned>::is_always_lock_free, "the signal handler reads the slots' counts");
constexpr char doomed_suffix[] = "~gone"; // a folder is renamed to its name and this, then removed
std::array<Slot, 32> slots;               // writes in progress at once: one, or a few in a library caller's threads

sigset_t handled_set() {
  sigset_t set;
  sigemptyset(&set);
  for (const int sig : handled) sigaddset(&set, sig);
  return set;
}

// The kernel's record, as getdents64 fills the buffer: fields read by offset, with memcpy.
struct Dirent64 {
  std::uint64_t inode;
  std::int64_t offset;
  unsigned short length;
  unsigned char type;
  char name[1]; // as long as the entry's length says, NUL-terminated
};

// Removes the folder `name` in `parent` with all it holds. Entries are read again from the start after each
// pass that removed any, since removing entries while reading a folder may make the reading skip some.
// Our temporary folders are flat while listed: the user's entries are moved into one only once it is unlisted,
// and a folder swapped out is unlisted too. The recursion, which stops at a depth no folder of theirs reaches,
// is a safeguard.
bool remove_tree(int parent, const char* name, int depth) {
  const int fd = ::openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return false;
  alignas(8) char buffer[4096];
  for (bool removed = true; removed;) {
    removed = false;
    if (::lseek(fd, 0, SEEK_SET) != 0) break;
    for (long got; (got = ::syscall(SYS_getdents64, fd, buffer, sizeof buffer)) > 0;) {
      for (long at = 0; at < got;) {
        unsigned short length = 0;
        std::memcpy(&length, buffer + at + offsetof(Dirent64, length), sizeof length);
        if (length == 0) break;
        const char* entry = buffer + at + offsetof(Dirent64, name);
        at += length;
        if (entry[0] == '.' && (entry[1] == '\0' || (entry[1] == '.' && entry[2] == '\0'))) continue;
        if (::unlinkat(fd, entry, 0) == 0 || (errno == EISDIR && depth < 8 && remove_tree(fd, entry, depth + 1)))
          removed = true;
      }
    }
  }
  ::close(fd);
  return ::unlinkat(parent, name, AT_REMOVEDIR) == 0;
}

// A temporary folder is first renamed away, then removed under the new name. Removing it in place could,
// in a program whose other threads keep running, empty the new folder just swapped to the user's path;
// renamed, it is the old folder or the new one, never the user's path. If the rename fails (the folder is
// already in place, or the new name is taken), nothing is removed.
void remove_folder(const char* path) {
  char doomed[PATH_MAX + sizeof doomed_suffix];
  const std::size_t length = std::strlen(path);
  std::memcpy(doomed, path, length);
  std::memcpy(doomed + length, doomed_suffix, sizeof doomed_suffix);
  if (::syscall(SYS_renameat2, AT_FDCWD, path, AT_FDCWD, doomed, RENAME_NOREPLACE) == 0)
    remove_tree(AT_FDCWD, doomed, 0);
}

void remove_listed() {
  for (Slot& slot : slots) {
    const unsigned before = slot.unlisted.load(std::memory_order_acquire);
    if (slot.state.load(std::memory_order_acquire) != listed) continue;
    char path[PATH_MAX];
    std::memcpy(path, slot.path, sizeof path);
    const bool folder = slot.folder;
    std::atomic_thread_fence(std::memory_order_acquire);
    if (slot.unlisted.load(std::memory_order_relaxed) != before) continue; // unlisted, perhaps relisted, meanwhile
    path[PATH_MAX - 1] = '\0';
    if (folder)
      remove_folder(path);
    else
      ::unlink(path);
  }
}

void on_signal(int sig) {
  const int saved = errno;
  remove_listed();
  // SA_RESETHAND restored the default action; the signal, blocked in its handler, ends the process on return.
  ::raise(sig);
  errno = saved;
}

} // namespace

void remove_temporaries_on_signals() {
  for (const int sig : handled) {
    struct sigaction old {};
    if (::sigaction(sig, nullptr, &old) != 0 || old.sa_handler == SIG_IGN) continue; // nohup and the like
    struct sigaction action {};
    action.sa_handler = on_signal;
    action.sa_mask = handled_set();
    action.sa_flags = SA_RESETHAND;
    ::sigaction(sig, &action, nullptr);
  }
}

namespace detail {

HandledSignalsBlocked::HandledSignalsBlocked() {
  const sigset_t set = handled_set();
  ::pthread_sigmask(SIG_BLOCK, &set, &saved_);
}
HandledSignalsBlocked::~HandledSignalsBlocked() { ::pthread_sigmask(SIG_SETMASK, &saved_, nullptr); }

void ListedTemporary::list(const std::string& name) {
  if (name.size() >= PATH_MAX) return; // too long to list: removed only by its owner
  for (std::size_t i = 0; i < slots.size(); ++i) {
    int expected = free_slot;
    if (!slots[i].state.compare_exchange_strong(expected, being_filled, std::memory_order_acquire)) continue;
    std::memcpy(slots[i].path, name.c_str(), name.size() + 1);
    slots[i].folder = folder_;
    slots[i].state.store(listed, std::memory_order_release);
    slot_ = static_cast<int>(i);
    return;
  }
}

void ListedTemporary::unlist() {
  if (slot_ < 0) return;
  Slot& slot = slots[static_cast<std::size_t>(slot_)];
  slot.unlisted.fetch_add(1, std::memory_order_release);
  slot.state.store(free_slot, std::memory_order_release);
  slot_ = -1;
}

} // namespace detail

} // namespace mlkg
