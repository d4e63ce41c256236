// GZIP (RFC 1952) for W3C Bitstring Status Lists, zlib streams (RFC 1950) for baked PNG badges' text, and raw
// deflate (RFC 1951) for verification links, through zlib: compress writes one gzip member (mtime 0, OS 255,
// so the same bytes natively and in Wasm); decompress reads one member with its CRC-32 and length checked,
// decompress_zlib one zlib stream with its Adler-32; both stop as soon as the output passes the caller's
// bound, so a small "bomb" never inflates beyond it (docs/architecture.md, 2026-12-06: zlib replaced the
// runtime's own inflater).
//
// Does NOT: stream, or read several members concatenated (bytes after the first member are refused).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "tessera/problem.hpp"

namespace tessera::gzip {

using Bytes = std::vector<std::uint8_t>;

// One gzip member at zlib's best compression.
[[nodiscard]] Bytes compress(std::span<const std::uint8_t> data);

// A raw deflate stream (RFC 1951, no header or check) at zlib's best compression: what a verification
// link's #z= fragment carries, inflated by the browser's DecompressionStream('deflate-raw').
[[nodiscard]] Bytes compress_raw(std::span<const std::uint8_t> data);

// Reads one gzip member. Refuses, saying at which byte, anything that is not gzip or is damaged, and
// refuses output past `max_output` bytes without inflating further: memory use stays within the bound
// whatever the input claims. The caller states the bound (a status list's largest size, say); the refusal's
// `where` is the input byte at which inflation stopped.
[[nodiscard]] Result<Bytes> decompress(std::span<const std::uint8_t> data, std::size_t max_output);

// The same for one zlib stream (RFC 1950: what a PNG's compressed text chunks hold), bounded alike.
[[nodiscard]] Result<Bytes> decompress_zlib(std::span<const std::uint8_t> data, std::size_t max_output);

}  // namespace tessera::gzip
