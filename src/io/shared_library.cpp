#include "io/shared_library.hpp"

#include "mlkg/error.hpp"

#include <dlfcn.h>

namespace mlkg::detail {

namespace {

std::string dl_error() {
  const char* e = dlerror();
  return e ? e : "unknown dlopen error";
}

} // namespace

void* open_shared_library(const std::string& file, const std::string& what, const std::string& remedy) {
  void* handle = dlopen(file.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!handle) throw Error(ErrorKind::usage, "cannot load " + what + " library " + file + ": " + dl_error(), remedy);
  return handle;
}

void* find_symbol(void* library, const std::string& name, const std::string& what, const std::string& remedy) {
  void* symbol = dlsym(library, name.c_str());
  if (!symbol) throw Error(ErrorKind::usage, what + " has no symbol " + name + ": " + dl_error(), remedy);
  return symbol;
}

} // namespace mlkg::detail
