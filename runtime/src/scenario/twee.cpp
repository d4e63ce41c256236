// Twine 2 Twee 3 → scenario (scenario.hpp §4): passages become nodes (several links: decision, one link:
// narrative, none: ending), links become choices. Story-format macros and scripts are not run: they stay in
// the text and each is reported as a warning with its line, so authors know what to redo as effects.
#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "tessera/json_text.hpp"
#include "tessera/scenario.hpp"
#include "tessera/utf8.hpp"

namespace tessera::scenario {

namespace {

using nlohmann::json;

struct Link {
  std::string text, target;
  std::size_t line = 0;
};

struct Passage {
  std::string name;
  std::vector<std::string> tags;
  std::size_t line = 0;                                   // of the header
  std::vector<std::pair<std::size_t, std::string>> body;  // (line, text)
};

std::string trim(std::string_view s) {
  const auto begin = s.find_first_not_of(" \t\r\n");
  if (begin == std::string_view::npos) return {};
  const auto end = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(begin, end - begin + 1));
}

// A node or choice id from free text: lower-case ASCII letters and digits joined by single hyphens.
std::string slugify(std::string_view text) {
  std::string out;
  for (const char c : text) {
    const char lower = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    if ((lower >= 'a' && lower <= 'z') || (lower >= '0' && lower <= '9')) {
      out += lower;
    } else if (!out.empty() && out.back() != '-') {
      out += '-';
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  if (out.size() > 56) out.resize(56);
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out.empty() ? "passage" : out;
}

// Hands out ids that are unique among those taken: the base, then base-2, base-3, … Each base remembers the
// next suffix to try, so N passages whose names all slugify alike cost N steps, not N².
class UniqueIds {
 public:
  std::string take(const std::string& base) {
    if (taken_.insert(base).second) return base;
    std::size_t& suffix = next_suffix_.try_emplace(base, 2).first->second;
    for (;; ++suffix) {
      std::string id = base + "-" + std::to_string(suffix);
      if (taken_.insert(id).second) {
        ++suffix;
        return id;
      }
    }
  }

 private:
  std::set<std::string> taken_;
  std::map<std::string, std::size_t> next_suffix_;
};

// "Name [tag tag] {json}" with Twee's escapes (\[ \] \{ \} \\) in the name.
Passage parse_header(std::string_view header, std::size_t line) {
  Passage p;
  p.line = line;
  std::size_t i = 0;
  std::string name;
  while (i < header.size()) {
    const char c = header[i];
    if (c == '\\' && i + 1 < header.size()) {
      name += header[i + 1];
      i += 2;
      continue;
    }
    if (c == '[' || c == '{') break;
    name += c;
    ++i;
  }
  p.name = trim(name);
  if (i < header.size() && header[i] == '[') {
    const auto close = header.find(']', i);
    std::string tags(header.substr(i + 1, close == std::string_view::npos ? std::string_view::npos : close - i - 1));
    std::size_t start = 0;
    while (start < tags.size()) {
      const auto space = tags.find(' ', start);
      const std::string tag = tags.substr(start, space == std::string::npos ? std::string::npos : space - start);
      if (!tag.empty()) p.tags.push_back(tag);
      if (space == std::string::npos) break;
      start = space + 1;
    }
  }
  return p;
}

// Every [[…]] in a line, in Twine 2's link forms.
std::vector<Link> links_in(const std::string& text, std::size_t line) {
  std::vector<Link> out;
  std::size_t at = 0;
  while ((at = text.find("[[", at)) != std::string::npos) {
    const auto close = text.find("]]", at + 2);
    if (close == std::string::npos) break;
    const std::string inner = text.substr(at + 2, close - at - 2);
    Link link;
    link.line = line;
    if (const auto bar = inner.find('|'); bar != std::string::npos) {
      link.text = inner.substr(0, bar);
      link.target = inner.substr(bar + 1);
    } else if (const auto arrow = inner.rfind("->"); arrow != std::string::npos) {
      link.text = inner.substr(0, arrow);
      link.target = inner.substr(arrow + 2);
    } else if (const auto back = inner.find("<-"); back != std::string::npos) {
      link.target = inner.substr(0, back);
      link.text = inner.substr(back + 2);
    } else {
      link.text = link.target = inner;
    }
    link.text = trim(link.text);
    link.target = trim(link.target);
    out.push_back(std::move(link));
    at = close + 2;
  }
  return out;
}

// Story-format code Tessera does not run: Harlowe (set: …) hooks, SugarCube <<macros>>, $variables, <script>.
std::optional<std::string> macro_in(const std::string& text) {
  if (const auto at = text.find("<<"); at != std::string::npos)
    return text.substr(at, std::min<std::size_t>(24, text.size() - at));
  if (const auto at = text.find("<script"); at != std::string::npos) return std::string("<script>");
  for (std::size_t i = 0; i + 1 < text.size(); ++i) {
    if (text[i] == '(' && std::isalpha(static_cast<unsigned char>(text[i + 1]))) {
      std::size_t j = i + 1;
      while (j < text.size() && (std::isalnum(static_cast<unsigned char>(text[j])) || text[j] == '-')) ++j;
      if (j < text.size() && text[j] == ':') return text.substr(i, j - i + 1);
    }
    if (text[i] == '$' && std::isalpha(static_cast<unsigned char>(text[i + 1]))) {
      std::size_t j = i + 1;
      while (j < text.size() && (std::isalnum(static_cast<unsigned char>(text[j])) || text[j] == '_')) ++j;
      return text.substr(i, j - i);
    }
  }
  return std::nullopt;
}

std::string without_links(const std::string& text) {
  std::string out;
  std::size_t at = 0;
  while (true) {
    const auto open = text.find("[[", at);
    const auto close = open == std::string::npos ? std::string::npos : text.find("]]", open + 2);
    if (close == std::string::npos) {
      out += text.substr(at);
      return out;
    }
    out += text.substr(at, open - at);
    at = close + 2;
  }
}

}  // namespace

TweeImport import_twee(std::string_view text) {
  TweeImport result;
  // Every name and text becomes a JSON string, which must be UTF-8: refuse the story up front, with the line.
  if (const std::size_t bad = utf8::first_invalid_utf8(text); bad != std::string_view::npos) {
    const auto line =
        1 + static_cast<std::size_t>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(bad), '\n'));
    result.problems.push_back(
        error_at("line " + std::to_string(line),
                 "the story is not valid UTF-8 (byte " + std::to_string(bad + 1) + " of the file)",
                 "save the .twee file as UTF-8 (Twine writes UTF-8)"));
    return result;
  }
  std::vector<Passage> passages;
  std::size_t line_number = 0;
  std::size_t at = 0;
  while (at <= text.size()) {
    const auto end = std::min(text.find('\n', at), text.size());
    std::string line(text.substr(at, end - at));
    if (!line.empty() && line.back() == '\r') line.pop_back();
    ++line_number;
    if (line.rfind("::", 0) == 0) {
      passages.push_back(parse_header(std::string_view(line).substr(2), line_number));
    } else if (!passages.empty()) {
      passages.back().body.emplace_back(line_number, line);
    } else if (!trim(line).empty()) {
      result.problems.push_back(warning_at("line " + std::to_string(line_number),
                                           "text before the first passage header is ignored",
                                           "start passages with \":: Name\""));
    }
    if (end == text.size()) break;
    at = end + 1;
  }

  std::string title, start_name;
  std::vector<const Passage*> story;
  std::map<std::string, const Passage*> by_name;
  for (const Passage& p : passages) {
    const std::string where = "line " + std::to_string(p.line);
    std::string body;
    for (const auto& [n, l] : p.body) body += l + "\n";
    if (p.name == "StoryTitle") {
      title = trim(body);
      continue;
    }
    if (p.name == "StoryData") {
      const std::size_t first_line = p.body.empty() ? p.line + 1 : p.body.front().first;
      const auto read = json_text::parse(body, json_text::story_data, "StoryData", first_line);
      const json& data = read.value;
      if (read.error) {
        Problem problem = read.error->problem;
        // A member's pointer means nothing in a Twee file: the passage's line does.
        if (!read.error->pointer.empty()) problem.where = where;
        result.problems.push_back(std::move(problem));
      } else if (!data.is_object()) {
        result.problems.push_back(
            error_at(where, "StoryData is not a JSON object", "write it as {\"ifid\": …, \"start\": …}"));
      } else if (data.contains("start") && data["start"].is_string()) {
        start_name = data["start"].get<std::string>();
      }
      continue;
    }
    const bool code = std::any_of(p.tags.begin(), p.tags.end(),
                                  [](const std::string& t) { return t == "script" || t == "stylesheet"; });
    if (code) {
      result.problems.push_back(
          warning_at(where,
                     "passage '" + p.name + "' is a story " +
                         (std::find(p.tags.begin(), p.tags.end(), "script") != p.tags.end() ? "script" : "stylesheet") +
                         " and is left out",
                     "Tessera runs no story-format code"));
      continue;
    }
    if (p.name.empty()) {
      result.problems.push_back(error_at(where, "a passage has no name", "write \":: Name\""));
      continue;
    }
    if (!by_name.emplace(p.name, &p).second) {
      result.problems.push_back(
          error_at(where, "a second passage is named '" + p.name + "'", "passage names must be unique"));
      continue;
    }
    story.push_back(&p);
  }
  if (story.empty()) {
    result.problems.push_back(
        error_at("line 1", "the file has no story passages", "a Twee 3 passage starts with \":: Name\""));
    return result;
  }
  if (start_name.empty()) start_name = by_name.count("Start") ? "Start" : story.front()->name;
  if (!by_name.count(start_name)) {
    result.problems.push_back(error_at("line 1",
                                       "the start passage '" + start_name + "' named in StoryData does not exist",
                                       "fix \"start\" in StoryData"));
    return result;
  }

  UniqueIds node_ids;
  std::map<std::string, std::string> ids;
  for (const Passage* p : story) ids[p->name] = node_ids.take(slugify(p->name));

  json nodes = json::array();
  for (const Passage* p : story) {
    std::vector<Link> links;
    std::string body;
    for (const auto& [n, line] : p->body) {
      for (auto& link : links_in(line, n)) links.push_back(std::move(link));
      if (auto macro = macro_in(line)) {
        result.problems.push_back(
            warning_at("line " + std::to_string(n),
                       "passage '" + p->name + "': story-format code '" + *macro + "' is kept as plain text",
                       "Tessera runs no macros; model state with scenario variables and effects"));
      }
      body += without_links(line) + "\n";
    }
    body = trim(body);
    json node = {{"id", ids[p->name]}};
    std::vector<Link> valid;
    for (const Link& link : links) {
      if (!by_name.count(link.target)) {
        result.problems.push_back(
            error_at("line " + std::to_string(link.line),
                     "passage '" + p->name + "' links to '" + link.target + "', which is not a passage",
                     "add the passage or fix the link"));
        continue;
      }
      valid.push_back(link);
    }
    if (valid.empty()) {
      node["type"] = "ending";
      node["outcome"] = p->name;
      if (!body.empty()) node["feedback"] = body;
    } else if (valid.size() == 1) {
      node["type"] = "narrative";
      node["text"] = body.empty() ? valid.front().text : body;
      node["next"] = ids[valid.front().target];
    } else {
      node["type"] = "decision";
      node["text"] = body.empty() ? p->name : body;
      json choices = json::array();
      UniqueIds choice_ids;
      for (const Link& link : valid) {
        choices.push_back(
            {{"id", choice_ids.take(slugify(link.text))}, {"text", link.text}, {"next", ids[link.target]}});
      }
      node["choices"] = std::move(choices);
    }
    nodes.push_back(std::move(node));
  }
  // Problems in file order (passage-level findings were collected in an earlier pass).
  auto line_of = [](const Problem& p) { return std::stoul(p.where.substr(5)); };
  std::stable_sort(result.problems.begin(), result.problems.end(),
                   [&](const Problem& a, const Problem& b) { return line_of(a) < line_of(b); });
  result.scenario = {
      {"id", slugify(title.empty() ? "imported" : title)}, {"start", ids[start_name]}, {"nodes", std::move(nodes)}};
  if (!title.empty()) result.scenario["title"] = title;
  return result;
}

}  // namespace tessera::scenario
