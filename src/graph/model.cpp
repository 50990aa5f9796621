#include "mlkg/model.hpp"

#include <algorithm>

namespace mlkg {

namespace {
bool allows(const std::vector<std::string>& types, std::string_view type) {
  return types.empty() || std::find(types.begin(), types.end(), type) != types.end();
}

template <class Items> std::optional<std::uint16_t> find_named(const Items& items, std::string_view name) {
  for (std::size_t i = 0; i < items.size(); ++i)
    if (items[i].name == name) return static_cast<std::uint16_t>(i);
  return std::nullopt;
}

template <class Items> std::vector<std::string> names_of(const Items& items) {
  std::vector<std::string> names;
  names.reserve(items.size());
  for (const auto& item : items) names.push_back(item.name);
  return names;
}
} // namespace

bool Relation::allows_from(std::string_view type) const { return allows(from_types, type); }
bool Relation::allows_to(std::string_view type) const { return allows(to_types, type); }

std::optional<TypeIndex> Schema::find_type(std::string_view name) const { return find_named(node_types, name); }

std::optional<RelIndex> Schema::find_relation(std::string_view name) const { return find_named(relations, name); }

std::optional<RelIndex> Schema::find_relation_or_inverse(std::string_view name, bool& inverse) const {
  inverse = false;
  if (auto r = find_relation(name)) return r;
  for (std::size_t i = 0; i < relations.size(); ++i) {
    if (relations[i].inverse == name) {
      inverse = !relations[i].symmetric;
      return static_cast<RelIndex>(i);
    }
  }
  return std::nullopt;
}

std::vector<std::string> Schema::type_names() const { return names_of(node_types); }
std::vector<std::string> Schema::relation_names() const { return names_of(relations); }

const Category* Schema::find_category(std::string_view name) const {
  auto found = find_named(categories, name);
  return found ? &categories[*found] : nullptr;
}

std::vector<std::string> Schema::category_names() const { return names_of(categories); }

std::string format_lines(LineSpan lines) {
  std::string s;
  for (const LineRange& r : lines) {
    if (!s.empty()) s += ", ";
    s += std::to_string(r.first);
    if (r.last != r.first) s += '-' + std::to_string(r.last);
  }
  return s;
}

std::string cited_lines(LineSpan lines) {
  const bool one = lines.size() == 1 && lines.begin()->first == lines.begin()->last;
  return (one ? "line " : "lines ") + format_lines(lines);
}

} // namespace mlkg
