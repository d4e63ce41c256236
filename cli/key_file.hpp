// Key files shared by `tessera keygen` (publisher), `tessera issuer init` (issuer) and `tessera sign --key`:
// {"type": "Ed25519", "did": "did:key:…", "seed": "<64 hex>"}, mode 0600 (cli/publish_commands.cpp).
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

}  // namespace tessera::cli
