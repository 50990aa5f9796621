#pragma once
// Every file mlkg writes goes through here, so a failed or interrupted write never leaves a
// half-written file and never clobbers the old one.

#include <string>
#include <string_view>

namespace mlkg {

// Writes `data` to a temporary file in `path`'s folder, flushes it to disk (fsync), then renames it
// over `path`. On any failure the temporary file is removed, `path` is left as it was, and
// Error(io) names `path` and what went wrong.
void write_file_atomically(const std::string& path, std::string_view data);

} // namespace mlkg
