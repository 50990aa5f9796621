#include "graph/mapped.hpp"

namespace mlkg::detail {

Node MappedNodes::make(std::uint32_t n) const {
  const NodeRecord& r = records[n];
  std::uint64_t at = r.first_string;
  const auto next = [&] { return std::string(string(at++)); };
  Node node;
  node.id = next();
  node.label = next();
  node.summary = next();
  node.section = next();
  node.category = next();
  node.type = r.type;
  node.aliases.reserve(r.alias_count);
  for (std::uint32_t a = 0; a < r.alias_count; ++a) node.aliases.push_back(next());
  node.facts.reserve(r.fact_count);
  for (std::uint32_t f = 0; f < r.fact_count; ++f) node.facts.push_back(next());
  node.source.assign(lines + r.first_line, lines + r.first_line + r.line_count);
  return node;
}

const Node& MappedNodes::node(std::uint32_t n) const {
  std::atomic<const Node*>& slot = made[n];
  if (const Node* done = slot.load(std::memory_order_acquire)) return *done;
  auto fresh = std::make_unique<const Node>(make(n));
  const Node* expected = nullptr;
  if (slot.compare_exchange_strong(expected, fresh.get(), std::memory_order_acq_rel)) return *fresh.release();
  return *expected; // another thread made it first
}

MappedNodes::~MappedNodes() {
  for (const std::atomic<const Node*>& node : made) delete node.load(std::memory_order_relaxed);
}

} // namespace mlkg::detail
