// Learner keys and the crypto they use: base64url, Argon2id, XChaCha20-Poly1305, export and import.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "tessera/crypto.hpp"
#include "tessera/learner_key.hpp"

namespace crypto = tessera::crypto;
namespace credential = tessera::credential;
using nlohmann::json;

namespace {

template <std::size_t N>
std::array<std::uint8_t, N> filled(std::uint8_t start) {
  std::array<std::uint8_t, N> out{};
  for (std::size_t i = 0; i < N; ++i) out[i] = static_cast<std::uint8_t>(start + i);
  return out;
}

// Fast limits for tests that are not about Argon2id's cost; one test uses the defaults.
constexpr crypto::PasswordLimits quick{1, 1u << 20};

}  // namespace

TEST_CASE("base64url follows RFC 4648 section 5 and decodes strictly", "[credential][crypto]") {
  // RFC 4648 §10 vectors, with the padding removed.
  CHECK(crypto::base64url_encode(crypto::as_bytes("foobar")) == "Zm9vYmFy");
  CHECK(crypto::base64url_encode(crypto::as_bytes("fo")) == "Zm8");
  CHECK(crypto::base64url_encode(crypto::Bytes{0xfb, 0xff}) == "-_8");
  CHECK(crypto::base64url_decode("-_8") == crypto::Bytes{0xfb, 0xff});
  CHECK(crypto::base64url_decode("") == crypto::Bytes{});
  for (const char* bad : {"Zm8=", "+/8", "Zm 9v", "Z"}) {
    INFO(bad);
    CHECK_FALSE(crypto::base64url_decode(bad).has_value());
  }
}

TEST_CASE("XChaCha20-Poly1305 round-trips and refuses any change", "[credential][crypto]") {
  const auto key = filled<32>(1);
  const auto nonce = filled<24>(100);
  const crypto::Bytes plain = {1, 2, 3, 4, 5};
  const auto sealed = crypto::aead_encrypt(plain, crypto::as_bytes("ad"), nonce, key);
  REQUIRE(sealed.size() == plain.size() + crypto::aead_tag_bytes);
  CHECK(crypto::aead_decrypt(sealed, crypto::as_bytes("ad"), nonce, key) == plain);
  CHECK_FALSE(crypto::aead_decrypt(sealed, crypto::as_bytes("ae"), nonce, key).has_value());
  auto other_nonce = nonce;
  other_nonce[0] ^= 1;
  CHECK_FALSE(crypto::aead_decrypt(sealed, crypto::as_bytes("ad"), other_nonce, key).has_value());
  for (std::size_t i = 0; i < sealed.size(); ++i) {
    auto changed = sealed;
    changed[i] ^= 0x80;
    CHECK_FALSE(crypto::aead_decrypt(changed, crypto::as_bytes("ad"), nonce, key).has_value());
  }
  CHECK_FALSE(crypto::aead_decrypt(crypto::Bytes(5), {}, nonce, key).has_value());
}

TEST_CASE("Argon2id is deterministic for salt and limits, and refuses limits out of range", "[credential][crypto]") {
  crypto::AeadKey a{}, b{}, c{};
  const auto salt = filled<16>(7);
  REQUIRE(crypto::derive_key_from_password(a, "correct horse", salt, quick));
  REQUIRE(crypto::derive_key_from_password(b, "correct horse", salt, quick));
  REQUIRE(crypto::derive_key_from_password(c, "correct horsf", salt, quick));
  CHECK(a == b);
  CHECK(a != c);
  CHECK_FALSE(crypto::derive_key_from_password(a, "x", salt, {0, 1u << 20}));
  CHECK_FALSE(crypto::derive_key_from_password(a, "x", salt, {11, 1u << 20}));
  CHECK_FALSE(crypto::derive_key_from_password(a, "x", salt, {1, 1024}));
}

TEST_CASE("a learner key exports under a passphrase and imports only with it", "[credential][key]") {
  const auto key = credential::learner_key_from_entropy(filled<32>(42));
  CHECK(key.did.starts_with("did:key:z6Mk"));
  CHECK(key.verification_method() == key.did + "#" + key.did.substr(8));
  // The default limits (64 MiB, 3 passes) once, as a browser would run them.
  const auto exported = credential::export_learner_key(key, "a long passphrase", filled<16>(1), filled<24>(2));
  REQUIRE(exported.ok());
  const json file = json::parse(exported.value());
  CHECK(file["kdf"]["memLimitBytes"] == 64u << 20);
  CHECK(file["kdf"]["opsLimit"] == 3);
  CHECK(exported.value().find(crypto::to_hex(crypto::ByteView(key.pair.secret_key.bytes().data(), 32))) ==
        std::string::npos);
  const auto imported = credential::import_learner_key(exported.value(), "a long passphrase");
  REQUIRE(imported.ok());
  CHECK(imported.value().did == key.did);
  CHECK(imported.value().pair.secret_key.bytes() == key.pair.secret_key.bytes());

  const auto wrong = credential::import_learner_key(exported.value(), "a long passphrasf");
  REQUIRE_FALSE(wrong.ok());
  CHECK(wrong.problems()[0].message == "the passphrase is wrong, or the key file was changed");
}

TEST_CASE("a key file that was changed, relabelled or made hostile is refused", "[credential][key]") {
  const auto key = credential::learner_key_from_entropy(filled<32>(9));
  const auto exported = credential::export_learner_key(key, "passphrase 1", filled<16>(3), filled<24>(4), quick);
  REQUIRE(exported.ok());
  const json file = json::parse(exported.value());
  CHECK(credential::import_learner_key(exported.value(), "passphrase 1").ok());

  const auto other = credential::learner_key_from_entropy(filled<32>(10));
  struct Change {
    const char* pointer;
    json value;
    const char* where;
  };
  const Change changes[] = {
      {"/did", other.did, "passphrase"},  // relabelled: the did is authenticated with the ciphertext
      {"/kdf/salt", crypto::base64url_encode(filled<16>(5)), "passphrase"},
      {"/cipher/nonce", crypto::base64url_encode(filled<24>(5)), "passphrase"},
      {"/kdf/opsLimit", 2, "passphrase"},
      {"/kdf/opsLimit", 1000, "/kdf"},
      {"/kdf/memLimitBytes", 1ull << 40, "/kdf"},
      {"/kdf/name", "scrypt", "/kdf/name"},
      {"/format", "x", "/format"},
      {"/did", "did:web:example.org", "/did"},
      {"/cipher/ciphertext", "AAAA", "/cipher/ciphertext"},
      // Wrong types are refused like wrong values, never read as something else.
      {"/did", 5, "/did"},
      {"/kdf", 5, "/kdf/name"},
      {"/kdf/opsLimit", "2", "/kdf"},
      {"/cipher", json::array(), "/cipher/name"},
  };
  for (const auto& change : changes) {
    INFO(change.pointer);
    json changed = file;
    changed[json::json_pointer(change.pointer)] = change.value;
    const auto result = credential::import_learner_key(changed.dump(), "passphrase 1");
    REQUIRE_FALSE(result.ok());
    CHECK(result.problems()[0].where == change.where);
  }
  CHECK_FALSE(credential::import_learner_key("not json", "passphrase 1").ok());
  // One reading only: a second "did" (a last-wins reader would take it) and a NUL byte hiding what follows.
  std::string twice = exported.value();
  twice.insert(1, "\"did\": \"" + other.did + "\",");
  const auto duplicate = credential::import_learner_key(twice, "passphrase 1");
  REQUIRE_FALSE(duplicate.ok());
  CHECK(duplicate.problems()[0].where == "/did");
  const auto hidden = credential::import_learner_key(exported.value() + std::string(1, '\0') + "{}", "passphrase 1");
  REQUIRE_FALSE(hidden.ok());
  CHECK(hidden.problems()[0].message.find("NUL byte") != std::string::npos);
  CHECK_FALSE(credential::import_learner_key(std::string(5000, ' '), "passphrase 1").ok());
  CHECK(credential::export_learner_key(key, "short", filled<16>(3), filled<24>(4)).problems()[0].where == "passphrase");
}
