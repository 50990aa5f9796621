#pragma once
// Private to the io module: where a write to `path` goes when `path` is a symbolic link.

#include <filesystem>
#include <string>

namespace mlkg::detail {

// The file or folder a symbolic link points to, so that a write replaces what the link names, as a shell's
// `>` does, and keeps the link. A dangling link names the file to create, again as `>` has it (a relative
// target is relative to the link's folder). Any other path is returned as it is, as is a loop of links,
// which the writer then refuses (is_link_loop).
inline std::string through_link(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_symlink(fs::symlink_status(path, ec))) return path;
  const fs::path target = fs::canonical(path, ec);
  if (!ec) return target.string();
  fs::path at = path;
  for (int hops = 0; hops < 40; ++hops) { // as many as the kernel follows
    if (!fs::is_symlink(fs::symlink_status(at, ec))) return at.string();
    const fs::path next = fs::read_symlink(at, ec);
    if (ec) return path;
    at = next.is_absolute() ? next : at.parent_path() / next;
  }
  return path;
}

// Whether `path` is a symbolic link that leads round in a loop (or through more links than the kernel follows).
inline bool is_link_loop(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::is_symlink(std::filesystem::symlink_status(path, ec))) return false;
  return std::filesystem::status(path, ec).type() == std::filesystem::file_type::none &&
         ec == std::errc::too_many_symbolic_link_levels;
}

} // namespace mlkg::detail
