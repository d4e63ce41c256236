// GZIP/DEFLATE (own writer, complete reader) against zlib-made files, and W3C Bitstring Status Lists.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "support.hpp"
#include "tessera/gzip.hpp"
#include "tessera/status_list.hpp"

namespace gzip = tessera::gzip;
namespace credential = tessera::credential;
using nlohmann::json;
using tessera::test::read_golden;

namespace {

gzip::Bytes bytes_of(const std::string& text) { return {text.begin(), text.end()}; }

}  // namespace

TEST_CASE("CRC-32 gives the standard check value", "[credential][gzip]") {
  CHECK(gzip::crc32(bytes_of("123456789")) == 0xcbf43926u);
  CHECK(gzip::crc32({}) == 0u);
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
  // which carry no data.
  for (std::size_t i = 0; i < good.size(); i += (i == 3 ? 7 : 1)) {
    auto changed = good;
    changed[i] = static_cast<std::uint8_t>(changed[i] ^ 0x5a);
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
  CHECK_FALSE(credential::decode_status_list(credential::encode_status_list(credential::Bitstring(8 * 1000))).ok());
  CHECK_FALSE(credential::decode_status_list("z" + encoded.substr(1)).ok());
  CHECK_FALSE(credential::decode_status_list("u***").ok());
}
