// Helpers the credential commands share: packages read from a folder, and verifier reports printed for
// people (arguments: args.hpp; the clock: clock.hpp; JSON files: files.hpp).
#pragma once

#include <filesystem>
#include <optional>

#include "args.hpp"
#include "key_file.hpp"
#include "tessera/data_integrity.hpp"
#include "tessera/issuer.hpp"
#include "tessera/verifier.hpp"

namespace tessera::cli {

// A package folder read by read_package (files.hpp), or nullopt after printing why.
[[nodiscard]] std::optional<credential::PackageInput> open_package(const std::filesystem::path& dir,
                                                                   const char* command);

// The same, checked against its signed manifest (by `expected_publisher` when not empty) with
// package::verify_package before any of it is believed, for replay and prove. Nullopt after printing every
// problem, each naming its file, then package::refusal_message (the one message every host gives);
// `unreadable` then says whether the folder could not be read at all (else it did not match).
[[nodiscard]] std::optional<credential::PackageInput> open_verified_package(const std::filesystem::path& dir,
                                                                            const char* command,
                                                                            const std::string& expected_publisher,
                                                                            bool& unreadable);

// --cryptosuite's suite, or `fallback` when it is not given; nullopt after usage_error for an unknown name.
[[nodiscard]] std::optional<credential::Cryptosuite> cryptosuite_option(const ParsedArgs& args, const CommandLine& line,
                                                                        credential::Cryptosuite fallback);

// An issuer folder (tessera issuer init) as another command uses it: its profile and key, checked as `tessera
// issue` checks them; nullopt after saying why.
struct IssuerIdentity {
  credential::IssuerProfile profile;
  LoadedKey key;
};
[[nodiscard]] std::optional<IssuerIdentity> open_issuer_identity(const std::filesystem::path& dir, const char* command);

// A fresh urn:uuid: (version 4, from the system's random source); "" when it gave none.
[[nodiscard]] std::string new_credential_id();

// "pass  proof      Signed with …" lines, then a verdict line.
void print_report(const credential::Report& report);

// The endorsements the course declares (its credential.endorsements, files of its verified package), each
// checked as a verifier will before `tessera issue` (a new credential or a renewal) attaches them to `out`.
// 0, or 1 after naming every endorsement that is refused.
[[nodiscard]] int course_endorsements(const credential::PackageInput& package, const course::Course& course,
                                      const std::string& now, nlohmann::json& out);

}  // namespace tessera::cli
