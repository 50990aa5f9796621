#pragma once
// Private to the io module: the write loop both atomic writers share.

#include <string>
#include <string_view>

namespace mlkg::detail {

// Writes all of `data` to `fd` (retrying short writes and EINTR); an io Error naming `path` on failure.
void write_all(int fd, std::string_view data, const std::string& path);

} // namespace mlkg::detail
