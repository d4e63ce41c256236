// Open Badges 3.0 conformance checks (1EdTech OB 3.0 specification, §8 data model: OpenBadgeCredential,
// Profile, AchievementSubject, Achievement, Criteria, ResultDescription, RubricCriterionLevel, Result), reported as
// Problems with JSON pointers.
#include "tessera/ob3_check.hpp"

#include <algorithm>
#include <cctype>
#include <string>

namespace tessera::ob3 {
namespace {

using nlohmann::json;

constexpr const char* vc2_context = "https://www.w3.org/ns/credentials/v2";
constexpr const char* vc1_context = "https://www.w3.org/2018/credentials/v1";

bool is_ob3_context(const json& value) {
  if (!value.is_string()) return false;
  const std::string url = value.get<std::string>();
  return url == "https://purl.imsglobal.org/spec/ob/v3p0/context.json" ||
         (url.rfind("https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.", 0) == 0 && url.size() > 52 &&
          url.substr(url.size() - 5) == ".json");
}

bool looks_like_uri(const json& value) {
  if (!value.is_string()) return false;
  const std::string s = value.get<std::string>();
  const auto colon = s.find(':');
  if (colon == std::string::npos || colon == 0 || std::isalpha(static_cast<unsigned char>(s[0])) == 0) return false;
  return std::none_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) <= 0x20; });
}

// xsd:dateTime with a time zone, as OB 3.0 requires: YYYY-MM-DDThh:mm:ss[.fff](Z|±hh:mm).
bool is_datetime(const json& value) {
  if (!value.is_string()) return false;
  const std::string s = value.get<std::string>();
  const auto digits = [&](std::size_t from, std::size_t count) {
    if (from + count > s.size()) return false;
    return std::all_of(s.begin() + static_cast<std::ptrdiff_t>(from),
                       s.begin() + static_cast<std::ptrdiff_t>(from + count),
                       [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; });
  };
  if (s.size() < 20 || !digits(0, 4) || s[4] != '-' || !digits(5, 2) || s[7] != '-' || !digits(8, 2) || s[10] != 'T' ||
      !digits(11, 2) || s[13] != ':' || !digits(14, 2) || s[16] != ':' || !digits(17, 2)) {
    return false;
  }
  std::size_t pos = 19;
  if (pos < s.size() && s[pos] == '.') {
    ++pos;
    const std::size_t start = pos;
    while (pos < s.size() && std::isdigit(static_cast<unsigned char>(s[pos])) != 0) ++pos;
    if (pos == start) return false;
  }
  if (pos < s.size() && s[pos] == 'Z') return pos + 1 == s.size();
  return pos + 6 == s.size() && (s[pos] == '+' || s[pos] == '-') && digits(pos + 1, 2) && s[pos + 3] == ':' &&
         digits(pos + 4, 2);
}

bool has_type(const json& object, const char* type) {
  if (!object.is_object() || !object.contains("type")) return false;
  const json& t = object["type"];
  if (t.is_string()) return t == type;
  return t.is_array() && std::find(t.begin(), t.end(), json(type)) != t.end();
}

class Checker {
 public:
  std::vector<Problem> findings;

  void error(const std::string& where, std::string message, std::string hint = {}) {
    findings.push_back(error_at(where, std::move(message), std::move(hint)));
  }
  void warning(const std::string& where, std::string message, std::string hint = {}) {
    findings.push_back(warning_at(where, std::move(message), std::move(hint)));
  }

  void require_type(const json& object, const std::string& where, const char* type) {
    if (!object.contains("type")) {
      error(where + "/type", std::string("missing type (must include \"") + type + "\")");
    } else if (!has_type(object, type)) {
      error(where + "/type", std::string("type must include \"") + type + "\"");
    }
  }
  void require_uri(const json& object, const std::string& where, const char* field) {
    const std::string at = pointer_append(where, field);
    if (!object.contains(field)) {
      error(at, std::string("missing required ") + field);
    } else if (!looks_like_uri(object[field])) {
      error(at, std::string(field) + " must be a URI (e.g. https://… or urn:uuid:…)");
    }
  }
  void require_string(const json& object, const std::string& where, const char* field) {
    const std::string at = pointer_append(where, field);
    if (!object.contains(field)) {
      error(at, std::string("missing required ") + field);
    } else if (!object[field].is_string() || object[field].get<std::string>().empty()) {
      error(at, std::string(field) + " must be a non-empty string");
    }
  }
  void optional_datetime(const json& object, const std::string& where, const char* field) {
    if (object.contains(field) && !is_datetime(object[field])) {
      error(pointer_append(where, field), std::string(field) + " must be an xsd:dateTime with a time zone",
            "e.g. 2024-05-01T12:00:00Z");
    }
  }

  void context(const json& c) {
    if (!c.is_array() || c.size() < 2) {
      error("/@context", "@context must be an array: the VC context first, then the Open Badges 3.0 context");
      return;
    }
    if (c[0] != vc2_context && c[0] != vc1_context) {
      error("/@context/0", std::string("the first @context must be ") + vc2_context);
    }
    if (!is_ob3_context(c[1])) {
      const auto later = std::find_if(c.begin(), c.end(), is_ob3_context);
      error("/@context/1",
            later == c.end() ? "the second @context must be the Open Badges 3.0 context"
                             : "the Open Badges 3.0 context must come second, right after the VC context",
            "use https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json");
    }
  }

  void issuer(const json& i) {
    if (!i.is_object()) {
      error("/issuer", "issuer must be a Profile object with id and type",
            "e.g. {\"id\": \"https://…\", \"type\": [\"Profile\"]}");
      return;
    }
    require_uri(i, "/issuer", "id");
    require_type(i, "/issuer", "Profile");
    if (!i.contains("name")) warning("/issuer/name", "the issuer Profile has no name; verifiers show it");
  }

  void achievement(const json& a, const std::string& where) {
    if (!a.is_object()) {
      error(where, "achievement must be an Achievement object");
      return;
    }
    require_uri(a, where, "id");
    require_type(a, where, "Achievement");
    require_string(a, where, "name");
    require_string(a, where, "description");
    if (!a.contains("criteria")) {
      error(where + "/criteria", "missing required criteria");
    } else if (!a["criteria"].is_object() || (!a["criteria"].contains("id") && !a["criteria"].contains("narrative"))) {
      error(where + "/criteria", "criteria must be an object with an id or a narrative");
    }
  }

  // An Achievement's resultDescriptions (OB 3.0 B.1.17): id, type, name and a resultType of the vocabulary (or an
  // "ext:" extension); each rubric criterion level (B.1.18) with id, type and name; a requiredLevel among them.
  void result_descriptions(const json& a, const std::string& where) {
    if (!a.is_object() || !a.contains("resultDescription")) return;
    const std::string at = where + "/resultDescription";
    if (!a["resultDescription"].is_array()) {
      error(at, "resultDescription must be an array of ResultDescription objects");
      return;
    }
    static const char* const result_types[] = {"GradePointAverage",    "LetterGrade", "Percent",     "PerformanceLevel",
                                               "PredictedScore",       "RawScore",    "Result",      "RubricCriterion",
                                               "RubricCriterionLevel", "RubricScore", "ScaledScore", "Status"};
    for (std::size_t i = 0; i < a["resultDescription"].size(); ++i) {
      const json& d = a["resultDescription"][i];
      const std::string here = pointer_append(at, i);
      if (!d.is_object()) {
        error(here, "a resultDescription must be a ResultDescription object");
        continue;
      }
      require_uri(d, here, "id");
      require_type(d, here, "ResultDescription");
      require_string(d, here, "name");
      require_string(d, here, "resultType");
      const json type = d.value("resultType", json());
      if (type.is_string() && !type.get<std::string>().starts_with("ext:") &&
          std::none_of(std::begin(result_types), std::end(result_types), [&](const char* t) { return type == t; })) {
        error(here + "/resultType", "resultType " + type.dump() + " is not in the ResultType vocabulary",
              "use one of its terms (e.g. RawScore, Status, RubricCriterionLevel) or an \"ext:\" extension");
      }
      const json levels = d.value("rubricCriterionLevel", json::array());
      for (std::size_t n = 0; n < (levels.is_array() ? levels.size() : 0); ++n) {
        const std::string level_at = pointer_append(here + "/rubricCriterionLevel", n);
        if (!levels[n].is_object()) {
          error(level_at, "a rubricCriterionLevel must be a RubricCriterionLevel object");
          continue;
        }
        require_uri(levels[n], level_at, "id");
        require_type(levels[n], level_at, "RubricCriterionLevel");
        require_string(levels[n], level_at, "name");
      }
      if (d.contains("requiredLevel") && !has_level(d, d["requiredLevel"])) {
        error(here + "/requiredLevel",
              "requiredLevel must be the id of one of this description's rubricCriterionLevels");
      }
    }
  }

  static bool has_level(const json& description, const json& id) {
    const json levels = description.value("rubricCriterionLevel", json::array());
    return levels.is_array() && std::any_of(levels.begin(), levels.end(), [&](const json& level) {
             return level.is_object() && level.value("id", json()) == id;
           });
  }

  // A subject's results (B.1.16): each a Result; its resultDescription one of the achievement's, and its
  // achievedLevel one of that description's levels; a status from the ResultStatusType vocabulary.
  void results(const json& s) {
    if (!s.contains("result")) return;
    if (!s["result"].is_array()) {
      error("/credentialSubject/result", "result must be an array of Result objects");
      return;
    }
    static const char* const statuses[] = {"Completed", "Enrolled",    "Failed",  "InProgress",
                                           "OnHold",    "Provisional", "Withdrew"};
    const json achievement = s.value("achievement", json::object());
    const json descriptions =
        achievement.is_object() ? achievement.value("resultDescription", json::array()) : json::array();
    for (std::size_t i = 0; i < s["result"].size(); ++i) {
      const json& r = s["result"][i];
      const std::string here = pointer_append("/credentialSubject/result", i);
      if (!r.is_object()) {
        error(here, "a result must be a Result object");
        continue;
      }
      require_type(r, here, "Result");
      const json* described = nullptr;
      for (std::size_t n = 0; descriptions.is_array() && n < descriptions.size(); ++n) {
        const json& d = descriptions[n];
        if (d.is_object() && r.contains("resultDescription") && d.value("id", json()) == r["resultDescription"])
          described = &d;
      }
      if (r.contains("resultDescription") && !described) {
        error(here + "/resultDescription", "the result names no resultDescription of the achievement");
      }
      if (r.contains("achievedLevel") && (!described || !has_level(*described, r["achievedLevel"]))) {
        error(here + "/achievedLevel",
              "achievedLevel must be the id of a rubricCriterionLevel of its resultDescription");
      }
      if (r.contains("status") &&
          std::none_of(std::begin(statuses), std::end(statuses), [&](const char* t) { return r["status"] == t; })) {
        error(here + "/status", "status " + r["status"].dump() + " is not in the ResultStatusType vocabulary",
              "Completed, Enrolled, Failed, InProgress, OnHold, Provisional or Withdrew");
      }
    }
  }

  void subject(const json& s) {
    if (!s.is_object()) {
      error("/credentialSubject", "credentialSubject must be one AchievementSubject object");
      return;
    }
    require_type(s, "/credentialSubject", "AchievementSubject");
    if (!s.contains("id") && !s.contains("identifier")) {
      error("/credentialSubject", "an AchievementSubject needs an id or an identifier");
    } else if (s.contains("id") && !looks_like_uri(s["id"])) {
      error("/credentialSubject/id", "id must be a URI (e.g. a did:key)");
    }
    if (!s.contains("achievement")) {
      error("/credentialSubject/achievement", "missing required achievement");
    } else {
      achievement(s["achievement"], "/credentialSubject/achievement");
      result_descriptions(s["achievement"], "/credentialSubject/achievement");
    }
    results(s);
  }
};

}  // namespace

std::vector<Problem> check(const json& credential) {
  Checker c;
  if (!credential.is_object()) {
    c.error("", "a credential must be a JSON object");
    return c.findings;
  }
  if (!credential.contains("@context")) {
    c.error("/@context", "missing @context");
  } else {
    c.context(credential["@context"]);
  }
  c.require_uri(credential, "", "id");
  if (!credential.contains("type")) {
    c.error("/type", "missing type");
  } else if (!has_type(credential, "VerifiableCredential")) {
    c.error("/type", "type must include \"VerifiableCredential\"");
  } else if (!has_type(credential, "OpenBadgeCredential") && !has_type(credential, "AchievementCredential")) {
    c.error("/type", "type must include \"OpenBadgeCredential\" (or its alias \"AchievementCredential\")");
  }
  if (!credential.contains("issuer")) {
    c.error("/issuer", "missing required issuer");
  } else {
    c.issuer(credential["issuer"]);
  }
  const bool vc2 = credential.contains("@context") && credential["@context"].is_array() &&
                   !credential["@context"].empty() && credential["@context"][0] == vc2_context;
  const char* from = vc2 ? "validFrom" : "issuanceDate";
  const char* until = vc2 ? "validUntil" : "expirationDate";
  if (!credential.contains(from)) c.error(pointer_append("", from), std::string("missing required ") + from);
  c.optional_datetime(credential, "", from);
  c.optional_datetime(credential, "", until);
  c.require_string(credential, "", "name");
  if (!credential.contains("credentialSubject")) {
    c.error("/credentialSubject", "missing required credentialSubject");
  } else {
    c.subject(credential["credentialSubject"]);
  }
  if (credential.contains("proof")) {
    const json& proof = credential["proof"];
    const json& first = proof.is_array() && !proof.empty() ? proof[0] : proof;
    if (!first.is_object() || first.value("type", json()) != "DataIntegrityProof") {
      c.warning("/proof",
                "the proof is not a DataIntegrityProof; OB 3.0 certification expects eddsa-rdfc-2022 (or VC-JWT)");
    } else if (first.value("cryptosuite", json()) != "eddsa-rdfc-2022") {
      c.warning("/proof/cryptosuite", "OB 3.0 certification expects the eddsa-rdfc-2022 cryptosuite");
    }
  }
  return c.findings;
}

}  // namespace tessera::ob3
