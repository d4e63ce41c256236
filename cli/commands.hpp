// The `tessera` sub-commands: each takes the arguments after its name and returns the process exit code.
#pragma once

#include <span>
#include <string_view>

namespace tessera::cli {

using Args = std::span<char* const>;

int validate_command(Args args);     // tessera validate PATH [--json]
int replay_command(Args args);       // tessera replay PACKAGE RECORD [--json]
int keygen_command(Args args);       // tessera keygen --out DIR [--seed HEX]
int pack_command(Args args);         // tessera pack SRC --key KEYFILE --out DIR
int score_command(Args args);        // tessera score ITEM.json RESPONSE.json [--json]
int import_twee_command(Args args);  // tessera import-twee FILE [--out FILE]
int jcs_command(Args args);          // tessera jcs FILE
int sign_command(
    Args args);  // tessera sign FILE (--seed HEX | --key KEYFILE) [--cryptosuite S] [--created ISO] [--vm URL]
int verify_command(
    Args args);  // tessera verify FILE [--package DIR] [--did-doc FILE] [--status-list FILE] [--now ISO] [--json]
int prove_command(Args args);   // tessera prove PACKAGE RECORD (--seed HEX | --key KEYFILE) [--created ISO] [--now ISO]
                                // [--publisher DID]
int issuer_command(Args args);  // tessera issuer init DIR [--name NAME] [--url URL] [--base-url URL]
int issue_command(Args args);   // tessera issue PROOF... --issuer DIR [--package DIR] [--pathway ID --catalog FILE]
int review_command(Args args);  // tessera review SUBMISSION --key KEYFILE --level CRITERION=LEVEL... --out FILE
int submit_command(Args args);  // tessera submit PACKAGE RECORD --block ID (--seed HEX | --key KEYFILE) [--out FILE]
int endorse_command(Args args);      // tessera endorse TARGET --issuer DIR [--comment TEXT] --out FILE
int revoke_command(Args args);       // tessera revoke ID --issuer DIR
int status_list_command(Args args);  // tessera status-list --issuer DIR
int canon_command(Args args);        // tessera canon FILE
int rdfc_sign_command(Args args);    // tessera rdfc-sign FILE --seed HEX [--created ISO] [--vm URL]
int rdfc_verify_command(Args args);  // tessera rdfc-verify FILE [--key z6Mk…]
int ob3_check_command(Args args);    // tessera ob3-check FILE
int bake_command(Args args);         // tessera bake CREDENTIAL IMAGE --out FILE
int certificate_command(Args args);  // tessera certificate CREDENTIAL --name NAME --verifier URL --out FILE.pdf
int preview_command(Args args);      // tessera preview COURSE [player options]
int export_command(Args args);       // tessera export scorm12|scorm2004|cmi5 PACKAGE_DIR [--site DIR] --out FILE.zip
int fsrs_command(Args args);         // tessera fsrs REVIEWS.json [--json]
int recall_command(Args args);       // tessera recall PACKAGE RECORD --now ISO [--json]
int strings_command(Args args);      // tessera strings export|import COURSE|--interface … (XLIFF 2.0)
int insights_command(Args args);     // tessera insights INPUT... --course PACKAGE_DIR --out DIR [--min-group N]

}  // namespace tessera::cli
