#pragma once
// Private to the command line: what keeps hostile text from acting on the terminal, and long lists of problems
// readable.

#include "mlkg/error.hpp"

#include <ostream>
#include <streambuf>
#include <string>
#include <vector>

namespace CLI {
class Validator;
}

namespace mlkg::cli {

// A stream buffer in front of `target` that writes everything through mlkg::escape_control (keeping tab and
// newline), so no command's output can carry ESC, BEL, CR or other control characters to a terminal. Text is
// held until a newline (or 64 KiB), so a UTF-8 sequence is never split.
class EscapingBuffer : public std::streambuf {
public:
  explicit EscapingBuffer(std::ostream& target) : target_(target) {}
  ~EscapingBuffer() override;
  EscapingBuffer(const EscapingBuffer&) = delete;
  EscapingBuffer& operator=(const EscapingBuffer&) = delete;

protected:
  int_type overflow(int_type c) override;
  std::streamsize xsputn(const char* s, std::streamsize n) override;
  int sync() override;

private:
  void write_complete_lines();
  void write_all();

  std::ostream& target_;
  std::string pending_;
};

// Prints each diagnostic as "mlkg: <label>: <where>: <message>", escaped, the first `max_printed` only, then
// "mlkg: and 9,742 more". Everything was checked; only the printing is capped.
void print_diagnostics(std::ostream& err, const std::vector<Diagnostic>& all, const char* label = nullptr);
constexpr std::size_t max_printed_diagnostics = 100;

// Integer options take plain decimal digits, perhaps after a minus sign ("16", not "0x10" or "1e1").
const CLI::Validator& decimal();
// Number options take finite numbers (not "nan" or "inf").
const CLI::Validator& finite();
// File and folder options take a name: "" is a usage error, not standard output or no output.
const CLI::Validator& named();
// The same for what standard output cannot take (a snapshot, read in place; a folder): "-" is refused too.
const CLI::Validator& named_path();

} // namespace mlkg::cli
