// Bitstring Status List: encoding, the list credential and its entries, and the status lookup.
#include "tessera/status_list.hpp"

#include "tessera/crypto.hpp"
#include "tessera/gzip.hpp"

namespace tessera::credential {

using nlohmann::json;

bool Bitstring::set(std::size_t index, bool value) {
  if (index >= size()) return false;
  const auto mask = static_cast<std::uint8_t>(1u << (7 - index % 8));
  bytes_[index / 8] = static_cast<std::uint8_t>(value ? bytes_[index / 8] | mask : bytes_[index / 8] & ~mask);
  return true;
}

std::string encode_status_list(const Bitstring& bits) {
  return "u" + crypto::base64url_encode(gzip::compress(bits.bytes()));
}

Result<Bitstring> decode_status_list(std::string_view encoded) {
  if (encoded.empty() || encoded[0] != 'u') {
    return error_at("encodedList", "the status list is not multibase base64url (it must start with 'u')");
  }
  // A 16 MiB list compresses to far less; anything this long is not a status list.
  if (encoded.size() > (max_status_list_bytes / 2)) return error_at("encodedList", "the status list is too long");
  const auto compressed = crypto::base64url_decode(encoded.substr(1));
  if (!compressed) return error_at("encodedList", "the status list is not valid base64url (no padding)");
  // Inflation stops at the bound: a small list that would inflate to gigabytes (a "bomb") costs no more
  // than this much memory and time before it is refused.
  auto bytes = gzip::decompress(*compressed, max_status_list_bytes);
  if (!bytes) {
    auto problem = bytes.problems()[0];
    problem.message = "the status list's GZIP cannot be read: " + problem.message +
                      (problem.where.empty() ? "" : " (" + problem.where + ")");
    problem.where = "encodedList";
    return problem;
  }
  if (bytes.value().size() * 8 < min_status_list_bits) {
    return error_at("encodedList", "the status list has " + std::to_string(bytes.value().size() * 8) +
                                       " entries; the specification requires at least 131072");
  }
  return Bitstring(std::move(bytes.value()));
}

json status_list_credential(const std::string& id, const std::string& issuer, const std::string& valid_from,
                            const Bitstring& bits, const std::string& purpose) {
  return {{"@context", {"https://www.w3.org/ns/credentials/v2"}},
          {"id", id},
          {"type", {"VerifiableCredential", "BitstringStatusListCredential"}},
          {"issuer", issuer},
          {"validFrom", valid_from},
          {"credentialSubject",
           {{"id", id + "#list"},
            {"type", "BitstringStatusList"},
            {"statusPurpose", purpose},
            {"encodedList", encode_status_list(bits)}}}};
}

json status_entry(const std::string& list_id, std::size_t index, const std::string& purpose) {
  return {{"id", list_id + "#" + std::to_string(index)},
          {"type", "BitstringStatusListEntry"},
          {"statusPurpose", purpose},
          {"statusListIndex", std::to_string(index)},
          {"statusListCredential", list_id}};
}

Result<bool> status_of(const json& entry, const json& list_credential) {
  const json entry_type = entry.is_object() ? entry.value("type", json()) : json();
  const bool is_entry = entry_type == "BitstringStatusListEntry" || (entry_type.is_array() && entry_type.size() == 1 &&
                                                                     entry_type[0] == "BitstringStatusListEntry");
  if (!is_entry) {
    return error_at("/credentialStatus", "credentialStatus is not a BitstringStatusListEntry");
  }
  const json list_id = entry.value("statusListCredential", json());
  const json index_text = entry.value("statusListIndex", json());
  const json purpose = entry.value("statusPurpose", json());
  if (!list_id.is_string() || !index_text.is_string() || !purpose.is_string()) {
    return error_at("/credentialStatus",
                    "the entry needs statusListCredential, statusListIndex and statusPurpose as strings");
  }
  std::size_t index = 0;
  const auto& digits = index_text.get_ref<const std::string&>();
  if (digits.empty() || digits.size() > 9 || digits.find_first_not_of("0123456789") != std::string::npos) {
    return error_at("/credentialStatus/statusListIndex", "statusListIndex is not a whole number in decimal");
  }
  index = std::stoul(digits);
  if (!list_credential.is_object() || list_credential.value("id", json()) != list_id) {
    return error_at("/credentialStatus/statusListCredential",
                    "the status list supplied is not " + list_id.get<std::string>(),
                    "supply the list the credential names");
  }
  const json types = list_credential.value("type", json());
  if (!types.is_array() || std::find(types.begin(), types.end(), "BitstringStatusListCredential") == types.end()) {
    return error_at("/type", "the status list credential is not a BitstringStatusListCredential");
  }
  const json subject = list_credential.value("credentialSubject", json());
  if (!subject.is_object() || subject.value("statusPurpose", json()) != purpose) {
    return error_at("/credentialSubject/statusPurpose",
                    "the status list is not for '" + purpose.get<std::string>() + "'");
  }
  const json encoded = subject.value("encodedList", json());
  if (!encoded.is_string()) return error_at("/credentialSubject/encodedList", "the status list has no encodedList");
  auto bits = decode_status_list(encoded.get<std::string>());
  if (!bits) return bits.problems();
  if (index >= bits.value().size()) {
    return error_at(
        "/credentialStatus/statusListIndex",
        "statusListIndex " + digits + " is past the end of the list (" + std::to_string(bits.value().size()) + ")");
  }
  return bits.value().get(index);
}

}  // namespace tessera::credential
