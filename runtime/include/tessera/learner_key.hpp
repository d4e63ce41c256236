// The learner's signing key: made on the device from entropy the host supplies (the runtime has no random
// source), kept by the host, and carried between devices only as a passphrase-encrypted file:
// Argon2id (crypto_pwhash) derives a key from the passphrase, XChaCha20-Poly1305 encrypts the 32-byte seed,
// and the learner's did:key is authenticated alongside (so a file cannot be relabelled).
//
// File (JSON, format "tessera-learner-key" version 1):
//   {"format":"tessera-learner-key","version":1,"did":"did:key:z6Mk…",
//    "kdf":{"name":"argon2id","opsLimit":3,"memLimitBytes":67108864,"salt":"<base64url 16 bytes>"},
//    "cipher":{"name":"xchacha20poly1305-ietf","nonce":"<base64url 24 bytes>","ciphertext":"<base64url 48 bytes>"}}
//
// Does NOT: store keys (the host keeps the file or the wrapped key in IndexedDB), or make salt and nonce.
#pragma once

#include <string>
#include <string_view>

#include "tessera/crypto.hpp"
#include "tessera/problem.hpp"

namespace tessera::credential {

inline constexpr std::string_view learner_key_format = "tessera-learner-key";
inline constexpr std::size_t min_passphrase_bytes = 8;

struct LearnerKey {
  crypto::KeyPair pair;
  std::string did;                                        // did:key:z6Mk…
  [[nodiscard]] std::string verification_method() const;  // did:key:z6Mk…#z6Mk…
};

// A key from 32 bytes of host entropy (crypto.getRandomValues, getrandom): the bytes are the Ed25519 seed.
[[nodiscard]] LearnerKey learner_key_from_entropy(const crypto::Seed& entropy);

// The key file text for `key`, encrypted under `passphrase` with the host's fresh salt and nonce.
[[nodiscard]] Result<std::string> export_learner_key(const LearnerKey& key, std::string_view passphrase,
                                                     const crypto::PasswordSalt& salt, const crypto::AeadNonce& nonce,
                                                     const crypto::PasswordLimits& limits = {});

// Reads a key file. A wrong passphrase and a changed file look the same to the cipher; the problem says so.
[[nodiscard]] Result<LearnerKey> import_learner_key(std::string_view file_text, std::string_view passphrase);

}  // namespace tessera::credential
