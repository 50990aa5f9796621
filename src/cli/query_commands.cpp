#include "context.hpp"
#include "query_options.hpp"

namespace mlkg::cli {

void add_query_commands(CLI::App& app, Context& ctx) {
  add_path(app, ctx);
  add_neighbours(app, ctx);
  add_related(app, ctx);
  add_what(app, ctx);
  add_pipeline(app, ctx);
  add_compare(app, ctx);
  add_explain(app, ctx);
}

} // namespace mlkg::cli
