#pragma once
// Private to the io module: where a write to `path` goes when `path` is a symbolic link.

#include <filesystem>
#include <string>

namespace mlkg::detail {

// The file or folder a symbolic link points to, so that a write replaces what the link names, as a shell's
// `>` does, and keeps the link. A dangling link, or any other path, is returned as it is.
inline std::string through_link(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::is_symlink(std::filesystem::symlink_status(path, ec))) return path;
  const std::filesystem::path target = std::filesystem::canonical(path, ec);
  return ec ? path : target.string();
}

} // namespace mlkg::detail
