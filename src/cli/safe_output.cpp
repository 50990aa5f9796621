#include "safe_output.hpp"

#include "mlkg/text.hpp"

#include <CLI/CLI.hpp>
#include <cmath>
#include <limits>
#include <string>

namespace mlkg::cli {

namespace {
constexpr std::size_t hold_bytes = std::size_t{64} * 1024;
}

EscapingBuffer::~EscapingBuffer() {
  write_all();
  target_.flush();
}

EscapingBuffer::int_type EscapingBuffer::overflow(int_type c) {
  if (!traits_type::eq_int_type(c, traits_type::eof())) {
    pending_ += traits_type::to_char_type(c);
    if (pending_.size() >= hold_bytes) write_complete_lines();
  }
  return traits_type::not_eof(c);
}

std::streamsize EscapingBuffer::xsputn(const char* s, std::streamsize n) {
  pending_.append(s, static_cast<std::size_t>(n));
  if (pending_.size() >= hold_bytes) write_complete_lines();
  return n;
}

int EscapingBuffer::sync() {
  write_all();
  target_.flush();
  return target_ ? 0 : -1;
}

void EscapingBuffer::write_complete_lines() {
  const std::size_t end = pending_.rfind('\n');
  if (end == std::string::npos) return write_all(); // one 64 KiB line: a split sequence shows as \x bytes
  target_ << escape_control(std::string_view(pending_).substr(0, end + 1), true);
  pending_.erase(0, end + 1);
}

void EscapingBuffer::write_all() {
  if (pending_.empty()) return;
  target_ << escape_control(pending_, true);
  pending_.clear();
}

void print_diagnostics(std::ostream& err, const std::vector<Diagnostic>& all, const char* label) {
  for (std::size_t i = 0; i < all.size() && i < max_printed_diagnostics; ++i)
    err << "mlkg: " << (label ? label : to_string(all[i].kind)) << ": " << escape_control(format(all[i])) << '\n';
  if (all.size() > max_printed_diagnostics)
    err << "mlkg: and " << grouped(all.size() - max_printed_diagnostics) << " more\n";
}

const CLI::Validator& decimal() {
  static const CLI::Validator validator(
      [](std::string& text) -> std::string {
        // A sign is let through so that the range check can say what the bounds are.
        const std::string_view digits = std::string_view(text).substr(text.rfind('-', 0) == 0 ? 1 : 0);
        if (!digits.empty() && digits.find_first_not_of("0123456789") == std::string::npos) {
          // Every such option is an int or smaller; past that, CLI11's own message would say "Could not convert".
          if (digits.size() <= 10 && std::stoll(std::string(digits)) <= std::numeric_limits<int>::max()) return {};
          return "'" + clipped(escape_control(text)) + "' is out of range";
        }
        return "expects a whole number in decimal digits, got '" + clipped(escape_control(text)) + "'";
      },
      "NUMBER");
  return validator;
}

const CLI::Validator& finite() {
  static const CLI::Validator validator(
      [](std::string& text) -> std::string {
        if (text.empty() || text.find_first_not_of("0123456789.+-eE") != std::string::npos)
          return "expects a finite number, got '" + escape_control(text) + "'";
        try {
          std::size_t used = 0;
          const double value = std::stod(text, &used);
          if (used == text.size() && std::isfinite(value)) return {};
        } catch (const std::exception&) {
        }
        return "expects a finite number, got '" + escape_control(text) + "'";
      },
      "NUMBER");
  return validator;
}

const CLI::Validator& named() {
  static const CLI::Validator validator(
      [](std::string& text) -> std::string { return text.empty() ? "needs a name, got ''" : ""; }, "NAME");
  return validator;
}

const CLI::Validator& named_path() {
  static const CLI::Validator validator(
      [](std::string& text) -> std::string {
        if (text == "-") return "needs a path: '-' (standard output) cannot take it";
        return text.empty() ? "needs a name, got ''" : "";
      },
      "PATH");
  return validator;
}

} // namespace mlkg::cli
