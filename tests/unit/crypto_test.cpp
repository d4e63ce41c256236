// Known-answer tests of the crypto layer: SHA-256, BLAKE2b-256, Ed25519 (RFC 8032), base58btc, did:key,
// and the W3C eddsa-jcs-2022 signature reproduced byte for byte from tests/golden/eddsa.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>

#include "support.hpp"
#include "tessera/crypto.hpp"
#include "tessera/jcs.hpp"

namespace crypto = tessera::crypto;

namespace {

crypto::Bytes hex_bytes(std::string_view hex) {
  auto bytes = crypto::from_hex(hex);
  REQUIRE(bytes.has_value());
  return std::move(*bytes);
}

template <std::size_t N>
std::array<std::uint8_t, N> hex_array(std::string_view hex) {
  const auto bytes = hex_bytes(hex);
  REQUIRE(bytes.size() == N);
  std::array<std::uint8_t, N> out{};
  std::copy(bytes.begin(), bytes.end(), out.begin());
  return out;
}

// RFC 8032 §7.1, TEST 1 (empty message) and TEST 2 (one byte, 0x72).
struct Rfc8032Case {
  const char* seed;
  const char* public_key;
  const char* message;
  const char* signature;
};
constexpr Rfc8032Case rfc8032_test1 = {"9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
                                       "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "",
                                       "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33ba"
                                       "cc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"};
constexpr Rfc8032Case rfc8032_test2 = {"4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
                                       "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", "72",
                                       "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996"
                                       "e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"};

bool all_zero(const std::array<std::uint8_t, 64>& bytes) {
  return std::all_of(bytes.begin(), bytes.end(), [](std::uint8_t b) { return b == 0; });
}

// keyPair.json's privateKeyMultibase is multicodec ed25519-priv (0x1300, varint 0x80 0x26) ‖ 32-byte seed.
crypto::Seed w3c_seed() {
  const auto key_pair = nlohmann::json::parse(tessera::test::read_golden("eddsa/keyPair.json"));
  const auto tagged = crypto::multibase_decode(key_pair.at("privateKeyMultibase").get<std::string>());
  REQUIRE(tagged.has_value());
  REQUIRE(tagged->size() == 34);
  REQUIRE((*tagged)[0] == 0x80);
  REQUIRE((*tagged)[1] == 0x26);
  crypto::Seed seed{};
  std::copy(tagged->begin() + 2, tagged->end(), seed.begin());
  return seed;
}

}  // namespace

TEST_CASE("libsodium starts, and starting twice is fine", "[crypto]") {
  REQUIRE(crypto::init());
  REQUIRE(crypto::init());
}

TEST_CASE("SHA-256 and BLAKE2b-256 give the published digests", "[crypto]") {
  REQUIRE(crypto::init());
  // FIPS 180-2 appendix B.1; RFC 7693 / the BLAKE2 reference with a 32-byte digest.
  CHECK(crypto::to_hex(crypto::sha256(crypto::as_bytes("abc"))) ==
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(crypto::to_hex(crypto::blake2b(crypto::as_bytes("abc"))) ==
        "bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319");
  CHECK(crypto::to_hex(crypto::sha256({})) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(crypto::to_hex(crypto::blake2b({})) == "0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8");
}

TEST_CASE("Ed25519 reproduces RFC 8032 section 7.1", "[crypto]") {
  REQUIRE(crypto::init());
  for (const Rfc8032Case& known : {rfc8032_test1, rfc8032_test2}) {
    INFO("seed " << known.seed);
    const auto pair = crypto::keypair_from_seed(hex_array<32>(known.seed));
    CHECK(crypto::to_hex(pair.public_key) == known.public_key);
    const auto message = hex_bytes(known.message);
    const auto signature = crypto::sign(message, pair.secret_key);
    CHECK(crypto::to_hex(signature) == known.signature);
    CHECK(crypto::verify(signature, message, pair.public_key));
    CHECK(crypto::verify(hex_array<64>(known.signature), message, hex_array<32>(known.public_key)));
  }
}

TEST_CASE("verify rejects any flipped bit in message, signature or key", "[crypto]") {
  REQUIRE(crypto::init());
  const auto pair = crypto::keypair_from_seed(hex_array<32>(rfc8032_test2.seed));
  const crypto::Bytes message = {0x72};
  const auto signature = crypto::sign(message, pair.secret_key);
  REQUIRE(crypto::verify(signature, message, pair.public_key));

  for (std::size_t bit = 0; bit < 8; ++bit) {
    auto changed = message;
    changed[0] = static_cast<std::uint8_t>(changed[0] ^ (1u << bit));
    CHECK_FALSE(crypto::verify(signature, changed, pair.public_key));
  }
  for (std::size_t bit = 0; bit < signature.size() * 8; ++bit) {
    auto changed = signature;
    changed[bit / 8] = static_cast<std::uint8_t>(changed[bit / 8] ^ (1u << (bit % 8)));
    CHECK_FALSE(crypto::verify(changed, message, pair.public_key));
  }
  for (std::size_t bit = 0; bit < pair.public_key.size() * 8; ++bit) {
    auto changed = pair.public_key;
    changed[bit / 8] = static_cast<std::uint8_t>(changed[bit / 8] ^ (1u << (bit % 8)));
    CHECK_FALSE(crypto::verify(signature, message, changed));
  }
  CHECK_FALSE(crypto::verify(signature, crypto::Bytes{}, pair.public_key));
  CHECK_FALSE(crypto::verify(signature, crypto::Bytes{0x72, 0x00}, pair.public_key));
}

TEST_CASE("verify answers false, without crashing, for degenerate keys and signatures", "[crypto]") {
  REQUIRE(crypto::init());
  const crypto::Bytes message = {1, 2, 3};
  crypto::Signature ones{};
  ones.fill(0xff);
  crypto::PublicKey ones_key{};
  ones_key.fill(0xff);
  CHECK_FALSE(crypto::verify(crypto::Signature{}, message, crypto::PublicKey{}));
  CHECK_FALSE(crypto::verify(ones, message, ones_key));
  CHECK_FALSE(crypto::verify(crypto::Signature{}, {}, hex_array<32>(rfc8032_test1.public_key)));
  // The identity point (a small-order key) would accept a forged signature if it were not refused.
  auto identity = crypto::PublicKey{};
  identity[0] = 1;
  crypto::Signature forged{};
  forged[0] = 1;
  CHECK_FALSE(crypto::verify(forged, message, identity));
}

TEST_CASE("a secret key wipes itself when moved from", "[crypto]") {
  REQUIRE(crypto::init());
  auto pair = crypto::keypair_from_seed(hex_array<32>(rfc8032_test1.seed));
  REQUIRE_FALSE(all_zero(pair.secret_key.bytes()));
  const auto original = pair.secret_key.bytes();

  crypto::SecretKey moved(std::move(pair.secret_key));
  CHECK(moved.bytes() == original);
  CHECK(all_zero(pair.secret_key.bytes()));  // NOLINT(bugprone-use-after-move): checking the wipe

  crypto::SecretKey assigned;
  assigned = std::move(moved);
  CHECK(assigned.bytes() == original);
  CHECK(all_zero(moved.bytes()));  // NOLINT(bugprone-use-after-move)

  // Signing with the moved-to key still gives RFC 8032's answer.
  CHECK(crypto::to_hex(crypto::sign({}, assigned)) == rfc8032_test1.signature);
}

TEST_CASE("equal compares contents and lengths; wipe zeroes", "[crypto]") {
  REQUIRE(crypto::init());
  const crypto::Bytes a = {1, 2, 3};
  const crypto::Bytes same = {1, 2, 3};
  const crypto::Bytes last_differs = {1, 2, 4};
  const crypto::Bytes shorter = {1, 2};
  CHECK(crypto::equal(a, same));
  CHECK_FALSE(crypto::equal(a, last_differs));
  CHECK_FALSE(crypto::equal(a, shorter));
  CHECK(crypto::equal({}, {}));

  std::array<std::uint8_t, 5> buffer = {9, 9, 9, 9, 9};
  crypto::wipe(buffer.data(), buffer.size());
  CHECK(buffer == std::array<std::uint8_t, 5>{});
  crypto::wipe(nullptr, 0);  // a no-op, not a crash
}

TEST_CASE("hex encodes lower case and decodes strictly", "[crypto]") {
  REQUIRE(crypto::init());
  CHECK(crypto::to_hex(crypto::Bytes{0x00, 0xab, 0xff}) == "00abff");
  CHECK(crypto::to_hex({}).empty());
  CHECK(crypto::from_hex("00ABff") == crypto::Bytes{0x00, 0xab, 0xff});
  CHECK(crypto::from_hex("") == crypto::Bytes{});
  CHECK_FALSE(crypto::from_hex("abc").has_value());
  CHECK_FALSE(crypto::from_hex("zz").has_value());
  CHECK_FALSE(crypto::from_hex("0g").has_value());
  CHECK_FALSE(crypto::from_hex(" 00").has_value());
  CHECK_FALSE(crypto::from_hex("00:1").has_value());
  CHECK_FALSE(crypto::from_hex(std::string_view("0\0", 2)).has_value());
}

TEST_CASE("base58btc matches known encodings and round-trips", "[crypto][base58]") {
  REQUIRE(crypto::init());
  CHECK(crypto::base58btc_encode(crypto::as_bytes("Hello World!")) == "2NEpo7TZRRrLZSi2U");
  // Bitcoin Core's src/test/data/base58_encode_decode.json.
  const std::pair<const char*, const char*> known[] = {
      {"", ""},
      {"61", "2g"},
      {"626262", "a3gV"},
      {"636363", "aPEr"},
      {"73696d706c792061206c6f6e6720737472696e67", "2cFupjhnEsSn59qHXstmK2ffpLv2"},
      {"00eb15231dfceb60925886b67d065299925915aeb172c06647", "1NS17iag9jJgTHD1VXjvLCEnZuQ3rJDE9L"},
      {"516b6fcd0f", "ABnLTmg"},
      {"bf4f89001e670274dd", "3SEo3LWLoPntC"},
      {"572e4794", "3EFU7m"},
      {"ecac89cad93923c02321", "EJDM8drfXA6uyA"},
      {"10c8511e", "Rt5zm"},
      {"00000000000000000000", "1111111111"},
      {"000111d38e5fc9071ffcd20b4a763cc9ae4f252bb4e48fd66a835e252ada93ff480d6dd43dc62a641155a5",
       "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"},
  };
  for (const auto& [hex, text] : known) {
    INFO(hex);
    const auto bytes = hex_bytes(hex);
    CHECK(crypto::base58btc_encode(bytes) == text);
    CHECK(crypto::base58btc_decode(text) == bytes);
  }
  // Leading zero bytes are leading '1's, one for one, also when nothing else follows.
  CHECK(crypto::base58btc_encode(crypto::Bytes{0}) == "1");
  CHECK(crypto::base58btc_encode(crypto::Bytes{0, 0, 1}) == "112");
  CHECK(crypto::base58btc_decode("11") == crypto::Bytes{0, 0});
  CHECK(crypto::base58btc_decode("112") == crypto::Bytes{0, 0, 1});

  // Every length and value pattern round-trips.
  for (std::size_t length = 0; length < 70; ++length) {
    crypto::Bytes bytes(length);
    for (std::size_t i = 0; i < length; ++i) bytes[i] = static_cast<std::uint8_t>(i < length / 4 ? 0 : i * 37 + 11);
    CHECK(crypto::base58btc_decode(crypto::base58btc_encode(bytes)) == bytes);
  }
}

TEST_CASE("base58btc and multibase refuse what is not theirs", "[crypto][base58]") {
  for (const char* bad : {"0", "O", "I", "l", "2g ", "+", "2g\n", "\xc3\xa9"}) {
    INFO(bad);
    CHECK_FALSE(crypto::base58btc_decode(bad).has_value());
  }
  CHECK_FALSE(crypto::base58btc_decode(std::string(5000, '2')).has_value());  // longer than any real value
  const auto hello = crypto::as_bytes("Hello World!");
  CHECK(crypto::multibase_base58btc(hello) == "z2NEpo7TZRRrLZSi2U");
  CHECK(crypto::multibase_decode("z2NEpo7TZRRrLZSi2U") == crypto::Bytes(hello.begin(), hello.end()));
  CHECK_FALSE(crypto::multibase_decode("").has_value());
  CHECK_FALSE(crypto::multibase_decode("f00ff").has_value());  // base16 multibase: not accepted
  CHECK_FALSE(crypto::multibase_decode("Z2NEpo7TZRRrLZSi2U").has_value());
}

TEST_CASE("did:key and Multikey of the W3C test vector's key pair", "[crypto][did]") {
  REQUIRE(crypto::init());
  const auto key_pair = nlohmann::json::parse(tessera::test::read_golden("eddsa/keyPair.json"));
  const std::string multikey = key_pair.at("publicKeyMultibase").get<std::string>();
  REQUIRE(multikey == "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2");

  const auto public_key = crypto::public_key_from_multikey(multikey);
  REQUIRE(public_key.has_value());
  CHECK(crypto::to_hex(*public_key) == "b00d8d938e7f773d51565aad36a623f5344f7f5d1960f9cf3e8e12620ea2810f");
  CHECK(crypto::ed25519_multikey(*public_key) == multikey);
  CHECK(crypto::did_key(*public_key) == "did:key:" + multikey);

  // The published secret seed gives the published public key.
  const auto pair = crypto::keypair_from_seed(w3c_seed());
  CHECK(pair.public_key == *public_key);

  // RFC 8032's key too: every Ed25519 did:key starts "did:key:z6Mk" and reads back.
  const auto rfc_key = hex_array<32>(rfc8032_test1.public_key);
  CHECK(crypto::did_key(rfc_key).starts_with("did:key:z6Mk"));
  CHECK(crypto::public_key_from_did_key(crypto::did_key(rfc_key)) == rfc_key);
}

TEST_CASE("public_key_from_did_key accepts the DID and its verification method, nothing else", "[crypto][did]") {
  REQUIRE(crypto::init());
  const std::string multikey = "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2";
  const auto expected = crypto::public_key_from_multikey(multikey);
  REQUIRE(expected.has_value());
  CHECK(crypto::public_key_from_did_key("did:key:" + multikey) == expected);
  CHECK(crypto::public_key_from_did_key("did:key:" + multikey + "#" + multikey) == expected);

  const auto tagged = [](std::initializer_list<std::uint8_t> prefix, std::size_t key_length) {
    crypto::Bytes bytes(prefix);
    bytes.resize(prefix.size() + key_length, 0x42);
    return crypto::multibase_base58btc(bytes);
  };
  const std::string rejected[] = {
      "",
      "did:key:",
      multikey,                          // a Multikey is not a DID
      "did:web:" + multikey,             // another DID method
      "DID:key:" + multikey,             // the scheme is lower case
      "did:key:" + multikey.substr(1),   // no multibase prefix
      "did:key:f" + multikey.substr(1),  // another multibase
      "did:key:" + multikey + " ",       // trailing garbage
      "did:key:" + multikey + "#",       // empty fragment
      "did:key:" + multikey + "#key-1",  // a verification method that does not exist
      "did:key:" + multikey + "#" + multikey + "#" + multikey,
      "did:key:" + tagged({0xec, 0x01}, 32),        // X25519 (z6LS…), not Ed25519
      "did:key:" + tagged({0xe7, 0x01}, 33),        // secp256k1
      "did:key:" + tagged({0xed, 0x01}, 31),        // one byte short
      "did:key:" + tagged({0xed, 0x01}, 33),        // one byte long
      "did:key:" + tagged({0xed}, 32),              // truncated multicodec varint
      "did:key:" + tagged({0x00, 0xed, 0x01}, 32),  // leading zero byte
  };
  for (const std::string& did : rejected) {
    INFO(did);
    CHECK_FALSE(crypto::public_key_from_did_key(did).has_value());
  }
  CHECK_FALSE(crypto::public_key_from_multikey("z6LSbgBAXJos6Tik6PNmXeWxKbDUr9Y7hcB9syigVTeXiNmm").has_value());
}

TEST_CASE("eddsa-jcs-2022: the W3C vector's hashes and signature, byte for byte", "[crypto][jcs][golden]") {
  REQUIRE(crypto::init());
  using tessera::test::read_golden;
  const std::string folder = "eddsa/eddsa-jcs-2022/";

  // The two canonical forms (RFC 8785) and their SHA-256 hashes.
  const auto document = tessera::jcs::canonicalize_text(read_golden("eddsa/unsigned.json"));
  REQUIRE(document.ok());
  CHECK(document.value() == read_golden(folder + "canonDocJCS.txt"));
  const auto proof_options = tessera::jcs::canonicalize_text(read_golden(folder + "proofConfigJCS.json"));
  REQUIRE(proof_options.ok());
  CHECK(proof_options.value() == read_golden(folder + "proofCanonJCS.txt"));

  const auto document_hash = crypto::sha256(crypto::as_bytes(document.value()));
  const auto proof_hash = crypto::sha256(crypto::as_bytes(proof_options.value()));
  CHECK(crypto::to_hex(document_hash) == read_golden(folder + "docHashJCS.txt"));
  CHECK(crypto::to_hex(proof_hash) == read_golden(folder + "proofHashJCS.txt"));

  // The signed bytes are the published proofHash ‖ docHash, taken from the files, not from our hashes.
  const auto combined = hex_bytes(read_golden(folder + "combinedHashJCS.txt"));
  REQUIRE(combined.size() == 64);
  CHECK(crypto::to_hex(combined) == read_golden(folder + "proofHashJCS.txt") + read_golden(folder + "docHashJCS.txt"));

  const auto pair = crypto::keypair_from_seed(w3c_seed());
  const auto signature = crypto::sign(combined, pair.secret_key);
  CHECK(crypto::to_hex(signature) == read_golden(folder + "sigHexJCS.txt"));
  CHECK(crypto::multibase_base58btc(signature) == read_golden(folder + "sigBTC58JCS.txt"));

  // And the published proofValue verifies against the did:key in the proof's verificationMethod.
  const auto signed_credential = nlohmann::json::parse(read_golden(folder + "signedJCS.json"));
  const auto& proof = signed_credential.at("proof");
  const auto key = crypto::public_key_from_did_key(proof.at("verificationMethod").get<std::string>());
  REQUIRE(key.has_value());
  const auto proof_value = crypto::multibase_decode(proof.at("proofValue").get<std::string>());
  REQUIRE(proof_value.has_value());
  REQUIRE(proof_value->size() == 64);
  crypto::Signature published{};
  std::copy(proof_value->begin(), proof_value->end(), published.begin());
  CHECK(crypto::verify(published, combined, *key));
  auto tampered = combined;
  tampered.back() = static_cast<std::uint8_t>(tampered.back() ^ 1u);
  CHECK_FALSE(crypto::verify(published, tampered, *key));
}
