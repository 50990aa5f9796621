#include "mlkg/snapshot.hpp"
#include "snapshot/format.hpp"

#include <cstring>

namespace mlkg {

void reseal_snapshot(std::string& bytes) {
  namespace fmt = detail::snapshot;
  if (bytes.size() < fmt::data_start) return; // no whole section table: nothing a checksum covers
  const std::uint64_t size = bytes.size();
  const std::uint64_t sum = fmt::checksum(std::string_view(bytes).substr(fmt::data_start));
  std::memcpy(&bytes[16], &size, sizeof size);
  std::memcpy(&bytes[24], &sum, sizeof sum);
  const std::uint64_t head = fmt::header_checksum(bytes);
  std::memcpy(&bytes[40], &head, sizeof head);
}

} // namespace mlkg
