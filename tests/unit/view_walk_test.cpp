// Scripted walks through every sample course: each step's view is kept as a snapshot in tests/golden/views
// (the same bytes natively and in Wasm), and hand-written expectations hold at the key steps — a wrong
// answer, a hint, a retry after the wait, a timed-out scenario node, a test-out, completion, a language
// switch midway. The test never writes its snapshots: on a mismatch it leaves the walk it saw in the temporary
// folder (natively) and names it, for a person to diff and copy after a deliberate change.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <functional>

#include "session_support.hpp"
#include "support.hpp"
#include "tessera/session.hpp"

using nlohmann::json;
using tessera::session::Session;

namespace {

std::string repo_file(const std::string& relative) { return tessera::test::read_golden("../../" + relative); }

// A wrong answer of the same shape as the right one (the walk's deliberate mistake).
json wrong_answer(const json& right, const json& item) {
  if (right.is_boolean()) return !right.get<bool>();
  if (right.is_string() && item.contains("choices")) {
    for (const auto& choice : item["choices"]) {
      if (choice["id"] != right) return choice["id"];
    }
  }
  if (right.is_string()) return "zzz";
  if (right.is_object() && right.contains("x")) return json{{"x", 0}, {"y", 0}};
  if (right.is_array() && !right.empty() && item.contains("choices"))
    return json::array({item["choices"].back()["id"]});
  return right;
}

class Walker {
 public:
  Walker(const std::string& course_dir, const std::string& answers_file)
      : course_json_(json::parse(repo_file(course_dir + "/course.json"))),
        answers_(json::parse(repo_file(answers_file))),
        session_(Session::open(tessera::test::load_course(course_json_), {}).session),
        language_(course_json_["defaultLanguage"].get<std::string>()) {}

  json walk() {
    for (int guard = 0; guard < 400; ++guard) {
      const json view = session_.view(language_);
      if (view["complete"] == true) break;
      maybe_switch_language(view);
      const json& current = view["current"];
      if (current.contains("assessment") && current["assessment"].contains("attempt") &&
          current["assessment"]["attempt"]["submitted"] == false) {
        answer_attempt(current);
      } else if (current.contains("scenario") && current["scenario"]["ended"] == false) {
        scenario_step(view);
      } else {
        take(leading_action(view));
      }
    }
    return steps_;
  }

  const json& steps() const { return steps_; }

 private:
  // The step the screen leads to (its primary action), else Next: what a learner following the screen does.
  static json leading_action(const json& view) {
    for (const auto& a : view["actions"]) {
      if (a["primary"] == true && a["enabled"] == true) return a;
    }
    for (const auto& a : view["actions"]) {
      if (a["type"] == "open" && a["block"] == view.value("next", json()) && a["enabled"] == true) return a;
    }
    FAIL("no action leads on from " << view["position"] << ": " << view["actions"].dump());
    return {};
  }

  // Sends an action the view offered: its `send` members (everything but the presentation) plus input.
  json take(const json& offered, const json& input = json::object(), std::int64_t advance = 20'000) {
    json send = json::object();
    for (const auto& [key, value] : offered.items()) {
      if (key != "label" && key != "primary" && key != "enabled" && key != "reason" && key != "availableAt")
        send[key] = value;
    }
    send.update(input);
    t_ = std::max(t_ + advance, offered.value("availableAt", std::int64_t{0}));
    if (send["type"] == "reflect") send["text"] = "I will check the sender's address before I click.";
    if (send["type"] == "submit-survey") send["answers"] = survey_answers(session_.view(language_)["current"]);
    send["t"] = t_;
    const auto outcome = session_.act(send, language_);
    INFO("step " << steps_.size() << ": " << send.dump());
    if (!outcome.ok()) INFO("refused: " << outcome.problems.front().message);
    REQUIRE(outcome.ok());
    steps_.push_back({{"send", send}, {"view", outcome.view}});
    return outcome.view;
  }

  static json survey_answers(const json& current) {
    json out = json::object();
    for (const auto& item : current["items"]) {
      if (item["type"] == "likert") out[item["id"].get<std::string>()] = 4;
    }
    return out;
  }

  static const json* find_action(const json& view, const std::string& type) {
    for (const auto& a : view["actions"]) {
      if (a["type"] == type) return &a;
    }
    return nullptr;
  }

  void maybe_switch_language(const json& view) {
    const auto& languages = course_json_["languages"];
    if (switched_ || languages.size() < 2 || view["modules"][1]["status"] == "locked") return;
    // Midway: once the second module opens, the learner switches to the course's other language.
    switched_ = true;
    for (const auto& language : languages) {
      if (language != language_) {
        language_ = language.get<std::string>();
        break;
      }
    }
    steps_.push_back({{"switch", language_}, {"view", session_.view(language_)}});
  }

  void answer_attempt(const json& current) {
    const json& assessment = current["assessment"];
    const json& key = answers_["assessments"][assessment["id"].get<std::string>()];
    const bool summative = assessment["kind"] == "summative";
    // The first summative attempt is submitted blank (it fails, so the walk retries after the wait).
    const bool blank = summative && assessment["attempt"]["number"] == 1;
    for (const auto& item : assessment["attempt"]["items"]) {
      const std::string id = item["id"];
      if (blank || !key.contains(id) || assessment["attempt"]["responses"].contains(id)) continue;
      const json now = session_.view(language_);
      const json* answer = find_action(now, "answer");
      REQUIRE(answer != nullptr);
      if (!made_mistake_ && assessment["feedback"] == "immediate") {
        made_mistake_ = true;  // one wrong answer, seen at once, then put right
        take(*answer, {{"item", id}, {"answer", wrong_answer(key[id], item)}});
      }
      json input = {{"item", id}, {"answer", key[id]}};
      if (item.contains("hints")) input["hintsUsed"] = 1;
      take(*answer, input);
    }
    const json now = session_.view(language_);
    take(*find_action(now, "submit-attempt"));
  }

  void scenario_step(const json& view) {
    const std::string block = view["current"]["id"];
    for (const auto& deadline : view["deadlines"]) {
      if (deadline["kind"] == "scenario-node" && deadline["block"] == block) {
        // The learner lets the time run out: the player sends the deadline's action once it has passed.
        t_ = deadline["at"].get<std::int64_t>();
        take(deadline["onPass"], json::object(), 1000);
        return;
      }
    }
    const json& scenario = view["current"]["scenario"];
    const json& path =
        answers_["scenarios"].is_object() ? answers_["scenarios"][scenario["id"].get<std::string>()]["path"] : json();
    for (const auto& a : view["actions"]) {
      if (a["type"] != "scenario-choose" || a["enabled"] != true) continue;
      for (const auto& p : path) {
        if (p["node"] == scenario["node"]["id"] && p["choice"] == a["choice"]) return (void)take(a);
      }
    }
    for (const auto& a : view["actions"]) {
      if (a["type"] == "scenario-choose" && a["enabled"] == true) return (void)take(a);
    }
    take(*find_action(view, "scenario-continue"));
  }

  json course_json_;
  json answers_;
  Session session_;
  std::string language_;
  std::int64_t t_ = 1'798'761'600'000;  // 2027-01-01T00:00:00Z
  bool switched_ = false;
  bool made_mistake_ = false;
  json steps_ = json::array();
};

// One line per step: diffs of a snapshot stay readable.
std::string snapshot_text(const json& steps) {
  std::string out;
  for (const auto& step : steps) out += step.dump() + "\n";
  return out;
}

void check_snapshot(const std::string& name, const json& steps) {
  const std::string text = snapshot_text(steps);
  const std::string relative = "views/" + name + ".snapshot.jsonl";
  const bool same = text == tessera::test::read_golden(relative);
#ifndef __EMSCRIPTEN__
  if (!same) {
    const auto seen = std::filesystem::temp_directory_path() / ("tessera-walk-" + name + ".snapshot.jsonl");
    std::ofstream(seen, std::ios::binary) << text;
    UNSCOPED_INFO("the walk differs from tests/golden/" << relative << "; what it gave is in " << seen.string()
                                                        << " (diff it; copy it over only for a deliberate change)");
  }
#endif
  CHECK(same);
}

// The member at `pointer` ("/view/current/id"), or null when there is none.
json at(const json& step, const std::string& pointer) {
  const json::json_pointer where(pointer);
  return step.contains(where) ? step.at(where) : json();
}

const json* first_step(const json& steps, const std::function<bool(const json&)>& matches) {
  for (const auto& step : steps) {
    if (matches(step)) return &step;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("walk: spotting-phishing — a hint, a wrong answer, a timed-out node, a test-out, a retry after the wait",
          "[view][walk]") {
  Walker walker("content/spotting-phishing", "tests/e2e/fixtures/answers/spotting-phishing.json");
  const json steps = walker.walk();
  REQUIRE(steps.back()["view"]["complete"] == true);
  check_snapshot("spotting-phishing", steps);

  // The pre-test passed tests out of the module it names: that module is complete without being read.
  const json* tested_out = first_step(steps, [](const json& s) { return at(s, "/send/type") == "submit-attempt"; });
  REQUIRE(tested_out != nullptr);
  CHECK(at(*tested_out, "/view/modules/0/status") == "complete");
  CHECK(at(*tested_out, "/view/current/assessment/attempt/resultText") == "Passed");

  // The course is in English and French: the walk switched to French once the second module opened, so what
  // follows is worded in French (runtime/strings/fr.json; the French course text for the credential's name).
  // The deliberate wrong answer in the first formative check: feedback at once, in words.
  auto result_of = [](const json& s) {
    return at(s, "/view/current/assessment/attempt/results/" + at(s, "/send/item").get<std::string>());
  };
  const json* wrong = first_step(steps, [&](const json& s) {
    return at(s, "/send/type") == "answer" && at(s, "/view/current/assessment/feedback") == "immediate" &&
           result_of(s).value("verdict", "") == "wrong";
  });
  REQUIRE(wrong != nullptr);
  CHECK(result_of(*wrong)["verdictText"] == "Pas juste");

  // The hint: offered with its cost (1/4 → 25%); used, the right answer earns 1 − 1/4 = 3/4 of a mark.
  const json* hinted = first_step(steps, [](const json& s) { return !at(s, "/send/hintsUsed").is_null(); });
  REQUIRE(hinted != nullptr);
  const json item = at(*hinted, "/view/current/assessment/attempt/items/0");
  CHECK(item["hints"][0]["offer"] == "Afficher un indice (coûte 25\u00a0% des points de cette question)");
  CHECK(item["hints"][0]["label"] == "Indice 1 sur 1");
  const json result = result_of(*hinted);
  CHECK(result["score"] == "3/4");
  CHECK(result["verdict"] == "right");  // the answer was right; the hint's cost shows in the marks
  CHECK(result["scoreText"] == "0,75 points sur 1");

  // The timed node: the view said when its 30 seconds end and what follows; the walk let them pass.
  const json* timed_node =
      first_step(steps, [](const json& s) { return at(s, "/view/deadlines/0/kind") == "scenario-node"; });
  REQUIRE(timed_node != nullptr);
  CHECK(at(*timed_node, "/view/deadlines/0/at") == at(*timed_node, "/send/t").get<std::int64_t>() + 30'000);
  CHECK(at(*timed_node, "/view/deadlines/0/onPass") ==
        json{{"type", "scenario-continue"}, {"block", "payment-scenario"}});
  const json* timed_out = first_step(steps, [](const json& s) {
    return at(s, "/view/scenarios/payment-scenario/path").dump().find("evening-push/timeout") != std::string::npos;
  });
  CHECK(timed_out != nullptr);

  // The failed first final attempt: Try again, available only after the 30-minute wait.
  const json* failed = first_step(steps, [](const json& s) {
    return at(s, "/view/current/assessment/kind") == "summative" &&
           at(s, "/view/current/assessment/attempt/passed") == false;
  });
  REQUIRE(failed != nullptr);
  const json retry = at(*failed, "/view/actions/0");
  CHECK(retry["type"] == "start-attempt");
  CHECK(retry["label"] == "Réessayer");
  CHECK(retry["reason"] == "Vous pourrez réessayer à la fin du délai d\u2019attente.");
  CHECK(retry["availableAt"] == at(*failed, "/send/t").get<std::int64_t>() + std::int64_t{30} * 60'000);
  CHECK(at(*failed, "/view/deadlines/0/kind") == "next-attempt");

  // Completion, in words.
  CHECK(steps.back()["view"]["completion"]["text"] == "Cours terminé");
  CHECK(steps.back()["view"]["progress"]["percent"] == 100);
}

TEST_CASE(
    "walk: spotting-phishing completes on the passing final attempt, and the moment names credential, score "
    "and skills",
    "[view][walk][completion]") {
  Walker walker("content/spotting-phishing", "tests/e2e/fixtures/answers/spotting-phishing.json");
  const json steps = walker.walk();
  const json& last = steps.back();
  // The key points come before the final, so the passing attempt is the step that completes the course: a
  // learner who leaves at "Passed" has a complete record, and the player signs its proof then.
  CHECK(at(last, "/send/type") == "submit-attempt");
  CHECK(at(last, "/send/block") == "final-block");
  CHECK(at(last, "/view/complete") == true);
  CHECK(at(last, "/view/current/assessment/attempt/passed") == true);
  CHECK(at(steps[steps.size() - 2], "/view/complete") == false);
  CHECK(at(steps[steps.size() - 2], "/view/completion/credential") == "");  // the moment is for completion only
  const json completion = at(last, "/view/completion");
  CHECK(completion["credential"] == "Sensibilisation à l'hameçonnage et à l'ingénierie sociale");  // credential.name.fr
  CHECK(completion["credentialText"] ==
        "Votre attestation : Sensibilisation à l'hameçonnage et à l'ingénierie sociale");
  // The final draws 3 + 3 + 2 one-point items (its three banks), none with a hint; the key answers all right.
  CHECK(completion["scores"] == json::array({"Évaluation finale : 8 sur 8 (100\u00a0%)"}));
  CHECK(completion["skillsText"] == "Compétences démontrées");
  // Every competency is mastered on this walk; no scenario of this course gives a level.
  const json& skills = completion["skills"];
  REQUIRE(skills.size() == 3);
  CHECK(skills[0]["id"] == "sec-identify-phishing");
  CHECK(skills[1]["id"] == "sec-resist-social-engineering");
  CHECK(skills[2]["id"] == "sec-report-incidents");
  for (const auto& skill : skills) {
    const json& mastery = at(last, "/view/mastery/" + skill["id"].get<std::string>());
    CHECK(mastery["mastered"] == true);
    CHECK(skill["name"] == mastery["name"]);
    CHECK(skill["level"] == "");
    CHECK(skill["text"] == skill["name"]);
  }
}

TEST_CASE("walk: giving-feedback — the learner switches to French midway and keeps their place", "[view][walk]") {
  Walker walker("content/giving-feedback", "tests/e2e/fixtures/answers/giving-feedback.json");
  const json steps = walker.walk();
  REQUIRE(steps.back()["view"]["complete"] == true);
  check_snapshot("giving-feedback", steps);
  const json* switched = first_step(steps, [](const json& s) { return s.contains("switch"); });
  REQUIRE(switched != nullptr);
  const json view = at(*switched, "/view");
  const std::size_t at = static_cast<std::size_t>(switched - &steps[0]);
  REQUIRE(at > 0);
  // The same place, now in French: the interface's words and the content's language both follow.
  CHECK(view["position"] == steps[at - 1]["view"]["position"]);
  CHECK(view["events"] == steps[at - 1]["view"]["events"]);
  CHECK(view["interface"] == json{{"lang", "fr"}, {"dir", "ltr"}});
  CHECK(view["language"] == "fr");
  for (const auto& a : view["actions"]) {
    if (a["type"] == "open" && a["block"] == view["next"]) CHECK(a["label"] == "Suivant");
  }
  CHECK(steps.back()["view"]["completion"]["text"] == "Cours terminé");
  // The completion moment in French: the credential's French name, the score as French writes it, and the
  // skill the scenario's ending gave a level (authored in English only, so in English).
  const json completion = steps.back()["view"]["completion"];
  CHECK(completion["credentialText"] == "Votre attestation : Praticien du feedback (SBI)");
  REQUIRE(completion["scores"].size() == 1);
  CHECK(completion["scores"][0].get<std::string>().starts_with("Évaluation finale : "));
  CHECK(completion["skillsText"] == "Compétences démontrées");
}

TEST_CASE("walk: inclusive-meetings and workplace-essentials-recall to completion", "[view][walk]") {
  for (const char* course : {"inclusive-meetings", "workplace-essentials-recall"}) {
    INFO(course);
    Walker walker(std::string("content/") + course, std::string("tests/e2e/fixtures/answers/") + course + ".json");
    const json steps = walker.walk();
    REQUIRE(steps.back()["view"]["complete"] == true);
    check_snapshot(course, steps);
  }
}
