// Problems as the JavaScript side reads them: [{severity, pointer, message, hint}], shared by every binding file.
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "tessera/problem.hpp"

namespace tessera::bindings {

inline nlohmann::json problems_json(const std::vector<Problem>& problems) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& p : problems) {
    out.push_back({{"severity", p.severity == Severity::error ? "error" : "warning"},
                   {"pointer", p.where}, {"message", p.message}, {"hint", p.hint}});
  }
  return out;
}

}  // namespace tessera::bindings
