#include "mlkg/atomic_file.hpp"
#include "mlkg/error.hpp"
#include "support.hpp"

#include <doctest/doctest.h>
#include <filesystem>

using mlkg::test::read_file;
using mlkg::test::TempDir;
namespace fs = std::filesystem;

namespace {

std::size_t entries(const fs::path& dir) {
  std::size_t n = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir)) ++n;
  return n;
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
