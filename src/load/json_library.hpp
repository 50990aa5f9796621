#pragma once
// Private to libmlkg: simdjson, the parser of big JSON files, is opened with dlopen on first use rather than
// linked. Linking it would make every process load it and, through it, the shared libstdc++: most of a short
// command's start-up (README, "Start-up").

namespace mlkg::detail {

// Loads simdjson if it is not loaded yet. Call it before making a simdjson parser; throws Error(usage)
// saying how to install the library if it cannot be loaded.
void load_json_library();

} // namespace mlkg::detail
