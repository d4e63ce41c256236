// Fuzz target unbake: bytes as a badge image (PNG or SVG) through unbake; and through bake, whose image must
// give back exactly the credential baked into it, in the format it came in.
#include "harness.hpp"
#include "tessera/baked_badge.hpp"

namespace tessera::fuzz {

namespace {
constexpr std::string_view baked_credential =
    R"({"@context":["https://www.w3.org/ns/credentials/v2"],"type":["VerifiableCredential"],"id":"urn:uuid:fuzz"})";
}  // namespace

void unbake(std::string_view input) {
  const auto unbaked = no_throw("baking::unbake", [&] { return baking::unbake(input); });
  expect_clear(unbaked, "baking::unbake");
  if (unbaked) require(!unbaked.value().credential.empty(), "baking::unbake read an empty credential");

  const auto baked = no_throw("baking::bake", [&] { return baking::bake(input, baked_credential); });
  expect_clear(baked, "baking::bake");
  if (!baked) return;
  const auto again = no_throw("baking::unbake", [&] { return baking::unbake(baked.value()); });
  expect_clear(again, "baking::unbake");
  require(again.ok(), "baking::unbake refused the image baking::bake made");
  require(again.value().credential == baked_credential, "baking::unbake read another credential than the one baked");
  require(baking::image_format(baked.value()) == baking::image_format(input),
          "baking::bake changed the image's format");
}

}  // namespace tessera::fuzz
