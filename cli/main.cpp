// Entry point of the `tessera` command: dispatches sub-commands for authors and issuers.
#include <cerrno>
#include <cstdio>
#include <string_view>

#include "args.hpp"
#include "errno_text.hpp"
#include "tessera/version.hpp"

namespace {

constexpr const char* usage_text =
    "usage: tessera <command> [options]\n"
    "\n"
    "commands:\n"
    "  validate PATH [--json]  check a course folder or course.json; exit 1 on errors\n"
    "  replay PACKAGE RECORD [--json]\n"
    "                          fold a learner record (JSON Lines) over a course and print the state\n"
    "  keygen --out DIR [--seed HEX] [--reviewer]\n"
    "                          make a publisher key (Ed25519): DIR/publisher.key and publisher.pub.json; with\n"
    "                          --reviewer a project reviewer's key: DIR/reviewer.key and reviewer.pub.json\n"
    "  pack SRC --key KEYFILE --out DIR\n"
    "                          validate SRC and publish it to DIR/<id>/<version>/ with a signed manifest\n"
    "  score ITEM RESPONSE [--json]\n"
    "                          score one response to one item (JSON files) and show the feedback\n"
    "  import-twee FILE [--out FILE]\n"
    "                          convert a Twine 2 story (Twee 3) into a scenario (JSON)\n"
    "  jcs FILE                print the RFC 8785 canonical form (no trailing newline)\n"
    "  sign FILE (--seed HEX | --key KEYFILE) [--cryptosuite eddsa-jcs-2022|eddsa-rdfc-2022] [--created ISO] [--vm "
    "URL] [--out FILE]\n"
    "                          add a W3C Data Integrity proof\n"
    "  verify FILE [--package DIR] [--did-doc FILE]... [--status-list FILE] [--now ISO] [--language TAG] [--json]\n"
    "                          check a completion proof or credential (or a baked PNG/SVG badge); exit 0 only\n"
    "                          if every check passes; its sentences in TAG's language (en, fr, ar)\n"
    "  prove PACKAGE RECORD (--seed HEX | --key KEYFILE) [--created ISO] [--now ISO] [--publisher DID]\n"
    "        [--include-private] [--out FILE]\n"
    "                          a learner's signed completion proof from a completed record, made only\n"
    "                          when the package verifies and verify would accept the proof; their reflections,\n"
    "                          survey answers and unscored answers stay out unless --include-private\n"
    "  issuer init DIR [--name NAME] [--url URL] [--base-url URL] [--eligibility-policy URL]\n"
    "        [--verification-policy URL] [--appeal-policy URL]\n"
    "                          make an issuer: key, profile and policy (and its policy pages' links), ledger\n"
    "  issue PROOF... --issuer DIR [--package DIR]... [--pathway ID --catalog FILE] [--now ISO] [--out FILE]\n"
    "        [--cryptosuite eddsa-rdfc-2022|eddsa-jcs-2022]\n"
    "                          verify proofs, apply the policy, sign an Open Badges 3.0 credential\n"
    "  submit PACKAGE RECORD --block ID (--seed HEX | --key KEYFILE) [--publisher DID] [--out FILE]\n"
    "                          the learner's signed submission of a project block's saved draft\n"
    "  review SUBMISSION --key KEYFILE --level CRITERION=LEVEL... [--comment TEXT] [--role facilitator|peer]\n"
    "         [--vouch FILE] [--own-submission FILE] --out FILE\n"
    "                          sign a review of a project submission against the rubric it carries\n"
    "  endorse TARGET --issuer DIR [--comment TEXT] [--now ISO] --out FILE\n"
    "                          sign an Open Badges 3.0 EndorsementCredential for a course's achievement or an\n"
    "                          issuer (TARGET: a course or issuer folder, a credential, or an id)\n"
    "  revoke ID --issuer DIR  mark an issued credential revoked (then publish the status list)\n"
    "  status-list --issuer DIR [--now ISO] [--out FILE]\n"
    "                          write the signed Bitstring Status List credential (status/1.json)\n"
    "  canon FILE              print the RDFC-1.0 canonical N-Quads of a JSON-LD document (without its proof)\n"
    "  rdfc-sign FILE --seed HEX [--created ISO] [--vm URL] [--add]\n"
    "                          add an eddsa-rdfc-2022 Data Integrity proof; prints the signed document\n"
    "                          (--add: a signed FILE keeps its proofs and the new one joins its proof set)\n"
    "  rdfc-verify FILE [--key z6Mk…]\n"
    "                          check an eddsa-rdfc-2022 proof (key from the did:key verificationMethod by default)\n"
    "  bake CREDENTIAL IMAGE --out FILE\n"
    "                          bake a credential into a PNG or SVG badge image (Open Badges 3.0 baking)\n"
    "  certificate CREDENTIAL --name NAME --verifier URL --out FILE.pdf [--paper a4|letter]\n"
    "                          a credential's printable certificate as a one-page PDF, the credential attached and\n"
    "                          a QR code of its verification link\n"
    "  ob3-check FILE          check a credential against the Open Badges 3.0 rules\n"
    "  recall PACKAGE RECORD --now ISO [--json]\n"
    "                          a learner's recall cards with stability, difficulty, retrievability and due time\n"
    "  fsrs REVIEWS [--json]   schedule a review log ([{card, rating 1-4, time}]) with FSRS-6's defaults\n"
    "  preview COURSE [--record FILE] [--theme dark]\n"
    "                          open the desktop canvas player on a course folder\n"
    "  export scorm12|scorm2004|cmi5 PACKAGE_DIR [--site DIR] --out FILE.zip\n"
    "                          a signed package as a zip for an LMS: the HTML player (from the site, default\n"
    "                          build/site), the package byte for byte, a launch page and the standard's manifest\n"
    "  insights INPUT... --course PACKAGE_DIR --out DIR [--min-group N]\n"
    "                          what learners' shared records and completion proofs say about a course: item\n"
    "                          analysis, the journey, scenarios, surveys; as CSV, JSON and an HTML report\n"
    "  strings export COURSE|--interface --lang L --out FILE.xlf\n"
    "  strings import COURSE|--interface FILE.xlf\n"
    "                          a course's texts (or the interface catalogue) as XLIFF 2.0 for translators, and\n"
    "                          the translations back into course.json, changing only the strings translated\n"
    "  version [--json]        print the runtime version (with --json: build facts)\n"
    "  help                    print this help\n";

int print_version(tessera::cli::Args args) {
  static const tessera::cli::CommandLine line{
      .command = "version", .usage = "tessera version [--json]", .flags = {"--json"}};
  const auto parsed = tessera::cli::parse_args(args, line);
  if (!parsed) return tessera::cli::usage_exit_code;
  if (parsed->flag("--json")) {
    std::printf("%s\n", tessera::build_info_json().c_str());
  } else {
    std::printf("tessera %.*s\n", static_cast<int>(tessera::version().size()), tessera::version().data());
  }
  return 0;
}

}  // namespace

namespace {

int run_command(int argc, char** argv) {
  if (argc < 2) {
    std::fputs(usage_text, stderr);
    return 2;
  }
  const std::string_view command = argv[1];
  const tessera::cli::Args rest{argv + 2, static_cast<std::size_t>(argc - 2)};
  if (command == "version" || command == "--version") return print_version(rest);
  if (command == "validate") return tessera::cli::validate_command(rest);
  if (command == "replay") return tessera::cli::replay_command(rest);
  if (command == "keygen") return tessera::cli::keygen_command(rest);
  if (command == "pack") return tessera::cli::pack_command(rest);
  if (command == "score") return tessera::cli::score_command(rest);
  if (command == "import-twee") return tessera::cli::import_twee_command(rest);
  if (command == "jcs") return tessera::cli::jcs_command(rest);
  if (command == "sign") return tessera::cli::sign_command(rest);
  if (command == "verify") return tessera::cli::verify_command(rest);
  if (command == "prove") return tessera::cli::prove_command(rest);
  if (command == "issuer") return tessera::cli::issuer_command(rest);
  if (command == "issue") return tessera::cli::issue_command(rest);
  if (command == "endorse") return tessera::cli::endorse_command(rest);
  if (command == "review") return tessera::cli::review_command(rest);
  if (command == "submit") return tessera::cli::submit_command(rest);
  if (command == "revoke") return tessera::cli::revoke_command(rest);
  if (command == "status-list") return tessera::cli::status_list_command(rest);
  if (command == "canon") return tessera::cli::canon_command(rest);
  if (command == "rdfc-sign") return tessera::cli::rdfc_sign_command(rest);
  if (command == "rdfc-verify") return tessera::cli::rdfc_verify_command(rest);
  if (command == "bake") return tessera::cli::bake_command(rest);
  if (command == "certificate") return tessera::cli::certificate_command(rest);
  if (command == "ob3-check") return tessera::cli::ob3_check_command(rest);
  if (command == "preview") return tessera::cli::preview_command(rest);
  if (command == "export") return tessera::cli::export_command(rest);
  if (command == "fsrs") return tessera::cli::fsrs_command(rest);
  if (command == "recall") return tessera::cli::recall_command(rest);
  if (command == "insights") return tessera::cli::insights_command(rest);
  if (command == "strings") return tessera::cli::strings_command(rest);
  if (command == "help" || command == "--help" || command == "-h") {
    std::fputs(usage_text, stdout);
    return 0;
  }
  std::fprintf(stderr, "tessera: unknown command '%s'. Run 'tessera help' for the list.\n", argv[1]);
  return 2;
}

}  // namespace

// Every command writes through stdio without checking each call (.clang-tidy says why): a write to standard
// output that failed (a full disk, a closed pipe) is caught here, once, and the command fails with it.
int main(int argc, char** argv) {
  const int code = run_command(argc, argv);
  if (std::fflush(stdout) != 0 || std::ferror(stdout) != 0) {
    std::fprintf(stderr, "tessera: the output could not be written in full: %s\n",
                 tessera::native::errno_text(errno).c_str());
    return code == 0 ? 2 : code;
  }
  return code;
}
