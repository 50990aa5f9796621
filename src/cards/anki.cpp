// Anki's text import format: https://docs.ankiweb.net/importing/text-files.html (file headers).
#include "mlkg/cards.hpp"
#include "mlkg/error.hpp"

#include <cctype>
#include <cstdint>
#include <unordered_map>

namespace mlkg {

namespace {

// HTML-escaped, on one line: Anki reads one note per line and splits fields at tabs, and with
// #html:true shows the field as HTML. Escaping the quote also keeps Anki from reading a field as quoted.
std::string html(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
    case '&': out += "&amp;"; break;
    case '<': out += "&lt;"; break;
    case '>': out += "&gt;"; break;
    case '"': out += "&quot;"; break;
    case '\'': out += "&#39;"; break;
    case '\t': out += "&#9;"; break;
    case '\n': out += "<br>"; break;
    case '\r': break;
    default: out += c;
    }
  }
  return out;
}

// A plain (non-HTML) column: no tabs or line breaks.
std::string plain(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  }
  return out;
}

// Anki tags are separated by spaces; "::" nests them.
std::string tag(std::string_view prefix, std::string_view value) {
  std::string out(prefix);
  out += "::";
  for (char c : value) {
    const bool keep =
        std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || (static_cast<unsigned char>(c) >= 0x80);
    out += keep ? c : '_';
  }
  return out;
}

std::string back_of(const Graph& graph, const Card& card) {
  std::string back;
  if (card.kind == CardKind::contrast) {
    back += html(card.answer_text);
  } else if (card.answers.size() == 1) {
    back += "<b>" + html(graph.node(card.answers.front()).label) + "</b>";
  } else {
    back += std::to_string(card.answers.size()) + " answers:<ol>";
    for (NodeIndex n : card.answers) back += "<li>" + html(graph.node(n).label) + "</li>";
    back += "</ol>";
  }
  for (const std::string& note : card.notes) back += "<br><i>" + html(note) + "</i>";
  if (!card.source.empty()) back += "<br><small>notes " + html(cited_lines(card.source)) + "</small>";
  return back;
}

} // namespace

std::string card_guid(const Card& card) {
  std::uint64_t hash = 14695981039346656037ull;
  for (unsigned char c : card.identity) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  static const char* digits = "0123456789abcdef";
  std::string guid(16, '0');
  for (int i = 15; i >= 0; --i, hash >>= 4) guid[static_cast<std::size_t>(i)] = digits[hash & 0xf];
  return guid;
}

std::string anki_text(const Graph& graph, const std::vector<Card>& cards) {
  std::string out = "#separator:tab\n#html:true\n#guid column:1\n#notetype column:2\n#deck column:3\n#tags column:6\n";
  std::unordered_map<std::string, const Card*> seen;
  seen.reserve(cards.size());
  for (const Card& card : cards) {
    const std::string guid = card_guid(card);
    auto [it, fresh] = seen.emplace(guid, &card);
    if (!fresh) {
      throw Error(ErrorKind::usage,
                  "cards '" + it->second->identity + "' and '" + card.identity + "' have the same Anki GUID " + guid);
    }
    const Node& subject = graph.node(card.subject);
    std::string tags = "mlkg " + tag("section", subject.section) + " " + tag("type", graph.type_name(card.subject)) +
                       " " + tag("kind", to_string(card.kind));
    if (!card.relation.empty()) tags += " " + tag("rel", card.relation);
    out.append(guid).append("\tBasic\t").append(plain("mlkg::" + subject.section)).append("\t");
    out.append(html(card.question)).append("\t").append(back_of(graph, card)).append("\t").append(tags).append("\n");
  }
  return out;
}

} // namespace mlkg
