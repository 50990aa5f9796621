#pragma once
// Private to libmlkg: a system library opened with dlopen on first use, so that a process which never
// needs it never pays for loading it (Graphviz for rendering, simdjson for big JSON files).

#include <string>

namespace mlkg::detail {

// Opens `file` for the rest of the process. Throws Error(usage) naming `what` and saying how to install it.
void* open_shared_library(const std::string& file, const std::string& what, const std::string& remedy);

// The address of `name` (a function or data) in `library`; throws Error(usage) naming `what` and `remedy` if it
// has none (another version of the library than mlkg was built for).
void* find_symbol(void* library, const std::string& name, const std::string& what, const std::string& remedy);

template <class Function>
void bind_symbol(void* library, const std::string& name, const std::string& what, const std::string& remedy,
                 Function& function) {
  function = reinterpret_cast<Function>(find_symbol(library, name, what, remedy));
}

} // namespace mlkg::detail
