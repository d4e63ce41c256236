// Key files shared by `tessera keygen` (publisher), `tessera issuer init` (issuer) and `--key` options:
// {"type": "Ed25519", "did": "did:key:…", "seed": "<64 hex>"}, mode 0600, and seeds given as hex.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "tessera/crypto.hpp"

namespace tessera::cli {

struct LoadedKey {
  crypto::KeyPair pair;
  std::string did;
};

// Reads a key file; says why on stderr and returns nullopt when it cannot (the did is checked against the seed).
[[nodiscard]] std::optional<LoadedKey> load_key(const std::filesystem::path& path);

// Writes the key file of `seed` (whose did:key is `did`) with mode 0600, never leaving the text behind in
// memory. Returns why not, or "".
[[nodiscard]] std::string write_key_file(const std::filesystem::path& path, const crypto::Seed& seed,
                                         const std::string& did);

// 64 hex digits (a --seed option) as an Ed25519 seed, or nullopt; the decoded bytes are wiped.
[[nodiscard]] std::optional<crypto::Seed> seed_from_hex(const std::string& hex);

}  // namespace tessera::cli
