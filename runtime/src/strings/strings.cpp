// The interface strings catalogues and CLDR plural rules (tessera/strings.hpp).
#include "tessera/strings.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <optional>

#include "strings/catalogue_data.hpp"

namespace tessera::strings {

using nlohmann::json;

struct Loader {
  static std::map<std::string, Catalogue> load() {
    std::map<std::string, Catalogue> out;
    for (const auto& embedded : detail::embedded_catalogues()) {
      Catalogue c;
      json parsed = json::parse(embedded.json);  // written by our own build step: well-formed by construction
      c.language_ = std::string(embedded.language);
      c.direction_ = parsed.value("@direction", std::string("ltr"));
      c.decimal_ = parsed.value("@decimal", c.decimal_);
      c.group_ = parsed.value("@group", c.group_);
      c.percent_pattern_ = parsed.value("@percent", c.percent_pattern_);
      for (const auto& [category, rule] : parsed["@plural"].items())
        c.plural_rules_[category] = rule.get<std::string>();
      for (auto it = parsed.begin(); it != parsed.end();) {
        it = it.key().starts_with("@") ? parsed.erase(it) : std::next(it);
      }
      c.entries_ = std::move(parsed);
      out.emplace(c.language_, std::move(c));
    }
    return out;
  }
};

namespace {

const std::map<std::string, Catalogue>& all() {
  static const std::map<std::string, Catalogue> catalogues = Loader::load();
  return catalogues;
}

// "fr-CA" → "fr"; the language subtag is what the catalogues are named by.
std::string base_language(std::string_view tag) {
  std::string out(tag.substr(0, tag.find_first_of("-_")));
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
  return out;
}

// A small reader over one plural rule condition: or-ed and-ed relations "operand [% m] (=|!=) ranges".
class RuleReader {
 public:
  RuleReader(std::string_view text, std::int64_t n) : text_(text.substr(0, text.find('@'))), n_(n < 0 ? -n : n) {}

  bool holds() {
    skip_space();
    if (pos_ == text_.size()) return true;
    bool any = false;
    do {
      bool all = true;
      do {
        const auto relation = read_relation();
        if (!relation) return false;
        all = all && *relation;
      } while (word("and"));
      any = any || all;
    } while (word("or"));
    skip_space();
    return pos_ == text_.size() && any;
  }

 private:
  void skip_space() {
    while (pos_ < text_.size() && text_[pos_] == ' ') ++pos_;
  }
  bool word(std::string_view w) {
    skip_space();
    if (text_.substr(pos_, w.size()) != w) return false;
    pos_ += w.size();
    return true;
  }
  std::optional<std::int64_t> number() {
    skip_space();
    const std::size_t start = pos_;
    while (pos_ < text_.size() && std::isdigit(static_cast<unsigned char>(text_[pos_]))) ++pos_;
    if (start == pos_) return std::nullopt;
    return std::strtoll(std::string(text_.substr(start, pos_ - start)).c_str(), nullptr, 10);
  }
  // Integers only: n and i are the number, every fraction and exponent operand is 0.
  std::optional<std::int64_t> operand() {
    skip_space();
    if (pos_ >= text_.size()) return std::nullopt;
    const char name = text_[pos_++];
    switch (name) {
      case 'n':
      case 'i':
        return n_;
      case 'v':
      case 'w':
      case 'f':
      case 't':
      case 'e':
      case 'c':
        return 0;
      default:
        return std::nullopt;
    }
  }
  std::optional<bool> read_relation() {
    auto value = operand();
    if (!value) return std::nullopt;
    if (word("%")) {
      const auto modulus = number();
      if (!modulus || *modulus == 0) return std::nullopt;
      *value %= *modulus;
    }
    bool negate = false;
    if (word("!=")) {
      negate = true;
    } else if (!word("=")) {
      return std::nullopt;
    }
    bool in = false;
    do {
      const auto low = number();
      if (!low) return std::nullopt;
      std::int64_t high = *low;
      if (word("..")) {
        const auto upper = number();
        if (!upper) return std::nullopt;
        high = *upper;
      }
      in = in || (*value >= *low && *value <= high);
    } while (word(","));
    return negate ? !in : in;
  }

  std::string_view text_;
  std::int64_t n_;
  std::size_t pos_ = 0;
};

// Fills {name} placeholders; an unknown name is left as written, so a mistake shows instead of vanishing.
// In a right-to-left catalogue each value is a bidi isolate (FSI … PDI, Unicode UAX #9): a name, number, code or
// URL keeps its own direction and cannot reorder the sentence's punctuation around it.
std::string fill(const std::string& pattern, const Args& args, bool isolate = false) {
  std::string out;
  out.reserve(pattern.size());
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    const std::size_t close = pattern[i] == '{' ? pattern.find('}', i) : std::string::npos;
    if (close != std::string::npos) {
      const auto found = args.find(pattern.substr(i + 1, close - i - 1));
      if (found != args.end()) {
        out += isolate ? "\u2068" + found->second + "\u2069" : found->second;
        i = close;
        continue;
      }
    }
    out += pattern[i];
  }
  return out;
}

// The argument that picks a plural form: the one the string names ("@count"), else "count", else the first
// argument that is an integer. Arguments come formatted ("1,003", "1 000 000"): the language's group
// separator is read past, so 1,003 is Arabic's "few" and a million French's "many", not "other".
std::optional<std::int64_t> plural_operand(const json& forms, const Args& args, const std::string& group) {
  auto integer = [&group](std::string text) -> std::optional<std::int64_t> {
    for (auto at = text.find(group); !group.empty() && at != std::string::npos; at = text.find(group, at)) {
      text.erase(at, group.size());
    }
    if (text.empty() || text.find_first_not_of("-0123456789") != std::string::npos) return std::nullopt;
    return std::strtoll(text.c_str(), nullptr, 10);
  };
  if (const auto count = args.find(forms.value("@count", std::string("count"))); count != args.end()) {
    return integer(count->second);
  }
  for (const auto& [name, value] : args) {
    if (const auto n = integer(value)) return n;
  }
  return std::nullopt;
}

}  // namespace

bool plural_rule_holds(std::string_view rule, std::int64_t n) { return RuleReader(rule, n).holds(); }

const Catalogue& Catalogue::for_language(std::string_view language) {
  const auto& catalogues = all();
  const auto found = catalogues.find(base_language(language));
  return found != catalogues.end() ? found->second : catalogues.at("en");
}

std::string Catalogue::plural_category(std::int64_t n) const {
  // CLDR lists "other" last and it always holds; every other category is tried first.
  for (const auto& [category, rule] : plural_rules_) {
    if (category != "other" && plural_rule_holds(rule, n)) return category;
  }
  return "other";
}

std::string Catalogue::text(std::string_view key, const Args& args) const {
  std::string name(key);
  const json* entry = entries_.contains(name) ? &entries_[name] : nullptr;
  const Catalogue* from = this;
  if (!entry && language_ != "en") {
    from = &english();
    entry = from->entries_.contains(name) ? &from->entries_[name] : nullptr;
  }
  if (!entry) return name;
  const bool isolate = from->direction_ == "rtl";
  if (entry->is_string()) return fill(entry->get<std::string>(), args, isolate);
  // Plural forms: the category of the count in the language the string is written in.
  const auto n = plural_operand(*entry, args, group_);  // the arguments are written as this catalogue writes numbers
  const std::string category = n ? from->plural_category(*n) : "other";
  const json& form = entry->contains(category) ? (*entry)[category] : entry->value("other", json(name));
  return fill(form.is_string() ? form.get<std::string>() : name, args, isolate);
}

std::string Catalogue::integer(std::int64_t n) const {
  const std::string digits = std::to_string(n < 0 ? -static_cast<std::uint64_t>(n) : static_cast<std::uint64_t>(n));
  std::string out = n < 0 ? "-" : "";
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += group_;
    out += digits[i];
  }
  return out;
}

std::string Catalogue::decimal(std::int64_t num, std::int64_t den) const {
  if (den < 0) {
    num = -num;
    den = -den;
  }
  if (den == 0) return "?";
  // Hundredths, rounded half away from zero, then trailing zeros dropped.
  const bool negative = num < 0;
  const auto magnitude = static_cast<std::uint64_t>(negative ? -num : num);
  const std::uint64_t hundredths = (magnitude * 200 / static_cast<std::uint64_t>(den) + 1) / 2;
  std::string out = (negative && hundredths > 0 ? "-" : "") + integer(static_cast<std::int64_t>(hundredths / 100));
  const std::uint64_t cents = hundredths % 100;
  if (cents != 0) {
    out += decimal_;
    out += static_cast<char>('0' + cents / 10);
    if (cents % 10 != 0) out += static_cast<char>('0' + cents % 10);
  }
  return out;
}

std::string Catalogue::percent(std::int64_t whole_percent) const {
  std::string out = percent_pattern_;
  const auto digits = out.find("#,##0");
  if (digits != std::string::npos) out.replace(digits, 5, integer(whole_percent));
  return out;
}

std::vector<std::string> languages() {
  std::vector<std::string> out = {"en"};
  for (const auto& [language, catalogue] : all()) {
    if (language != "en") out.push_back(language);
  }
  return out;
}

bool is_language_tag(std::string_view tag) {
  if (tag.size() < 2 || tag.size() > 35) return false;
  return std::all_of(tag.begin(), tag.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
  });
}

std::string direction_of(std::string_view language) {
  auto listed = [](const std::vector<std::string_view>& list, std::string_view item) {
    return std::binary_search(list.begin(), list.end(), item);
  };
  // A four-letter subtag is the script ("az-Arab", "pa-Arab-PK"): it decides.
  std::size_t start = language.find('-');
  while (start != std::string_view::npos) {
    const std::size_t end = language.find('-', start + 1);
    const std::string_view subtag = language.substr(start + 1, end == std::string_view::npos ? end : end - start - 1);
    if (subtag.size() == 4 && std::isalpha(static_cast<unsigned char>(subtag[0]))) {
      std::string script(subtag);
      script[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(script[0])));
      for (std::size_t i = 1; i < script.size(); ++i)
        script[i] = static_cast<char>(std::tolower(static_cast<unsigned char>(script[i])));
      return listed(detail::rtl_scripts(), script) ? "rtl" : "ltr";
    }
    start = end;
  }
  return listed(detail::rtl_languages(), base_language(language)) ? "rtl" : "ltr";
}

bool has_catalogue(std::string_view language) { return all().contains(base_language(language)); }

std::vector<std::string> missing_keys(std::string_view language) {
  std::vector<std::string> missing;
  const auto& catalogues = all();
  const auto found = catalogues.find(base_language(language));
  for (const auto& [key, value] : Catalogue::english().entries().items()) {
    if (found == catalogues.end() || !found->second.entries().contains(key)) missing.push_back(key);
  }
  return missing;
}

}  // namespace tessera::strings
