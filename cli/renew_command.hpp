// `tessera issue --renew OLD_CREDENTIAL PROOF`: the renewed credential of an issued one (docs/credentials.md,
// "Renewal"), decided by the runtime's renewal rules (tessera/renewal.hpp); issue_command signs and records it.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "args.hpp"
#include "tessera/catalog.hpp"
#include "tessera/issuer.hpp"
#include "tessera/verifier.hpp"

namespace tessera::cli {

// What the issue command has read and verified: the packages given (--package, the catalog's), the catalog,
// the issuer's did and ledger, the one proof's report and now.
struct RenewalInputs {
  const std::vector<credential::PackageInput>* packages = nullptr;
  const std::optional<catalog::Catalog>* catalog = nullptr;
  std::string issuer_id;
  const nlohmann::json* ledger = nullptr;
  const credential::Report* proof = nullptr;
  std::string now;
};

// The unsigned renewed credential in `out` and the id it renews in `renews`: 0, or the exit code after saying
// why on stderr (1: the old credential or the proof is refused, each reason named; 2: the old credential's file
// cannot be read, or no package or pathway describes its achievement).
[[nodiscard]] int renewed_credential(const std::string& old_path, const RenewalInputs& inputs,
                                     const credential::Issuance& issuance, nlohmann::json& out, std::string& renews);

}  // namespace tessera::cli
