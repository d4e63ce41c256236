// DEFLATE and GZIP: a fixed-Huffman LZ77 writer and a complete inflater (RFC 1951, RFC 1952).
//
// Sections: CRC-32 · bit writer and fixed-Huffman deflate · gzip wrapper · bit reader and Huffman decoding ·
// inflate · gzip reader.
#include "tessera/gzip.hpp"

#include <array>

namespace tessera::gzip {

namespace {

// Length and distance bases and extra bits (RFC 1951 §3.2.5).
constexpr std::array<std::uint16_t, 29> length_base = {3,  4,  5,  6,  7,  8,  9,  10, 11,  13,  15,  17,  19,  23, 27,
                                                       31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258};
constexpr std::array<std::uint8_t, 29> length_extra = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2,
                                                       2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0};
constexpr std::array<std::uint16_t, 30> distance_base = {1,    2,    3,    4,    5,    7,    9,    13,    17,    25,
                                                         33,   49,   65,   97,   129,  193,  257,  385,   513,   769,
                                                         1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577};
constexpr std::array<std::uint8_t, 30> distance_extra = {0, 0, 0, 0, 1, 1, 2, 2,  3,  3,  4,  4,  5,  5,  6,
                                                         6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13};

constexpr std::size_t window = 32768;
constexpr std::size_t max_match = 258;
constexpr std::size_t min_match = 3;

}  // namespace

// ─── CRC-32 ───

std::uint32_t crc32(std::span<const std::uint8_t> data) {
  static const auto table = [] {
    std::array<std::uint32_t, 256> t{};
    for (std::uint32_t n = 0; n < 256; ++n) {
      std::uint32_t c = n;
      for (int k = 0; k < 8; ++k) c = (c & 1u) ? 0xedb88320u ^ (c >> 1) : c >> 1;
      t[n] = c;
    }
    return t;
  }();
  std::uint32_t c = 0xffffffffu;
  for (const std::uint8_t byte : data) c = table[(c ^ byte) & 0xffu] ^ (c >> 8);
  return c ^ 0xffffffffu;
}

// ─── Bit writer and fixed-Huffman deflate ───

namespace {

class BitWriter {
 public:
  explicit BitWriter(Bytes& out) : out_(out) {}
  // Writes `count` bits of `value`, least significant first (DEFLATE's order for everything but codes).
  void bits(std::uint32_t value, int count) {
    for (int i = 0; i < count; ++i) {
      if (used_ == 0) out_.push_back(0);
      if ((value >> i) & 1u) out_.back() = static_cast<std::uint8_t>(out_.back() | (1u << used_));
      used_ = (used_ + 1) & 7;
    }
  }
  // Huffman codes go most significant bit first.
  void code(std::uint32_t code, int length) {
    for (int i = length - 1; i >= 0; --i) bits((code >> i) & 1u, 1);
  }

 private:
  Bytes& out_;
  int used_ = 0;
};

// The fixed literal/length code (RFC 1951 §3.2.6).
void write_literal_length(BitWriter& writer, unsigned symbol) {
  if (symbol <= 143) {
    writer.code(0x30 + symbol, 8);
  } else if (symbol <= 255) {
    writer.code(0x190 + (symbol - 144), 9);
  } else if (symbol <= 279) {
    writer.code(symbol - 256, 7);
  } else {
    writer.code(0xc0 + (symbol - 280), 8);
  }
}

void write_match(BitWriter& writer, std::size_t length, std::size_t distance) {
  unsigned l = 28;
  while (length_base[l] > length) --l;
  write_literal_length(writer, 257 + l);
  writer.bits(static_cast<std::uint32_t>(length - length_base[l]), length_extra[l]);
  unsigned d = 29;
  while (distance_base[d] > distance) --d;
  writer.code(d, 5);  // fixed distance codes are 5 bits, equal to the symbol
  writer.bits(static_cast<std::uint32_t>(distance - distance_base[d]), distance_extra[d]);
}

}  // namespace

Bytes deflate(std::span<const std::uint8_t> data) {
  Bytes out;
  BitWriter writer(out);
  writer.bits(1, 1);  // BFINAL: one block
  writer.bits(1, 2);  // BTYPE 01: fixed Huffman
  // Greedy LZ77: the most recent earlier position with the same three bytes (one slot per hash).
  constexpr std::size_t hash_size = 1u << 15;
  std::vector<std::int64_t> last(hash_size, -1);
  const auto hash_at = [&](std::size_t i) {
    return ((static_cast<std::size_t>(data[i]) << 10) ^ (static_cast<std::size_t>(data[i + 1]) << 5) ^ data[i + 2]) &
           (hash_size - 1);
  };
  std::size_t i = 0;
  while (i < data.size()) {
    std::size_t best_length = 0;
    std::size_t best_distance = 0;
    if (i + min_match <= data.size()) {
      const std::size_t h = hash_at(i);
      const std::int64_t candidate = last[h];
      last[h] = static_cast<std::int64_t>(i);
      if (candidate >= 0 && i - static_cast<std::size_t>(candidate) <= window) {
        const auto from = static_cast<std::size_t>(candidate);
        std::size_t length = 0;
        const std::size_t limit = std::min(max_match, data.size() - i);
        while (length < limit && data[from + length] == data[i + length]) ++length;
        if (length >= min_match) {
          best_length = length;
          best_distance = i - from;
        }
      }
    }
    if (best_length > 0) {
      write_match(writer, best_length, best_distance);
      // Index the positions the match covers, so later matches can reach them.
      for (std::size_t k = i + 1; k < i + best_length && k + min_match <= data.size(); ++k) {
        last[hash_at(k)] = static_cast<std::int64_t>(k);
      }
      i += best_length;
    } else {
      write_literal_length(writer, data[i]);
      ++i;
    }
  }
  write_literal_length(writer, 256);  // end of block
  return out;
}

// ─── Gzip wrapper ───

namespace {

void put_le32(Bytes& out, std::uint32_t value) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<std::uint8_t>(value >> (8 * i)));
}

}  // namespace

Bytes compress(std::span<const std::uint8_t> data) {
  // ID1 ID2 CM=8 FLG=0 MTIME=0 XFL=0 OS=255 (unknown): the same bytes on every platform.
  Bytes out = {0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff};
  const Bytes body = deflate(data);
  out.insert(out.end(), body.begin(), body.end());
  put_le32(out, crc32(data));
  put_le32(out, static_cast<std::uint32_t>(data.size()));
  return out;
}

// ─── Bit reader and Huffman decoding ───

namespace {

class BitReader {
 public:
  explicit BitReader(std::span<const std::uint8_t> data) : data_(data) {}
  // false when the input ends first.
  bool bits(int count, std::uint32_t& out) {
    out = 0;
    for (int i = 0; i < count; ++i) {
      if (byte_ >= data_.size()) return false;
      out |= static_cast<std::uint32_t>((data_[byte_] >> bit_) & 1u) << i;
      if (++bit_ == 8) {
        bit_ = 0;
        ++byte_;
      }
    }
    return true;
  }
  void align() {
    if (bit_ != 0) {
      bit_ = 0;
      ++byte_;
    }
  }
  [[nodiscard]] std::size_t byte_position() const { return byte_; }
  void skip_bytes(std::size_t n) { byte_ += n; }
  [[nodiscard]] std::size_t remaining_bytes() const { return byte_ < data_.size() ? data_.size() - byte_ : 0; }
  [[nodiscard]] std::uint8_t at(std::size_t i) const { return data_[i]; }

 private:
  std::span<const std::uint8_t> data_;
  std::size_t byte_ = 0;
  int bit_ = 0;
};

// A canonical Huffman code as counts per length and symbols in code order (the "puff" decoder's layout).
struct Huffman {
  std::array<std::uint16_t, 16> count{};
  std::vector<std::uint16_t> symbol;
};

// Builds the decoder; false for an over-subscribed code, or an incomplete one (allowed only when it has a
// single code, as RFC 1951 permits for distances).
bool build(Huffman& h, const std::uint8_t* lengths, std::size_t n) {
  h.count.fill(0);
  for (std::size_t s = 0; s < n; ++s) ++h.count[lengths[s]];
  if (h.count[0] == n) {
    h.symbol.clear();
    return true;  // no codes: fine as long as nothing is decoded with it
  }
  int left = 1;
  for (int len = 1; len < 16; ++len) {
    left <<= 1;
    left -= h.count[static_cast<std::size_t>(len)];
    if (left < 0) return false;
  }
  std::array<std::uint16_t, 16> offsets{};
  for (std::size_t len = 1; len < 15; ++len) offsets[len + 1] = static_cast<std::uint16_t>(offsets[len] + h.count[len]);
  h.symbol.assign(n, 0);
  for (std::size_t s = 0; s < n; ++s) {
    if (lengths[s] != 0) h.symbol[offsets[lengths[s]]++] = static_cast<std::uint16_t>(s);
  }
  const std::size_t coded = n - h.count[0];
  return left == 0 || coded == 1;
}

// Decodes one symbol; -1 when the input ends or the bits form no code.
int decode(BitReader& reader, const Huffman& h) {
  int code = 0, first = 0, index = 0;
  for (std::size_t len = 1; len < 16; ++len) {
    std::uint32_t bit = 0;
    if (!reader.bits(1, bit)) return -1;
    code |= static_cast<int>(bit);
    const int count = h.count[len];
    // NOLINTNEXTLINE(bugprone-misplaced-widening-cast): index + code - first is a symbol number, below 288
    if (code - count < first) return h.symbol[static_cast<std::size_t>(index + (code - first))];
    index += count;
    first += count;
    first <<= 1;
    code <<= 1;
  }
  return -1;
}

}  // namespace

// ─── Inflate ───

Result<Bytes> inflate(std::span<const std::uint8_t> data, std::size_t max_output, std::size_t* consumed) {
  BitReader reader(data);
  Bytes out;
  const auto fail = [&](const std::string& message) {
    return error_at("byte " + std::to_string(reader.byte_position() + 1), "the DEFLATE stream " + message,
                    "the compressed data is damaged or not DEFLATE");
  };
  const auto too_large = [&] {
    return error_at("", "the data inflates to more than " + std::to_string(max_output) + " bytes");
  };

  Huffman fixed_lengths, fixed_distances;
  {
    std::array<std::uint8_t, 288> lengths{};
    for (std::size_t s = 0; s < 288; ++s) lengths[s] = s < 144 ? 8 : s < 256 ? 9 : s < 280 ? 7 : 8;
    (void)build(fixed_lengths, lengths.data(), lengths.size());
    std::array<std::uint8_t, 30> distances{};
    distances.fill(5);
    (void)build(fixed_distances, distances.data(), distances.size());
  }

  std::uint32_t last = 0;
  do {
    std::uint32_t type = 0;
    if (!reader.bits(1, last) || !reader.bits(2, type)) return fail("ends before a block header");
    if (type == 0) {
      reader.align();
      if (reader.remaining_bytes() < 4) return fail("ends inside a stored block's header");
      const std::size_t at = reader.byte_position();
      const unsigned len = reader.at(at) | (reader.at(at + 1) << 8);
      const unsigned nlen = reader.at(at + 2) | (reader.at(at + 3) << 8);
      if ((len ^ 0xffffu) != nlen) return fail("has a stored block whose length check fails");
      reader.skip_bytes(4);
      if (reader.remaining_bytes() < len) return fail("ends inside a stored block");
      if (out.size() + len > max_output) return too_large();
      for (std::size_t k = 0; k < len; ++k) out.push_back(reader.at(reader.byte_position() + k));
      reader.skip_bytes(len);
      continue;
    }
    if (type == 3) return fail("uses the reserved block type 3");
    Huffman dynamic_lengths, dynamic_distances;
    const Huffman* lengths_code = &fixed_lengths;
    const Huffman* distances_code = &fixed_distances;
    if (type == 2) {
      std::uint32_t hlit = 0, hdist = 0, hclen = 0;
      if (!reader.bits(5, hlit) || !reader.bits(5, hdist) || !reader.bits(4, hclen)) return fail("ends in a header");
      hlit += 257;
      hdist += 1;
      hclen += 4;
      if (hlit > 286 || hdist > 30) return fail("declares too many codes");
      static constexpr std::array<std::uint8_t, 19> order = {16, 17, 18, 0, 8,  7, 9,  6, 10, 5,
                                                             11, 4,  12, 3, 13, 2, 14, 1, 15};
      std::array<std::uint8_t, 19> code_lengths{};
      for (std::size_t k = 0; k < hclen; ++k) {
        std::uint32_t v = 0;
        if (!reader.bits(3, v)) return fail("ends in the code-length code");
        code_lengths[order[k]] = static_cast<std::uint8_t>(v);
      }
      Huffman code_length_code;
      if (!build(code_length_code, code_lengths.data(), code_lengths.size()) || code_length_code.symbol.empty()) {
        return fail("has an invalid code-length code");
      }
      std::array<std::uint8_t, 316> lengths{};
      std::size_t k = 0;
      while (k < hlit + hdist) {
        const int symbol = decode(reader, code_length_code);
        if (symbol < 0) return fail("has an undecodable code length");
        if (symbol < 16) {
          lengths[k++] = static_cast<std::uint8_t>(symbol);
          continue;
        }
        std::uint8_t value = 0;
        std::uint32_t repeat = 0;
        if (symbol == 16) {
          if (k == 0) return fail("repeats a code length before any was given");
          value = lengths[k - 1];
          if (!reader.bits(2, repeat)) return fail("ends in a repeat");
          repeat += 3;
        } else if (symbol == 17) {
          if (!reader.bits(3, repeat)) return fail("ends in a repeat");
          repeat += 3;
        } else {
          if (!reader.bits(7, repeat)) return fail("ends in a repeat");
          repeat += 11;
        }
        if (k + repeat > hlit + hdist) return fail("repeats code lengths past the end");
        for (std::uint32_t r = 0; r < repeat; ++r) lengths[k++] = value;
      }
      if (lengths[256] == 0) return fail("has no end-of-block code");
      if (!build(dynamic_lengths, lengths.data(), hlit)) return fail("has an invalid literal/length code");
      if (!build(dynamic_distances, lengths.data() + hlit, hdist)) return fail("has an invalid distance code");
      lengths_code = &dynamic_lengths;
      distances_code = &dynamic_distances;
    }
    for (;;) {
      const int symbol = decode(reader, *lengths_code);
      if (symbol < 0) return fail("has an undecodable literal or length");
      if (symbol < 256) {
        if (out.size() >= max_output) return too_large();
        out.push_back(static_cast<std::uint8_t>(symbol));
        continue;
      }
      if (symbol == 256) break;
      const auto l = static_cast<std::size_t>(symbol - 257);
      if (l >= length_base.size()) return fail("uses a length symbol that does not exist");
      std::uint32_t extra = 0;
      if (!reader.bits(length_extra[l], extra)) return fail("ends in a length");
      const std::size_t length = length_base[l] + extra;
      const int d = decode(reader, *distances_code);
      if (d < 0 || d >= 30) return fail("has an undecodable distance");
      if (!reader.bits(distance_extra[static_cast<std::size_t>(d)], extra)) return fail("ends in a distance");
      const std::size_t distance = distance_base[static_cast<std::size_t>(d)] + extra;
      if (distance > out.size()) return fail("refers back before the start of the data");
      if (out.size() + length > max_output) return too_large();
      const std::size_t from = out.size() - distance;
      for (std::size_t k = 0; k < length; ++k) out.push_back(out[from + k]);
    }
  } while (last == 0);
  reader.align();
  if (consumed != nullptr) *consumed = reader.byte_position();
  return out;
}

// ─── Gzip reader ───

Result<Bytes> decompress(std::span<const std::uint8_t> data, std::size_t max_output) {
  if (data.size() < 18 || data[0] != 0x1f || data[1] != 0x8b) {
    return error_at("byte 1", "this is not GZIP data (it does not start with 1f 8b)");
  }
  if (data[2] != 8) return error_at("byte 3", "the GZIP data does not use DEFLATE (method 8)");
  const std::uint8_t flags = data[3];
  if (flags & 0xe0) return error_at("byte 4", "the GZIP header sets reserved flags");
  std::size_t at = 10;
  const auto need = [&](std::size_t n) { return at + n <= data.size(); };
  if (flags & 0x04) {  // FEXTRA
    if (!need(2)) return error_at("byte " + std::to_string(at + 1), "the GZIP header ends in its extra field");
    const std::size_t length = data[at] | (data[at + 1] << 8);
    at += 2;
    if (!need(length)) return error_at("byte " + std::to_string(at + 1), "the GZIP header ends in its extra field");
    at += length;
  }
  for (const std::uint8_t flag : {std::uint8_t{0x08}, std::uint8_t{0x10}}) {  // FNAME, FCOMMENT: zero-terminated
    if (!(flags & flag)) continue;
    while (at < data.size() && data[at] != 0) ++at;
    if (at >= data.size())
      return error_at("byte " + std::to_string(at), "the GZIP header's name or comment never ends");
    ++at;
  }
  if (flags & 0x02) {  // FHCRC: low 16 bits of the CRC-32 of the header so far
    if (!need(2)) return error_at("byte " + std::to_string(at + 1), "the GZIP header ends in its CRC");
    const std::uint32_t expected = data[at] | (data[at + 1] << 8);
    if ((crc32(data.subspan(0, at)) & 0xffffu) != expected) {
      return error_at("byte " + std::to_string(at + 1), "the GZIP header's CRC does not match");
    }
    at += 2;
  }
  std::size_t used = 0;
  auto body = inflate(data.subspan(at), max_output, &used);
  if (!body) {
    auto problems = body.problems();
    for (auto& p : problems) {
      if (p.where.starts_with("byte ")) p.where = "byte " + std::to_string(std::stoull(p.where.substr(5)) + at);
    }
    return problems;
  }
  at += used;
  if (data.size() - at < 8) return error_at("byte " + std::to_string(at + 1), "the GZIP data ends before its trailer");
  const auto le32 = [&](std::size_t i) {
    return static_cast<std::uint32_t>(data[i]) | static_cast<std::uint32_t>(data[i + 1]) << 8 |
           static_cast<std::uint32_t>(data[i + 2]) << 16 | static_cast<std::uint32_t>(data[i + 3]) << 24;
  };
  if (le32(at) != crc32(body.value()))
    return error_at("byte " + std::to_string(at + 1), "the GZIP CRC-32 does not match the data");
  if (le32(at + 4) != static_cast<std::uint32_t>(body.value().size())) {
    return error_at("byte " + std::to_string(at + 5), "the GZIP length does not match the data");
  }
  if (at + 8 != data.size()) return error_at("byte " + std::to_string(at + 9), "there are bytes after the GZIP data");
  return body;
}

}  // namespace tessera::gzip
