#include "mlkg/text.hpp"

#include <cstdio>

namespace mlkg {

namespace {

struct Decoded {
  std::size_t length = 1; // bytes
  unsigned code = 0;
  bool valid = false;
};

// One UTF-8 sequence at `text[i]`, rejecting overlong forms, surrogates and values past U+10FFFF.
Decoded decode(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned lead = byte(i);
  if (lead < 0x80) return {1, lead, true};
  std::size_t length = 0;
  unsigned code = 0;
  unsigned minimum = 0;
  if ((lead & 0xE0) == 0xC0) {
    length = 2, code = lead & 0x1F, minimum = 0x80;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3, code = lead & 0x0F, minimum = 0x800;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4, code = lead & 0x07, minimum = 0x10000;
  } else {
    return {};
  }
  if (i + length > text.size()) return {};
  for (std::size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return {};
    code = (code << 6) | (byte(i + k) & 0x3F);
  }
  if (code < minimum || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return {};
  return {length, code, true};
}

// Controls, the marks that reorder or break a line, and the non-characters (U+FFFE and U+FFFF are not even
// allowed in XML, which GraphML and SVG are).
bool is_control(unsigned code, bool allow_layout) {
  if (allow_layout && (code == '\t' || code == '\n')) return false;
  return code < 0x20 || code == 0x7F || (code >= 0x80 && code <= 0x9F) || code == 0x061C || code == 0x200E ||
         code == 0x200F || (code >= 0x2028 && code <= 0x202E) || (code >= 0x2066 && code <= 0x2069) || code == 0xFEFF ||
         (code >= 0xFDD0 && code <= 0xFDEF) || (code & 0xFFFE) == 0xFFFE;
}

std::string shown(const Decoded& d, unsigned char first_byte) {
  char buffer[16];
  if (!d.valid || d.code < 0x80)
    std::snprintf(buffer, sizeof buffer, "\\x%02x", d.valid ? d.code : unsigned{first_byte});
  else
    std::snprintf(buffer, sizeof buffer, "\\u%04x", d.code);
  return buffer;
}

} // namespace

std::optional<ControlCharacter> find_control_character(std::string_view text, bool allow_layout) {
  std::size_t character = 1;
  for (std::size_t i = 0; i < text.size(); ++character) {
    const Decoded d = decode(text, i);
    if (!d.valid || is_control(d.code, allow_layout))
      return ControlCharacter{i, character, shown(d, static_cast<unsigned char>(text[i]))};
    i += d.length;
  }
  return std::nullopt;
}

std::string escape_control(std::string_view text, bool keep_layout) {
  std::string out;
  out.reserve(text.size());
  // Printable ASCII (and tabs and newlines when the layout is kept) is copied in runs: it is most of
  // any output, and decoding it a character at a time was most of the cost of printing an answer.
  const auto plain = [keep_layout](unsigned char c) {
    return (c >= 0x20 && c < 0x7F) || (keep_layout && (c == '\t' || c == '\n'));
  };
  for (std::size_t i = 0; i < text.size();) {
    std::size_t run = i;
    while (run < text.size() && plain(static_cast<unsigned char>(text[run]))) ++run;
    if (run > i) {
      out.append(text.substr(i, run - i));
      i = run;
      continue;
    }
    const Decoded d = decode(text, i);
    if (!d.valid || is_control(d.code, keep_layout))
      out += shown(d, static_cast<unsigned char>(text[i]));
    else
      out.append(text.substr(i, d.length));
    i += d.length;
  }
  return out;
}

std::string escape_control_json(std::string_view json_text) {
  std::string out;
  out.reserve(json_text.size());
  const auto u_escape = [&out](unsigned unit) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "\\u%04x", unit);
    out += buffer;
  };
  for (std::size_t i = 0; i < json_text.size();) {
    const auto c = static_cast<unsigned char>(json_text[i]);
    if (c >= 0x20 && c < 0x7F) {
      out += json_text[i++];
      continue;
    }
    const Decoded d = decode(json_text, i);
    if (d.valid && is_control(d.code, true) && d.code != '\t' && d.code != '\n') {
      if (d.code < 0x10000) {
        u_escape(d.code);
      } else { // a non-character past the first plane, as a surrogate pair
        u_escape(0xD800 + ((d.code - 0x10000) >> 10));
        u_escape(0xDC00 + ((d.code - 0x10000) & 0x3FF));
      }
    } else {
      out.append(json_text.substr(i, d.length));
    }
    i += d.length;
  }
  return out;
}

std::pair<char32_t, std::size_t> utf8_code_point(std::string_view text, std::size_t i) {
  const Decoded d = decode(text, i);
  return {d.valid ? static_cast<char32_t>(d.code) : char32_t{0xFFFD}, d.length};
}

bool is_valid_utf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const Decoded d = decode(text, i);
    if (!d.valid) return false;
    i += d.length;
  }
  return true;
}

std::string clipped(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return std::string(text);
  std::size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return std::string(text.substr(0, cut)) + "... (" + grouped(text.size() - cut) + " more bytes)";
}

std::string one_line(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool space = false;
  for (const char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

std::string counted(std::size_t n, std::string_view noun) {
  return std::to_string(n) + " " + std::string(noun) + (n == 1 ? "" : "s");
}

std::string grouped(std::size_t n) {
  std::string digits = std::to_string(n);
  for (std::size_t at = digits.size(); at > 3; at -= 3) digits.insert(at - 3, ",");
  return digits;
}

namespace {
std::string mebibytes(std::uint64_t bytes) {
  constexpr std::uint64_t mib = std::uint64_t{1} << 20;
  const std::uint64_t tenths = bytes / mib * 10 + (bytes % mib * 10 + mib - 1) / mib;
  return grouped(tenths / 10) + (tenths % 10 ? "." + std::to_string(tenths % 10) : "") + " MiB";
}
} // namespace

std::string over_size_limit(std::uint64_t bytes, std::uint64_t limit) {
  return "file is " + mebibytes(bytes) + "; the limit is " + mebibytes(limit);
}

} // namespace mlkg
