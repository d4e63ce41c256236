// W3C Bitstring Status List v1.0: the revocation bitstring an issuer publishes (GZIP, then multibase
// base64url 'u'), the BitstringStatusListEntry a credential carries, and the check of one against the other.
// Bit 0 is the most significant bit of the first byte, as the specification says.
//
// Does NOT: fetch the list (the host supplies the status list credential) or verify its proof (the caller
// runs verify_proof on it, e.g. the verifier core does).
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "tessera/problem.hpp"

namespace tessera::credential {

inline constexpr std::size_t min_status_list_bits = 131072;      // 16 KiB: the spec's minimum, for herd privacy
inline constexpr std::size_t max_status_list_bytes = 16u << 20;  // decoded bitstring, against bombs

class Bitstring {
 public:
  explicit Bitstring(std::size_t bits = min_status_list_bits) : bytes_((bits + 7) / 8, 0) {}
  explicit Bitstring(std::vector<std::uint8_t> bytes) : bytes_(std::move(bytes)) {}
  [[nodiscard]] std::size_t size() const { return bytes_.size() * 8; }
  [[nodiscard]] bool get(std::size_t index) const { return (bytes_[index / 8] >> (7 - index % 8)) & 1u; }
  // False, changing nothing, when `index` is past the end (an index read from a file is untrusted).
  [[nodiscard]] bool set(std::size_t index, bool value);
  [[nodiscard]] const std::vector<std::uint8_t>& bytes() const { return bytes_; }

 private:
  std::vector<std::uint8_t> bytes_;
};

// "u" + base64url(no padding) of the GZIP of the bitstring.
[[nodiscard]] std::string encode_status_list(const Bitstring& bits);
// Refuses other multibase prefixes, bad base64url, bad GZIP, and lists shorter than the spec's minimum.
[[nodiscard]] Result<Bitstring> decode_status_list(std::string_view encoded);

// The unsigned BitstringStatusListCredential (VC 2.0) for `bits`; the caller adds the proof.
[[nodiscard]] nlohmann::json status_list_credential(const std::string& id, const std::string& issuer,
                                                    const std::string& valid_from, const Bitstring& bits,
                                                    const std::string& purpose = "revocation");
// A BitstringStatusListEntry pointing at bit `index` of the list credential `list_id`.
[[nodiscard]] nlohmann::json status_entry(const std::string& list_id, std::size_t index,
                                          const std::string& purpose = "revocation");

// Reads the entry (credentialStatus) against the list credential: same list id, same purpose, index in range.
// True when the bit is set (for "revocation": revoked). Problems say what does not fit.
[[nodiscard]] Result<bool> status_of(const nlohmann::json& entry, const nlohmann::json& list_credential);

}  // namespace tessera::credential
