#include "io/output_path.hpp"

#include <cerrno>
#include <cstring>
#include <sys/stat.h>

namespace mlkg::detail {

std::string folder_of(const std::string& path) {
  const auto slash = path.find_last_of('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

std::string folder_itself(std::string path) {
  const auto ends_in_slash_dot = [&] { return path.size() >= 2 && path.compare(path.size() - 2, 2, "/.") == 0; };
  // A trailing "/." loses its "." here, then its slash.
  while ((path.size() > 1 && path.back() == '/') || ends_in_slash_dot()) path.pop_back();
  return path;
}

bool ends_in_dot_or_dot_dot(const std::string& path) {
  const std::string last = path.substr(path.find_last_of('/') + 1); // npos + 1 == 0: the whole name
  return last == "." || last == "..";
}

std::string why_nothing_can_be_created_in(const std::string& folder, int error) {
  struct stat st {};
  if (::stat(folder.c_str(), &st) == 0) {
    if (!S_ISDIR(st.st_mode)) return folder + " is not a folder";
  } else if (errno == ENOENT || errno == ENOTDIR) {
    return "the folder " + folder + " does not exist";
  }
  return "cannot create anything in " + folder + ": " + std::strerror(error);
}

mode_t created_mode(mode_t requested) {
  const mode_t mask = ::umask(0);
  ::umask(mask);
  return requested & ~mask;
}

} // namespace mlkg::detail
