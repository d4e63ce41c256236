// Learner keys: made from host entropy, exported and imported as Argon2id + XChaCha20-Poly1305 files.
#include "tessera/learner_key.hpp"

#include <nlohmann/json.hpp>

#include "tessera/json_text.hpp"

namespace tessera::credential {

using nlohmann::json;

std::string LearnerKey::verification_method() const { return did + "#" + crypto::ed25519_multikey(pair.public_key); }

LearnerKey learner_key_from_entropy(const crypto::Seed& entropy) {
  LearnerKey key{crypto::keypair_from_seed(entropy), {}};
  key.did = crypto::did_key(key.pair.public_key);
  return key;
}

Result<std::string> export_learner_key(const LearnerKey& key, std::string_view passphrase,
                                       const crypto::PasswordSalt& salt, const crypto::AeadNonce& nonce,
                                       const crypto::PasswordLimits& limits) {
  if (passphrase.size() < min_passphrase_bytes) {
    return error_at("passphrase", "the passphrase is shorter than " + std::to_string(min_passphrase_bytes) + " bytes",
                    "choose a longer passphrase: it is all that protects the key file");
  }
  crypto::AeadKey wrapping{};
  if (!crypto::derive_key_from_password(wrapping, passphrase, salt, limits)) {
    return error_at("kdf", "Argon2id could not run with these limits (memory or range)",
                    "use between 1 and 10 passes and at most 256 MiB");
  }
  // libsodium's secret key is seed ‖ public key: the seed is all a file needs.
  const auto& secret = key.pair.secret_key.bytes();
  const crypto::ByteView seed(secret.data(), 32);
  const crypto::Bytes ciphertext = crypto::aead_encrypt(seed, crypto::as_bytes(key.did), nonce, wrapping);
  crypto::wipe(wrapping.data(), wrapping.size());
  json file = {{"format", learner_key_format},
               {"version", 1},
               {"did", key.did},
               {"kdf",
                {{"name", "argon2id"},
                 {"opsLimit", limits.ops},
                 {"memLimitBytes", limits.memory_bytes},
                 {"salt", crypto::base64url_encode(salt)}}},
               {"cipher",
                {{"name", "xchacha20poly1305-ietf"},
                 {"nonce", crypto::base64url_encode(nonce)},
                 {"ciphertext", crypto::base64url_encode(ciphertext)}}}};
  return file.dump(2) + "\n";
}

Result<LearnerKey> import_learner_key(std::string_view file_text, std::string_view passphrase) {
  const auto read = json_text::read(file_text, json_text::key_file, "the key file");
  if (!read) return read.problems();
  const json& file = read.value();
  if (!file.is_object()) return error_at("", "the key file is not a JSON object");
  if (file.value("format", json()) != learner_key_format || file.value("version", json()) != 1) {
    return error_at("/format", "this is not a Tessera learner key file (format tessera-learner-key, version 1)");
  }
  const auto text_at = [&](const json::json_pointer& pointer) -> std::string {
    return file.contains(pointer) && file[pointer].is_string() ? file[pointer].get<std::string>() : std::string();
  };
  const std::string did = text_at(json::json_pointer("/did"));
  if (!crypto::public_key_from_did_key(did)) return error_at("/did", "the key file's did is not an Ed25519 did:key");
  if (text_at(json::json_pointer("/kdf/name")) != "argon2id")
    return error_at("/kdf/name", "the key derivation must be argon2id");
  if (text_at(json::json_pointer("/cipher/name")) != "xchacha20poly1305-ietf") {
    return error_at("/cipher/name", "the cipher must be xchacha20poly1305-ietf");
  }
  const json& kdf = file["kdf"];
  const json ops = kdf.value("opsLimit", json());
  const json memory = kdf.value("memLimitBytes", json());
  if (!ops.is_number_integer() || !memory.is_number_integer() || ops.get<std::int64_t>() < 1 ||
      memory.get<std::int64_t>() < 1) {
    return error_at("/kdf", "opsLimit and memLimitBytes must be positive whole numbers");
  }
  const crypto::PasswordLimits limits{ops.get<std::uint64_t>(), memory.get<std::size_t>()};
  if (limits.ops > crypto::password_ops_max || limits.memory_bytes > crypto::password_memory_max) {
    return error_at("/kdf", "the key file asks for more Argon2id work than allowed (10 passes, 256 MiB)");
  }
  const auto salt_bytes = crypto::base64url_decode(text_at(json::json_pointer("/kdf/salt")));
  const auto nonce_bytes = crypto::base64url_decode(text_at(json::json_pointer("/cipher/nonce")));
  const auto ciphertext = crypto::base64url_decode(text_at(json::json_pointer("/cipher/ciphertext")));
  crypto::PasswordSalt salt{};
  crypto::AeadNonce nonce{};
  if (!salt_bytes || salt_bytes->size() != salt.size())
    return error_at("/kdf/salt", "the salt is not 16 base64url bytes");
  if (!nonce_bytes || nonce_bytes->size() != nonce.size()) {
    return error_at("/cipher/nonce", "the nonce is not 24 base64url bytes");
  }
  if (!ciphertext || ciphertext->size() != 32 + crypto::aead_tag_bytes) {
    return error_at("/cipher/ciphertext", "the ciphertext is not 48 base64url bytes");
  }
  std::copy(salt_bytes->begin(), salt_bytes->end(), salt.begin());
  std::copy(nonce_bytes->begin(), nonce_bytes->end(), nonce.begin());
  crypto::AeadKey wrapping{};
  if (!crypto::derive_key_from_password(wrapping, passphrase, salt, limits)) {
    return error_at("/kdf", "Argon2id could not run with the file's limits");
  }
  auto seed_bytes = crypto::aead_decrypt(*ciphertext, crypto::as_bytes(did), nonce, wrapping);
  crypto::wipe(wrapping.data(), wrapping.size());
  if (!seed_bytes) {
    return error_at("passphrase", "the passphrase is wrong, or the key file was changed",
                    "type the passphrase used when the key was exported");
  }
  crypto::Seed seed{};
  std::copy(seed_bytes->begin(), seed_bytes->end(), seed.begin());
  crypto::wipe(seed_bytes->data(), seed_bytes->size());
  LearnerKey key = learner_key_from_entropy(seed);
  crypto::wipe(seed.data(), seed.size());
  if (key.did != did) return error_at("/did", "the key file's did does not match its key");
  return key;
}

}  // namespace tessera::credential
