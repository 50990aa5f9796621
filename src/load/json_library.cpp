// simdjson's parsers are inline code in simdjson.h, compiled into mlkg; they call the library through the
// three functions defined at the bottom of this file, which forward to the library's own once it is loaded.
// Its other entry points are reached through the parser implementations these hand out (virtual calls).
#include "load/json_library.hpp"

#include "io/shared_library.hpp"
#include "mlkg/once.hpp"

#include <cstdio>
#include <cstdlib>
#include <simdjson.h>
#include <string>

namespace mlkg::detail {

namespace {

struct JsonLibrary {
  simdjson::internal::atomic_ptr<const simdjson::implementation>& (*active_implementation)() = nullptr;
  double (*from_chars)(const char*) noexcept = nullptr;
  double (*from_chars_until)(const char*, const char*) noexcept = nullptr;
};

JsonLibrary& json_library() {
  static JsonLibrary library;
  return library;
}

// Callers of the parser have loaded the library (load_json_library()); reaching simdjson without it is a bug in
// mlkg, reported as one rather than as a crash.
const JsonLibrary& loaded_json_library() {
  const JsonLibrary& library = json_library();
  if (!library.active_implementation) {
    std::fputs("mlkg: internal error: simdjson used before it was loaded\n", stderr);
    std::abort();
  }
  return library;
}

} // namespace

void load_json_library() {
  static Once once;
  once([] {
    const char* what = "simdjson";
    const char* remedy = "install simdjson (scripts/setup installs libsimdjson-dev)";
    void* handle = open_shared_library(MLKG_SIMDJSON_LIBRARY, what, remedy);
    JsonLibrary library;
    bind_symbol(handle, "_ZN8simdjson8internal10from_charsEPKc", what, remedy, library.from_chars);
    bind_symbol(handle, "_ZN8simdjson8internal10from_charsEPKcS2_", what, remedy, library.from_chars_until);
    bind_symbol(handle, "_ZN8simdjson25get_active_implementationEv", what, remedy, library.active_implementation);
    json_library() = library;
  });
}

} // namespace mlkg::detail

namespace simdjson {

internal::atomic_ptr<const implementation>& get_active_implementation() {
  return mlkg::detail::loaded_json_library().active_implementation();
}

namespace internal {

double from_chars(const char* first) noexcept { return mlkg::detail::loaded_json_library().from_chars(first); }

double from_chars(const char* first, const char* end) noexcept {
  return mlkg::detail::loaded_json_library().from_chars_until(first, end);
}

} // namespace internal

} // namespace simdjson
