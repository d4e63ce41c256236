// Assessments as authored (assessment.hpp): loading with every problem at once, and replayable draws.
#include "tessera/assessment.hpp"

#include <algorithm>
#include <set>

namespace tessera::assess {

const Item* Assessment::find(std::string_view item_id) const {
  for (const Item& item : items) {
    if (item.id == item_id) return &item;
  }
  for (const Bank& bank : banks) {
    for (const Item& item : bank.items) {
      if (item.id == item_id) return &item;
    }
  }
  return nullptr;
}

namespace {

void load_items(const nlohmann::json& list, const std::string& where, const std::string& language,
                std::vector<Item>& out, std::set<std::string>& ids, std::vector<Problem>& problems) {
  if (!list.is_array()) {
    problems.push_back(error_at(where, "'items' must be an array of items"));
    return;
  }
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string item_where = pointer_append(where, i);
    auto item = load_item(list[i], item_where, language);
    if (!item) {
      problems.insert(problems.end(), item.problems().begin(), item.problems().end());
      continue;
    }
    if (!ids.insert(item.value().id).second) {
      problems.push_back(error_at(pointer_append(item_where, "id"),
                                  "item id '" + item.value().id + "' is used twice in this assessment"));
      continue;
    }
    out.push_back(std::move(item).value());
  }
}

}  // namespace

// Whole numbers are checked as signed or unsigned alike: parsed JSON and C++ callers differ.
Result<Assessment> load_assessment(const nlohmann::json& value, const std::string& where,
                                   const std::string& default_language) {
  std::vector<Problem> problems;
  Assessment assessment;
  if (!value.is_object()) return error_at(where, "an assessment must be a JSON object");
  assessment.id = value.value("id", std::string());
  const std::string kind = value.value("kind", std::string());
  assessment.kind = kind == "pre" ? Kind::pre : kind == "summative" ? Kind::summative : Kind::formative;
  std::set<std::string> ids;
  if (const auto items = value.find("items"); items != value.end()) {
    load_items(*items, pointer_append(where, "items"), default_language, assessment.items, ids, problems);
  }
  if (const auto banks = value.find("banks"); banks != value.end()) {
    if (!banks->is_array()) {
      problems.push_back(error_at(pointer_append(where, "banks"), "'banks' must be an array"));
    } else {
      for (std::size_t b = 0; b < banks->size(); ++b) {
        const std::string bank_where = pointer_append(pointer_append(where, "banks"), b);
        const auto& bank_json = (*banks)[b];
        if (!bank_json.is_object()) {
          problems.push_back(error_at(bank_where, "a bank must be a JSON object"));
          continue;
        }
        Bank bank;
        bank.id = bank_json.value("id", std::string());
        load_items(bank_json.value("items", nlohmann::json::array()), pointer_append(bank_where, "items"),
                   default_language, bank.items, ids, problems);
        const auto draw = bank_json.find("draw");
        if (draw == bank_json.end()) {
          bank.draw = bank.items.size();
        } else if (!draw->is_number_integer() || draw->get<std::int64_t>() < 1 ||
                   draw->get<std::uint64_t>() > bank.items.size()) {
          problems.push_back(error_at(
              pointer_append(bank_where, "draw"),
              "'draw' must be a whole number from 1 to the bank's " + std::to_string(bank.items.size()) + " items"));
        } else {
          bank.draw = draw->get<std::size_t>();
        }
        assessment.banks.push_back(std::move(bank));
      }
    }
  }
  if (assessment.items.empty() && assessment.banks.empty() && problems.empty()) {
    problems.push_back(error_at(where, "the assessment has no items", "add \"items\" or \"banks\""));
  }
  if (const auto mark = value.find("passMark"); mark != value.end()) {
    const auto fraction = Fraction::parse(*mark);
    if (!fraction || *fraction <= Fraction::of(0) || *fraction > Fraction::of(1)) {
      problems.push_back(error_at(pointer_append(where, "passMark"),
                                  "'passMark' must be a share of the maximum above 0 and at most 1",
                                  "e.g. 0.8 or \"4/5\" for 80%"));
    } else {
      assessment.pass_mark = *fraction;
    }
  } else if (assessment.kind != Kind::formative) {
    problems.push_back(error_at(where, "a " + kind + " assessment needs a 'passMark'", "e.g. \"passMark\": 0.8"));
  }
  if (const auto attempts = value.find("maxAttempts"); attempts != value.end()) {
    if (!attempts->is_number_integer() || attempts->get<std::int64_t>() < 1 || attempts->get<std::int64_t>() > 1000) {
      problems.push_back(
          error_at(pointer_append(where, "maxAttempts"), "'maxAttempts' must be a whole number from 1 to 1000"));
    } else {
      assessment.max_attempts = attempts->get<int>();
    }
  }
  if (const auto shuffle = value.find("shuffle"); shuffle != value.end()) {
    if (shuffle->is_boolean()) {
      assessment.shuffle = shuffle->get<bool>();
    } else {
      problems.push_back(error_at(pointer_append(where, "shuffle"), "'shuffle' must be true or false"));
    }
  }
  if (const auto shuffle = value.find("shuffleChoices"); shuffle != value.end()) {
    if (shuffle->is_boolean()) {
      assessment.shuffle_choices = shuffle->get<bool>();
    } else {
      problems.push_back(error_at(pointer_append(where, "shuffleChoices"), "'shuffleChoices' must be true or false"));
    }
  }
  // Minutes, as authors think of them; kept in milliseconds, the unit of event times.
  auto minutes = [&](const char* key, std::int64_t low, std::int64_t high) -> std::optional<std::int64_t> {
    const auto found = value.find(key);
    if (found == value.end()) return std::nullopt;
    if (!found->is_number_integer() || found->get<std::int64_t>() < low || found->get<std::int64_t>() > high) {
      problems.push_back(error_at(pointer_append(where, key), std::string("'") + key +
                                                                  "' must be a whole number of minutes from " +
                                                                  std::to_string(low) + " to " + std::to_string(high)));
      return std::nullopt;
    }
    return found->get<std::int64_t>() * 60 * 1000;
  };
  assessment.time_limit_ms = minutes("timeLimitMinutes", 1, 600);
  assessment.wait_ms = minutes("waitMinutes", 0, std::int64_t{60} * 24 * 30).value_or(0);
  if (assessment.kind == Kind::formative && assessment.time_limit_ms) {
    problems.push_back(error_at(pointer_append(where, "timeLimitMinutes"), "a formative check has no time limit",
                                "remove it, or make the assessment summative"));
  }
  if (const auto modules = value.find("testsOut"); modules != value.end()) {
    if (assessment.kind != Kind::pre) {
      problems.push_back(error_at(pointer_append(where, "testsOut"), "only a pre-test can let learners test out"));
    } else if (!modules->is_array()) {
      problems.push_back(error_at(pointer_append(where, "testsOut"), "'testsOut' must be an array of module ids"));
    } else {
      for (const auto& id : *modules) {
        if (id.is_string()) assessment.tests_out.push_back(id.get<std::string>());
      }
    }
  }
  if (!problems.empty()) return problems;
  return assessment;
}

std::vector<std::string> draw_attempt(const Assessment& assessment, const draw::Seed& seed) {
  draw::Generator generator(seed);
  std::vector<std::string> chosen;
  for (const Item& item : assessment.items) chosen.push_back(item.id);
  for (const Bank& bank : assessment.banks) {
    std::vector<std::string> pool;
    for (const Item& item : bank.items) pool.push_back(item.id);
    draw::shuffle(pool, generator);
    // The bank's own order among the drawn ones, so an unshuffled assessment reads as authored.
    pool.resize(bank.draw);
    std::vector<std::string> in_order;
    for (const Item& item : bank.items) {
      if (std::find(pool.begin(), pool.end(), item.id) != pool.end()) in_order.push_back(item.id);
    }
    chosen.insert(chosen.end(), in_order.begin(), in_order.end());
  }
  if (assessment.shuffle) draw::shuffle(chosen, generator);
  return chosen;
}

}  // namespace tessera::assess
