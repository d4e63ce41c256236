// The `tessera` sub-commands: each takes the arguments after its name and returns the process exit code.
#pragma once

#include <span>
#include <string_view>

namespace tessera::cli {

using Args = std::span<char* const>;

int validate_command(Args args);  // tessera validate PATH [--json]
int replay_command(Args args);    // tessera replay PACKAGE RECORD [--json]
int keygen_command(Args args);    // tessera keygen --out DIR [--seed HEX]
int pack_command(Args args);      // tessera pack SRC --key KEYFILE --out DIR
int score_command(Args args);     // tessera score ITEM.json RESPONSE.json [--json]
int preview_command(Args args);   // tessera preview COURSE [player options]

}  // namespace tessera::cli
