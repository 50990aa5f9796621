// Where nodes are defined, found again in the graph's files: for warnings worked out from a loaded graph,
// which keeps no file positions. Each file is scanned once, with simdjson (no tree kept), for its nodes' ids.
#include "load/json_library.hpp"
#include "load/json_text.hpp"
#include "load/ondemand.hpp"
#include "mlkg/load.hpp"

#include <filesystem>
#include <memory>
#include <unordered_map>

namespace mlkg {

namespace od = detail::od;

struct NodePlaces::Index {
  struct Place {
    std::size_t file;
    std::uint32_t node; // index in the file's "nodes"
  };
  std::unordered_map<std::string, Place> where;
  std::unordered_map<std::size_t, std::unique_ptr<detail::TextLocator>> locators; // by file, as needed

  explicit Index(const std::vector<SourceText>& files);
};

NodePlaces::NodePlaces(std::vector<SourceText> files) : files_(std::move(files)) {}
NodePlaces::~NodePlaces() = default;

NodePlaces::Index::Index(const std::vector<SourceText>& files) {
  detail::load_json_library();
  od::parser parser;
  for (std::size_t f = 0; f < files.size(); ++f) {
    if (std::filesystem::path(files[f].name).filename() == "schema.json") continue;
    const std::string_view whole = files[f].text;
    const simdjson::padded_string text(whole.substr(detail::byte_order_mark_size(whole)));
    try {
      od::document document = detail::take(parser.iterate(text));
      od::object root = detail::take(document.get_object());
      od::array nodes;
      if (root.find_field_unordered("nodes").get(nodes)) continue;
      std::uint32_t k = 0;
      for (auto item : nodes) {
        od::object node;
        std::string_view id;
        if (!detail::take(item).get(node) && !node.find_field_unordered("id").get(id))
          where.emplace(std::string(id), Place{f, k}); // the first node with the id, as the loader keeps
        ++k;
      }
    } catch (const detail::Malformed&) {
      // A file that loaded parses; one changed since has no place to give.
    }
  }
}

Location NodePlaces::locate(std::string_view id, const std::string& member) {
  if (!index_) index_ = std::make_unique<Index>(files_);
  const auto found = index_->where.find(std::string(id));
  if (found == index_->where.end()) return {};
  const auto [file, node] = found->second;
  auto& locator = index_->locators[file];
  if (!locator) locator = std::make_unique<detail::TextLocator>(files_[file].text);
  Location at;
  at.file = files_[file].name;
  at.pointer = "/nodes/" + std::to_string(node) + "/" + member;
  const detail::TextPosition position = locator->locate(at.pointer);
  at.line = position.line;
  at.column = position.column;
  return at;
}

} // namespace mlkg
