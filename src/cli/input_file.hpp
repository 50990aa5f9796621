#pragma once
// Private to the CLI: the whole text of a file named on the command line (the notes, a node-link export).

#include <cstddef>
#include <istream>
#include <string>

namespace mlkg::cli {

// Reads `path` (a file, or a pipe such as /dev/stdin) whole. `what` names it in errors ("the notes file").
// Throws Error(io) for a folder, a file that cannot be read, or one larger than `limit` bytes.
std::string read_input_file(const std::string& path, const std::string& what, std::size_t limit);

// Reads `in` (standard input, given as "-") whole, under the same limit. Throws Error(usage) when it is a
// terminal (nobody types a JSON file), Error(io) when it cannot be read or is larger than `limit` bytes.
std::string read_input_stream(std::istream& in, bool terminal, const std::string& what, std::size_t limit);

} // namespace mlkg::cli
