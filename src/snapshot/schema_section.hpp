#pragma once
// Private to the snapshot module: the schema section, a flat run of counts (u32), strings (u32 length,
// then the bytes) and flags (one byte, 0 or 1), in the writer's byte order. Parsing it as JSON was 14% of
// the instructions of `mlkg show glue`, which opens the built-in snapshot on every run.

#include "mlkg/model.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace mlkg::detail::snapshot {

std::string encode_schema(const Schema& schema);

// Empty when the bytes are not a schema as encode_schema writes it (cut short, a count or a length past
// the end, a flag that is neither 0 nor 1, bytes left over).
std::optional<Schema> decode_schema(std::string_view bytes);

} // namespace mlkg::detail::snapshot
