// RDFC-1.0 canonicalization (W3C Recommendation, 2024) with SHA-256, and canonical N-Quads output.
//
// Sections: identifier issuer · hash first degree · hash related blank node · hash N-degree quads (with the
// work limit) · the canonicalization algorithm. Step numbers in comments follow the Recommendation.
#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "tessera/crypto.hpp"
#include "tessera/rdfc.hpp"

namespace tessera::rdf {
namespace {

std::string sha256_hex(std::string_view text) { return crypto::to_hex(crypto::sha256(crypto::as_bytes(text))); }

bool has_blank(const Quad& q) { return q.subject.is_blank() || q.object.is_blank() || q.graph.is_blank(); }

// The lines one after another, in one allocation.
std::string join(const std::vector<std::string>& lines) {
  std::size_t size = 0;
  for (const std::string& line : lines) size += line.size();
  std::string out;
  out.reserve(size);
  for (const std::string& line : lines) out += line;
  return out;
}

// Issues identifiers prefix0, prefix1, … in order, remembering which input label got which.
class IdentifierIssuer {
 public:
  explicit IdentifierIssuer(std::string prefix) : prefix_(std::move(prefix)) {}

  const std::string& issue(const std::string& existing) {
    const auto found = index_.find(existing);
    if (found != index_.end()) return issued_[found->second].second;
    index_.emplace(existing, issued_.size());
    issued_.emplace_back(existing, prefix_ + std::to_string(issued_.size()));
    return issued_.back().second;
  }
  [[nodiscard]] const std::string* find(const std::string& existing) const {
    const auto found = index_.find(existing);
    return found == index_.end() ? nullptr : &issued_[found->second].second;
  }
  [[nodiscard]] bool has(const std::string& existing) const { return index_.count(existing) != 0; }
  [[nodiscard]] const std::vector<std::pair<std::string, std::string>>& issued() const { return issued_; }

 private:
  std::string prefix_;
  std::vector<std::pair<std::string, std::string>> issued_;  // in issue order
  std::unordered_map<std::string, std::size_t> index_;
};

struct NDegreeResult {
  std::string hash;
  IdentifierIssuer issuer;
};

// Deep enough for any real document; a deeper recursion is treated like an exceeded work limit.
constexpr std::size_t max_recursion_depth = 512;

class Canonicalizer {
 public:
  // `lines` are the quads' N-Quads lines as given (sorted, no repeats): those without blank nodes are final.
  Canonicalizer(const Dataset& quads, std::vector<std::string> lines, std::size_t max_work)
      : quads_(quads), lines_(std::move(lines)), max_work_(max_work) {}

  Result<Canonical> run() {
    // Step 2: blank node to quads.
    for (std::size_t i = 0; i < quads_.size(); ++i) {
      const Quad& q = quads_[i];
      for (const Term* t : {&q.subject, &q.object, &q.graph}) {
        if (t->is_blank()) {
          auto& list = blank_to_quads_[t->value];
          if (list.empty() || list.back() != i) list.push_back(i);
        }
      }
    }
    // Step 3: first-degree hashes, grouped (std::map keeps hashes in code point order).
    std::map<std::string, std::vector<std::string>> hash_to_blanks;
    for (const auto& entry : blank_to_quads_) hash_to_blanks[hash_first_degree(entry.first)].push_back(entry.first);
    // Step 4: blank nodes with a unique hash get canonical identifiers in hash order.
    for (auto it = hash_to_blanks.begin(); it != hash_to_blanks.end();) {
      if (it->second.size() > 1) {
        ++it;
        continue;
      }
      canonical_.issue(it->second.front());
      it = hash_to_blanks.erase(it);
    }
    // Step 5: the rest, by hash N-degree quads.
    for (const auto& entry : hash_to_blanks) {
      std::vector<NDegreeResult> paths;
      for (const std::string& blank : entry.second) {
        if (canonical_.has(blank)) continue;
        IdentifierIssuer temporary("b");
        temporary.issue(blank);
        auto result = hash_n_degree(blank, std::move(temporary), 0);
        if (exceeded_) return work_limit_problem();
        paths.push_back(std::move(*result));
      }
      std::stable_sort(paths.begin(), paths.end(),
                       [](const NDegreeResult& a, const NDegreeResult& b) { return a.hash < b.hash; });
      for (const NDegreeResult& path : paths) {
        for (const auto& issued : path.issuer.issued()) canonical_.issue(issued.first);
      }
    }
    // Step 6: relabel, serialize, sort. Lines without blank nodes are already in their canonical form.
    const BlankLabel canonical_label = [this](const std::string& label) -> std::string_view {
      return *canonical_.find(label);
    };
    for (std::size_t i = 0; i < quads_.size(); ++i) {
      if (!has_blank(quads_[i])) continue;
      lines_[i].clear();
      append_nquad(lines_[i], quads_[i], canonical_label);
    }
    std::sort(lines_.begin(), lines_.end());
    lines_.erase(std::unique(lines_.begin(), lines_.end()), lines_.end());
    Canonical out;
    out.nquads = join(lines_);
    out.issued = canonical_.issued();
    return out;
  }

 private:
  Problem work_limit_problem() const {
    return error_at("",
                    "RDF canonicalization gave up after " + std::to_string(max_work_) +
                        " units of work: the document has too many blank nodes that look alike (a poison graph)",
                    "give the nodes ids or distinguishing properties; real credentials never need this much work");
  }

  bool spend(std::size_t units) {
    work_ += units;
    if (work_ > max_work_) exceeded_ = true;
    return !exceeded_;
  }

  // 4.6: hash of the blank node's quads with itself as _:a and every other blank node as _:z.
  const std::string& hash_first_degree(const std::string& blank) {
    const auto cached = first_degree_.find(blank);
    if (cached != first_degree_.end()) return cached->second;
    std::vector<std::string> lines;
    const BlankLabel first_degree_label = [&blank](const std::string& label) -> std::string_view {
      return label == blank ? "a" : "z";
    };
    for (const std::size_t index : blank_to_quads_[blank]) {
      append_nquad(lines.emplace_back(), quads_[index], first_degree_label);
    }
    std::sort(lines.begin(), lines.end());
    const std::string joined = join(lines);
    return first_degree_.emplace(blank, sha256_hex(joined)).first->second;
  }

  // 4.7
  std::string hash_related(const std::string& related, const Quad& quad, const IdentifierIssuer& issuer,
                           char position) {
    std::string input(1, position);
    if (position != 'g') input += "<" + quad.predicate.value + ">";
    if (const std::string* id = canonical_.find(related)) {
      input += "_:" + *id;
    } else if (const std::string* temp = issuer.find(related)) {
      input += "_:" + *temp;
    } else {
      input += hash_first_degree(related);
    }
    return sha256_hex(input);
  }

  // 4.8; nullopt only when the work limit was exceeded. Work is counted as what it costs, not as calls: each
  // quad examined, and for each permutation tried its length and the identifiers copied with it, so a wide
  // graph (a node with thousands of alike neighbours) runs out of budget as fast as a deep one.
  std::optional<NDegreeResult> hash_n_degree(const std::string& identifier, IdentifierIssuer issuer,
                                             std::size_t depth) {
    if (depth > max_recursion_depth) exceeded_ = true;
    if (!spend(1 + blank_to_quads_[identifier].size())) return std::nullopt;
    // 4.8.3 steps 1–3: related blank nodes grouped by their related hash.
    std::map<std::string, std::vector<std::string>> related_by_hash;
    for (const std::size_t index : blank_to_quads_[identifier]) {
      const Quad& q = quads_[index];
      const std::pair<const Term*, char> components[] = {{&q.subject, 's'}, {&q.object, 'o'}, {&q.graph, 'g'}};
      for (const auto& component : components) {
        const Term& t = *component.first;
        if (!t.is_blank() || t.value == identifier) continue;
        // Repeats stay (as in the reference implementation): they lengthen the path, not the search.
        related_by_hash[hash_related(t.value, q, issuer, component.second)].push_back(t.value);
      }
    }
    std::string data_to_hash;
    for (auto& entry : related_by_hash) {
      data_to_hash += entry.first;
      std::string chosen_path;
      std::optional<IdentifierIssuer> chosen_issuer;
      std::vector<std::string>& permutation = entry.second;
      std::sort(permutation.begin(), permutation.end());
      do {
        if (!spend(1 + permutation.size() + issuer.issued().size())) return std::nullopt;
        IdentifierIssuer issuer_copy = issuer;
        std::string path;
        std::vector<std::string> recursion_list;
        bool skip = false;
        for (const std::string& related : permutation) {
          if (const std::string* id = canonical_.find(related)) {
            path += "_:" + *id;
          } else {
            if (!issuer_copy.has(related)) recursion_list.push_back(related);
            path += "_:" + issuer_copy.issue(related);
          }
          if (!chosen_path.empty() && path.size() >= chosen_path.size() && path > chosen_path) {
            skip = true;
            break;
          }
        }
        if (skip) continue;
        for (const std::string& related : recursion_list) {
          auto result = hash_n_degree(related, issuer_copy, depth + 1);
          if (!result) return std::nullopt;
          path += "_:" + issuer_copy.issue(related);
          path += "<" + result->hash + ">";
          issuer_copy = std::move(result->issuer);
          if (!chosen_path.empty() && path.size() >= chosen_path.size() && path > chosen_path) {
            skip = true;
            break;
          }
        }
        if (skip) continue;
        if (chosen_path.empty() || path < chosen_path) {
          chosen_path = std::move(path);
          chosen_issuer = std::move(issuer_copy);
        }
      } while (std::next_permutation(permutation.begin(), permutation.end()));
      data_to_hash += chosen_path;
      if (chosen_issuer) issuer = std::move(*chosen_issuer);
    }
    return NDegreeResult{sha256_hex(data_to_hash), std::move(issuer)};
  }

  const Dataset& quads_;
  std::vector<std::string> lines_;  // quads_[i]'s N-Quads line
  std::size_t max_work_;
  std::size_t work_ = 0;
  bool exceeded_ = false;
  std::map<std::string, std::vector<std::size_t>> blank_to_quads_;
  std::unordered_map<std::string, std::string> first_degree_;
  IdentifierIssuer canonical_{"c14n"};
};

}  // namespace

Result<Canonical> canonicalize(const Dataset& dataset, const CanonicalizeOptions& options) {
  // A dataset is a set: drop repeated quads first so they cannot skew the first-degree hashes. Each quad is
  // serialized once here; the canonicalizer reuses the lines of quads without blank nodes.
  std::vector<std::pair<std::string, std::size_t>> keyed;
  keyed.reserve(dataset.size());
  bool any_blank = false;
  for (std::size_t i = 0; i < dataset.size(); ++i) {
    keyed.emplace_back(to_nquad(dataset[i]), i);
    any_blank = any_blank || has_blank(dataset[i]);
  }
  std::sort(keyed.begin(), keyed.end());
  keyed.erase(std::unique(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) { return a.first == b.first; }),
              keyed.end());
  std::vector<std::string> lines;
  lines.reserve(keyed.size());
  for (auto& entry : keyed) lines.push_back(std::move(entry.first));
  if (!any_blank) return Canonical{join(lines), {}};  // nothing to label: the sorted lines are the answer
  Dataset unique;
  unique.reserve(keyed.size());
  for (const auto& entry : keyed) unique.push_back(dataset[entry.second]);
  Canonicalizer canonicalizer(unique, std::move(lines), options.max_work == 0 ? default_max_work : options.max_work);
  return canonicalizer.run();
}

}  // namespace tessera::rdf
