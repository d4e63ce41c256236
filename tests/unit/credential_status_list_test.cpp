// GZIP through zlib, against files node's zlib made, a hand-built gzip bomb, and W3C Bitstring Status Lists.
#include <zlib.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "support.hpp"
#include "tessera/crypto.hpp"
#include "tessera/gzip.hpp"
#include "tessera/status_list.hpp"

namespace gzip = tessera::gzip;
namespace credential = tessera::credential;
using nlohmann::json;
using tessera::test::read_golden;

namespace {

gzip::Bytes bytes_of(const std::string& text) { return {text.begin(), text.end()}; }

void append_le32(gzip::Bytes& out, std::uint32_t value) {
  for (int shift = 0; shift < 32; shift += 8) out.push_back(static_cast<std::uint8_t>(value >> shift));
}

// A valid gzip member of `mebibytes` MiB of zeros, made without ever holding them (RFC 1951/1952 by hand,
// zlib only for one chunk): one MiB of zeros deflated raw and ended by a full flush (byte-aligned, nothing
// refers back into it), repeated; an empty final fixed-Huffman block (03 00); the CRC-32 of all the zeros
// (zlib's crc32_combine) and their length mod 2^32. 1 GiB is about 1 MB of gzip.
gzip::Bytes zero_bomb(std::uint32_t mebibytes) {
  constexpr std::size_t mib = 1u << 20;
  const std::vector<Bytef> zeros(mib, 0);
  z_stream stream{};
  REQUIRE(deflateInit2(&stream, Z_BEST_COMPRESSION, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY) == Z_OK);
  std::vector<Bytef> chunk(deflateBound(&stream, mib) + 16);
  stream.next_in = const_cast<Bytef*>(zeros.data());
  stream.avail_in = static_cast<uInt>(mib);
  stream.next_out = chunk.data();
  stream.avail_out = static_cast<uInt>(chunk.size());
  REQUIRE(deflate(&stream, Z_FULL_FLUSH) == Z_OK);
  REQUIRE(stream.avail_in == 0);
  chunk.resize(stream.total_out);
  deflateEnd(&stream);

  gzip::Bytes bomb = {0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255};  // magic, deflate, no flags, mtime 0, OS unknown
  const uLong chunk_crc = crc32(0, zeros.data(), static_cast<uInt>(mib));
  uLong crc = 0;
  for (std::uint32_t i = 0; i < mebibytes; ++i) {
    bomb.insert(bomb.end(), chunk.begin(), chunk.end());
    crc = crc32_combine(crc, chunk_crc, static_cast<z_off_t>(mib));
  }
  bomb.push_back(0x03);  // BFINAL 1, BTYPE 01 (fixed Huffman), end-of-block: the stream ends
  bomb.push_back(0x00);
  append_le32(bomb, static_cast<std::uint32_t>(crc));
  append_le32(bomb, static_cast<std::uint32_t>(std::uint64_t{mebibytes} * mib));
  return bomb;
}

// The input byte a refusal names ("byte N"): where inflation stopped.
std::size_t stopped_at(const std::string& where) {
  REQUIRE(where.starts_with("byte "));
  return std::stoul(where.substr(5));
}

}  // namespace

TEST_CASE("the hand-built gzip bomb is valid gzip: a small one inflates to exactly its zeros", "[credential][gzip]") {
  // The same construction as the 1 GiB bomb below, small enough to inflate whole: proof that the bomb
  // is refused for its size, not for a fault in how it was made.
  const auto small = zero_bomb(3);
  const auto inflated = gzip::decompress(small, 3u << 20);
  REQUIRE(inflated.ok());
  CHECK(inflated.value() == gzip::Bytes(3u << 20, 0));
}

TEST_CASE("a status list that is a gzip bomb (1 GiB of zeros in about 1 MB) is refused at the bound",
          "[credential][gzip][status]") {
  const auto bomb = zero_bomb(1024);
  CHECK(bomb.size() < (2u << 20));
  const auto refused = gzip::decompress(bomb, 1u << 20);
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.problems()[0].message == "the data inflates to more than 1048576 bytes");
  // Refused without inflating it all, checked by where reading stopped (not by timing): a MiB of zeros is
  // about a thousand bytes of this input, so passing the bound takes a few thousand of its million bytes.
  CHECK(stopped_at(refused.problems()[0].where) < bomb.size() / 100);
  // Through the status list reader, whose bound is 16 MiB: the message says what and how much.
  const std::string encoded =
      "u" + tessera::crypto::base64url_encode(tessera::crypto::ByteView(bomb.data(), bomb.size()));
  const auto list = credential::decode_status_list(encoded);
  REQUIRE_FALSE(list.ok());
  CHECK(list.problems()[0].where == "encodedList");
  CHECK(list.problems()[0].message.starts_with(
      "the status list's GZIP cannot be read: the data inflates to more than 16777216 bytes (byte "));
  // 16 MiB is about 17 KB of this input: the other 98% of the bomb is never inflated.
  const auto message = list.problems()[0].message;
  CHECK(stopped_at(message.substr(message.rfind("(byte ") + 1)) < bomb.size() / 50);
}

TEST_CASE("inflate reads zlib's dynamic, fixed and stored blocks", "[credential][gzip][golden]") {
  const auto original = bytes_of(read_golden("gzip/course.json"));
  for (const char* name : {"gzip/course.json.gz", "gzip/course.json.fixed.gz", "gzip/course.json.stored.gz"}) {
    INFO(name);
    const auto result = gzip::decompress(bytes_of(read_golden(name)), 1u << 20);
    REQUIRE(result.ok());
    CHECK(result.value() == original);
  }
}

TEST_CASE("deflate round-trips every kind of input through inflate", "[credential][gzip]") {
  std::vector<gzip::Bytes> inputs = {{},
                                     {0},
                                     bytes_of("a"),
                                     bytes_of(read_golden("course/valid/course.json")),
                                     gzip::Bytes(100000, 0),
                                     gzip::Bytes(70000, 0xff)};
  gzip::Bytes noise(50000);
  std::uint32_t state = 12345;
  for (auto& b : noise) {
    state = state * 1103515245u + 12345u;
    b = static_cast<std::uint8_t>(state >> 24);
  }
  inputs.push_back(noise);
  gzip::Bytes pattern;
  for (int i = 0; i < 40000; ++i) pattern.push_back(static_cast<std::uint8_t>((i * i) % 7 + (i % 300 == 0 ? 1 : 0)));
  inputs.push_back(pattern);
  for (const auto& input : inputs) {
    INFO(input.size());
    const auto packed = gzip::compress(input);
    const auto unpacked = gzip::decompress(packed, 1u << 20);
    REQUIRE(unpacked.ok());
    CHECK(unpacked.value() == input);
  }
  // A status list is mostly zeros: 16 KiB packs into at most a couple of hundred bytes.
  CHECK(gzip::compress(gzip::Bytes(16384, 0)).size() < 200);
}

TEST_CASE("damaged or hostile GZIP is refused with where", "[credential][gzip]") {
  const auto good = gzip::compress(bytes_of(read_golden("course/valid/course.json")));
  REQUIRE(gzip::decompress(good, 1u << 20).ok());
  CHECK(gzip::decompress(good, 1000).problems()[0].message.find("inflates to more than 1000") != std::string::npos);
  // Every single-byte change is caught (by the stream, the CRC or the length), except in MTIME, XFL and OS,
  // which carry no data. The stream's last byte may end in padding bits that carry none either: there only
  // its lowest bit, always data (DEFLATE packs from the least significant bit), is flipped.
  const std::size_t last_stream_byte = good.size() - 9;  // before the CRC-32 and ISIZE trailer
  for (std::size_t i = 0; i < good.size(); i += (i == 3 ? 7 : 1)) {
    auto changed = good;
    changed[i] = static_cast<std::uint8_t>(changed[i] ^ (i == last_stream_byte ? 0x01 : 0x5a));
    INFO(i);
    CHECK_FALSE(gzip::decompress(changed, 1u << 20).ok());
  }
  for (std::size_t cut = 0; cut < good.size(); cut += 97) {
    CHECK_FALSE(gzip::decompress(std::span(good).first(cut), 1u << 20).ok());
  }
  auto trailing = good;
  trailing.push_back(0);
  CHECK(gzip::decompress(trailing, 1u << 20).problems()[0].message == "there are bytes after the GZIP data");
  CHECK(gzip::decompress(bytes_of("not gzip at all, no"), 100).problems()[0].where == "byte 1");
  // A bomb: 10 MB of zeros in about 10 KB is stopped at the limit.
  const auto bomb = gzip::compress(gzip::Bytes(10u << 20, 0));
  CHECK_FALSE(gzip::decompress(bomb, 1u << 20).ok());
  // The bound is exact: output of exactly max_output bytes is accepted, one byte more is not.
  const auto exact = gzip::compress(gzip::Bytes(1000, 7));
  CHECK(gzip::decompress(exact, 1000).ok());
  CHECK_FALSE(gzip::decompress(exact, 999).ok());
}

TEST_CASE("the W3C specification's example status list decodes to 131,072 clear bits", "[credential][status][golden]") {
  const auto bits = credential::decode_status_list(read_golden("status-list/spec-example-encodedList.txt"));
  REQUIRE(bits.ok());
  CHECK(bits.value().size() == 131072);
  for (std::size_t i = 0; i < bits.value().size(); ++i) {
    if (bits.value().get(i)) FAIL("bit " << i << " is set");
  }
}

TEST_CASE("status lists encode, decode and answer for an entry", "[credential][status]") {
  credential::Bitstring bits;
  CHECK(bits.size() == 131072);
  REQUIRE(bits.set(0, true));
  REQUIRE(bits.set(94567, true));
  REQUIRE(bits.set(131071, true));
  CHECK_FALSE(bits.set(131072, true));  // past the end: refused, nothing written
  CHECK(bits.bytes()[0] == 0x80);       // bit 0 is the first byte's most significant bit
  const std::string encoded = credential::encode_status_list(bits);
  CHECK(encoded[0] == 'u');
  const auto decoded = credential::decode_status_list(encoded);
  REQUIRE(decoded.ok());
  CHECK(decoded.value().bytes() == bits.bytes());

  const json list = credential::status_list_credential("https://issuer.example/status/1", "did:key:z6Mkx",
                                                       "2026-01-01T00:00:00Z", bits);
  CHECK(list["type"][1] == "BitstringStatusListCredential");
  CHECK(credential::status_of(credential::status_entry("https://issuer.example/status/1", 94567), list).value() ==
        true);
  CHECK(credential::status_of(credential::status_entry("https://issuer.example/status/1", 94566), list).value() ==
        false);
  CHECK_FALSE(credential::status_of(credential::status_entry("https://issuer.example/status/2", 1), list).ok());
  CHECK_FALSE(
      credential::status_of(credential::status_entry("https://issuer.example/status/1", 1, "suspension"), list).ok());
  json far = credential::status_entry("https://issuer.example/status/1", 0);
  far["statusListIndex"] = "131072";
  CHECK(credential::status_of(far, list).problems()[0].message.find("past the end") != std::string::npos);
  far["statusListIndex"] = "-1";
  CHECK_FALSE(credential::status_of(far, list).ok());

  // Too short, other multibase, bad base64.
  CHECK_FALSE(
      credential::decode_status_list(credential::encode_status_list(credential::Bitstring(std::size_t{8} * 1000)))
          .ok());
  CHECK_FALSE(credential::decode_status_list("z" + encoded.substr(1)).ok());
  CHECK_FALSE(credential::decode_status_list("u***").ok());
}
