#pragma once
// Text that came from a file or the command line, made safe to print, and numbers made readable.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace mlkg {

// A character a terminal acts on instead of showing: C0 controls, DEL, C1 controls (U+0080-U+009F), every
// bidirectional control (the marks U+061C, U+200E, U+200F, the overrides U+202A-U+202E, the isolates
// U+2066-U+2069), the line and paragraph separators U+2028-U+2029 (they break a line where no newline is
// allowed) and the invisible byte order mark U+FEFF. Invalid UTF-8 bytes count too.
struct ControlCharacter {
  std::size_t offset = 0;    // byte offset in the text
  std::size_t character = 0; // 1-based character number
  std::string shown;         // its visible form: "\x1b", "\u202e"
};

// The first control character of `text`; with `allow_layout`, tab and newline are not counted.
std::optional<ControlCharacter> find_control_character(std::string_view text, bool allow_layout = false);

// `text` with every control character (and invalid UTF-8 byte) replaced by its visible form, so that
// printing it cannot move the cursor, clear the screen or set a window title. With `keep_layout`, tab and
// newline stay as they are.
std::string escape_control(std::string_view text, bool keep_layout = false);
// JSON text (valid UTF-8) with what escape_control would rewrite written as JSON escapes instead (DEL as
// \u007f, U+202E as \u202e), so that it reaches the terminal unchanged and stays JSON.
std::string escape_control_json(std::string_view json_text);

// The code point at text[i] and its length in bytes; an invalid sequence is one byte standing for U+FFFD.
std::pair<char32_t, std::size_t> utf8_code_point(std::string_view text, std::size_t i);

// True when `text` is well-formed UTF-8.
bool is_valid_utf8(std::string_view text);

// `text` cut to its first `max_bytes` bytes (at a character's start) with "..." and the count of bytes
// left out, so that a message quoting what it was given stays readable however long that was.
std::string clipped(std::string_view text, std::size_t max_bytes = 120);

// `text` on one line: each run of spaces, tabs and line breaks becomes one space. For prose (an edge's
// note) printed within a line, and for formats where a label must stay on one line.
std::string one_line(std::string_view text);

// "1 node", "2 nodes": `noun` takes an "s" unless there is one.
std::string counted(std::size_t n, std::string_view noun);

// 1234567 -> "1,234,567".
std::string grouped(std::size_t n);

// "file is 3.1 MiB; the limit is 1 MiB": sizes in MiB rounded up to a tenth, so that a size over the limit
// never reads as the limit itself.
std::string over_size_limit(std::uint64_t bytes, std::uint64_t limit);

} // namespace mlkg
