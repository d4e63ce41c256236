// GZIP through zlib (Debian's natively, the same source built for Wasm by scripts/bootstrap), with the
// output bounded by the caller.
#include "tessera/gzip.hpp"

#include <zlib.h>

#include <algorithm>
#include <limits>
#include <string>

namespace tessera::gzip {

namespace {

constexpr int gzip_window_bits = 16 + MAX_WBITS;  // 16+: a gzip header and trailer around the deflate stream
constexpr int default_memory_level = 8;
constexpr std::size_t first_output_chunk = 64u << 10;

// zlib's z_stream counts in uInt: feed it no more than that at once.
uInt chunk_size(std::size_t available) {
  return static_cast<uInt>(std::min<std::size_t>(available, std::numeric_limits<uInt>::max()));
}

}  // namespace

namespace {

// Deflates `data` at zlib's best compression in the format `window_bits` selects: negative for a raw
// stream, 16+ for gzip (with `header`'s fields).
Bytes deflate_all(std::span<const std::uint8_t> data, int window_bits, gz_header* header) {
  z_stream stream{};
  deflateInit2(&stream, Z_BEST_COMPRESSION, Z_DEFLATED, window_bits, default_memory_level, Z_DEFAULT_STRATEGY);
  if (header) deflateSetHeader(&stream, header);
  Bytes out(deflateBound(&stream, static_cast<uLong>(data.size())) + 32);  // + a gzip header and trailer
  // zlib's interface is not const-correct; it never writes to next_in.
  stream.next_in = const_cast<Bytef*>(data.data());
  stream.avail_in = chunk_size(data.size());
  stream.next_out = out.data();
  stream.avail_out = chunk_size(out.size());
  deflate(&stream, Z_FINISH);  // Z_STREAM_END: deflateBound leaves room for all of it in one call
  out.resize(stream.total_out);
  deflateEnd(&stream);
  return out;
}

}  // namespace

Bytes compress(std::span<const std::uint8_t> data) {
  // Fixed header fields (mtime 0, OS 255 "unknown") so that the bytes depend on the data only.
  gz_header header{};
  header.os = 255;
  return deflate_all(data, gzip_window_bits, &header);
}

Bytes compress_raw(std::span<const std::uint8_t> data) { return deflate_all(data, -MAX_WBITS, nullptr); }

namespace {

// Inflates one stream in the format `window_bits` selects (gzip or zlib), stopping as soon as the output
// passes `max_output`; `format` names it in messages ("GZIP", "zlib").
Result<Bytes> inflate_bounded(std::span<const std::uint8_t> data, std::size_t max_output, int window_bits,
                              const std::string& format) {
  z_stream stream{};
  if (inflateInit2(&stream, window_bits) != Z_OK) return error_at("", "zlib could not start");
  stream.next_in = const_cast<Bytef*>(data.data());
  stream.avail_in = chunk_size(data.size());
  // The buffer grows with what actually comes out, never past max_output + 1: one byte beyond the bound
  // is enough to know the data is too large.
  const std::size_t limit = max_output == std::numeric_limits<std::size_t>::max() ? max_output : max_output + 1;
  Bytes out(std::min(limit, first_output_chunk));
  int status = Z_OK;
  while (status == Z_OK) {
    if (stream.total_out == out.size()) {
      if (out.size() > max_output) break;
      out.resize(std::min(limit, out.size() * 2));
    }
    stream.next_out = out.data() + stream.total_out;
    stream.avail_out = chunk_size(out.size() - stream.total_out);
    status = inflate(&stream, Z_NO_FLUSH);
  }
  const std::string message = stream.msg != nullptr ? stream.msg : "";
  const uLong read = stream.total_in;
  const uLong written = stream.total_out;
  inflateEnd(&stream);
  if (written > max_output) {
    // Where reading stopped: a bomb is refused a short way into its input, the rest never inflated.
    return error_at(byte_at(read), "the data inflates to more than " + std::to_string(max_output) + " bytes",
                    "this is not data of the expected kind (a decompression bomb?); do not use it");
  }
  if (status == Z_BUF_ERROR || (status == Z_OK && read == data.size())) {
    return error_at(byte_at(read), "the " + format + " data ends before its end (it was cut short)");
  }
  if (status != Z_STREAM_END) {
    return error_at(byte_at(read), "the " + format + " data is damaged: zlib says \"" + message + "\"");
  }
  if (read != data.size()) return error_at(byte_at(read), "there are bytes after the " + format + " data");
  out.resize(written);
  return out;
}

}  // namespace

Result<Bytes> decompress(std::span<const std::uint8_t> data, std::size_t max_output) {
  if (data.size() < 2 || data[0] != 0x1f || data[1] != 0x8b) {
    return error_at("byte 1", "this is not GZIP data (it does not start with 1f 8b)");
  }
  return inflate_bounded(data, max_output, gzip_window_bits, "GZIP");
}

Result<Bytes> decompress_zlib(std::span<const std::uint8_t> data, std::size_t max_output) {
  return inflate_bounded(data, max_output, MAX_WBITS, "zlib");
}

}  // namespace tessera::gzip
