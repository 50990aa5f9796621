#include "mlkg/snapshot.hpp"
#include "snapshot/format.hpp"

#include <cstring>

namespace mlkg {

void reseal_snapshot(std::string& bytes) {
  namespace fmt = detail::snapshot;
  if (bytes.size() < fmt::header_size) return;
  const std::uint64_t size = bytes.size();
  const std::uint64_t sum = fmt::checksum(std::string_view(bytes).substr(fmt::header_size));
  std::memcpy(&bytes[16], &size, sizeof size);
  std::memcpy(&bytes[24], &sum, sizeof sum);
}

} // namespace mlkg
