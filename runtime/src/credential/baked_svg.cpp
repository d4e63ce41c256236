// Baked SVG badges: a small XML reader for what baking needs (the root <svg>, namespaces, every
// openbadges:credential element with its byte span, its text and CDATA), and the bake and unbake on top of it.
// Why our own reader rather than expat or libxml2: docs/architecture.md ("Baked badges").
//
// The reader checks the well-formedness that matters to finding the credential (tags nest and match, attributes
// are quoted and not repeated, references are the five predefined entities or characters, element prefixes are
// declared) and refuses a DTD internal subset, so no entity is ever declared and none expands.
#include <cstdint>
#include <vector>

#include "baked_internal.hpp"
#include "tessera/utf8.hpp"

namespace tessera::baking::detail {

namespace {

constexpr std::string_view xml_space = " \t\r\n";
constexpr std::string_view credential_prefix = "openbadges";

bool is_name_char(char c) {
  return xml_space.find(c) == std::string_view::npos && std::string_view("/>=<&\"'").find(c) == std::string_view::npos;
}

struct Attribute {
  std::string name;
  std::string value;
};

struct StartTag {
  std::string name;
  std::vector<Attribute> attributes;
  std::size_t name_end = 0;  // just after the element's name: where an attribute can be added
  std::size_t close = 0;     // the '>' (or the '/' of "/>")
  std::size_t end = 0;       // just after the tag
  bool empty = false;        // <name/>

  [[nodiscard]] const std::string* attribute(std::string_view wanted) const {
    for (const Attribute& a : attributes) {
      if (a.name == wanted) return &a.value;
    }
    return nullptr;
  }
};

struct CredentialElement {
  std::size_t start = 0;  // the '<' of its start tag
  std::size_t end = 0;    // just after its end tag
  std::optional<std::string> verify;
  std::string content;  // text and CDATA, references resolved
};

struct SvgOutline {
  StartTag root;
  std::vector<CredentialElement> credentials;
};

struct Scope {
  std::string name;                                         // as written, for the end tag
  std::vector<std::pair<std::string, std::string>> spaces;  // prefix ("" for the default) → namespace
};

constexpr const char* broken_hint =
    "the SVG is not well-formed XML; open it in an editor that saves SVG (or get the original)";

class SvgReader {
 public:
  explicit SvgReader(std::string_view svg) : svg_(svg) {}

  Result<SvgOutline> read() {
    if (const auto bad = utf8::first_invalid_utf8(svg_); bad != std::string::npos) {
      return error_at(byte_at(bad), "the SVG is not valid UTF-8", "save the SVG as UTF-8");
    }
    if (svg_.substr(0, 3) == "\xEF\xBB\xBF") at_ = 3;
    if (auto problem = skip_misc(true)) return *problem;
    if (at_ >= svg_.size() || svg_[at_] != '<') return fail("the SVG has no root element");
    auto root = start_tag();
    if (!root) return root.problems();
    SvgOutline outline{root.value(), {}};
    const auto colon = outline.root.name.find(':');
    if (outline.root.name.substr(colon == std::string::npos ? 0 : colon + 1) != "svg") {
      return error_at(byte_at(root_start_),
                      "the root element is <" + utf8::printable(outline.root.name) + ">, not <svg>",
                      "bake into an SVG image");
    }
    if (auto problem = enter(outline.root, root_start_)) return *problem;
    if (!outline.root.empty) {
      if (auto problem = content(outline)) return *problem;
    }
    if (auto problem = skip_misc(false)) return *problem;
    if (at_ != svg_.size()) return fail("there is content after the SVG's root element");
    return outline;
  }

 private:
  std::string_view svg_;
  std::size_t at_ = 0;
  std::size_t root_start_ = 0;
  std::vector<Scope> scopes_;
  std::size_t declared_namespaces_ = 0;  // across scopes_, held to max_svg_namespaces
  std::size_t open_depth_ = 0;           // how many scopes were open outside the credential element being read

  [[nodiscard]] Problem fail(const std::string& message) const { return error_at(byte_at(at_), message, broken_hint); }
  [[nodiscard]] bool ahead(std::string_view text) const { return svg_.substr(at_, text.size()) == text; }

  // Moves past `terminator`; a problem when the SVG ends first.
  std::optional<Problem> skip_past(std::string_view terminator, const char* what) {
    const auto found = svg_.find(terminator, at_);
    if (found == std::string_view::npos)
      return fail(std::string("the SVG ends inside ") + what + " (it was cut short)");
    at_ = found + terminator.size();
    return std::nullopt;
  }

  // White space, comments and processing instructions before the root (with the XML declaration and a DOCTYPE)
  // or after it.
  std::optional<Problem> skip_misc(bool prolog) {
    while (true) {
      const auto next = svg_.find_first_not_of(xml_space, at_);
      at_ = next == std::string_view::npos ? svg_.size() : next;
      if (ahead("<!--")) {
        if (auto problem = skip_past("-->", "a comment")) return problem;
      } else if (ahead("<?")) {
        const std::size_t start = at_;
        if (auto problem = skip_past("?>", "a processing instruction")) return problem;
        if (auto problem = check_declaration(svg_.substr(start, at_ - start))) return problem;
      } else if (prolog && ahead("<!DOCTYPE")) {
        if (auto problem = skip_doctype()) return problem;
      } else {
        return std::nullopt;
      }
    }
  }

  // The XML declaration may name an encoding: only UTF-8 is read.
  std::optional<Problem> check_declaration(std::string_view pi) const {
    if (pi.substr(0, 6) != "<?xml " && pi.substr(0, 6) != "<?xml\t" && pi.substr(0, 6) != "<?xml\n") {
      return std::nullopt;
    }
    const auto encoding = pi.find("encoding");
    if (encoding == std::string_view::npos) return std::nullopt;
    const auto quote = pi.find_first_of("\"'", encoding);
    if (quote == std::string_view::npos) return std::nullopt;
    const auto close = pi.find(pi[quote], quote + 1);
    const std::string_view name = pi.substr(quote + 1, close == std::string_view::npos ? 0 : close - quote - 1);
    std::string lower(name);
    for (char& c : lower) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    if (lower == "utf-8" || lower == "utf8") return std::nullopt;
    return error_at(byte_at(at_ - pi.size() + encoding),
                    "the SVG says its encoding is \"" + utf8::printable(name) + "\"",
                    "save the SVG as UTF-8: only UTF-8 SVG images are read");
  }

  // <!DOCTYPE svg PUBLIC "…" "…">: skipped; an internal subset ([…]) could declare entities and is refused.
  std::optional<Problem> skip_doctype() {
    for (std::size_t i = at_; i < svg_.size(); ++i) {
      const char c = svg_[i];
      if (c == '"' || c == '\'') {
        const auto close = svg_.find(c, i + 1);
        if (close == std::string_view::npos) break;
        i = close;
      } else if (c == '[') {
        return error_at(byte_at(i),
                        "the SVG's DOCTYPE declares its own entities (an internal subset), which are not read",
                        "remove the DOCTYPE's [...] part, or the whole DOCTYPE: an SVG needs neither");
      } else if (c == '>') {
        at_ = i + 1;
        return std::nullopt;
      }
    }
    return fail("the SVG ends inside its DOCTYPE (it was cut short)");
  }

  // `raw` with its references resolved; `offset` is where `raw` starts, for messages.
  Result<std::string> resolve(std::string_view raw, std::size_t offset) const {
    std::string out;
    out.reserve(raw.size());
    for (std::size_t i = 0; i < raw.size(); ++i) {
      if (raw[i] != '&') {
        out += raw[i];
        continue;
      }
      const auto semicolon = raw.find(';', i);
      if (semicolon == std::string_view::npos)
        return error_at(byte_at(offset + i), "a '&' that starts no reference", broken_hint);
      const std::string_view name = raw.substr(i + 1, semicolon - i - 1);
      if (name == "lt")
        out += '<';
      else if (name == "gt")
        out += '>';
      else if (name == "amp")
        out += '&';
      else if (name == "apos")
        out += '\'';
      else if (name == "quot")
        out += '"';
      else if (auto code_point = character_reference(name))
        utf8::append(out, *code_point);
      else {
        return error_at(byte_at(offset + i), "the reference &" + utf8::printable(name) + "; is not one XML defines",
                        "write the character itself, or &#NNNN;");
      }
      i = semicolon;
    }
    return out;
  }

  // &#NNN; or &#xHHH; naming a character XML allows.
  static std::optional<std::uint32_t> character_reference(std::string_view name) {
    if (name.size() < 2 || name[0] != '#' || name.size() > 10) return std::nullopt;
    const bool hex = name[1] == 'x';
    const std::string_view digits = name.substr(hex ? 2 : 1);
    if (digits.empty()) return std::nullopt;
    std::uint32_t value = 0;
    for (const char c : digits) {
      std::uint32_t digit = 0;
      if (c >= '0' && c <= '9')
        digit = static_cast<std::uint32_t>(c - '0');
      else if (hex && c >= 'a' && c <= 'f')
        digit = static_cast<std::uint32_t>(c - 'a' + 10);
      else if (hex && c >= 'A' && c <= 'F')
        digit = static_cast<std::uint32_t>(c - 'A' + 10);
      else
        return std::nullopt;
      value = value * (hex ? 16u : 10u) + digit;
      if (value > 0x10FFFF) return std::nullopt;
    }
    const bool allowed = value == 0x9 || value == 0xA || value == 0xD || (value >= 0x20 && value <= 0xD7FF) ||
                         (value >= 0xE000 && value <= 0xFFFD) || value >= 0x10000;
    return allowed ? std::optional<std::uint32_t>(value) : std::nullopt;
  }

  std::size_t name_at(std::size_t from) const {
    std::size_t end = from;
    while (end < svg_.size() && is_name_char(svg_[end])) ++end;
    return end;
  }

  // A start tag at '<': its name, attributes (quoted, none twice, references resolved) and how it ends.
  Result<StartTag> start_tag() {
    const std::size_t start = at_;
    if (scopes_.empty()) root_start_ = start;
    StartTag tag;
    tag.name_end = name_at(start + 1);
    tag.name = std::string(svg_.substr(start + 1, tag.name_end - start - 1));
    if (tag.name.empty()) return error_at(byte_at(start), "a '<' that starts no element", broken_hint);
    at_ = tag.name_end;
    while (true) {
      const std::size_t before = at_;
      const auto next = svg_.find_first_not_of(xml_space, at_);
      at_ = next == std::string_view::npos ? svg_.size() : next;
      if (at_ >= svg_.size())
        return fail("the SVG ends inside the tag <" + utf8::printable(tag.name) + "> (it was cut short)");
      if (ahead(">") || ahead("/>")) {
        tag.empty = ahead("/>");
        tag.close = at_;
        tag.end = at_ + (tag.empty ? 2 : 1);
        at_ = tag.end;
        return tag;
      }
      if (at_ == before) return fail("attributes of <" + utf8::printable(tag.name) + "> need white space between them");
      const std::size_t name_end = name_at(at_);
      std::string name(svg_.substr(at_, name_end - at_));
      at_ = name_end;
      at_ = std::min(svg_.size(), svg_.find_first_not_of(xml_space, at_));
      if (name.empty() || !ahead("="))
        return fail("an attribute of <" + utf8::printable(tag.name) + "> has no '=' and value");
      at_ = std::min(svg_.size(), svg_.find_first_not_of(xml_space, at_ + 1));
      if (!ahead("\"") && !ahead("'")) return fail("the attribute " + utf8::printable(name) + " has no quoted value");
      const auto close = svg_.find(svg_[at_], at_ + 1);
      if (close == std::string_view::npos) return fail("the SVG ends inside the attribute " + utf8::printable(name));
      const std::string_view raw = svg_.substr(at_ + 1, close - at_ - 1);
      if (const auto lt = raw.find('<'); lt != std::string_view::npos) {
        return error_at(byte_at(at_ + 1 + lt), "a '<' inside the value of the attribute " + utf8::printable(name),
                        broken_hint);
      }
      auto value = resolve(raw, at_ + 1);
      if (!value) return value.problems();
      if (tag.attributes.size() >= max_svg_attributes) {
        return fail("<" + utf8::printable(tag.name) + "> has more than " + std::to_string(max_svg_attributes) +
                    " attributes");
      }
      if (tag.attribute(name) != nullptr) {
        return fail("<" + utf8::printable(tag.name) + "> has the attribute " + utf8::printable(name) + " twice");
      }
      tag.attributes.push_back({std::move(name), std::move(value).value()});
      at_ = close + 1;
    }
  }

  // Opens the element's namespace scope; a problem when its prefix is declared nowhere.
  std::optional<Problem> enter(const StartTag& tag, std::size_t start) {
    if (scopes_.size() >= max_svg_depth) {
      return error_at(byte_at(start), "the SVG's elements nest more than " + std::to_string(max_svg_depth) + " deep");
    }
    Scope scope{tag.name, {}};
    for (const Attribute& a : tag.attributes) {
      if (a.name == "xmlns") scope.spaces.emplace_back("", a.value);
      if (a.name.rfind("xmlns:", 0) == 0) scope.spaces.emplace_back(a.name.substr(6), a.value);
    }
    declared_namespaces_ += scope.spaces.size();
    if (declared_namespaces_ > max_svg_namespaces) {
      return error_at(byte_at(start), "the SVG declares more than " + std::to_string(max_svg_namespaces) +
                                          " namespaces in scope at once");
    }
    scopes_.push_back(std::move(scope));
    const auto colon = tag.name.find(':');
    if (colon != std::string::npos && !namespace_of(tag.name.substr(0, colon))) {
      return error_at(byte_at(start),
                      "the prefix " + utf8::printable(tag.name.substr(0, colon)) + " of <" + utf8::printable(tag.name) +
                          "> is not declared",
                      "declare it with xmlns:" + utf8::printable(tag.name.substr(0, colon)) + "=\"...\" on the <svg>");
    }
    return std::nullopt;
  }

  // Closes the innermost element's namespace scope.
  void leave() {
    declared_namespaces_ -= scopes_.back().spaces.size();
    scopes_.pop_back();
  }

  [[nodiscard]] std::optional<std::string> namespace_of(const std::string& prefix) const {
    for (auto scope = scopes_.rbegin(); scope != scopes_.rend(); ++scope) {
      for (const auto& [declared, uri] : scope->spaces) {
        if (declared == prefix) return uri;
      }
    }
    return std::nullopt;
  }

  [[nodiscard]] bool is_credential(const std::string& name) const {
    const auto colon = name.find(':');
    const std::string local = colon == std::string::npos ? name : name.substr(colon + 1);
    return local == "credential" &&
           namespace_of(colon == std::string::npos ? "" : name.substr(0, colon)) == std::string(svg_namespace);
  }

  // Everything inside the root, up to and including its end tag.
  std::optional<Problem> content(SvgOutline& outline) {
    CredentialElement* open = nullptr;  // the credential element being read
    while (!scopes_.empty()) {
      const auto next = svg_.find('<', at_);
      if (next == std::string_view::npos) {
        at_ = svg_.size();
        return fail("the SVG ends inside <" + utf8::printable(scopes_.back().name) + "> (it was cut short)");
      }
      auto text = resolve(svg_.substr(at_, next - at_), at_);
      if (!text) return text.problems().front();
      if (open != nullptr) open->content += text.value();
      at_ = next;
      if (ahead("<!--")) {
        if (auto problem = skip_past("-->", "a comment")) return problem;
      } else if (ahead("<![CDATA[")) {
        const std::size_t start = at_ + 9;
        if (auto problem = skip_past("]]>", "a CDATA section")) return problem;
        if (open != nullptr) open->content += svg_.substr(start, at_ - 3 - start);
      } else if (ahead("<?")) {
        if (auto problem = skip_past("?>", "a processing instruction")) return problem;
      } else if (ahead("</")) {
        if (auto problem = end_tag()) return problem;
        if (open != nullptr && scopes_.size() == open_depth_) {
          open->end = at_;
          open = nullptr;
        }
      } else if (ahead("<!")) {
        return fail("a declaration (<!…>) inside the SVG's elements");
      } else {
        const std::size_t start = at_;
        auto tag = start_tag();
        if (!tag) return tag.problems().front();
        if (open != nullptr) {
          return error_at(byte_at(start),
                          "the openbadges:credential element holds an element; it holds only the credential's text",
                          broken_hint);
        }
        if (auto problem = enter(tag.value(), start)) return problem;
        if (is_credential(tag.value().name)) {
          const std::string* verify = tag.value().attribute("verify");
          outline.credentials.push_back({start, 0, verify ? std::optional<std::string>(*verify) : std::nullopt, {}});
          open = &outline.credentials.back();
          open_depth_ = scopes_.size() - 1;
        }
        if (tag.value().empty) {
          leave();
          if (open != nullptr) {
            open->end = at_;
            open = nullptr;
          }
        }
      }
    }
    return std::nullopt;
  }

  std::optional<Problem> end_tag() {
    const std::size_t start = at_;
    const std::size_t name_end = name_at(at_ + 2);
    const std::string name(svg_.substr(at_ + 2, name_end - at_ - 2));
    at_ = std::min(svg_.size(), svg_.find_first_not_of(xml_space, name_end));
    if (!ahead(">")) return fail("the end tag </" + utf8::printable(name) + "> does not end with '>'");
    ++at_;
    if (name != scopes_.back().name) {
      return error_at(
          byte_at(start),
          "the end tag </" + utf8::printable(name) + "> does not match <" + utf8::printable(scopes_.back().name) + ">",
          broken_hint);
    }
    leave();
    return std::nullopt;
  }
};

// The CDATA section(s) holding `text`: a "]]>" inside it is split across two sections, the only way CDATA can
// carry its own terminator.
std::string as_cdata(std::string_view text) {
  std::string out = "<![CDATA[";
  for (std::size_t at = 0;;) {
    const auto end = text.find("]]>", at);
    if (end == std::string_view::npos) {
      out += text.substr(at);
      break;
    }
    out += text.substr(at, end + 2 - at);
    out += "]]><![CDATA[";
    at = end + 2;
  }
  return out + "]]>";
}

std::string credential_element(const BakeText& credential) {
  const std::string name = std::string(credential_prefix) + ":credential";
  if (credential.form == CredentialForm::jwt) {
    // A compact JWT is base64url and dots: nothing to escape in an attribute.
    return "<" + name + " verify=\"" + std::string(credential.text) + "\"></" + name + ">";
  }
  return "<" + name + ">" + as_cdata(credential.text) + "</" + name + ">";
}

}  // namespace

Result<std::string> bake_svg(std::string_view svg, const BakeText& credential) {
  auto read = SvgReader(svg).read();
  if (!read) return read.problems();
  const SvgOutline& outline = read.value();
  const StartTag& root = outline.root;
  const std::string declaration = "xmlns:" + std::string(credential_prefix);
  const std::string* bound = root.attribute(declaration);
  if (bound != nullptr && *bound != svg_namespace) {
    return error_at(byte_at(root.name_end),
                    "the <svg> binds the prefix openbadges to \"" + utf8::printable(*bound) +
                        "\", not to the Open Badges 3.0 namespace " + std::string(svg_namespace),
                    "this looks like an image baked for an older Open Badges version: bake into the original artwork");
  }
  std::string out(svg.substr(0, root.name_end));
  if (bound == nullptr) out += " " + declaration + "=\"" + std::string(svg_namespace) + "\"";
  const std::string element = credential_element(credential);
  if (root.empty) {
    out += svg.substr(root.name_end, root.close - root.name_end);
    out += ">" + element + "</" + root.name + ">";
  } else {
    out += svg.substr(root.name_end, root.end - root.name_end);
    out += element;
  }
  std::size_t copied = root.end;
  for (const CredentialElement& old : outline.credentials) {  // replaced, never a second one
    out += svg.substr(copied, old.start - copied);
    copied = old.end;
  }
  out += svg.substr(copied);
  return out;
}

Result<Unbaked> unbake_svg(std::string_view svg) {
  auto read = SvgReader(svg).read();
  if (!read) return read.problems();
  const auto& credentials = read.value().credentials;
  if (credentials.empty()) {
    return error_at("",
                    "the SVG carries no credential (it has no openbadges:credential element in the namespace " +
                        std::string(svg_namespace) + ")",
                    "bake one with `tessera bake CREDENTIAL IMAGE --out FILE`, or give the credential's JSON file");
  }
  if (credentials.size() > 1) {
    return error_at(byte_at(credentials[1].start),
                    "the SVG carries two credentials: a second openbadges:credential element (the first is at " +
                        byte_at(credentials[0].start) + ")",
                    "an image carries one credential (Open Badges 3.0 §5.3.2); bake it again from the original");
  }
  const CredentialElement& found = credentials.front();
  std::string text = found.verify ? *found.verify : found.content;
  if (text.size() > max_credential_bytes) {
    return error_at(byte_at(found.start),
                    "the baked credential has more than " + std::to_string(max_credential_bytes) + " bytes");
  }
  auto form = baked_form(text, byte_at(found.start));
  if (!form) return form.problems();
  if (found.verify && form.value() != CredentialForm::jwt) {
    return error_at(byte_at(found.start), "the openbadges:credential element's verify attribute is not a compact JWT",
                    "a JSON credential goes inside the element as CDATA, without a verify attribute");
  }
  return Unbaked{ImageFormat::svg, form.value(), std::move(text)};
}

}  // namespace tessera::baking::detail
