// Problems written as JSON (tessera/problem.hpp): the one serialiser, so no two outputs name a member differently.
#include <nlohmann/json.hpp>

#include "tessera/problem.hpp"

namespace tessera {

nlohmann::json to_json(const Problem& problem) {
  return {{"severity", problem.severity == Severity::error ? "error" : "warning"},
          {"where", problem.where},
          {"message", problem.message},
          {"hint", problem.hint}};
}

nlohmann::json to_json(const std::vector<Problem>& problems) {
  nlohmann::json out = nlohmann::json::array();
  for (const Problem& problem : problems) out.push_back(to_json(problem));
  return out;
}

}  // namespace tessera
