// Tessera's one crypto layer, in libsodium's voice: fixed-size types, generic names, [[nodiscard]] on
// every check, constant-time comparison. Nothing else in Tessera calls libsodium or touches key bytes.
//
// Does NOT: read entropy (callers pass seeds made by the host), log, or allocate secrets on the heap
// outside SecretKey (which wipes itself).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace tessera::crypto {

using Bytes = std::vector<std::uint8_t>;
using ByteView = std::span<const std::uint8_t>;

inline ByteView as_bytes(std::string_view s) { return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()}; }

using Sha256Digest = std::array<std::uint8_t, 32>;
using Blake2bDigest = std::array<std::uint8_t, 32>;  // BLAKE2b-256
using PublicKey = std::array<std::uint8_t, 32>;      // Ed25519
using Signature = std::array<std::uint8_t, 64>;      // Ed25519
using Seed = std::array<std::uint8_t, 32>;           // Ed25519 seed

// An Ed25519 secret key (libsodium's 64-byte form: seed ‖ public key); wiped when destroyed.
class SecretKey {
 public:
  SecretKey() = default;
  ~SecretKey();
  SecretKey(const SecretKey&) = delete;
  SecretKey& operator=(const SecretKey&) = delete;
  SecretKey(SecretKey&& other) noexcept;
  SecretKey& operator=(SecretKey&& other) noexcept;
  [[nodiscard]] const std::array<std::uint8_t, 64>& bytes() const { return bytes_; }
  [[nodiscard]] std::array<std::uint8_t, 64>& bytes() { return bytes_; }

 private:
  std::array<std::uint8_t, 64> bytes_{};
};

struct KeyPair {
  PublicKey public_key{};
  SecretKey secret_key;
};

// Must be called once before any other function here; cheap and idempotent. Returns false only if
// libsodium cannot start (then nothing here may be used).
[[nodiscard]] bool init();

[[nodiscard]] Sha256Digest sha256(ByteView data);
[[nodiscard]] Blake2bDigest blake2b(ByteView data);

[[nodiscard]] KeyPair keypair_from_seed(const Seed& seed);
[[nodiscard]] Signature sign(ByteView message, const SecretKey& key);
[[nodiscard]] bool verify(const Signature& signature, ByteView message, const PublicKey& key);

// Constant-time equality of two equal-length byte strings (false when the lengths differ).
[[nodiscard]] bool equal(ByteView a, ByteView b);
// Overwrites memory so the compiler cannot drop the write.
void wipe(void* data, std::size_t size);

// Lower-case hex; from_hex accepts either case and returns nullopt on any other character or odd length.
[[nodiscard]] std::string to_hex(ByteView data);
[[nodiscard]] std::optional<Bytes> from_hex(std::string_view hex);

// base58btc (Bitcoin alphabet) and multibase ('z' prefix = base58btc). Decoding is quadratic, so it
// refuses text longer than 4096 characters (real keys and signatures are under 100).
[[nodiscard]] std::string base58btc_encode(ByteView data);
[[nodiscard]] std::optional<Bytes> base58btc_decode(std::string_view text);
[[nodiscard]] std::string multibase_base58btc(ByteView data);                // "z…"
[[nodiscard]] std::optional<Bytes> multibase_decode(std::string_view text);  // only 'z' is accepted

// did:key for an Ed25519 public key: "did:key:z6Mk…" (multicodec 0xed01 ‖ key, multibase base58btc),
// and the Multikey publicKeyMultibase ("z6Mk…") it embeds.
[[nodiscard]] std::string ed25519_multikey(const PublicKey& key);
[[nodiscard]] std::string did_key(const PublicKey& key);
[[nodiscard]] std::optional<PublicKey> public_key_from_multikey(std::string_view multikey);
[[nodiscard]] std::optional<PublicKey> public_key_from_did_key(std::string_view did);  // also accepts "did:key:…#…"

// base64url without padding (RFC 4648 §5), as multibase 'u' and JSON need it. Decoding is strict: padding,
// whitespace and the standard alphabet's '+' and '/' give nullopt.
[[nodiscard]] std::string base64url_encode(ByteView data);
[[nodiscard]] std::optional<Bytes> base64url_decode(std::string_view text);

// ─── Passphrase-based encryption (secrets kept by the host, e.g. an exported learner key) ───

// Argon2id (crypto_pwhash, libsodium's ARGON2ID13). The runtime has no random source: the host passes salt and
// nonce. Limits are part of the stored file; these defaults fit a browser tab (64 MiB, 3 passes: about a
// second in Wasm) and are above libsodium's "interactive" level (64 MiB, 2 passes).
using PasswordSalt = std::array<std::uint8_t, 16>;  // crypto_pwhash_SALTBYTES
using AeadKey = std::array<std::uint8_t, 32>;       // XChaCha20-Poly1305 key
using AeadNonce = std::array<std::uint8_t, 24>;     // XChaCha20-Poly1305 nonce (random nonces are safe at 192 bits)
inline constexpr std::size_t aead_tag_bytes = 16;

struct PasswordLimits {
  std::uint64_t ops = 3;                 // Argon2id passes
  std::size_t memory_bytes = 64u << 20;  // 64 MiB
};
// What an imported file may ask for: enough to stop a hostile file from exhausting a tab's memory or time.
inline constexpr std::uint64_t password_ops_max = 10;
inline constexpr std::size_t password_memory_max = 256u << 20;

// Derives `key` from `passphrase`; false when the limits are out of libsodium's range or memory runs out.
[[nodiscard]] bool derive_key_from_password(AeadKey& key, std::string_view passphrase, const PasswordSalt& salt,
                                            const PasswordLimits& limits);

// XChaCha20-Poly1305 (IETF): ciphertext ‖ 16-byte tag; `associated` is authenticated, not encrypted.
[[nodiscard]] Bytes aead_encrypt(ByteView plaintext, ByteView associated, const AeadNonce& nonce, const AeadKey& key);
// nullopt when the tag does not verify (wrong key, changed ciphertext, nonce or associated data).
[[nodiscard]] std::optional<Bytes> aead_decrypt(ByteView ciphertext, ByteView associated, const AeadNonce& nonce,
                                                const AeadKey& key);

}  // namespace tessera::crypto
