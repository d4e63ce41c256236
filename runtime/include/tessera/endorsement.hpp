// Open Badges 3.0 endorsements: the EndorsementCredential a partner organisation signs about an achievement or
// an issuer (its EndorsementSubject carries the endorsement comment), and the check of each endorsement a
// credential carries. An endorsement stands on its own signature: the endorser's proof vouches for it, the
// credential that carries it only passes it on.
//
// Does NOT: sign (tessera/data_integrity.hpp does, with the endorser's key), read files or a clock (the host
// passes the id and validFrom), or judge whether the endorser is worth trusting (the check names it).
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "tessera/issuer.hpp"
#include "tessera/problem.hpp"
#include "tessera/verifier.hpp"

namespace tessera::credential {

struct EndorsementRequest {
  std::string id;          // the endorsement's own id (the host mints it, e.g. urn:uuid:…)
  std::string valid_from;  // now, from the host's clock
  std::optional<std::string> valid_until;
  IssuerProfile endorser;    // who endorses: the key that signs it must be endorser.id
  std::string subject;       // what is endorsed: an achievement's id or an issuer profile's id
  std::string subject_name;  // what people call it, for the endorsement's name
  std::string comment;       // endorsementComment (optional in OB 3.0)
};

// The unsigned EndorsementCredential (VC 2.0 and OB 3.0.3 contexts); refused when a required part is empty.
[[nodiscard]] Result<nlohmann::json> endorsement_credential(const EndorsementRequest& request);

// One endorsement as checked: who made it and what it says, read from its own signed view.
struct EndorsementCheck {
  std::string where;          // JSON pointer of the endorsement in the carrying document
  std::string endorser;       // the endorser's id (its issuer), "" when unreadable
  std::string endorser_name;  // its name, when it gives one
  std::string subject;        // the id it endorses
  std::string comment;        // its endorsementComment
  bool verified = false;
  std::string reason;  // why it is refused (a sentence, in the report's language); "" when verified
};

// Verifies `endorsement` as a document of its own (proof, issuer, type, validity at options.now, its status
// only when options.status_lists holds its list) and requires it to endorse `subject`.
[[nodiscard]] EndorsementCheck check_endorsement(const nlohmann::json& endorsement, const std::string& subject,
                                                 const std::string& where, const VerifyOptions& options);

// Every endorsement an Open Badges credential carries where OB 3.0 puts them — on the credential, on its
// issuer profile and on its achievement — each checked against the thing it is attached to. `document` is
// the JSON that was signed; `facts` its signed view, which names the achievement and issuer ids.
[[nodiscard]] std::vector<EndorsementCheck> check_endorsements(const nlohmann::json& document,
                                                               const nlohmann::json& facts,
                                                               const VerifyOptions& options);

[[nodiscard]] nlohmann::json to_json(const EndorsementCheck& check);

}  // namespace tessera::credential
