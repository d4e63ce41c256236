// The report of `tessera insights`: every analysis table as CSV, all of them as one JSON file, and a static,
// offline, accessible HTML page with SVG charts (no script, no network, a strict Content-Security-Policy).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "sqlite_db.hpp"

namespace tessera::cli::insights {

struct NamedTable {
  std::string name;  // the SQL table: "item_stats"
  SqlTable table;
};

struct ReportFacts {
  std::string course_id;
  std::string course_version;
  std::string course_title;
  std::int64_t learners = 0;
  std::int64_t dropped = 0;
  std::int64_t min_group = 5;
};

[[nodiscard]] std::string to_csv(const SqlTable& table);
[[nodiscard]] std::string to_json_text(const ReportFacts& facts, const std::vector<NamedTable>& tables);
[[nodiscard]] std::string to_html(const ReportFacts& facts, const std::vector<NamedTable>& tables);

}  // namespace tessera::cli::insights
