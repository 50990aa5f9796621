#pragma once
// Private to the io module: what the atomic writers make of the path they are given, and the words for why
// they cannot write there.

#include <string>
#include <sys/types.h>

namespace mlkg::detail {

// The folder `path` is in: "." for a plain name, "/" for a name in the root.
std::string folder_of(const std::string& path);

// `path` without its trailing slashes and trailing "/." parts: "out/", "out//" and "out/./" name the
// folder out itself, as a shell's tab completion offers it. "/" stays "/".
std::string folder_itself(std::string path);

// Whether `path` ends in "." or "..", which name a folder by where it stands, not by its own name.
bool ends_in_dot_or_dot_dot(const std::string& path);

// Why nothing can be created in `folder`, given the errno of the attempt: it does not exist, it is not a
// folder, or else what the system said. It names the user's folder, never mlkg's temporary.
std::string why_nothing_can_be_created_in(const std::string& folder, int error);

// The permission bits an ordinary create gives: `requested` less the umask.
mode_t created_mode(mode_t requested);

} // namespace mlkg::detail
