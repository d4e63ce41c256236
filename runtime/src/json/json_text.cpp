// The strict reader of untrusted JSON text (tessera/json_text.hpp): nlohmann's SAX parser drives a tree
// builder that refuses what nlohmann alone would accept, or would read differently from other readers.
//
// Sections: places in the text · nlohmann's error text · the tree builder · reading and reporting.
#include "tessera/json_text.hpp"

#include <algorithm>
#include <exception>
#include <iterator>
#include <set>
#include <type_traits>
#include <utility>
#include <vector>

#include "tessera/utf8.hpp"

namespace tessera::json_text {

namespace {

// ─── Places in the text ───

// An iterator over the text that records how far nlohmann's lexer has read: nlohmann tells a SAX handler
// where it is only on a syntax error, and the builder must also say where a duplicate name or a deep array is.
class CountingIterator {
 public:
  using iterator_category = std::input_iterator_tag;
  using value_type = char;
  using difference_type = std::ptrdiff_t;
  using pointer = const char*;
  using reference = const char&;

  CountingIterator(const char* at, const char** furthest) : at_(at), furthest_(furthest) {}
  reference operator*() const { return *at_; }
  CountingIterator& operator++() {
    *furthest_ = ++at_;
    return *this;
  }
  // NOLINTNEXTLINE(cert-dcl21-cpp): a const result breaks the iterator concepts (CERT has withdrawn DCL21-CPP)
  CountingIterator operator++(int) {
    CountingIterator before = *this;
    ++*this;
    return before;
  }
  friend bool operator==(const CountingIterator& a, const CountingIterator& b) { return a.at_ == b.at_; }

 private:
  const char* at_;
  const char** furthest_;
};

struct LineColumn {
  std::size_t line = 1;
  std::size_t column = 1;
};

// Columns count characters (UTF-8 continuation bytes are not counted), as editors show them.
LineColumn line_column_of(std::string_view text, std::size_t offset, std::size_t first_line) {
  LineColumn at{first_line, 1};
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++at.line;
      at.column = 1;
    } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      ++at.column;
    }
  }
  return at;
}

bool is_number_char(char c) {
  return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
}

// Where the number that ends at `end`, or one character before it (the lexer reads one past a number), starts.
// A number is never preceded by a number character in valid JSON, so walking back over them finds its start.
std::size_t number_start(std::string_view text, std::size_t end) {
  std::size_t at = std::min(end, text.size());
  if (at > 0 && !is_number_char(text[at - 1])) --at;
  while (at > 0 && is_number_char(text[at - 1])) --at;
  return at;
}

// The number token starting at `start` (RFC 8259 §6 grammar), for messages.
std::string_view number_literal(std::string_view text, std::size_t start) {
  std::size_t end = start;
  const auto digits = [&] {
    while (end < text.size() && text[end] >= '0' && text[end] <= '9') ++end;
  };
  if (end < text.size() && text[end] == '-') ++end;
  digits();
  if (end < text.size() && text[end] == '.') {
    ++end;
    digits();
  }
  if (end < text.size() && (text[end] == 'e' || text[end] == 'E')) {
    ++end;
    if (end < text.size() && (text[end] == '+' || text[end] == '-')) ++end;
    digits();
  }
  return text.substr(start, end - start);
}

// Where the string whose closing quote is at `closing` opens: the first '"' before it not escaped by an odd
// run of backslashes.
std::size_t string_start(std::string_view text, std::size_t closing) {
  for (std::size_t at = std::min(closing, text.size()); at-- > 0;) {
    if (text[at] != '"') continue;
    std::size_t backslashes = 0;
    while (backslashes < at && text[at - 1 - backslashes] == '\\') ++backslashes;
    if (backslashes % 2 == 0) return at;
  }
  return 0;
}

// At most 64 bytes of `text` (cut on a character boundary) as a JSON string: quoted and escaped, so a
// message stays printable whatever the input held.
std::string shown(std::string_view text) {
  constexpr std::size_t limit = 64;
  std::size_t cut = std::min(text.size(), limit);
  while (cut > 0 && cut < text.size() && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  std::string quoted =
      nlohmann::json(std::string(text.substr(0, cut))).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  if (cut < text.size()) quoted.insert(quoted.size() - 1, "…");
  return quoted;
}

// ─── nlohmann's error text ───

// "[json.exception.parse_error.101] parse error at line 1, column 5: syntax error while parsing value -
// invalid literal; last read: '{no'; expected string literal" reduced to its reason. The place is ours to
// give, and "last read" echoes raw input (possibly bytes a message must not carry).
std::string syntax_reason(std::string_view what) {
  if (what.starts_with('[')) {
    if (const std::size_t close = what.find("] "); close != std::string_view::npos) what.remove_prefix(close + 2);
  }
  if (what.starts_with("parse error")) {
    if (const std::size_t colon = what.find(": "); colon != std::string_view::npos) what.remove_prefix(colon + 2);
  }
  const std::size_t echo = what.find("; last read: '");
  std::string reason(what.substr(0, echo));
  if (echo != std::string_view::npos) {
    const std::size_t expected = what.rfind("'; expected ");
    if (expected != std::string_view::npos && expected > echo) reason += what.substr(expected + 1);
  }
  for (char& c : reason) {
    if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) > 0x7E) c = '?';
  }
  return reason;
}

// ─── The tree builder ───

// Why a callback stopped the parser.
struct Halt {
  Failure failure = Failure::syntax;
  std::size_t offset = 0;
  std::string pointer;
  std::string detail;  // the member name or number literal, as shown in the message
};

// Builds the value as nlohmann's own DOM parser would, but refuses a member name already in the same
// object (nlohmann would keep the last), nesting beyond the limit (checked before the value grows), and
// numbers not every reader reads alike. Bad syntax comes to parse_error(); nothing here throws for input.
template <typename Json>
class TreeBuilder {
 public:
  using string_t = typename Json::string_t;
  using number_integer_t = typename Json::number_integer_t;
  using number_unsigned_t = typename Json::number_unsigned_t;
  using number_float_t = typename Json::number_float_t;
  using binary_t = typename Json::binary_t;
  // ordered_json finds members by a linear search, so its duplicate check keeps the names in a set.
  static constexpr bool keeps_text_order = !std::is_same_v<Json, nlohmann::json>;

  TreeBuilder(std::string_view text, const char* const& furthest, std::size_t max_depth)
      : text_(text), furthest_(furthest), max_depth_(max_depth) {}

  Json root;
  std::optional<Halt> halt;
  std::optional<std::size_t> syntax_error_position;  // nlohmann's count of bytes read at a syntax error
  std::string syntax_error_reason;

  // True once the whole top-level value has been read (anything after it is trailing text).
  [[nodiscard]] bool value_complete() const { return has_root_ && open_.empty(); }

  bool null() { return add(Json(nullptr)); }
  bool boolean(bool value) { return add(Json(value)); }
  bool number_integer(number_integer_t value) {
    if (value < -max_exact_integer || value > max_exact_integer) return refuse_number(bytes_read());
    return add(Json(value));
  }
  bool number_unsigned(number_unsigned_t value) {
    if (value > static_cast<number_unsigned_t>(max_exact_integer)) return refuse_number(bytes_read());
    return add(Json(value));
  }
  // nlohmann reads an integer too wide for 64 bits as a double; its literal then has no '.', 'e' or 'E'.
  bool number_float(number_float_t value, const string_t& literal) {
    if (literal.find_first_of(".eE") == string_t::npos) return refuse_number(bytes_read());
    return add(Json(value));
  }
  bool string(string_t& value) { return add(Json(std::move(value))); }
  bool binary(binary_t& /*value*/) { return false; }  // JSON text never produces binary values

  bool start_object(std::size_t /*size*/) { return open(Json::object()); }
  bool start_array(std::size_t /*size*/) { return open(Json::array()); }
  bool end_object() { return close(); }
  bool end_array() { return close(); }

  bool key(string_t& name) {
    Open& object = open_.back();
    bool seen = false;
    if constexpr (keeps_text_order) {
      seen = !object.names.insert(name).second;
    } else {
      seen = object.value->contains(name);
    }
    if (seen) {
      std::string pointer = pointer_of_open();
      append_pointer_token(pointer, name);
      // The lexer has just read the name's closing quote.
      const std::size_t closing = bytes_read() > 0 ? bytes_read() - 1 : 0;
      halt = Halt{Failure::duplicate_name, string_start(text_, closing), std::move(pointer), shown(name)};
      return false;
    }
    object.member_name = std::move(name);
    return true;
  }

  bool parse_error(std::size_t position, const std::string& /*last_token*/, const nlohmann::detail::exception& error) {
    constexpr int number_overflow = 406;  // nlohmann's out_of_range.406: a number beyond a double
    if (error.id == number_overflow) return refuse_number(position);
    syntax_error_position = position;
    syntax_error_reason = syntax_reason(error.what());
    return false;
  }

 private:
  struct Open {
    Json* value;
    string_t member_name;                   // objects: the name the next value goes under
    std::set<string_t, std::less<>> names;  // objects in text order: every name so far
  };

  std::string_view text_;
  const char* const& furthest_;  // how far the lexer has read (CountingIterator)
  std::size_t max_depth_;
  std::vector<Open> open_;  // from the root inwards
  bool has_root_ = false;

  [[nodiscard]] std::size_t bytes_read() const { return static_cast<std::size_t>(furthest_ - text_.data()); }

  bool refuse_number(std::size_t end) {
    const std::size_t start = number_start(text_, end);
    halt = Halt{Failure::number_out_of_range, start, pointer_of_next_value(),
                std::string(number_literal(text_, start).substr(0, 40))};
    return false;
  }

  // Puts `value` where the text has reached and returns where it now lives. Addresses stay valid while the
  // container is open, because its parent receives nothing new until it closes.
  Json* store(Json&& value) {
    if (open_.empty()) {
      root = std::move(value);
      has_root_ = true;
      return &root;
    }
    Open& parent = open_.back();
    if (parent.value->is_array()) {
      parent.value->push_back(std::move(value));
      return &parent.value->back();
    }
    if constexpr (keeps_text_order) {
      // Appended directly: ordered_map's own insert searches every member first, O(n²) for a large object.
      auto& members = parent.value->template get_ref<typename Json::object_t&>();
      members.emplace_back(parent.member_name, std::move(value));
      return &members.back().second;
    } else {
      Json& slot = (*parent.value)[parent.member_name];
      slot = std::move(value);
      return &slot;
    }
  }

  bool add(Json&& value) {
    store(std::move(value));
    return true;
  }

  bool open(Json&& container) {
    if (open_.size() >= max_depth_) {
      halt = Halt{Failure::too_deep, bytes_read() > 0 ? bytes_read() - 1 : 0, {}, {}};  // at the bracket
      return false;
    }
    Json* stored = store(std::move(container));
    open_.push_back({stored, {}, {}});
    return true;
  }

  bool close() {
    open_.pop_back();
    return true;
  }

  // The pointer of the innermost open container.
  [[nodiscard]] std::string pointer_of_open() const {
    std::string pointer;
    for (std::size_t i = 0; i + 1 < open_.size(); ++i) append_child_token(pointer, open_[i], 1);
    return pointer;
  }

  // The pointer of the value the parser is about to deliver.
  [[nodiscard]] std::string pointer_of_next_value() const {
    std::string pointer = pointer_of_open();
    if (!open_.empty()) append_child_token(pointer, open_.back(), 0);
    return pointer;
  }

  // An array's newest element is at size() - 1 when it is itself open, or at size() when about to arrive.
  static void append_child_token(std::string& pointer, const Open& parent, std::size_t already_stored) {
    if (parent.value->is_array()) {
      pointer += '/' + std::to_string(parent.value->size() - already_stored);
    } else {
      append_pointer_token(pointer, parent.member_name);
    }
  }
};

// ─── Reading and reporting ───

// The text being read and how to name it.
struct Source {
  std::string_view text;
  std::string subject;
  std::size_t first_line = 1;
};

TextError text_error(const Source& source, Failure failure, std::size_t offset, std::string pointer,
                     std::string message, std::string hint) {
  const LineColumn at = line_column_of(source.text, offset, source.first_line);
  const std::string place = "line " + std::to_string(at.line) + ", column " + std::to_string(at.column);
  std::string where = pointer.empty() ? place : pointer;
  if (!pointer.empty()) message += " (" + place + ")";
  return {failure,
          offset,
          at.line,
          at.column,
          std::move(pointer),
          error_at(std::move(where), source.subject + " " + message, std::move(hint))};
}

std::string byte_offset(std::size_t offset) { return "(byte offset " + std::to_string(offset) + ")"; }

TextError nul_byte_error(const Source& source, std::size_t offset) {
  return text_error(source, Failure::nul_byte, offset, {}, "has a NUL byte " + byte_offset(offset),
                    "JSON text never holds a NUL byte (a string writes it as \\u0000); remove it, and anything after "
                    "the JSON value");
}

TextError halt_error(const Source& source, std::size_t max_depth, Halt halt) {
  switch (halt.failure) {
    case Failure::duplicate_name:
      return text_error(source, halt.failure, halt.offset, std::move(halt.pointer),
                        "has the member " + halt.detail + " twice in one object",
                        "member names must be unique (I-JSON, RFC 7493): readers that keep the first and readers "
                        "that keep the last would see different documents; remove or rename one");
    case Failure::too_deep:
      return text_error(source, halt.failure, halt.offset, {},
                        "nests arrays and objects deeper than " + std::to_string(max_depth) + " levels",
                        "flatten the structure");
    default: {
      const bool integer = halt.detail.find_first_of(".eE") == std::string::npos;
      return text_error(source, Failure::number_out_of_range, halt.offset, std::move(halt.pointer),
                        "has the number " + halt.detail +
                            (integer ? ", an integer beyond ±(2^53−1), which not every reader holds exactly"
                                     : ", which is beyond the range of a double"),
                        integer ? "write such numbers as strings (I-JSON, RFC 7493 §2.2)"
                                : "write a number within ±1.7976931348623157e308, or the value as a string");
    }
  }
}

// A syntax error at nlohmann's `position` (bytes read, the offending one included), told apart by what
// stopped the lexer there.
template <typename Json>
TextError syntax_error(const Source& source, const TreeBuilder<Json>& builder) {
  const std::string_view text = source.text;
  const std::size_t position = *builder.syntax_error_position;
  const std::size_t offset = std::min(position > 0 ? position - 1 : 0, text.size());
  if (offset < text.size() && text[offset] == '\0') return nul_byte_error(source, offset);
  // The text ran out. Only when the value itself was still open did it end early: a complete value followed
  // by a cut-off token ("}\"ab") is text after the value (a record would otherwise take a whole event for
  // a torn write and cut it off).
  if (offset >= text.size() && !builder.value_complete()) {
    if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
      return text_error(source, Failure::ended_early, offset, {}, "is empty: it holds no JSON value",
                        "give one JSON value, such as an object {…}");
    }
    return text_error(source, Failure::ended_early, offset, {},
                      "ends before its JSON value does (" + builder.syntax_error_reason + ")",
                      "the text may have been cut short: check that the whole file was saved or copied");
  }
  // A multi-byte character starting at the offset is checked whole.
  const std::size_t bad = utf8::first_invalid_utf8(text.substr(0, offset + 4));
  if (bad != std::string_view::npos && bad <= offset) {
    return text_error(source, Failure::invalid_utf8, bad, {}, "is not valid UTF-8 " + byte_offset(bad),
                      "JSON text must be UTF-8 (RFC 8259 §8.1): save or convert the file as UTF-8");
  }
  if (builder.value_complete()) {
    return text_error(source, Failure::trailing_text, offset, {}, "goes on after its JSON value",
                      "a document is exactly one JSON value: remove what follows it");
  }
  return text_error(source, Failure::syntax, offset, {}, "is not valid JSON: " + builder.syntax_error_reason,
                    "fix the syntax there (a missing comma, quote or bracket is the usual cause)");
}

template <typename Json>
Reading<Json> parse_text(const Source& source, const Limits& limits) {
  const std::string_view text = source.text;
  Reading<Json> out;
  if (text.size() > limits.max_bytes) {
    out.error = text_error(source, Failure::too_large, 0, {},
                           "is " + std::to_string(text.size()) + " bytes long; the limit is " +
                               std::to_string(limits.max_bytes) + " bytes",
                           "make it smaller: the limit keeps a hostile document from exhausting a reader's memory");
    out.error->problem.where.clear();  // about the whole text, not a place in it
    return out;
  }
  const char* furthest = text.data();
  TreeBuilder<Json> builder(text, furthest, limits.max_depth);
  bool parsed = false;
  try {
    parsed = Json::sax_parse(CountingIterator(text.data(), &furthest),
                             CountingIterator(text.data() + text.size(), &furthest), &builder);
  } catch (const std::exception& error) {  // out of memory; bad input never throws here
    out.error = text_error(source, Failure::syntax, 0, {}, std::string("could not be read: ") + error.what(),
                           "this is not a problem of the text; try again with more memory");
    return out;
  }
  if (builder.halt) {
    out.error = halt_error(source, limits.max_depth, std::move(*builder.halt));
  } else if (builder.syntax_error_position) {
    out.error = syntax_error(source, builder);
  } else if (const std::size_t nul = text.find('\0'); nul != std::string_view::npos) {
    // nlohmann takes a NUL byte for the end of the text, so "{}\0{…}" reads as {} without it.
    out.error = nul_byte_error(source, nul);
  } else if (!parsed) {
    out.error = text_error(source, Failure::syntax, 0, {}, "could not be read",
                           "this is a bug in Tessera's JSON reader; please report it with the text");
  } else {
    out.value = std::move(builder.root);
  }
  return out;
}

}  // namespace

Reading<nlohmann::json> parse(std::string_view text, const Limits& limits, std::string_view subject,
                              std::size_t first_line) {
  return parse_text<nlohmann::json>({text, std::string(subject), first_line}, limits);
}

Reading<nlohmann::ordered_json> parse_ordered(std::string_view text, const Limits& limits, std::string_view subject) {
  return parse_text<nlohmann::ordered_json>({text, std::string(subject), 1}, limits);
}

Result<nlohmann::json> read(std::string_view text, const Limits& limits, std::string_view subject,
                            std::size_t first_line) {
  Reading<nlohmann::json> reading = parse(text, limits, subject, first_line);
  if (reading.error) return std::move(reading.error->problem);
  return std::move(reading.value);
}

}  // namespace tessera::json_text
