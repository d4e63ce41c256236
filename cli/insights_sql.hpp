// The SQL of `tessera insights` (cli/insights/*.sql), compiled in by cmake/embed-sql.cmake.
#pragma once

#include <string_view>
#include <vector>

namespace tessera::cli::insights {

struct SqlFile {
  std::string_view name;  // "20-item_stats.sql": run in name order
  std::string_view text;
};

// Every file, in name order: the schema first, then each analysis, each creating the table it is named after.
[[nodiscard]] const std::vector<SqlFile>& sql_files();

}  // namespace tessera::cli::insights
