// Fuzz target status_list: the input as an encoded list (multibase, base64url, GZIP) and, when it is JSON
// {"entry": …, "list": …}, a status entry read against a list credential.
#include "tessera/status_list.hpp"
#include "harness.hpp"

namespace tessera::fuzz {

void status_list(std::string_view input) {
  expect_clear(no_throw("credential::decode_status_list", [&] { return credential::decode_status_list(input); }),
               "credential::decode_status_list");
  const auto value = read_json(input, json_text::credential_document);
  if (!value || !value->is_object()) return;
  const nlohmann::json entry = value->value("entry", nlohmann::json());
  const nlohmann::json list = value->value("list", nlohmann::json());
  expect_clear(no_throw("credential::status_of", [&] { return credential::status_of(entry, list); }),
               "credential::status_of");
}

}  // namespace tessera::fuzz
