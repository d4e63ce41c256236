// Questions about a loaded course's completion rules that both the course's lints and the session answer.
#pragma once

#include "tessera/course.hpp"

namespace tessera::course {

// Whether the completion rules ask for `block` (docs/package-format.md): under "all" every block but a survey
// (surveys never hold a learner back), else the blocks `requiredBlocks` lists.
[[nodiscard]] bool required_for_completion(const CompletionRules& rules, const Block& block);

}  // namespace tessera::course
