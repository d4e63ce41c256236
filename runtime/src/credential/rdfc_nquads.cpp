// N-Quads: canonical serialization (the escaping RDFC-1.0 prescribes) and a strict parser for the tests
// and the command line.
#include <cctype>
#include <cstdint>
#include <optional>
#include <string>

#include "tessera/rdfc.hpp"
#include "tessera/utf8.hpp"

namespace tessera::rdf {
namespace {

void append_uchar(std::string& out, unsigned char c) {
  static constexpr char hex[] = "0123456789ABCDEF";
  out += "\\u00";
  out += hex[c >> 4];
  out += hex[c & 0xF];
}

bool iri_needs_escape(char ch) {
  const auto c = static_cast<unsigned char>(ch);
  return c <= 0x20 || ch == '<' || ch == '>' || ch == '"' || ch == '{' || ch == '}' || ch == '|' || ch == '^' ||
         ch == '`' || ch == '\\';
}

// Runs of characters that need no escape are appended at once: a character at a time cost a tenth of a
// credential's verification (docs/performance.md).
void append_iri(std::string& out, std::string_view iri) {
  out += '<';
  std::size_t start = 0;
  for (std::size_t i = 0; i < iri.size(); ++i) {
    if (!iri_needs_escape(iri[i])) continue;
    out.append(iri, start, i - start);
    append_uchar(out, static_cast<unsigned char>(iri[i]));
    start = i + 1;
  }
  out.append(iri, start);
  out += '>';
}

// The escape of a literal's character, or nullptr when it stands for itself (control characters without a
// short form are written by the caller as \u00XX).
const char* literal_escape(char ch) {
  switch (ch) {
    case '\b':
      return "\\b";
    case '\t':
      return "\\t";
    case '\n':
      return "\\n";
    case '\f':
      return "\\f";
    case '\r':
      return "\\r";
    case '"':
      return "\\\"";
    case '\\':
      return "\\\\";
    default:
      return nullptr;
  }
}

void append_literal_text(std::string& out, std::string_view text) {
  out += '"';
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    const char* escape = literal_escape(text[i]);
    if (!escape && c >= 0x20 && c != 0x7F) continue;
    out.append(text, start, i - start);
    if (escape) {
      out += escape;
    } else {
      append_uchar(out, c);
    }
    start = i + 1;
  }
  out.append(text, start);
  out += '"';
}

void append_term(std::string& out, const Term& term) {
  switch (term.kind) {
    case TermKind::iri:
      append_iri(out, term.value);
      break;
    case TermKind::blank_node:
      out += "_:";
      out += term.value;
      break;
    case TermKind::literal:
      append_literal_text(out, term.value);
      if (!term.language.empty()) {
        out += '@';
        out += term.language;
      } else if (!term.datatype.empty() && term.datatype != xsd_string) {
        out += "^^";
        append_iri(out, term.datatype);
      }
      break;
    case TermKind::default_graph:
      break;
  }
}

// A cursor over one line; every failure says what was expected at which column.
class LineParser {
 public:
  LineParser(std::string_view line, std::size_t line_number) : line_(line), line_number_(line_number) {}

  std::optional<Problem> error;

  void skip_space() {
    while (pos_ < line_.size() && (line_[pos_] == ' ' || line_[pos_] == '\t')) ++pos_;
  }
  [[nodiscard]] bool at_end() {
    skip_space();
    return pos_ >= line_.size() || line_[pos_] == '#';
  }
  [[nodiscard]] char peek() const { return pos_ < line_.size() ? line_[pos_] : '\0'; }

  bool fail(const std::string& message) {
    if (!error) {
      error = error_at("line " + std::to_string(line_number_), message + " at column " + std::to_string(pos_ + 1),
                       "each line is: subject predicate object [graph] .");
    }
    return false;
  }

  bool hex_escape(std::string& out, std::size_t digits) {
    if (pos_ + digits > line_.size()) return fail("truncated \\u escape");
    std::uint32_t cp = 0;
    for (std::size_t i = 0; i < digits; ++i) {
      const char h = line_[pos_++];
      cp <<= 4;
      if (h >= '0' && h <= '9')
        cp |= static_cast<std::uint32_t>(h - '0');
      else if (h >= 'a' && h <= 'f')
        cp |= static_cast<std::uint32_t>(h - 'a' + 10);
      else if (h >= 'A' && h <= 'F')
        cp |= static_cast<std::uint32_t>(h - 'A' + 10);
      else
        return fail("bad hex digit in escape");
    }
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return fail("escape is not a Unicode scalar value");
    utf8::append(out, cp);
    return true;
  }

  bool iri(std::string& out) {
    if (peek() != '<') return fail("expected '<'");
    ++pos_;
    out.clear();
    while (pos_ < line_.size() && line_[pos_] != '>') {
      const char c = line_[pos_];
      if (c == '\\') {
        ++pos_;
        const char kind = peek();
        ++pos_;
        if (kind == 'u') {
          if (!hex_escape(out, 4)) return false;
        } else if (kind == 'U') {
          if (!hex_escape(out, 8)) return false;
        } else {
          return fail("only \\u and \\U escapes are allowed in an IRI");
        }
        continue;
      }
      if (static_cast<unsigned char>(c) <= 0x20 || c == '<' || c == '"' || c == '{' || c == '}' || c == '|' ||
          c == '^' || c == '`') {
        return fail("character not allowed in an IRI");
      }
      out += c;
      ++pos_;
    }
    if (pos_ >= line_.size()) return fail("IRI not closed with '>'");
    ++pos_;
    if (out.find(':') == std::string::npos) return fail("IRI <" + utf8::printable(out) + "> is not absolute");
    return true;
  }

  bool blank(std::string& out) {
    if (line_.substr(pos_, 2) != "_:") return fail("expected '_:'");
    pos_ += 2;
    const std::size_t start = pos_;
    while (pos_ < line_.size()) {
      const auto c = static_cast<unsigned char>(line_[pos_]);
      const bool name_char = std::isalnum(c) != 0 || c == '_' || c == '-' || c == '.' || c >= 0x80;
      if (!name_char) break;
      ++pos_;
    }
    while (pos_ > start && line_[pos_ - 1] == '.') --pos_;  // a label cannot end with '.'
    if (pos_ == start) return fail("empty blank node label");
    out.assign(line_.substr(start, pos_ - start));
    return true;
  }

  bool literal(Term& out) {
    ++pos_;  // opening quote
    out = Term::literal({}, std::string(xsd_string));
    while (true) {
      if (pos_ >= line_.size()) return fail("string not closed with '\"'");
      const char c = line_[pos_];
      if (c == '"') break;
      if (c == '\n' || c == '\r') return fail("raw line break in a string");
      if (c == '\\') {
        ++pos_;
        const char e = peek();
        ++pos_;
        switch (e) {
          case 't':
            out.value += '\t';
            break;
          case 'b':
            out.value += '\b';
            break;
          case 'n':
            out.value += '\n';
            break;
          case 'r':
            out.value += '\r';
            break;
          case 'f':
            out.value += '\f';
            break;
          case '"':
            out.value += '"';
            break;
          case '\'':
            out.value += '\'';
            break;
          case '\\':
            out.value += '\\';
            break;
          case 'u':
            if (!hex_escape(out.value, 4)) return false;
            break;
          case 'U':
            if (!hex_escape(out.value, 8)) return false;
            break;
          default:
            --pos_;
            return fail("unknown escape in a string");
        }
        continue;
      }
      out.value += c;
      ++pos_;
    }
    ++pos_;  // closing quote
    if (peek() == '@') {
      ++pos_;
      const std::size_t start = pos_;
      while (pos_ < line_.size() && (std::isalnum(static_cast<unsigned char>(line_[pos_])) != 0 || line_[pos_] == '-'))
        ++pos_;
      if (pos_ == start) return fail("empty language tag");
      out.language.assign(line_.substr(start, pos_ - start));
      out.datatype = std::string(rdf_lang_string);
    } else if (line_.substr(pos_, 2) == "^^") {
      pos_ += 2;
      if (!iri(out.datatype)) return false;
    }
    return true;
  }

  bool term(Term& out, bool allow_literal) {
    skip_space();
    const char c = peek();
    if (c == '<') {
      out = Term::iri({});
      return iri(out.value);
    }
    if (c == '_') {
      out = Term::blank({});
      return blank(out.value);
    }
    if (c == '"' && allow_literal) return literal(out);
    return fail(allow_literal ? "expected an IRI, a blank node or a literal" : "expected an IRI or a blank node");
  }

  bool quad(Quad& q) {
    if (!term(q.subject, false)) return false;
    skip_space();
    q.predicate = Term::iri({});
    if (!iri(q.predicate.value)) return false;
    if (!term(q.object, true)) return false;
    skip_space();
    if (peek() != '.') {
      if (!term(q.graph, false)) return false;
      skip_space();
    }
    if (peek() != '.') return fail("expected '.' at the end of the statement");
    ++pos_;
    if (!at_end()) return fail("unexpected text after '.'");
    return true;
  }

 private:
  std::string_view line_;
  std::size_t line_number_;
  std::size_t pos_ = 0;
};

}  // namespace

void append_nquad(std::string& out, const Quad& quad, const BlankLabel& label) {
  const auto term = [&](const Term& t) {
    if (t.is_blank() && label) {
      out += "_:";
      out += label(t.value);
    } else {
      append_term(out, t);
    }
  };
  term(quad.subject);
  out += ' ';
  term(quad.predicate);
  out += ' ';
  term(quad.object);
  if (quad.graph.kind != TermKind::default_graph) {
    out += ' ';
    term(quad.graph);
  }
  out += " .\n";
}

std::string to_nquad(const Quad& quad) {
  std::string out;
  out.reserve(128);
  append_nquad(out, quad);
  return out;
}

std::string to_nquads(const Dataset& dataset) {
  std::string out;
  for (const Quad& q : dataset) append_nquad(out, q);
  return out;
}

Result<Dataset> parse_nquads(std::string_view text) {
  Dataset dataset;
  std::size_t line_number = 0;
  while (!text.empty()) {
    const std::size_t end = text.find_first_of("\r\n");
    const std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
    ++line_number;
    // N-Quads is UTF-8 (RDF 1.1 N-Quads §5): an ill-formed byte would reach the canonical form and the
    // messages that quote the line.
    if (const std::size_t bad = utf8::first_invalid_utf8(line); bad != std::string_view::npos) {
      return error_at("line " + std::to_string(line_number),
                      "byte " + utf8::printable(line.substr(bad, 1)) + " at column " + std::to_string(bad + 1) +
                          " is not part of a well-formed UTF-8 character",
                      "N-Quads text is UTF-8: save the file as UTF-8");
    }
    LineParser parser(line, line_number);
    if (parser.at_end()) continue;
    Quad q;
    if (!parser.quad(q)) return *parser.error;
    dataset.push_back(std::move(q));
  }
  return dataset;
}

}  // namespace tessera::rdf
