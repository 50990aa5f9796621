#include "snapshot/schema_section.hpp"

#include <cstdint>
#include <cstring>
#include <vector>

namespace mlkg::detail::snapshot {

namespace {

class Out {
public:
  void count(std::size_t n) {
    const auto v = static_cast<std::uint32_t>(n);
    bytes_.append(reinterpret_cast<const char*>(&v), sizeof v);
  }
  void text(std::string_view s) {
    count(s.size());
    bytes_ += s;
  }
  void flag(bool b) { bytes_ += b ? '\1' : '\0'; }
  void texts(const std::vector<std::string>& list) {
    count(list.size());
    for (const std::string& s : list) text(s);
  }
  std::string take() { return std::move(bytes_); }

private:
  std::string bytes_;
};

// Each read fails (and every later one with it) rather than pass the end; no count sizes anything
// before its items are read, so a corrupt count costs no more than the bytes there are.
class In {
public:
  explicit In(std::string_view bytes) : rest_(bytes) {}
  bool ok() const { return ok_; }
  bool done() const { return ok_ && rest_.empty(); }

  std::uint32_t count() {
    std::uint32_t v = 0;
    if (!take(sizeof v)) return 0;
    std::memcpy(&v, rest_.data() - sizeof v, sizeof v);
    return v;
  }
  std::string text() {
    const std::uint32_t n = count();
    if (!take(n)) return {};
    return std::string(rest_.data() - n, n);
  }
  bool flag() {
    if (!take(1)) return false;
    const char c = rest_.data()[-1];
    if (c != '\0' && c != '\1') ok_ = false;
    return c == '\1';
  }
  std::vector<std::string> texts() {
    std::vector<std::string> list;
    for (std::uint32_t n = count(); ok_ && n > 0; --n) list.push_back(text());
    return list;
  }

private:
  bool take(std::size_t n) {
    if (!ok_ || n > rest_.size()) return ok_ = false;
    rest_.remove_prefix(n);
    return true;
  }
  std::string_view rest_;
  bool ok_ = true;
};

} // namespace

std::string encode_schema(const Schema& schema) {
  Out out;
  out.count(schema.node_types.size());
  for (const NodeType& t : schema.node_types) {
    out.text(t.name);
    out.text(t.description);
  }
  out.count(schema.relations.size());
  for (const Relation& r : schema.relations) {
    out.text(r.name);
    out.text(r.description);
    out.text(r.inverse);
    out.flag(r.symmetric);
    out.flag(r.flow);
    out.flag(r.in_paths);
    out.texts(r.from_types);
    out.texts(r.to_types);
  }
  out.count(schema.categories.size());
  for (const Category& c : schema.categories) {
    out.text(c.name);
    out.text(c.label);
    out.text(c.color);
  }
  return out.take();
}

std::optional<Schema> decode_schema(std::string_view bytes) {
  In in(bytes);
  Schema schema;
  for (std::uint32_t n = in.count(); in.ok() && n > 0; --n) {
    NodeType t;
    t.name = in.text();
    t.description = in.text();
    schema.node_types.push_back(std::move(t));
  }
  for (std::uint32_t n = in.count(); in.ok() && n > 0; --n) {
    Relation r;
    r.name = in.text();
    r.description = in.text();
    r.inverse = in.text();
    r.symmetric = in.flag();
    r.flow = in.flag();
    r.in_paths = in.flag();
    r.from_types = in.texts();
    r.to_types = in.texts();
    schema.relations.push_back(std::move(r));
  }
  for (std::uint32_t n = in.count(); in.ok() && n > 0; --n) {
    Category c;
    c.name = in.text();
    c.label = in.text();
    c.color = in.text();
    schema.categories.push_back(std::move(c));
  }
  if (!in.done()) return std::nullopt;
  return schema;
}

} // namespace mlkg::detail::snapshot
