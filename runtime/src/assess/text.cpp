// Text normalisation for short-text and fill-in-the-blank answers, and a regular-expression engine
// without backtracking (Thompson NFA, Pike VM simulation): run time O(program size × input length).
#include <memory>
#include <string>

#include "assess/detail.hpp"

namespace tessera::assess::detail {
namespace {

// Base letters for U+00C0..U+00FF (Latin-1 Supplement letters). "" keeps the character (× ÷ Þ þ).
constexpr const char* latin1_folds[64] = {
    "A", "A", "A", "A", "A", "A", "AE", "C", "E", "E", "E", "E", "I", "I", "I", "I",   // C0..CF
    "D", "N", "O", "O", "O", "O", "O",  "",  "O", "U", "U", "U", "U", "Y", "",  "ss",  // D0..DF
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",   // E0..EF
    "d", "n", "o", "o", "o", "o", "o",  "",  "o", "u", "u", "u", "u", "y", "",  "y"};  // F0..FF

// Base letters for U+0100..U+017F (Latin Extended-A).
constexpr const char* latin_a_folds[128] = {
    "A", "a", "A",  "a",  "A", "a", "C", "c", "C", "c", "C", "c", "C", "c", "D", "d",   // 100..10F
    "D", "d", "E",  "e",  "E", "e", "E", "e", "E", "e", "E", "e", "G", "g", "G", "g",   // 110..11F
    "G", "g", "G",  "g",  "H", "h", "H", "h", "I", "i", "I", "i", "I", "i", "I", "i",   // 120..12F
    "I", "i", "IJ", "ij", "J", "j", "K", "k", "k", "L", "l", "L", "l", "L", "l", "L",   // 130..13F
    "l", "L", "l",  "N",  "n", "N", "n", "N", "n", "n", "N", "n", "O", "o", "O", "o",   // 140..14F
    "O", "o", "OE", "oe", "R", "r", "R", "r", "R", "r", "S", "s", "S", "s", "S", "s",   // 150..15F
    "S", "s", "T",  "t",  "T", "t", "T", "t", "U", "u", "U", "u", "U", "u", "U", "u",   // 160..16F
    "U", "u", "U",  "u",  "W", "w", "Y", "y", "Y", "Z", "z", "Z", "z", "Z", "z", "s"};  // 170..17F

char32_t fold(char32_t c) {
  if (c >= U'A' && c <= U'Z') return c + 32;
  if (c >= 0xC0 && c <= 0xDE && c != 0xD7) return c + 32;
  if ((c >= 0x100 && c <= 0x137) || (c >= 0x14A && c <= 0x177)) return (c % 2 == 0) ? c + 1 : c;
  if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E)) return (c % 2 == 1) ? c + 1 : c;
  if (c == 0x178) return 0xFF;
  if (c == 0x130) return U'i';  // İ folds to i (its dot is the i's own)
  return c;
}

// The upper-case partner of a folded letter (for case-insensitive character classes), or c itself.
char32_t unfold(char32_t c) {
  if (c >= U'a' && c <= U'z') return c - 32;
  if (c >= 0xE0 && c <= 0xFE && c != 0xF7) return c - 32;
  if ((c >= 0x100 && c <= 0x137) || (c >= 0x14A && c <= 0x177)) return (c % 2 == 1) ? c - 1 : c;
  if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E)) return (c % 2 == 0) ? c - 1 : c;
  if (c == 0xFF) return 0x178;
  return c;
}

bool is_space(char32_t c) {
  return c == U' ' || c == U'\t' || c == U'\n' || c == U'\r' || c == U'\f' || c == U'\v' || c == 0xA0 || c == 0x2007 ||
         c == 0x202F || c == 0x3000 || (c >= 0x2000 && c <= 0x200A);
}

}  // namespace

std::u32string decode_utf8(std::string_view text) {
  std::u32string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    const auto b = static_cast<unsigned char>(text[i]);
    int extra = 0;
    char32_t cp = 0;
    if (b < 0x80) {
      cp = b;
    } else if (b >= 0xC2 && b <= 0xDF) {
      extra = 1;
      cp = b & 0x1Fu;
    } else if (b >= 0xE0 && b <= 0xEF) {
      extra = 2;
      cp = b & 0x0Fu;
    } else if (b >= 0xF0 && b <= 0xF4) {
      extra = 3;
      cp = b & 0x07u;
    } else {
      out += U'\uFFFD';
      ++i;
      continue;
    }
    if (i + static_cast<std::size_t>(extra) >= text.size()) {
      out += U'\uFFFD';
      ++i;
      continue;
    }
    bool ok = true;
    for (int k = 1; k <= extra; ++k) {
      const auto cb = static_cast<unsigned char>(text[i + static_cast<std::size_t>(k)]);
      if ((cb & 0xC0u) != 0x80u) {
        ok = false;
        break;
      }
      cp = (cp << 6) | (cb & 0x3Fu);
    }
    if (ok && ((extra == 2 && cp < 0x800) || (extra == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
               (cp >= 0xD800 && cp <= 0xDFFF))) {
      ok = false;
    }
    if (!ok) {
      out += U'\uFFFD';
      ++i;
      continue;
    }
    out += cp;
    i += static_cast<std::size_t>(extra) + 1;
  }
  return out;
}

std::u32string normalise(std::string_view text, const TextOptions& options) {
  const std::u32string decoded = decode_utf8(text);
  std::u32string stripped;
  stripped.reserve(decoded.size());
  for (const char32_t c : decoded) {
    if (options.ignore_diacritics) {
      if (c >= 0x300 && c <= 0x36F) continue;  // combining marks (decomposed input)
      const char* base = nullptr;
      if (c >= 0xC0 && c <= 0xFF) base = latin1_folds[c - 0xC0];
      if (c >= 0x100 && c <= 0x17F) base = latin_a_folds[c - 0x100];
      if (base != nullptr && base[0] != '\0') {
        for (const char* p = base; *p != '\0'; ++p) stripped += static_cast<char32_t>(*p);
        continue;
      }
    }
    stripped += c;
  }
  std::u32string out;
  out.reserve(stripped.size());
  bool pending_space = false;
  for (char32_t c : stripped) {
    if (!options.case_sensitive) c = fold(c);
    if (options.collapse_whitespace && is_space(c)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out += U' ';
    pending_space = false;
    out += c;
  }
  return out;
}

// ---- regular expressions ----------------------------------------------------------------------------

namespace {

struct Node {
  enum class Kind { empty, chr, any, cls, bol, eol, concat, alt, repeat };
  Kind kind = Kind::empty;
  char32_t c = 0;
  bool negated = false;
  std::vector<std::pair<char32_t, char32_t>> ranges;
  std::vector<std::unique_ptr<Node>> children;
  int min = 0;
  int max = 0;  // -1: unbounded
};

class Parser {
 public:
  explicit Parser(std::u32string text) : s_(std::move(text)) {}

  std::unique_ptr<Node> parse() {
    auto node = alternation(0);
    if (error_.empty() && pos_ != s_.size()) fail("unmatched ')'");
    return node;
  }
  const std::string& error() const { return error_; }

 private:
  void fail(const std::string& message) {
    if (error_.empty()) error_ = message + " at character " + std::to_string(pos_ + 1);
  }
  bool at_end() const { return pos_ >= s_.size(); }

  std::unique_ptr<Node> alternation(int depth) {
    if (depth > 50) {
      fail("groups nested too deeply");
      return std::make_unique<Node>();
    }
    auto first = concatenation(depth);
    if (at_end() || s_[pos_] != U'|') return first;
    auto node = std::make_unique<Node>();
    node->kind = Node::Kind::alt;
    node->children.push_back(std::move(first));
    while (error_.empty() && !at_end() && s_[pos_] == U'|') {
      ++pos_;
      node->children.push_back(concatenation(depth));
    }
    return node;
  }

  std::unique_ptr<Node> concatenation(int depth) {
    auto node = std::make_unique<Node>();
    node->kind = Node::Kind::concat;
    while (error_.empty() && !at_end() && s_[pos_] != U'|' && s_[pos_] != U')') {
      auto atom_node = atom(depth);
      if (!error_.empty()) break;
      atom_node = quantified(std::move(atom_node));
      node->children.push_back(std::move(atom_node));
    }
    return node;
  }

  bool read_int(int& value) {
    const std::size_t start = pos_;
    value = 0;
    while (!at_end() && s_[pos_] >= U'0' && s_[pos_] <= U'9') {
      value = value * 10 + static_cast<int>(s_[pos_] - U'0');
      if (value > 100000) value = 100000;
      ++pos_;
    }
    return pos_ > start;
  }

  std::unique_ptr<Node> quantified(std::unique_ptr<Node> atom_node) {
    while (error_.empty() && !at_end()) {
      int min = 0;
      int max = 0;
      const char32_t q = s_[pos_];
      if (q == U'*') {
        min = 0, max = -1;
        ++pos_;
      } else if (q == U'+') {
        min = 1, max = -1;
        ++pos_;
      } else if (q == U'?') {
        min = 0, max = 1;
        ++pos_;
      } else if (q == U'{') {
        ++pos_;
        if (!read_int(min)) {
          fail("'{' must be followed by a count, as in {2} or {1,3}");
          break;
        }
        max = min;
        if (!at_end() && s_[pos_] == U',') {
          ++pos_;
          if (!read_int(max)) max = -1;
        }
        if (at_end() || s_[pos_] != U'}') {
          fail("unclosed '{'");
          break;
        }
        ++pos_;
        if (min > max_repeat || max > max_repeat) {
          fail("a repeat count above " + std::to_string(max_repeat));
          break;
        }
        if (max != -1 && max < min) {
          fail("a repeat range whose maximum is below its minimum");
          break;
        }
      } else {
        break;
      }
      if (atom_node->kind == Node::Kind::bol || atom_node->kind == Node::Kind::eol) {
        fail("a quantifier after an anchor");
        break;
      }
      auto node = std::make_unique<Node>();
      node->kind = Node::Kind::repeat;
      node->min = min;
      node->max = max;
      node->children.push_back(std::move(atom_node));
      atom_node = std::move(node);
    }
    return atom_node;
  }

  // An escape after '\': fills a class node for \d \w \s (and negations) or returns a literal.
  void escape(Node& node) {
    if (at_end()) {
      fail("a pattern ending in '\\'");
      return;
    }
    const char32_t e = s_[pos_++];
    node.kind = Node::Kind::cls;
    switch (e) {
      case U'd':
        node.ranges = {{U'0', U'9'}};
        return;
      case U'D':
        node.ranges = {{U'0', U'9'}};
        node.negated = true;
        return;
      case U'w':
        node.ranges = {{U'0', U'9'}, {U'A', U'Z'}, {U'_', U'_'}, {U'a', U'z'}};
        return;
      case U'W':
        node.ranges = {{U'0', U'9'}, {U'A', U'Z'}, {U'_', U'_'}, {U'a', U'z'}};
        node.negated = true;
        return;
      case U's':
        node.ranges = {{U' ', U' '}, {U'\t', U'\r'}, {0xA0, 0xA0}};
        return;
      case U'S':
        node.ranges = {{U' ', U' '}, {U'\t', U'\r'}, {0xA0, 0xA0}};
        node.negated = true;
        return;
      case U'n':
        node.kind = Node::Kind::chr;
        node.c = U'\n';
        return;
      case U't':
        node.kind = Node::Kind::chr;
        node.c = U'\t';
        return;
      default:
        break;
    }
    if ((e >= U'a' && e <= U'z') || (e >= U'A' && e <= U'Z') || (e >= U'0' && e <= U'9')) {
      fail(std::string("an unsupported escape '\\") + static_cast<char>(e) + "'");
      return;
    }
    node.kind = Node::Kind::chr;
    node.c = e;
  }

  std::unique_ptr<Node> atom(int depth) {
    auto node = std::make_unique<Node>();
    const char32_t c = s_[pos_++];
    switch (c) {
      case U'(': {
        if (pos_ + 1 < s_.size() && s_[pos_] == U'?' && s_[pos_ + 1] == U':') pos_ += 2;
        auto inner = alternation(depth + 1);
        if (at_end() || s_[pos_] != U')') {
          fail("unclosed '('");
          return node;
        }
        ++pos_;
        return inner;
      }
      case U'.':
        node->kind = Node::Kind::any;
        return node;
      case U'^':
        node->kind = Node::Kind::bol;
        return node;
      case U'$':
        node->kind = Node::Kind::eol;
        return node;
      case U'\\':
        escape(*node);
        return node;
      case U'[':
        klass(*node);
        return node;
      case U'*':
      case U'+':
      case U'?':
      case U'{':
        fail("a quantifier with nothing to repeat");
        return node;
      default:
        node->kind = Node::Kind::chr;
        node->c = c;
        return node;
    }
  }

  void klass(Node& node) {
    node.kind = Node::Kind::cls;
    if (!at_end() && s_[pos_] == U'^') {
      node.negated = true;
      ++pos_;
    }
    bool first = true;
    while (true) {
      if (at_end()) {
        fail("unclosed '['");
        return;
      }
      char32_t lo = s_[pos_];
      if (lo == U']' && !first) {
        ++pos_;
        return;
      }
      first = false;
      ++pos_;
      if (lo == U'\\') {
        Node esc;
        escape(esc);
        if (!error_.empty()) return;
        if (esc.kind == Node::Kind::cls) {
          if (esc.negated) {
            fail("a negated class escape inside '[...]'");
            return;
          }
          for (const auto& r : esc.ranges) node.ranges.push_back(r);
          continue;
        }
        lo = esc.c;
      }
      char32_t hi = lo;
      if (pos_ + 1 < s_.size() && s_[pos_] == U'-' && s_[pos_ + 1] != U']') {
        ++pos_;
        hi = s_[pos_++];
        if (hi == U'\\') {
          if (at_end()) {
            fail("a pattern ending in '\\'");
            return;
          }
          hi = s_[pos_++];
        }
        if (hi < lo) {
          fail("a character range out of order");
          return;
        }
      }
      node.ranges.emplace_back(lo, hi);
    }
  }

  std::u32string s_;
  std::size_t pos_ = 0;
  std::string error_;
};

class Compiler {
 public:
  explicit Compiler(bool fold_case) : fold_case_(fold_case) {}

  bool emit(const Node& node) {
    if (program.size() > max_program) return false;
    switch (node.kind) {
      case Node::Kind::empty:
        return true;
      case Node::Kind::chr: {
        RegexInst inst;
        inst.op = RegexInst::Op::chr;
        inst.c = fold_case_ ? fold(node.c) : node.c;
        program.push_back(inst);
        return true;
      }
      case Node::Kind::any:
        program.push_back(op(RegexInst::Op::any));
        return true;
      case Node::Kind::bol:
        program.push_back(op(RegexInst::Op::bol));
        return true;
      case Node::Kind::eol:
        program.push_back(op(RegexInst::Op::eol));
        return true;
      case Node::Kind::cls: {
        RegexInst inst;
        inst.op = RegexInst::Op::cls;
        inst.negated = node.negated;
        inst.ranges = node.ranges;
        program.push_back(std::move(inst));
        return true;
      }
      case Node::Kind::concat:
        for (const auto& child : node.children) {
          if (!emit(*child)) return false;
        }
        return true;
      case Node::Kind::alt: {
        std::vector<std::size_t> jumps;
        for (std::size_t k = 0; k < node.children.size(); ++k) {
          if (k + 1 < node.children.size()) {
            const std::size_t split = program.size();
            program.push_back(op(RegexInst::Op::split));
            program[split].x = static_cast<int>(program.size());
            if (!emit(*node.children[k])) return false;
            jumps.push_back(program.size());
            program.push_back(op(RegexInst::Op::jmp));
            program[split].y = static_cast<int>(program.size());
          } else if (!emit(*node.children[k])) {
            return false;
          }
        }
        for (const std::size_t j : jumps) program[j].x = static_cast<int>(program.size());
        return true;
      }
      case Node::Kind::repeat: {
        const Node& child = *node.children[0];
        for (int k = 0; k < node.min; ++k) {
          if (!emit(child)) return false;
        }
        if (node.max == -1) {
          const std::size_t split = program.size();
          program.push_back(op(RegexInst::Op::split));
          program[split].x = static_cast<int>(program.size());
          if (!emit(child)) return false;
          RegexInst back = op(RegexInst::Op::jmp);
          back.x = static_cast<int>(split);
          program.push_back(back);
          program[split].y = static_cast<int>(program.size());
          return true;
        }
        std::vector<std::size_t> splits;
        for (int k = node.min; k < node.max; ++k) {
          splits.push_back(program.size());
          program.push_back(op(RegexInst::Op::split));
          program[splits.back()].x = static_cast<int>(program.size());
          if (!emit(child)) return false;
        }
        for (const std::size_t s : splits) program[s].y = static_cast<int>(program.size());
        return true;
      }
    }
    return true;
  }

  std::vector<RegexInst> program;

 private:
  static RegexInst op(RegexInst::Op o) {
    RegexInst inst;
    inst.op = o;
    return inst;
  }
  bool fold_case_;
};

bool class_has(const RegexInst& inst, char32_t c) {
  for (const auto& r : inst.ranges) {
    if (c >= r.first && c <= r.second) return true;
  }
  return false;
}

// Adds the thread at `pc` and everything reachable from it without consuming input (a sparse set keeps
// each instruction at most once per position, which is what bounds the run time).
void add_thread(const std::vector<RegexInst>& program, std::vector<int>& list, std::vector<std::size_t>& mark,
                std::size_t generation, int pc, std::size_t position, std::size_t length, std::vector<int>& stack) {
  stack.clear();
  stack.push_back(pc);
  while (!stack.empty()) {
    const int p = stack.back();
    stack.pop_back();
    const auto index = static_cast<std::size_t>(p);
    if (mark[index] == generation) continue;
    mark[index] = generation;
    const RegexInst& inst = program[index];
    switch (inst.op) {
      case RegexInst::Op::jmp:
        stack.push_back(inst.x);
        break;
      case RegexInst::Op::split:
        stack.push_back(inst.y);
        stack.push_back(inst.x);
        break;
      case RegexInst::Op::bol:
        if (position == 0) stack.push_back(p + 1);
        break;
      case RegexInst::Op::eol:
        if (position == length) stack.push_back(p + 1);
        break;
      default:
        list.push_back(p);
        break;
    }
  }
}

}  // namespace

RegexCompiled compile_regex(std::string_view pattern, bool fold_case) {
  RegexCompiled out;
  if (pattern.size() > max_pattern_bytes) {
    out.error = "the pattern is longer than " + std::to_string(max_pattern_bytes) + " bytes";
    return out;
  }
  Parser parser(decode_utf8(pattern));
  auto tree = parser.parse();
  if (!parser.error().empty()) {
    out.error = parser.error();
    return out;
  }
  Compiler compiler(fold_case);
  if (!compiler.emit(*tree) || compiler.program.size() > max_program) {
    out.error = "the pattern expands to more than " + std::to_string(max_program) + " steps (repeats multiply it)";
    return out;
  }
  RegexInst match;
  match.op = RegexInst::Op::match;
  compiler.program.push_back(match);
  Regex regex;
  regex.program = std::move(compiler.program);
  regex.fold_case = fold_case;
  out.regex = std::move(regex);
  return out;
}

bool regex_full_match(const Regex& regex, const std::u32string& input) {
  const auto& program = regex.program;
  std::vector<int> current;
  std::vector<int> next;
  std::vector<int> stack;
  std::vector<std::size_t> mark(program.size(), 0);
  std::size_t generation = 1;
  add_thread(program, current, mark, generation, 0, 0, input.size(), stack);
  for (std::size_t i = 0; i < input.size(); ++i) {
    if (current.empty()) return false;
    const char32_t c = input[i];
    ++generation;
    next.clear();
    for (const int p : current) {
      const RegexInst& inst = program[static_cast<std::size_t>(p)];
      bool step = false;
      switch (inst.op) {
        case RegexInst::Op::chr:
          step = inst.c == c;
          break;
        case RegexInst::Op::any:
          step = true;
          break;
        case RegexInst::Op::cls: {
          bool member = class_has(inst, c);
          if (!member && regex.fold_case) member = class_has(inst, unfold(c));
          step = member != inst.negated;
          break;
        }
        default:
          break;
      }
      if (step) add_thread(program, next, mark, generation, p + 1, i + 1, input.size(), stack);
    }
    current.swap(next);
  }
  for (const int p : current) {
    if (program[static_cast<std::size_t>(p)].op == RegexInst::Op::match) return true;
  }
  return false;
}

}  // namespace tessera::assess::detail
