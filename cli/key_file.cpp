// Key files and hex seeds (see key_file.hpp).
#include "key_file.hpp"

#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "files.hpp"
#include "tessera/utf8.hpp"

namespace tessera::cli {

namespace fs = std::filesystem;

std::optional<crypto::Seed> seed_from_hex(const std::string& hex) {
  auto bytes = crypto::from_hex(hex);
  if (!bytes) return std::nullopt;
  std::optional<crypto::Seed> seed;
  if (bytes->size() == crypto::Seed{}.size()) {
    seed.emplace();
    std::copy(bytes->begin(), bytes->end(), seed->begin());
  }
  crypto::wipe(bytes->data(), bytes->size());
  return seed;
}

std::string write_key_file(const fs::path& path, const crypto::Seed& seed, const std::string& did) {
  std::string secret = nlohmann::json{{"type", "Ed25519"}, {"did", did}, {"seed", crypto::to_hex(seed)}}.dump(2) + "\n";
  std::string failure = write_file_atomically(path, secret, 0600);
  crypto::wipe(secret.data(), secret.size());
  return failure;
}

// A key file is {"type": "Ed25519", "did": "did:key:…", "seed": "<64 hex>"}; the did is checked against the seed.
std::optional<LoadedKey> load_key(const fs::path& path) {
  auto read = read_json_file(path, "", json_text::key_file, FileContents::secret);
  if (!read.value) return std::nullopt;
  auto& document = *read.value;
  // value("seed", std::string()) throws on another type: every member read below must be a string.
  for (const char* name : {"type", "did", "seed"}) {
    if (!document.is_object() || (document.contains(name) && !document[name].is_string())) {
      std::fprintf(stderr, "tessera: %s is not a Tessera key file (%s)\n", utf8::printable(path.string()).c_str(),
                   document.is_object() ? (std::string("\"") + name + "\" must be a string").c_str()
                                        : "it must be a JSON object");
      return std::nullopt;
    }
  }
  auto seed_hex = document.value("seed", std::string());
  if (document.contains("seed")) {
    auto& stored = document["seed"].get_ref<std::string&>();
    crypto::wipe(stored.data(), stored.size());
  }
  auto seed = seed_from_hex(seed_hex);
  crypto::wipe(seed_hex.data(), seed_hex.size());
  if (!seed) {
    std::fprintf(stderr, "tessera: %s is not a Tessera key file (no 64-digit hex \"seed\")\n",
                 utf8::printable(path.string()).c_str());
    return std::nullopt;
  }
  LoadedKey key{crypto::keypair_from_seed(*seed), {}};
  crypto::wipe(seed->data(), seed->size());
  key.did = crypto::did_key(key.pair.public_key);
  if (document.value("did", key.did) != key.did) {
    std::fprintf(stderr, "tessera: %s says it is %s, but its seed gives %s\n", utf8::printable(path.string()).c_str(),
                 utf8::printable(document.value("did", std::string())).c_str(), key.did.c_str());
    return std::nullopt;
  }
  return key;
}

}  // namespace tessera::cli
