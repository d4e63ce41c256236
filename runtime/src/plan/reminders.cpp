// Reminders and expiry notices from the host's facts and clock: one decision for both players (the web app's
// dashboard and service worker, the canvas player), worded from the interface strings.
//
// Sections: expiry stages · the way to renew · courses (idle, due, plan) · credentials · entry point.
#include "tessera/reminders.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>

#include "tessera/catalog.hpp"
#include "tessera/datetime.hpp"

namespace tessera::reminders {

using nlohmann::json;

namespace {

constexpr std::int64_t day_s = std::int64_t{24} * 60 * 60;
constexpr std::int64_t default_idle_days = 7;

std::string text_of(const json& object, const char* key) {
  const auto found = object.is_object() ? object.find(key) : object.end();
  return found != object.end() && found->is_string() ? found->get<std::string>() : std::string();
}

std::int64_t ms_of(const json& object, const char* key) {
  const auto found = object.is_object() ? object.find(key) : object.end();
  return found != object.end() && found->is_number_integer() ? found->get<std::int64_t>() : 0;
}

std::string encoded(const std::string& id) {
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string out;
  for (const unsigned char c : id) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += {'%', hex[c >> 4], hex[c & 15]};
    }
  }
  return out;
}

json reminder(const char* kind, std::string key, std::int64_t at_ms, std::string href, std::string text) {
  return {{"kind", kind}, {"key", std::move(key)}, {"at", at_ms}, {"href", std::move(href)}, {"text", std::move(text)}};
}

}  // namespace

// ─── Expiry stages ───

ExpiryStage expiry_stage(std::int64_t valid_until, std::int64_t now) {
  if (now >= valid_until) return {0, true, valid_until, 0};
  ExpiryStage stage{0, false, 0, valid_until - expiry_notice_days[0] * day_s};
  for (const int days : expiry_notice_days) {
    const std::int64_t from = valid_until - days * day_s;
    if (now < from) break;
    stage.days_before = days;
    stage.since = from;
    stage.next = valid_until;
  }
  for (const int days : expiry_notice_days) {  // the next notice after this one: the nearest start after now
    const std::int64_t from = valid_until - days * day_s;
    if (stage.days_before != 0 && from > now && from < stage.next) stage.next = from;
  }
  return stage;
}

// ─── The way to renew ───

namespace {

// The title of the module holding the assessment block of `assessment`, in the catalogue's language.
std::string module_of_assessment(const course::Course& course, const std::string& assessment,
                                 const std::string& language) {
  for (const auto& module : course.modules) {
    for (const auto& block : module.blocks) {
      if (block.type == course::BlockType::assessment && block.data.value("assessment", std::string()) == assessment) {
        return module.title.in(language, course.default_language);
      }
    }
  }
  return assessment;
}

std::string rule_sentence(const course::RenewalRule& rule, const course::Course* course, const json& titles,
                          const strings::Catalogue& words) {
  switch (rule.method) {
    case course::RenewalMethod::assessment:
      return words.text(
          "renewal.by-assessment",
          {{"module", course ? module_of_assessment(*course, rule.assessment, words.language()) : rule.assessment}});
    case course::RenewalMethod::course: {
      const std::string title = text_of(titles, rule.course.c_str());
      return words.text("renewal.by-course", {{"course", title.empty() ? rule.course : title}});
    }
    case course::RenewalMethod::recall:
      return words.text("renewal.by-recall", {{"percent", words.percent(std::llround(rule.retention * 100))},
                                              {"count", words.integer(rule.months)}});
    case course::RenewalMethod::none:
      break;
  }
  return {};
}

}  // namespace

std::string renewal_path(const course::CredentialDefinition& credential, const course::Course* course,
                         const json& titles, const strings::Catalogue& words) {
  const std::string way = rule_sentence(credential.renew_by, course, titles, words);
  const std::string fallback = course ? course->default_language : std::string("en");
  const std::string& authors = credential.renewal.in(words.language(), fallback);
  if (way.empty() || authors.empty()) return way + authors;
  return way + " " + authors;
}

namespace {

// ─── Courses ───

void course_reminders(const json& course, std::int64_t now_ms, std::int64_t idle_days, const std::string& today,
                      const strings::Catalogue& words, json& now, json& later) {
  const std::string id = text_of(course, "id");
  const std::string title = text_of(course, "title");
  const std::string plan_href = "plan.html?course=" + encoded(id);
  const std::string review_href = "review.html?course=" + encoded(id);
  const std::int64_t last = ms_of(course, "lastActivity");
  const std::int64_t idle_ms = idle_days * day_s * 1000;
  const bool complete = course.value("complete", false);
  const std::string idle_key = "idle:" + id + ":" + std::to_string(last);
  if (!complete && last > 0 && now_ms - last >= idle_ms) {
    now.push_back(reminder("idle", idle_key, last + idle_ms, plan_href,
                           words.text("page.reminder.idle",
                                      {{"title", title}, {"count", words.integer((now_ms - last) / (day_s * 1000))}})));
  } else if (!complete && last > 0) {
    later.push_back(
        reminder("idle", idle_key, last + idle_ms, plan_href,
                 words.text("page.reminder.idle", {{"title", title}, {"count", words.integer(idle_days)}})));
  }
  const std::int64_t due = course.value("due", std::int64_t{0});
  if (due > 0) {
    now.push_back(reminder("due", "due:" + id + ":" + today, now_ms, review_href,
                           words.text("page.reminder.due", {{"title", title}, {"count", words.integer(due)}})));
  }
  if (const std::int64_t next = ms_of(course, "nextDue"); next > now_ms) {
    later.push_back(reminder("due", "due:" + id + ":" + text_of(course, "nextDueDay"), next, review_href,
                             words.text("page.reminder.due-later", {{"title", title}})));
  }
  const json& plan = course.contains("plan") ? course["plan"] : json();
  if (plan.is_object() && !plan.value("onTrack", true)) {
    std::string late_ids;
    std::int64_t late = 0;
    for (const auto& module : plan.value("modules", json::array())) {
      if (!module.value("late", false)) continue;
      late_ids += (late++ ? "," : "") + text_of(module, "id");
    }
    now.push_back(reminder("plan", "plan:" + id + ":" + late_ids, now_ms, plan_href,
                           words.text("page.reminder.plan", {{"title", title}, {"count", words.integer(late)}})));
  }
}

// ─── Credentials ───

struct Definition {
  std::optional<course::Course> course;
  std::optional<catalog::Catalog> catalog;
  const course::CredentialDefinition* credential = nullptr;
};

Definition definition_of(const json& entry) {
  Definition d;
  if (entry.contains("course") && entry["course"].is_object()) {
    d.course = course::load(entry["course"].dump()).course;
    if (d.course) d.credential = &d.course->credential;
  } else if (entry.contains("catalog") && entry["catalog"].is_object()) {
    d.catalog = catalog::load(entry["catalog"].dump()).catalog;
    for (const auto& pathway : d.catalog ? d.catalog->pathways : std::vector<catalog::Pathway>{}) {
      if (pathway.id == text_of(entry, "pathway")) d.credential = &pathway.credential;
    }
  }
  return d;
}

// Where the learner acts to renew: the course to take again, the renewal course, the review page.
std::string renewal_href(const Definition& d, const std::string& fallback) {
  if (!d.credential) return fallback;
  const course::RenewalRule& rule = d.credential->renew_by;
  if (rule.method == course::RenewalMethod::course) return "course.html?id=" + encoded(rule.course);
  if (!d.course) return fallback;
  if (rule.method == course::RenewalMethod::assessment) return "course.html?id=" + encoded(d.course->id);
  if (rule.method == course::RenewalMethod::recall) return "review.html?course=" + encoded(d.course->id);
  return fallback;
}

std::string notice_text(const std::string& name, std::int64_t until, const ExpiryStage& stage, std::int64_t now,
                        const std::string& renew, const strings::Catalogue& words) {
  const std::string date = datetime::format(until).substr(0, 10);
  const std::int64_t days_left = (until - now + day_s - 1) / day_s;  // a part of a day left counts as a day
  std::string text =
      stage.expired
          ? words.text("reminder.expired", {{"name", name}, {"date", date}, {"renew", renew}})
          : words.text("reminder.expiry",
                       {{"name", name}, {"date", date}, {"count", words.integer(days_left)}, {"renew", renew}});
  while (!text.empty() && text.back() == ' ') text.pop_back();  // no way to renew given: nothing after the date
  return text;
}

void credential_reminders(const json& entry, std::int64_t now_ms, const json& titles, const strings::Catalogue& words,
                          json& now, json& later, json& notices) {
  const auto until = datetime::parse(text_of(entry, "validUntil"));
  if (!until) return;
  const std::int64_t now_s = now_ms / 1000;
  const Definition d = definition_of(entry);
  const std::string renew =
      d.credential ? renewal_path(*d.credential, d.course ? &*d.course : nullptr, titles, words) : std::string();
  const std::string href = renewal_href(d, "dashboard.html#wallet-heading");
  const std::string id = text_of(entry, "id");
  const std::string name = text_of(entry, "name");
  const ExpiryStage stage = expiry_stage(*until, now_s);
  const bool noticed = stage.expired || stage.days_before != 0;
  const std::string stage_name = stage.expired ? "expired" : std::to_string(stage.days_before);
  notices.push_back({{"id", id},
                     {"notice", stage.expired ? json("expired")
                                : noticed     ? json(stage.days_before)
                                              : json()},
                     {"validUntil", datetime::format(*until)},
                     {"text", noticed ? json(notice_text(name, *until, stage, now_s, renew, words)) : json()},
                     {"renew", renew},
                     {"href", href}});
  const std::string key = "expiry:" + id + ":" + datetime::format(*until) + ":";
  if (noticed) {
    now.push_back(reminder("expiry", key + stage_name, stage.since * 1000, href,
                           notice_text(name, *until, stage, now_s, renew, words)));
  }
  if (stage.next != 0) {
    const ExpiryStage then = expiry_stage(*until, stage.next);
    later.push_back(reminder("expiry", key + (then.expired ? "expired" : std::to_string(then.days_before)),
                             stage.next * 1000, href, notice_text(name, *until, then, stage.next, renew, words)));
  }
}

}  // namespace

// ─── Entry point ───

Result<json> reminders(const json& facts, std::int64_t now_ms, const std::string& language) {
  if (!facts.is_object()) return error_at("", "the reminder facts must be a JSON object");
  for (const char* list : {"courses", "credentials"}) {
    if (facts.contains(list) && !facts[list].is_array()) {
      return error_at(std::string("/") + list, std::string(list) + " must be an array");
    }
  }
  const strings::Catalogue& words = strings::Catalogue::for_language(language);
  const json idle_days = facts.value("idleDays", json(default_idle_days));
  const std::int64_t idle =
      idle_days.is_number_integer() ? std::max<std::int64_t>(1, idle_days.get<std::int64_t>()) : default_idle_days;
  const json titles = facts.value("titles", json::object());
  json now = json::array();
  json later = json::array();
  json notices = json::array();
  for (const auto& course : facts.value("courses", json::array())) {
    course_reminders(course, now_ms, idle, text_of(facts, "today"), words, now, later);
  }
  for (const auto& credential : facts.value("credentials", json::array())) {
    credential_reminders(credential, now_ms, titles, words, now, later, notices);
  }
  return json{{"now", std::move(now)}, {"later", std::move(later)}, {"credentials", std::move(notices)}};
}

}  // namespace tessera::reminders
