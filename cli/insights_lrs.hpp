// Reading an LRS's statements for `tessera insights --lrs URL` (docs/insights.md, "xAPI statements and an LRS").
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace tessera::cli::insights {

// GETs ENDPOINT/statements?activity=A&related_activities=true for each activity A, following each answer's
// `more` link, with `X-Experience-API-Version: 1.0.3` and `authorization` (an Authorization header value, e.g.
// "Basic …"; none when empty); calls `page` with each page's statements. Returns "" or why it stopped.
[[nodiscard]] std::string read_lrs(const std::string& endpoint, const std::string& authorization,
                                   const std::vector<std::string>& activities,
                                   const std::function<void(const nlohmann::json&)>& page);

}  // namespace tessera::cli::insights
