#include "context.hpp"

namespace mlkg::cli {
// Placeholder until the query commands land (issue 5).
void add_query_commands(CLI::App&, Context&) {}
} // namespace mlkg::cli
