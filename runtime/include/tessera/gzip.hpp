// GZIP (RFC 1952) over DEFLATE (RFC 1951), small and self-contained, for W3C Bitstring Status Lists: the
// writer emits fixed-Huffman blocks with greedy LZ77 (status lists are mostly zeros, which it shrinks
// ~600-fold); the reader inflates every block type (stored, fixed and dynamic Huffman), so lists written by
// zlib and others read too. The stack has no zlib; tests cross-check both directions against node's zlib.
//
// Does NOT: stream, or produce zlib-level ratios on general data (no dynamic-Huffman writer, no lazy matching).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "tessera/problem.hpp"

namespace tessera::gzip {

using Bytes = std::vector<std::uint8_t>;

// CRC-32 (ISO-HDLC, as gzip uses it).
[[nodiscard]] std::uint32_t crc32(std::span<const std::uint8_t> data);

// Raw DEFLATE, and the same in a gzip member (no name, mtime 0, OS 255 — the same bytes everywhere).
[[nodiscard]] Bytes deflate(std::span<const std::uint8_t> data);
[[nodiscard]] Bytes compress(std::span<const std::uint8_t> data);

// Inflates raw DEFLATE; refuses output beyond `max_output` (a decompression bomb) and any malformed stream,
// saying at which byte. `consumed` (when given) receives the bytes of input the stream used.
[[nodiscard]] Result<Bytes> inflate(std::span<const std::uint8_t> data, std::size_t max_output,
                                    std::size_t* consumed = nullptr);
// Reads one gzip member: header (with optional extra, name, comment, header CRC), the deflate stream, then
// CRC-32 and length, both checked. Trailing bytes after the member are an error.
[[nodiscard]] Result<Bytes> decompress(std::span<const std::uint8_t> data, std::size_t max_output);

}  // namespace tessera::gzip
