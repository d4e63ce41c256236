// Reading a credential's signed facts (signed_view's names): the one reading of each fact two checks share.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace tessera::credential {

// The issuer's id: `issuer` as a string, or its object's `id`; empty when neither.
[[nodiscard]] inline std::string issuer_id(const nlohmann::json& facts) {
  const nlohmann::json issuer = facts.is_object() ? facts.value("issuer", nlohmann::json()) : nlohmann::json();
  if (issuer.is_string()) return issuer.get<std::string>();
  if (issuer.is_object() && issuer.value("id", nlohmann::json()).is_string()) return issuer["id"].get<std::string>();
  return {};
}

}  // namespace tessera::credential
