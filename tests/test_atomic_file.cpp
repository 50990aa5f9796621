#include "mlkg/atomic_file.hpp"
#include "mlkg/error.hpp"
#include "support.hpp"

#include <cerrno>
#include <cstdint>
#include <doctest/doctest.h>
#include <filesystem>
#include <grp.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <sys/xattr.h>
#include <unistd.h>

using mlkg::test::read_file;
using mlkg::test::TempDir;
using mlkg::test::write_file;
namespace fs = std::filesystem;

namespace {

std::size_t entries(const fs::path& dir) {
  std::size_t n = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir)) ++n;
  return n;
}

const char* const access_acl = "system.posix_acl_access";

// A POSIX ACL as the kernel stores it in `access_acl`: a little-endian version 2 header, then entries of
// {u16 tag, u16 perm, u32 id}, in tag order. Here user::rw- user:65534:r-- group::--- mask::r-- other::---.
std::string acl_reading_for_nobody() {
  std::string value;
  const auto le = [&](std::uint32_t v, int bytes) {
    for (int i = 0; i < bytes; ++i) value += static_cast<char>((v >> (8 * i)) & 0xff);
  };
  const auto entry = [&](std::uint16_t tag, std::uint16_t perm, std::uint32_t id) {
    le(tag, 2);
    le(perm, 2);
    le(id, 4);
  };
  const std::uint32_t none = 0xffffffff; // ACL_UNDEFINED_ID, for the entries that name no one
  le(2, 4);
  entry(0x01, 6, none);  // USER_OBJ
  entry(0x02, 4, 65534); // USER
  entry(0x04, 0, none);  // GROUP_OBJ
  entry(0x10, 4, none);  // MASK
  entry(0x20, 0, none);  // OTHER
  return value;
}

// The file's access ACL, or "" when it has none.
std::string acl_of(const std::string& file) {
  std::string value(256, '\0');
  const ssize_t n = ::getxattr(file.c_str(), access_acl, value.data(), value.size());
  value.resize(n > 0 ? static_cast<std::size_t>(n) : 0);
  return value;
}

struct stat stat_of(const std::string& file) {
  struct stat st {};
  REQUIRE(::stat(file.c_str(), &st) == 0);
  return st;
}

// Writes "old" to `file` and gives it to uid:gid; false, with a message, where that needs root.
bool given_away(const std::string& file, uid_t uid, gid_t gid) {
  write_file(file, "old");
  if (::chown(file.c_str(), uid, gid) == 0) return true;
  MESSAGE("skipped: giving a file away needs root");
  return false;
}

} // namespace

TEST_CASE("atomic write creates and replaces a file, leaving no temporary behind") {
  TempDir dir;
  const std::string file = (dir / "out.txt").string();
  mlkg::write_file_atomically(file, "first");
  CHECK(read_file(file) == "first");
  mlkg::write_file_atomically(file, "second, longer");
  CHECK(read_file(file) == "second, longer");
  CHECK(entries(dir.path()) == 1);
}

TEST_CASE("atomic write into a missing folder is an I/O error naming the path") {
  TempDir dir;
  const std::string file = (dir / "no/such/out.svg").string();
  try {
    mlkg::write_file_atomically(file, "x");
    FAIL("expected an error");
  } catch (const mlkg::Error& e) {
    CHECK(e.kind() == mlkg::ErrorKind::io);
    CHECK(e.location().file == file);
  }
  CHECK(entries(dir.path()) == 0);
}

TEST_CASE("atomic write over a folder fails and keeps the folder") {
  TempDir dir;
  fs::create_directories(dir / "taken");
  CHECK_THROWS_AS(mlkg::write_file_atomically((dir / "taken").string(), "x"), mlkg::Error);
  CHECK(fs::is_directory(dir / "taken"));
  CHECK(entries(dir.path()) == 1);
}

TEST_CASE("a symbolic link is written through: what it names is replaced and the link kept") {
  TempDir dir;
  fs::create_directories(dir / "real");
  mlkg::write_file_atomically((dir / "real/out.ttl").string(), "old");
  fs::create_symlink(dir / "real/out.ttl", dir / "link.ttl");
  mlkg::write_file_atomically((dir / "link.ttl").string(), "new");
  CHECK(fs::is_symlink(dir / "link.ttl"));
  CHECK(read_file(dir / "real/out.ttl") == "new");
  CHECK(entries(dir / "real") == 1);

  mlkg::write_folder_atomically((dir / "real/vault").string(), {{"a.md", "old"}});
  fs::create_directory_symlink(dir / "real/vault", dir / "vault");
  mlkg::write_folder_atomically((dir / "vault").string(), {{"b.md", "new"}});
  CHECK(fs::is_symlink(dir / "vault"));
  CHECK(read_file(dir / "real/vault/b.md") == "new");
  CHECK_FALSE(fs::exists(dir / "real/vault/a.md"));
  CHECK(entries(dir / "real") == 2); // out.ttl and vault: no temporary left
}

TEST_CASE("a dangling symbolic link names the file to create, as a shell's > has it; a loop is refused") {
  TempDir dir;
  fs::create_directories(dir / "real");
  fs::create_symlink("real/new.svg", dir / "relative.svg"); // relative to the link's folder
  mlkg::write_file_atomically((dir / "relative.svg").string(), "drawn");
  CHECK(fs::is_symlink(dir / "relative.svg"));
  CHECK(read_file(dir / "real/new.svg") == "drawn");
  fs::create_symlink(dir / "chain.svg", dir / "first.svg"); // a link to a dangling link
  fs::create_symlink(dir / "real/end.svg", dir / "chain.svg");
  mlkg::write_file_atomically((dir / "first.svg").string(), "end");
  CHECK(read_file(dir / "real/end.svg") == "end");
  CHECK(fs::is_symlink(dir / "first.svg"));

  fs::create_symlink(dir / "loop-b", dir / "loop-a");
  fs::create_symlink(dir / "loop-a", dir / "loop-b");
  CHECK_THROWS_WITH_AS(mlkg::write_file_atomically((dir / "loop-a").string(), "x"),
                       doctest::Contains("cannot write: a loop of symbolic links"), mlkg::Error);
  CHECK(fs::is_symlink(dir / "loop-a"));
  CHECK(entries(dir / "real") == 2);
}

TEST_CASE("a replaced file keeps its owner and group, and its setuid and setgid bits") {
  TempDir dir;
  const std::string file = (dir / "shared.txt").string();
  if (!given_away(file, 65534, 65534)) return;
  REQUIRE(::chmod(file.c_str(), 06750) == 0); // after chown, which clears the set-id bits
  mlkg::write_file_atomically(file, "new");
  CHECK(read_file(file) == "new");
  const struct stat st = stat_of(file);
  CHECK(st.st_uid == 65534);
  CHECK(st.st_gid == 65534);
  CHECK((st.st_mode & 07777) == 06750);
  CHECK(entries(dir.path()) == 1);
}

TEST_CASE("a user replacing a file they do not own makes it theirs, in its group when they belong to it") {
  TempDir dir;
  const std::string file = (dir / "shared.txt").string();
  if (!given_away(file, 0, 65534)) return;
  REQUIRE(::chmod(file.c_str(), 0664) == 0);
  REQUIRE(::chmod(dir.path().c_str(), 0777) == 0);
  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) { // as user 1000, in group 65534 besides its own
    const gid_t groups[] = {65534};
    bool ok = ::setgroups(1, groups) == 0 && ::setgid(1000) == 0 && ::setuid(1000) == 0;
    try {
      mlkg::write_file_atomically(file, "new");
    } catch (...) {
      ok = false;
    }
    std::_Exit(ok ? 0 : 1);
  }
  int status = 0;
  ::waitpid(pid, &status, 0);
  REQUIRE(status == 0);
  CHECK(read_file(file) == "new");
  const struct stat st = stat_of(file);
  CHECK(st.st_uid == 1000);
  CHECK(st.st_gid == 65534);
  CHECK((st.st_mode & 07777) == 0664);
}

TEST_CASE("a replaced file keeps its ACL; one with none gets none, not its folder's default") {
  TempDir dir;
  const std::string file = (dir / "acl.txt").string();
  write_file(file, "old");
  const std::string acl = acl_reading_for_nobody();
  if (::setxattr(file.c_str(), access_acl, acl.data(), acl.size(), 0) != 0) {
    REQUIRE(errno == ENOTSUP);
    MESSAGE("skipped: the temp folder's file system has no ACLs");
    return;
  }
  const struct stat before = stat_of(file);
  mlkg::write_file_atomically(file, "new");
  CHECK(read_file(file) == "new");
  CHECK(acl_of(file) == acl);
  const struct stat after = stat_of(file);
  CHECK((after.st_mode & 07777) == (before.st_mode & 07777));

  // A folder's default ACL is what a new file in it gets; a replaced file without an ACL stays without one.
  const std::string plain = (dir / "plain.txt").string();
  write_file(plain, "old");
  REQUIRE(::chmod(plain.c_str(), 0640) == 0);
  const std::string folder = dir.path().string();
  REQUIRE(::setxattr(folder.c_str(), "system.posix_acl_default", acl.data(), acl.size(), 0) == 0);
  mlkg::write_file_atomically(plain, "new");
  CHECK(acl_of(plain).empty());
  const struct stat st = stat_of(plain);
  CHECK((st.st_mode & 07777) == 0640);
}
