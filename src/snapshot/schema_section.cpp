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
  // A count, then each item as `write` puts it.
  template <class T, class Write> void list(const std::vector<T>& items, const Write& write) {
    count(items.size());
    for (const T& item : items) write(item);
  }
  void texts(const std::vector<std::string>& items) {
    list(items, [this](const std::string& s) { text(s); });
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
  // A count, then as many items as `read` makes.
  template <class Read> auto list(const Read& read) {
    std::vector<decltype(read())> items;
    for (std::uint32_t n = count(); ok_ && n > 0; --n) items.push_back(read());
    return items;
  }
  std::vector<std::string> texts() {
    return list([this] { return text(); });
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
  out.list(schema.node_types, [&](const NodeType& t) {
    out.text(t.name);
    out.text(t.description);
  });
  out.list(schema.relations, [&](const Relation& r) {
    out.text(r.name);
    out.text(r.description);
    out.text(r.inverse);
    out.flag(r.symmetric);
    out.flag(r.flow);
    out.flag(r.in_paths);
    out.texts(r.from_types);
    out.texts(r.to_types);
  });
  out.list(schema.categories, [&](const Category& c) {
    out.text(c.name);
    out.text(c.label);
    out.text(c.color);
  });
  return out.take();
}

// Braced lists read their items left to right, so `NodeType{in.text(), in.text()}` reads the name first.
std::optional<Schema> decode_schema(std::string_view bytes) {
  In in(bytes);
  Schema schema;
  schema.node_types = in.list([&] { return NodeType{in.text(), in.text()}; });
  schema.relations = in.list([&] {
    Relation r;
    r.name = in.text();
    r.description = in.text();
    r.inverse = in.text();
    r.symmetric = in.flag();
    r.flow = in.flag();
    r.in_paths = in.flag();
    r.from_types = in.texts();
    r.to_types = in.texts();
    return r;
  });
  schema.categories = in.list([&] { return Category{in.text(), in.text(), in.text()}; });
  if (!in.done()) return std::nullopt;
  return schema;
}

} // namespace mlkg::detail::snapshot
