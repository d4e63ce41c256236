// Tessera's crypto layer over libsodium: hashes, Ed25519, constant-time helpers, hex, base58btc/multibase
// and did:key. The only file in Tessera that calls libsodium.
//
// Sections: secret key lifetime · start-up and hashes · Ed25519 · comparison and wiping · hex ·
// base64url · passphrase-based encryption (Argon2id, XChaCha20-Poly1305) ·
// base58btc and multibase · Multikey and did:key.
//
// Does NOT: read entropy, log, throw, or accept a did:key for any key type other than Ed25519.
#include "tessera/crypto.hpp"

#include <sodium.h>

#include <algorithm>
#include <type_traits>

namespace tessera::crypto {

namespace {

// libsodium reads `size` bytes from its input pointer; an empty span may carry a null pointer, which some
// of its functions are declared never to receive. This keeps every pointer we pass valid.
const std::uint8_t* data_or_empty(ByteView data) {
  static constexpr std::uint8_t nothing = 0;
  return data.empty() ? &nothing : data.data();
}

// libsodium asks for sodium_init() before any other call; callers such as the record's hashing should not
// have to remember it, so every primitive here makes sure of it (a cheap check after the first time).
void ensure_started() {
  static const bool started = sodium_init() >= 0;
  (void)started;
}

}  // namespace

// ─── Secret key lifetime ───

SecretKey::~SecretKey() { sodium_memzero(bytes_.data(), bytes_.size()); }

// A move copies the key and wipes the source, so exactly one live copy of the secret remains.
SecretKey::SecretKey(SecretKey&& other) noexcept : bytes_(other.bytes_) {
  sodium_memzero(other.bytes_.data(), other.bytes_.size());
}

SecretKey& SecretKey::operator=(SecretKey&& other) noexcept {
  if (this != &other) {
    bytes_ = other.bytes_;
    sodium_memzero(other.bytes_.data(), other.bytes_.size());
  }
  return *this;
}

// ─── Start-up and hashes ───

bool init() {
  // 0: started now, 1: already started; -1: cannot start (no usable randomness source on this host).
  return sodium_init() >= 0;
}

Sha256Digest sha256(ByteView data) {
  ensure_started();
  Sha256Digest digest{};
  crypto_hash_sha256(digest.data(), data_or_empty(data), data.size());
  return digest;
}

Blake2bDigest blake2b(ByteView data) {
  ensure_started();
  static_assert(std::tuple_size_v<Blake2bDigest> >= crypto_generichash_BYTES_MIN &&
                std::tuple_size_v<Blake2bDigest> <= crypto_generichash_BYTES_MAX);
  Blake2bDigest digest{};
  // Unkeyed BLAKE2b with a 32-byte output (the output length is part of BLAKE2b's parameters, so this is
  // not a truncated BLAKE2b-512).
  crypto_generichash(digest.data(), digest.size(), data_or_empty(data), data.size(), nullptr, 0);
  return digest;
}

// ─── Ed25519 ───

static_assert(std::tuple_size_v<PublicKey> == crypto_sign_PUBLICKEYBYTES);
static_assert(std::tuple_size_v<Signature> == crypto_sign_BYTES);
static_assert(std::tuple_size_v<Seed> == crypto_sign_SEEDBYTES);
static_assert(std::tuple_size_v<std::remove_cvref_t<decltype(SecretKey{}.bytes())>> == crypto_sign_SECRETKEYBYTES);

KeyPair keypair_from_seed(const Seed& seed) {
  ensure_started();
  KeyPair pair;
  // Writes straight into the SecretKey so no stray copy of the secret is left on the stack.
  (void)crypto_sign_seed_keypair(pair.public_key.data(), pair.secret_key.bytes().data(), seed.data());
  return pair;
}

Signature sign(ByteView message, const SecretKey& key) {
  ensure_started();
  Signature signature{};
  (void)crypto_sign_detached(signature.data(), nullptr, data_or_empty(message), message.size(), key.bytes().data());
  return signature;
}

bool verify(const Signature& signature, ByteView message, const PublicKey& key) {
  ensure_started();
  // libsodium also rejects non-canonical signatures and small-order public keys, and never reads past the
  // fixed-size arrays, so any bytes at all give a plain yes or no.
  return crypto_sign_verify_detached(signature.data(), data_or_empty(message), message.size(), key.data()) == 0;
}

// ─── Comparison and wiping ───

bool equal(ByteView a, ByteView b) {
  // Lengths are public (they are fixed by the type of what is compared); only the contents are secret.
  if (a.size() != b.size()) return false;
  if (a.empty()) return true;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

void wipe(void* data, std::size_t size) {
  if (data != nullptr && size != 0) sodium_memzero(data, size);
}

// ─── Hex ───

std::string to_hex(ByteView data) {
  // libsodium's encoder runs in constant time, so it is safe for secret bytes too.
  std::string hex(data.size() * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), data_or_empty(data), data.size());
  hex.pop_back();  // the terminating NUL
  return hex;
}

std::optional<Bytes> from_hex(std::string_view hex) {
  if (hex.size() % 2 != 0) return std::nullopt;
  Bytes bytes(hex.size() / 2);
  if (hex.empty()) return bytes;
  std::size_t decoded = 0;
  // No characters to ignore and no end pointer: libsodium then fails unless every character is hex.
  if (sodium_hex2bin(bytes.data(), bytes.size(), hex.data(), hex.size(), nullptr, &decoded, nullptr) != 0 ||
      decoded != bytes.size()) {
    return std::nullopt;
  }
  return bytes;
}

// ─── base58btc and multibase ───

namespace {

constexpr std::string_view base58_alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

// base58 decoding is quadratic in the length; real values here (keys, signatures) are under 100
// characters, so anything this long is refused instead of costing seconds.
constexpr std::size_t base58_max_decode_chars = 4096;

int base58_digit(char c) {
  const auto at = base58_alphabet.find(c);
  return at == std::string_view::npos ? -1 : static_cast<int>(at);
}

}  // namespace

std::string base58btc_encode(ByteView data) {
  // Each leading zero byte is written as one '1' (the digit zero), as Bitcoin does; the rest is the
  // big-endian number in base 58.
  std::size_t leading_zeros = 0;
  while (leading_zeros < data.size() && data[leading_zeros] == 0) ++leading_zeros;

  // log(256) / log(58) < 1.38, so this many base-58 digits always suffice.
  std::vector<std::uint8_t> digits((data.size() - leading_zeros) * 138 / 100 + 1, 0);
  std::size_t used = 0;  // digits in use, counted from the end of `digits`
  for (std::size_t i = leading_zeros; i < data.size(); ++i) {
    unsigned carry = data[i];
    std::size_t j = 0;
    for (auto it = digits.rbegin(); (carry != 0 || j < used) && it != digits.rend(); ++it, ++j) {
      carry += 256u * *it;
      *it = static_cast<std::uint8_t>(carry % 58);
      carry /= 58;
    }
    used = j;
  }

  std::string text(leading_zeros, '1');
  text.reserve(leading_zeros + used);
  for (std::size_t i = digits.size() - used; i < digits.size(); ++i) text.push_back(base58_alphabet[digits[i]]);
  return text;
}

std::optional<Bytes> base58btc_decode(std::string_view text) {
  if (text.size() > base58_max_decode_chars) return std::nullopt;
  std::size_t leading_ones = 0;
  while (leading_ones < text.size() && text[leading_ones] == '1') ++leading_ones;

  // log(58) / log(256) < 0.733, so this many bytes always suffice.
  std::vector<std::uint8_t> number((text.size() - leading_ones) * 733 / 1000 + 1, 0);
  std::size_t used = 0;  // bytes in use, counted from the end of `number`
  for (std::size_t i = leading_ones; i < text.size(); ++i) {
    const int digit = base58_digit(text[i]);
    if (digit < 0) return std::nullopt;
    unsigned carry = static_cast<unsigned>(digit);
    std::size_t j = 0;
    for (auto it = number.rbegin(); (carry != 0 || j < used) && it != number.rend(); ++it, ++j) {
      carry += 58u * *it;
      *it = static_cast<std::uint8_t>(carry & 0xff);
      carry >>= 8;
    }
    used = j;
  }

  Bytes bytes(leading_ones, 0);
  bytes.insert(bytes.end(), number.end() - static_cast<std::ptrdiff_t>(used), number.end());
  return bytes;
}

std::string multibase_base58btc(ByteView data) { return "z" + base58btc_encode(data); }

std::optional<Bytes> multibase_decode(std::string_view text) {
  // Multibase names many encodings; Tessera only ever writes and reads base58btc ('z').
  if (text.empty() || text.front() != 'z') return std::nullopt;
  return base58btc_decode(text.substr(1));
}

// ─── Multikey and did:key ───

namespace {

// The multicodec code of an Ed25519 public key, 0xed, as an unsigned varint.
constexpr std::array<std::uint8_t, 2> ed25519_pub_multicodec = {0xed, 0x01};
constexpr std::string_view did_key_prefix = "did:key:";

}  // namespace

std::string ed25519_multikey(const PublicKey& key) {
  std::array<std::uint8_t, ed25519_pub_multicodec.size() + std::tuple_size_v<PublicKey>> tagged{};
  std::copy(ed25519_pub_multicodec.begin(), ed25519_pub_multicodec.end(), tagged.begin());
  std::copy(key.begin(), key.end(), tagged.begin() + ed25519_pub_multicodec.size());
  return multibase_base58btc(tagged);
}

std::string did_key(const PublicKey& key) { return std::string(did_key_prefix) + ed25519_multikey(key); }

std::optional<PublicKey> public_key_from_multikey(std::string_view multikey) {
  const auto tagged = multibase_decode(multikey);
  if (!tagged || tagged->size() != ed25519_pub_multicodec.size() + std::tuple_size_v<PublicKey> ||
      !std::equal(ed25519_pub_multicodec.begin(), ed25519_pub_multicodec.end(), tagged->begin())) {
    return std::nullopt;
  }
  PublicKey key{};
  std::copy(tagged->begin() + ed25519_pub_multicodec.size(), tagged->end(), key.begin());
  return key;
}

std::optional<PublicKey> public_key_from_did_key(std::string_view did) {
  if (!did.starts_with(did_key_prefix)) return std::nullopt;
  std::string_view identifier = did.substr(did_key_prefix.size());
  // A did:key's one verification method is "did:key:<mb>#<mb>"; any other fragment names nothing.
  if (const auto hash = identifier.find('#'); hash != std::string_view::npos) {
    if (identifier.substr(hash + 1) != identifier.substr(0, hash)) return std::nullopt;
    identifier = identifier.substr(0, hash);
  }
  return public_key_from_multikey(identifier);
}

// ─── base64url ───

std::string base64url_encode(ByteView data) {
  ensure_started();
  constexpr int variant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
  std::string text(sodium_base64_encoded_len(data.size(), variant), '\0');
  sodium_bin2base64(text.data(), text.size(), data_or_empty(data), data.size(), variant);
  text.pop_back();  // the terminating NUL
  return text;
}

std::optional<Bytes> base64url_decode(std::string_view text) {
  ensure_started();
  Bytes bytes(text.size() * 3 / 4 + 3);
  std::size_t length = 0;
  const char* end = nullptr;
  if (sodium_base642bin(bytes.data(), bytes.size(), text.data(), text.size(), nullptr, &length, &end,
                        sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
      end != text.data() + text.size()) {
    return std::nullopt;
  }
  bytes.resize(length);
  return bytes;
}

// ─── Passphrase-based encryption ───

static_assert(std::tuple_size_v<PasswordSalt> == crypto_pwhash_SALTBYTES);
static_assert(std::tuple_size_v<AeadKey> == crypto_aead_xchacha20poly1305_ietf_KEYBYTES);
static_assert(std::tuple_size_v<AeadNonce> == crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
static_assert(aead_tag_bytes == crypto_aead_xchacha20poly1305_ietf_ABYTES);

bool derive_key_from_password(AeadKey& key, std::string_view passphrase, const PasswordSalt& salt,
                              const PasswordLimits& limits) {
  ensure_started();
  if (limits.ops < crypto_pwhash_OPSLIMIT_MIN || limits.ops > password_ops_max ||
      limits.memory_bytes < crypto_pwhash_MEMLIMIT_MIN || limits.memory_bytes > password_memory_max) {
    return false;
  }
  static constexpr char nothing = 0;
  return crypto_pwhash(key.data(), key.size(), passphrase.empty() ? &nothing : passphrase.data(), passphrase.size(),
                       salt.data(), limits.ops, limits.memory_bytes, crypto_pwhash_ALG_ARGON2ID13) == 0;
}

Bytes aead_encrypt(ByteView plaintext, ByteView associated, const AeadNonce& nonce, const AeadKey& key) {
  ensure_started();
  Bytes out(plaintext.size() + aead_tag_bytes);
  unsigned long long length = 0;
  (void)crypto_aead_xchacha20poly1305_ietf_encrypt(out.data(), &length, data_or_empty(plaintext), plaintext.size(),
                                                   data_or_empty(associated), associated.size(), nullptr, nonce.data(),
                                                   key.data());
  out.resize(static_cast<std::size_t>(length));
  return out;
}

std::optional<Bytes> aead_decrypt(ByteView ciphertext, ByteView associated, const AeadNonce& nonce,
                                  const AeadKey& key) {
  ensure_started();
  if (ciphertext.size() < aead_tag_bytes) return std::nullopt;
  Bytes out(ciphertext.size() - aead_tag_bytes);
  unsigned long long length = 0;
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(out.empty() ? nullptr : out.data(), &length, nullptr,
                                                 ciphertext.data(), ciphertext.size(), data_or_empty(associated),
                                                 associated.size(), nonce.data(), key.data()) != 0) {
    return std::nullopt;
  }
  out.resize(static_cast<std::size_t>(length));
  return out;
}

}  // namespace tessera::crypto
