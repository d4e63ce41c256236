// The scenario expression language (scenario.hpp §1): tokenizer, recursive-descent parser to a flat tree,
// binding of names to slots, and exact evaluation with a step budget. Grammar in docs/scenarios.md.
#include <algorithm>
#include <stdexcept>
#include <string>

#include "assess/detail.hpp"
#include "tessera/scenario.hpp"
#include "tessera/utf8.hpp"

namespace tessera::scenario {

namespace {

constexpr std::size_t max_source_length = 2000;
constexpr int max_depth = 64;
constexpr std::uint32_t default_budget = 10000;

enum class Tok {
  number,
  string,
  identifier,
  plus,
  minus,
  star,
  slash,
  lparen,
  rparen,
  comma,
  eq,
  ne,
  lt,
  le,
  gt,
  ge,
  end
};

struct Token {
  Tok kind = Tok::end;
  int column = 1;
  std::string text;  // identifier, string contents, number text
};

bool is_ident_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::string describe(const Token& t) {
  switch (t.kind) {
    case Tok::number:
      return "the number " + t.text;
    case Tok::string:
      return "a string";
    case Tok::identifier:
      return "'" + t.text + "'";
    case Tok::end:
      return "the end";
    default:
      return "'" + t.text + "'";
  }
}

std::variant<std::vector<Token>, ExpressionError> tokenize(std::string_view s) {
  std::vector<Token> out;
  std::size_t i = 0;
  while (true) {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) ++i;
    const int column = static_cast<int>(i) + 1;
    if (i >= s.size()) {
      out.push_back({Tok::end, column, ""});
      return out;
    }
    const char c = s[i];
    if (is_digit(c)) {
      const std::size_t begin = i;
      while (i < s.size() && is_digit(s[i])) ++i;
      if (i < s.size() && s[i] == '.') {
        ++i;
        if (i >= s.size() || !is_digit(s[i])) {
          return ExpressionError{column, "a number needs digits after its decimal point"};
        }
        while (i < s.size() && is_digit(s[i])) ++i;
      }
      if (i < s.size() && is_ident_start(s[i])) {
        return ExpressionError{static_cast<int>(i) + 1,
                               "a number is directly followed by '" + std::string(1, s[i]) + "'"};
      }
      out.push_back({Tok::number, column, std::string(s.substr(begin, i - begin))});
    } else if (is_ident_start(c)) {
      const std::size_t begin = i;
      while (i < s.size() && (is_ident_start(s[i]) || is_digit(s[i]))) ++i;
      out.push_back({Tok::identifier, column, std::string(s.substr(begin, i - begin))});
    } else if (c == '\'' || c == '"') {
      std::string text;
      ++i;
      while (i < s.size() && s[i] != c) {
        if (s[i] == '\\' && i + 1 < s.size() && (s[i + 1] == c || s[i + 1] == '\\')) ++i;
        text += s[i++];
      }
      if (i >= s.size()) return ExpressionError{column, "the string opened here is never closed"};
      ++i;
      out.push_back({Tok::string, column, std::move(text)});
    } else {
      auto two = [&](char next) { return i + 1 < s.size() && s[i + 1] == next; };
      Token t{Tok::end, column, std::string(1, c)};
      switch (c) {
        case '+':
          t.kind = Tok::plus;
          break;
        case '-':
          t.kind = Tok::minus;
          break;
        case '*':
          t.kind = Tok::star;
          break;
        case '/':
          t.kind = Tok::slash;
          break;
        case '(':
          t.kind = Tok::lparen;
          break;
        case ')':
          t.kind = Tok::rparen;
          break;
        case ',':
          t.kind = Tok::comma;
          break;
        case '<':
          t.kind = two('=') ? Tok::le : Tok::lt;
          break;
        case '>':
          t.kind = two('=') ? Tok::ge : Tok::gt;
          break;
        case '=':
          if (!two('=')) return ExpressionError{column, "a single '=' is not an operator; compare with '=='"};
          t.kind = Tok::eq;
          break;
        case '!':
          if (!two('=')) return ExpressionError{column, "'!' is not an operator; use 'not' or '!='"};
          t.kind = Tok::ne;
          break;
        case '&':
          return ExpressionError{column, "'&' is not an operator; use 'and'"};
        case '|':
          return ExpressionError{column, "'|' is not an operator; use 'or'"};
        default: {
          // The whole character (a multi-byte one is quoted whole), printable: the message must stay UTF-8.
          std::size_t end = i;
          if (!utf8::next_code_point(s, end)) end = i + 1;
          return ExpressionError{column, "unexpected character '" + utf8::printable(s.substr(i, end - i)) + "'"};
        }
      }
      if (t.kind == Tok::le || t.kind == Tok::ge || t.kind == Tok::eq || t.kind == Tok::ne) {
        t.text += s[i + 1];
        ++i;
      }
      ++i;
      out.push_back(std::move(t));
    }
  }
}

using Node = ExpressionNode;

class Parser {
 public:
  Parser(std::vector<Token> tokens, std::vector<Node>& nodes) : tokens_(std::move(tokens)), nodes_(nodes) {}

  std::int32_t parse_all() {
    const std::int32_t root = parse_or();
    if (peek().kind != Tok::end)
      fail(peek().column, "found " + describe(peek()) + " after a complete expression; is an operator missing?");
    return root;
  }

  std::optional<ExpressionError> error;

 private:
  struct Stop {};
  std::vector<Token> tokens_;
  std::vector<Node>& nodes_;
  std::size_t at_ = 0;
  int depth_ = 0;

  const Token& peek() const { return tokens_[at_]; }
  bool keyword(std::string_view word) const { return peek().kind == Tok::identifier && peek().text == word; }
  Token take() { return tokens_[at_ < tokens_.size() - 1 ? at_++ : at_]; }
  [[noreturn]] void fail(int column, std::string message) {
    error = ExpressionError{column, std::move(message)};
    throw Stop{};
  }
  std::int32_t add(Node node) {
    nodes_.push_back(std::move(node));
    return static_cast<std::int32_t>(nodes_.size() - 1);
  }
  std::int32_t binary(Node::Op op, int column, std::int32_t left, std::int32_t right) {
    Node n;
    n.kind = Node::Kind::binary;
    n.op = op;
    n.column = column;
    n.children = {left, right};
    return add(std::move(n));
  }
  struct Deeper {
    Parser& p;
    explicit Deeper(Parser& parser, int column) : p(parser) {
      if (++p.depth_ > max_depth)
        p.fail(column, "the expression nests deeper than " + std::to_string(max_depth) + " levels");
    }
    ~Deeper() { --p.depth_; }
    Deeper(const Deeper&) = delete;
    Deeper& operator=(const Deeper&) = delete;
  };

 public:
  std::int32_t run() {
    try {
      return parse_all();
    } catch (const Stop&) {
      return -1;
    }
  }

 private:
  std::int32_t parse_or() {
    std::int32_t left = parse_and();
    while (keyword("or")) {
      const int column = take().column;
      left = binary(Node::Op::logical_or, column, left, parse_and());
    }
    return left;
  }
  std::int32_t parse_and() {
    std::int32_t left = parse_not();
    while (keyword("and")) {
      const int column = take().column;
      left = binary(Node::Op::logical_and, column, left, parse_not());
    }
    return left;
  }
  std::int32_t parse_not() {
    if (keyword("not")) {
      const int column = take().column;
      Deeper deeper(*this, column);
      Node n;
      n.kind = Node::Kind::logical_not;
      n.column = column;
      n.children = {parse_not()};
      return add(std::move(n));
    }
    return parse_comparison();
  }
  static std::optional<Node::Op> comparison_op(Tok kind) {
    switch (kind) {
      case Tok::eq:
        return Node::Op::eq;
      case Tok::ne:
        return Node::Op::ne;
      case Tok::lt:
        return Node::Op::lt;
      case Tok::le:
        return Node::Op::le;
      case Tok::gt:
        return Node::Op::gt;
      case Tok::ge:
        return Node::Op::ge;
      default:
        return std::nullopt;
    }
  }
  std::int32_t parse_comparison() {
    const std::int32_t left = parse_additive();
    const auto op = comparison_op(peek().kind);
    if (!op) return left;
    const int column = take().column;
    const std::int32_t result = binary(*op, column, left, parse_additive());
    if (comparison_op(peek().kind)) {
      fail(peek().column, "comparisons do not chain; join them with 'and' (e.g. 1 < x and x < 5)");
    }
    return result;
  }
  std::int32_t parse_additive() {
    std::int32_t left = parse_multiplicative();
    while (peek().kind == Tok::plus || peek().kind == Tok::minus) {
      const Token t = take();
      left = binary(t.kind == Tok::plus ? Node::Op::add : Node::Op::sub, t.column, left, parse_multiplicative());
    }
    return left;
  }
  std::int32_t parse_multiplicative() {
    std::int32_t left = parse_unary();
    while (peek().kind == Tok::star || peek().kind == Tok::slash) {
      const Token t = take();
      left = binary(t.kind == Tok::star ? Node::Op::mul : Node::Op::div, t.column, left, parse_unary());
    }
    return left;
  }
  std::int32_t parse_unary() {
    if (peek().kind == Tok::minus) {
      const int column = take().column;
      Deeper deeper(*this, column);
      Node n;
      n.kind = Node::Kind::negate;
      n.column = column;
      n.children = {parse_unary()};
      return add(std::move(n));
    }
    return parse_primary();
  }
  std::int32_t parse_primary() {
    const Token t = take();
    Deeper deeper(*this, t.column);
    Node n;
    n.column = t.column;
    switch (t.kind) {
      case Tok::number: {
        const auto value = assess::detail::parse_exact_text(t.text);
        if (!value) fail(t.column, "the number " + t.text + " is outside the exact range (at most 10^9, 9 decimals)");
        n.literal = Value::of(*value);
        return add(std::move(n));
      }
      case Tok::string:
        n.literal = Value::of(t.text);
        return add(std::move(n));
      case Tok::lparen: {
        const std::int32_t inner = parse_or();
        if (peek().kind != Tok::rparen)
          fail(peek().column,
               "expected ')' to close the '(' at column " + std::to_string(t.column) + ", found " + describe(peek()));
        take();
        return inner;
      }
      case Tok::identifier:
        break;
      default:
        fail(t.column, "expected a value (a number, a string, a name or '('), found " + describe(t));
    }
    if (t.text == "true" || t.text == "false") {
      n.literal = Value::of(t.text == "true");
      return add(std::move(n));
    }
    if (t.text == "and" || t.text == "or" || t.text == "not")
      fail(t.column, "'" + t.text + "' needs a value before it");
    if (peek().kind != Tok::lparen) {
      n.kind = Node::Kind::variable;
      n.name = t.text;
      return add(std::move(n));
    }
    take();                                          // '('
    std::vector<std::pair<std::int32_t, int>> args;  // node, column
    if (peek().kind != Tok::rparen) {
      while (true) {
        const int column = peek().column;
        args.emplace_back(parse_or(), column);
        if (peek().kind == Tok::comma) {
          take();
          continue;
        }
        break;
      }
    }
    if (peek().kind != Tok::rparen)
      fail(peek().column, "expected ',' or ')' in the call of " + t.text + "(), found " + describe(peek()));
    take();
    if (t.text == "visited") {
      if (args.size() != 1 || nodes_[static_cast<std::size_t>(args[0].first)].kind != Node::Kind::literal ||
          nodes_[static_cast<std::size_t>(args[0].first)].literal.type != ValueType::string) {
        fail(t.column, "visited() takes one quoted node id, e.g. visited(\"intro\")");
      }
      n.kind = Node::Kind::visited;
      n.name = nodes_[static_cast<std::size_t>(args[0].first)].literal.text;
      return add(std::move(n));
    }
    struct Known {
      const char* name;
      Node::Function function;
      std::size_t min_args, max_args;
    };
    static const Known known[] = {{"min", Node::Function::min, 1, 64},    {"max", Node::Function::max, 1, 64},
                                  {"clamp", Node::Function::clamp, 3, 3}, {"round", Node::Function::round, 1, 1},
                                  {"abs", Node::Function::abs, 1, 1},     {"random", Node::Function::random, 2, 2}};
    for (const Known& k : known) {
      if (t.text != k.name) continue;
      if (args.size() < k.min_args || args.size() > k.max_args) {
        fail(t.column,
             t.text + "() takes " +
                 (k.min_args == k.max_args ? std::to_string(k.min_args) : "at least " + std::to_string(k.min_args)) +
                 (k.min_args == 1 ? " argument" : " arguments") + ", not " + std::to_string(args.size()));
      }
      n.kind = Node::Kind::call;
      n.function = k.function;
      for (const auto& arg : args) n.children.push_back(arg.first);
      return add(std::move(n));
    }
    fail(t.column, "unknown function '" + t.text + "'; use min, max, clamp, round, abs, random or visited");
  }
};

// ─── evaluation ───

struct Failed {
  ExpressionError error;
};

class Evaluator {
 public:
  Evaluator(const std::vector<Node>& nodes, const Environment& env)
      : nodes_(nodes), env_(env), budget_(env.step_budget == 0 ? default_budget : env.step_budget) {}

  Value eval(std::int32_t index) {
    const Node& n = nodes_[static_cast<std::size_t>(index)];
    if (budget_ == 0) fail(n.column, "the expression ran out of evaluation steps");
    --budget_;
    switch (n.kind) {
      case Node::Kind::literal:
        return n.literal;
      case Node::Kind::variable:
        if (n.slot < 0 || !env_.variables || static_cast<std::size_t>(n.slot) >= env_.variables->size()) {
          fail(n.column, "variable '" + n.name + "' is not defined");
        }
        return (*env_.variables)[static_cast<std::size_t>(n.slot)];
      case Node::Kind::visited:
        if (n.slot < 0 || !env_.visited || static_cast<std::size_t>(n.slot) >= env_.visited->size()) {
          fail(n.column, "node '" + n.name + "' is not in this scenario");
        }
        return Value::of(static_cast<bool>((*env_.visited)[static_cast<std::size_t>(n.slot)]));
      case Node::Kind::negate: {
        const Value v = number(n.children[0], "'-'");
        return Value::of(Fraction::of(0) - v.number);
      }
      case Node::Kind::logical_not:
        return Value::of(!boolean(n.children[0], "'not'"));
      case Node::Kind::binary:
        return binary(n);
      case Node::Kind::call:
        return call(n);
    }
    return {};
  }

  [[noreturn]] static void fail(int column, std::string message) { throw Failed{{column, std::move(message)}}; }

 private:
  const std::vector<Node>& nodes_;
  const Environment& env_;
  std::uint32_t budget_;

  int column_of(std::int32_t index) const { return nodes_[static_cast<std::size_t>(index)].column; }
  Value number(std::int32_t index, const char* what) {
    Value v = eval(index);
    if (v.type != ValueType::number)
      fail(column_of(index), std::string(what) + " needs a number here, not a " + std::string(to_string(v.type)));
    return v;
  }
  bool boolean(std::int32_t index, const char* what) {
    const Value v = eval(index);
    if (v.type != ValueType::boolean)
      fail(column_of(index), std::string(what) + " needs true or false here, not a " + std::string(to_string(v.type)));
    return v.boolean;
  }
  std::int64_t whole(std::int32_t index, const char* what) {
    const Value v = number(index, what);
    if (v.number.den != 1)
      fail(column_of(index), std::string(what) + " needs a whole number here, not " + v.number.to_string());
    return v.number.num;
  }

  Value binary(const Node& n) {
    using Op = Node::Op;
    const std::int32_t l = n.children[0], r = n.children[1];
    switch (n.op) {
      case Op::logical_and:
        return Value::of(boolean(l, "'and'") && boolean(r, "'and'"));
      case Op::logical_or:
        return Value::of(boolean(l, "'or'") || boolean(r, "'or'"));
      case Op::eq:
      case Op::ne: {
        const Value a = eval(l), b = eval(r);
        if (a.type != b.type) {
          fail(n.column,
               "cannot compare a " + std::string(to_string(a.type)) + " with a " + std::string(to_string(b.type)));
        }
        return Value::of((a == b) == (n.op == Op::eq));
      }
      case Op::lt:
      case Op::le:
      case Op::gt:
      case Op::ge: {
        const Fraction a = number(l, "a comparison").number, b = number(r, "a comparison").number;
        return Value::of(n.op == Op::lt ? a < b : n.op == Op::le ? a <= b : n.op == Op::gt ? a > b : a >= b);
      }
      // Left operand first, always: the operands of a + b are unsequenced in C++ (g++ and clang order them
      // differently), and random() on both sides must draw in the same order everywhere.
      case Op::add: {
        const Fraction a = number(l, "'+'").number, b = number(r, "'+'").number;
        return Value::of(a + b);
      }
      case Op::sub: {
        const Fraction a = number(l, "'-'").number, b = number(r, "'-'").number;
        return Value::of(a - b);
      }
      case Op::mul: {
        const Fraction a = number(l, "'*'").number, b = number(r, "'*'").number;
        return Value::of(a * b);
      }
      case Op::div: {
        const Fraction a = number(l, "'/'").number, b = number(r, "'/'").number;
        if (b.num == 0) fail(n.column, "division by zero");
        return Value::of(a / b);
      }
    }
    return {};
  }

  Value call(const Node& n) {
    using F = Node::Function;
    switch (n.function) {
      case F::min:
      case F::max: {
        Fraction best = number(n.children[0], n.function == F::min ? "min()" : "max()").number;
        for (std::size_t i = 1; i < n.children.size(); ++i) {
          const Fraction v = number(n.children[i], n.function == F::min ? "min()" : "max()").number;
          if (n.function == F::min ? v < best : best < v) best = v;
        }
        return Value::of(best);
      }
      case F::clamp: {
        const Fraction x = number(n.children[0], "clamp()").number, lo = number(n.children[1], "clamp()").number,
                       hi = number(n.children[2], "clamp()").number;
        if (hi < lo)
          fail(n.column, "clamp() got a low bound " + lo.to_string() + " above its high bound " + hi.to_string());
        return Value::of(assess::clamp(x, lo, hi));
      }
      case F::round:
        return Value::of(round_half_away(number(n.children[0], "round()").number));
      case F::abs: {
        const Fraction x = number(n.children[0], "abs()").number;
        return Value::of(x < Fraction::of(0) ? Fraction::of(0) - x : x);
      }
      case F::random: {
        const std::int64_t lo = whole(n.children[0], "random()"), hi = whole(n.children[1], "random()");
        if (hi < lo)
          fail(n.column,
               "random(" + std::to_string(lo) + ", " + std::to_string(hi) + ") has its low bound above its high bound");
        if (!env_.random) fail(n.column, "random() is not available here");
        return Value::of(Fraction::of(env_.random->between(lo, hi)));
      }
    }
    return {};
  }
};

}  // namespace

std::string_view to_string(ValueType type) {
  switch (type) {
    case ValueType::number:
      return "number";
    case ValueType::boolean:
      return "boolean";
    case ValueType::string:
      return "string";
  }
  return "number";
}

nlohmann::json Value::to_json() const {
  switch (type) {
    case ValueType::number:
      return number.to_string();
    case ValueType::boolean:
      return boolean;
    case ValueType::string:
      return text;
  }
  return nullptr;
}

Fraction round_half_away(Fraction value) {
  // |value| + 1/2, floored, with the sign put back: exact for any fraction.
  const bool negative = value.num < 0;
  const Fraction magnitude = negative ? Fraction::of(0) - value : value;
  const Fraction shifted = magnitude + Fraction::of(1, 2);
  const std::int64_t floored = shifted.num / shifted.den;  // non-negative, so division truncates = floors
  return Fraction::of(negative ? -floored : floored);
}

std::variant<Expression, ExpressionError> Expression::parse(std::string_view source) {
  if (source.size() > max_source_length) {
    return ExpressionError{static_cast<int>(max_source_length) + 1,
                           "the expression is longer than " + std::to_string(max_source_length) + " characters"};
  }
  auto tokens = tokenize(source);
  if (auto* error = std::get_if<ExpressionError>(&tokens)) return *error;
  Expression e;
  e.source_ = std::string(source);
  auto& list = std::get<std::vector<Token>>(tokens);
  if (list.size() == 1) return ExpressionError{1, "the expression is empty"};
  Parser parser(std::move(list), e.nodes_);
  try {
    e.root_ = parser.run();
  } catch (const std::exception&) {
    // Fraction arithmetic cannot run while parsing; this guards allocation failures only.
    return ExpressionError{1, "the expression could not be parsed"};
  }
  if (parser.error) return *parser.error;
  return e;
}

std::optional<ExpressionError> Expression::bind(const std::vector<std::string>& variables,
                                                const std::vector<std::string>& nodes) {
  for (auto& n : nodes_) {
    if (n.kind == ExpressionNode::Kind::variable) {
      const auto found = std::find(variables.begin(), variables.end(), n.name);
      if (found == variables.end()) {
        const bool function_name = n.name == "min" || n.name == "max" || n.name == "clamp" || n.name == "round" ||
                                   n.name == "abs" || n.name == "random" || n.name == "visited";
        return ExpressionError{n.column, function_name ? "'" + n.name + "' is a function; call it with (…)"
                                                       : "variable '" + n.name + "' is not declared in \"variables\""};
      }
      n.slot = static_cast<std::int32_t>(found - variables.begin());
    } else if (n.kind == ExpressionNode::Kind::visited) {
      const auto found = std::find(nodes.begin(), nodes.end(), n.name);
      if (found == nodes.end())
        return ExpressionError{n.column, "visited(\"" + n.name + "\") names no node of this scenario"};
      n.slot = static_cast<std::int32_t>(found - nodes.begin());
    }
  }
  return std::nullopt;
}

std::variant<Value, ExpressionError> Expression::evaluate(const Environment& environment) const {
  if (root_ < 0) return ExpressionError{1, "the expression is empty"};
  try {
    Evaluator evaluator(nodes_, environment);
    return evaluator.eval(root_);
  } catch (const Failed& failed) {
    return failed.error;
  } catch (const std::overflow_error&) {
    return ExpressionError{1, "a number grew beyond the exact range (64-bit numerator and denominator)"};
  } catch (const std::domain_error&) {
    return ExpressionError{1, "division by zero"};
  }
}

bool Expression::uses_random() const {
  for (const auto& n : nodes_) {
    if (n.kind == ExpressionNode::Kind::call && n.function == ExpressionNode::Function::random) return true;
  }
  return false;
}

bool Expression::uses_visited() const {
  for (const auto& n : nodes_) {
    if (n.kind == ExpressionNode::Kind::visited) return true;
  }
  return false;
}

}  // namespace tessera::scenario
