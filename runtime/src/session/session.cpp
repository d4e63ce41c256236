// Session = fold(course, events): replay, the view model, and actions checked into events (session.hpp).
// Replay and live play share one check() so that a replayed record always reaches the live state.
#include "tessera/session.hpp"

#include <algorithm>
#include <cstdlib>
#include <set>

namespace tessera::session {

namespace {

using nlohmann::json;
using course::BlockType;

// Event types this runtime writes, and the actions that produce them.
constexpr const char* event_block_opened = "block.opened";
constexpr const char* event_block_completed = "block.completed";
constexpr const char* event_reflection_saved = "reflection.saved";
constexpr const char* event_survey_submitted = "survey.submitted";

constexpr std::size_t max_reflection_bytes = 20000;
constexpr std::size_t max_survey_text_bytes = 5000;

bool completes_by_reading(BlockType type) {
  switch (type) {
    case BlockType::text:
    case BlockType::image:
    case BlockType::video:
    case BlockType::audio:
    case BlockType::case_study:
    case BlockType::takeaways: return true;
    default: return false;
  }
}

// Replaces every {language: string} object in authored block data with the string for `language`.
json localise(const json& value, const std::vector<std::string>& languages, const std::string& language,
              const std::string& fallback) {
  if (value.is_object()) {
    const bool is_text = !value.empty() && std::all_of(value.items().begin(), value.items().end(), [&](const auto& item) {
      return item.value().is_string() &&
             std::find(languages.begin(), languages.end(), item.key()) != languages.end();
    });
    if (is_text) {
      if (value.contains(language)) return value[language];
      if (value.contains(fallback)) return value[fallback];
      return value.begin().value();
    }
    json out = json::object();
    for (const auto& [key, member] : value.items()) out[key] = localise(member, languages, language, fallback);
    return out;
  }
  if (value.is_array()) {
    json out = json::array();
    for (const auto& item : value) out.push_back(localise(item, languages, language, fallback));
    return out;
  }
  return value;
}

std::string payload_block(const json& payload) {
  const auto found = payload.find("block");
  return found != payload.end() && found->is_string() ? found->get<std::string>() : std::string();
}

}  // namespace

Session::Session(std::shared_ptr<const course::Course> course) : course_(std::move(course)) {
  for (std::size_t m = 0; m < course_->modules.size(); ++m) {
    for (const auto& block : course_->modules[m].blocks) block_index_[block.id] = {m, &block};
  }
}

Session::Opened Session::open(std::shared_ptr<const course::Course> course, std::vector<record::Event> events) {
  Opened opened{Session(std::move(course)), {}};
  record::ChainCheck chain = record::verify_chain(std::move(events));
  if (chain.broken) opened.problems.push_back(*chain.broken);
  for (auto& event : chain.valid) {
    const std::string where = "seq " + std::to_string(event.seq);
    if (auto problem = opened.session.check(event, where, true)) {
      problem->hint = "the record is kept up to seq " + std::to_string(event.seq - 1) +
                      "; this event and the ones after it are not applied";
      opened.problems.push_back(std::move(*problem));
      break;
    }
    opened.session.events_.push_back(std::move(event));
  }
  return opened;
}

bool Session::module_open(std::size_t module_index) const {
  if (!course_->completion.sequential_modules) return true;
  for (std::size_t m = 0; m < module_index; ++m) {
    if (!module_complete(m)) return false;
  }
  return true;
}

bool Session::block_required(const std::string& block_id) const {
  const auto& rules = course_->completion;
  if (rules.all_blocks_required) {
    // Surveys ask for feedback; they never hold a learner back.
    const auto found = block_index_.find(block_id);
    return found != block_index_.end() && found->second.block->type != BlockType::survey;
  }
  return std::find(rules.required_blocks.begin(), rules.required_blocks.end(), block_id) != rules.required_blocks.end();
}

bool Session::module_complete(std::size_t module_index) const {
  for (const auto& block : course_->modules[module_index].blocks) {
    if (!block_required(block.id)) continue;
    const auto found = state_.blocks.find(block.id);
    if (found == state_.blocks.end() || !found->second.completed) return false;
  }
  return true;
}

std::size_t Session::required_block_count() const {
  std::size_t count = 0;
  for (const auto& [id, unused] : block_index_) count += block_required(id) ? 1 : 0;
  return count;
}

std::size_t Session::completed_required_block_count() const {
  std::size_t count = 0;
  for (const auto& [id, progress] : state_.blocks) count += progress.completed && block_required(id) ? 1 : 0;
  return count;
}

bool Session::course_complete() const {
  // Assessments that must be passed need the assessment engine's verdict, which no event carries yet.
  return course_->completion.must_pass.empty() && completed_required_block_count() == required_block_count();
}

std::optional<Problem> Session::check(const record::Event& event, const std::string& where, bool apply) {
  const std::string block_id = payload_block(event.payload);
  const auto found = block_index_.find(block_id);
  if (found == block_index_.end()) {
    return error_at(where, block_id.empty() ? "the event names no block"
                                            : "block '" + block_id + "' is not in this course",
                    "open the block from the course outline");
  }
  const auto [module_index, block] = found->second;
  if (!module_open(module_index)) {
    return error_at(where, "module '" + course_->modules[module_index].id + "' is locked until the modules before it are complete",
                    "complete the earlier modules first");
  }
  const BlockProgress progress = state_.blocks.count(block_id) ? state_.blocks.at(block_id) : BlockProgress{};
  const auto& payload = event.payload;
  auto allowed_members = [&](std::initializer_list<const char*> names) -> std::optional<Problem> {
    // (No structured bindings here: clang 14, em++'s compiler, cannot capture them in a lambda.)
    for (const auto& member : payload.items()) {
      const std::string& key = member.key();
      if (std::none_of(names.begin(), names.end(), [&](const char* name) { return key == name; })) {
        return error_at(where, "event '" + event.type + "' has an unexpected field '" + key + "'");
      }
    }
    return std::nullopt;
  };

  if (event.type == event_block_opened) {
    if (auto problem = allowed_members({"block"})) return problem;
    if (apply) {
      state_.blocks[block_id].opened = true;
      state_.position = block_id;
    }
  } else if (event.type == event_block_completed) {
    if (auto problem = allowed_members({"block"})) return problem;
    if (!completes_by_reading(block->type)) {
      return error_at(where, "a " + std::string(course::to_string(block->type)) + " block is not completed by reading it",
                      block->type == BlockType::reflection ? "save a reflection instead"
                      : block->type == BlockType::survey   ? "submit the survey instead"
                                                           : "it completes through its own attempts");
    }
    if (!progress.opened) return error_at(where, "block '" + block_id + "' was never opened", "open it first");
    if (progress.completed) return error_at(where, "block '" + block_id + "' is already complete");
    if (apply) state_.blocks[block_id].completed = true;
  } else if (event.type == event_reflection_saved) {
    if (auto problem = allowed_members({"block", "text"})) return problem;
    if (block->type != BlockType::reflection) return error_at(where, "block '" + block_id + "' is not a reflection");
    const auto text = payload.find("text");
    if (text == payload.end() || !text->is_string() || text->get_ref<const std::string&>().empty()) {
      return error_at(where, "a reflection needs its text", "write at least a few words");
    }
    if (text->get_ref<const std::string&>().size() > max_reflection_bytes) {
      return error_at(where, "the reflection is longer than " + std::to_string(max_reflection_bytes) + " bytes",
                      "shorten it");
    }
    if (!progress.opened) return error_at(where, "block '" + block_id + "' was never opened", "open it first");
    if (apply) {
      state_.blocks[block_id].completed = true;
      state_.reflections[block_id] = text->get<std::string>();
    }
  } else if (event.type == event_survey_submitted) {
    if (auto problem = allowed_members({"block", "answers"})) return problem;
    if (block->type != BlockType::survey) return error_at(where, "block '" + block_id + "' is not a survey");
    const auto answers = payload.find("answers");
    if (answers == payload.end() || !answers->is_object()) {
      return error_at(where, "a survey submission needs an \"answers\" object (item id → answer)");
    }
    for (const auto& entry : answers->items()) {
      const std::string& item_id = entry.key();
      const json& answer = entry.value();
      const auto& items = block->data.at("items");
      const auto item = std::find_if(items.begin(), items.end(), [&](const json& i) { return i.at("id") == item_id; });
      if (item == items.end()) return error_at(where, "survey item '" + item_id + "' is not in block '" + block_id + "'");
      if (item->at("type") == "likert") {
        const auto points = item->at("points").get<std::int64_t>();
        if (!answer.is_number_integer() || answer.get<std::int64_t>() < 1 || answer.get<std::int64_t>() > points) {
          return error_at(where, "the answer to '" + item_id + "' must be a whole number from 1 to " + std::to_string(points));
        }
      } else if (!answer.is_string() || answer.get_ref<const std::string&>().size() > max_survey_text_bytes) {
        return error_at(where, "the answer to '" + item_id + "' must be text of at most " +
                                   std::to_string(max_survey_text_bytes) + " bytes");
      }
    }
    if (!progress.opened) return error_at(where, "block '" + block_id + "' was never opened", "open it first");
    if (progress.completed) return error_at(where, "the survey was already submitted");
    if (apply) {
      state_.blocks[block_id].completed = true;
      state_.surveys[block_id] = *answers;
    }
  } else {
    return error_at(where, "event type '" + event.type + "' is not one this course allows");
  }

  if (apply) {
    if (state_.events == 0) {
      state_.first_t = event.t;
    } else {
      state_.time_on_task_ms += std::clamp<std::int64_t>(event.t - state_.last_t, 0, idle_cap_ms);
    }
    state_.last_t = event.t;
    ++state_.events;
  }
  return std::nullopt;
}

ActOutcome Session::act(const json& action, const std::string& language) {
  ActOutcome outcome;
  auto refuse = [&](std::string where, std::string message, std::string hint = {}) {
    outcome.problems.push_back(error_at(std::move(where), std::move(message), std::move(hint)));
    outcome.view = view(language);
    return outcome;
  };
  if (!action.is_object()) return refuse("/", "an action must be a JSON object");
  const auto type = action.find("type");
  const auto t = action.find("t");
  const auto block = action.find("block");
  if (type == action.end() || !type->is_string()) {
    return refuse("/type", "the action has no type", "use open, complete, reflect or submit-survey");
  }
  if (t == action.end() || !t->is_number_integer()) {
    return refuse("/t", "the action has no time", "pass \"t\": the host's clock in Unix milliseconds");
  }
  // Beyond 2^53 a time would hash differently in JavaScript than here (JCS numbers are doubles).
  if (t->is_number_unsigned() ? t->get<std::uint64_t>() > static_cast<std::uint64_t>(record::max_safe_integer)
                              : std::abs(t->get<std::int64_t>()) > record::max_safe_integer) {
    return refuse("/t", "the time is outside the range JSON numbers carry exactly", "pass Unix milliseconds");
  }
  if (block == action.end() || !block->is_string()) return refuse("/block", "the action names no block");

  json payload = {{"block", *block}};
  std::string event_type;
  const std::string& name = type->get_ref<const std::string&>();
  if (name == "open") {
    event_type = event_block_opened;
  } else if (name == "complete") {
    event_type = event_block_completed;
  } else if (name == "reflect") {
    event_type = event_reflection_saved;
    payload["text"] = action.value("text", json());
  } else if (name == "submit-survey") {
    event_type = event_survey_submitted;
    payload["answers"] = action.value("answers", json());
  } else {
    return refuse("/type", "unknown action '" + name + "'", "use open, complete, reflect or submit-survey");
  }
  const record::Event* previous = events_.empty() ? nullptr : &events_.back();
  record::Event event = record::next_event(previous, event_type, t->get<std::int64_t>(), std::move(payload));
  if (auto problem = check(event, "/", false)) return refuse(problem->where, problem->message, problem->hint);
  (void)check(event, "/", true);
  events_.push_back(event);
  outcome.event = std::move(event);
  outcome.view = view(language);
  return outcome;
}

json Session::summary() const {
  const std::size_t required = required_block_count();
  const std::size_t done = completed_required_block_count();
  json modules = json::array();
  for (std::size_t m = 0; m < course_->modules.size(); ++m) {
    std::size_t module_done = 0;
    for (const auto& b : course_->modules[m].blocks) {
      const auto found = state_.blocks.find(b.id);
      module_done += found != state_.blocks.end() && found->second.completed ? 1 : 0;
    }
    modules.push_back({{"id", course_->modules[m].id},
                       {"status", module_complete(m) ? "complete" : module_open(m) ? "open" : "locked"},
                       {"completedBlocks", module_done},
                       {"blocks", course_->modules[m].blocks.size()}});
  }
  return {{"course", course_->id},
          {"version", course_->version},
          {"events", state_.events},
          {"position", state_.position},
          {"complete", course_complete()},
          {"waitingOn", course_->completion.must_pass},
          {"progress", {{"requiredBlocks", required}, {"completedRequiredBlocks", done},
                        {"percent", required == 0 ? 100 : done * 100 / required}}},
          {"timeOnTaskSeconds", state_.time_on_task_ms / 1000},
          {"modules", modules}};
}

json Session::view(const std::string& requested_language) const {
  const course::Course& c = *course_;
  const std::string& fallback = c.default_language;
  const bool known = std::find(c.languages.begin(), c.languages.end(), requested_language) != c.languages.end();
  const std::string language = known ? requested_language : fallback;

  json view = summary();
  view["language"] = language;
  view["title"] = c.title.in(language, fallback);
  json outline = json::array();
  for (std::size_t m = 0; m < c.modules.size(); ++m) {
    const auto& module = c.modules[m];
    json blocks = json::array();
    for (const auto& b : module.blocks) {
      const auto found = state_.blocks.find(b.id);
      const BlockProgress p = found != state_.blocks.end() ? found->second : BlockProgress{};
      json entry = {{"id", b.id}, {"type", course::to_string(b.type)},
                    {"status", p.completed ? "complete" : p.opened ? "opened" : "new"}};
      if (b.data.contains("title")) entry["title"] = localise(b.data["title"], c.languages, language, fallback);
      blocks.push_back(std::move(entry));
    }
    outline.push_back({{"id", module.id}, {"title", module.title.in(language, fallback)},
                       {"estimatedMinutes", module.estimated_minutes},
                       {"status", module_complete(m) ? "complete" : module_open(m) ? "open" : "locked"},
                       {"blocks", std::move(blocks)}});
  }
  view["modules"] = std::move(outline);

  // The block to show: the position, or the first block of the course before anything was opened.
  json actions = json::array();
  std::string current = state_.position;
  if (current.empty() && !c.modules.empty()) current = c.modules.front().blocks.front().id;
  if (!current.empty()) {
    const auto [module_index, block] = block_index_.at(current);
    const auto found = state_.blocks.find(current);
    const BlockProgress p = found != state_.blocks.end() ? found->second : BlockProgress{};
    view["current"] = localise(block->data, c.languages, language, fallback);
    view["current"]["module"] = c.modules[module_index].id;
    if (!p.opened) actions.push_back({{"type", "open"}, {"block", current}});
    if (p.opened && !p.completed) {
      if (completes_by_reading(block->type)) actions.push_back({{"type", "complete"}, {"block", current}});
      if (block->type == BlockType::reflection) actions.push_back({{"type", "reflect"}, {"block", current}});
      if (block->type == BlockType::survey) actions.push_back({{"type", "submit-survey"}, {"block", current}});
    }
    if (p.opened && block->type == BlockType::reflection && p.completed) {
      actions.push_back({{"type", "reflect"}, {"block", current}});  // a reflection may be revised
    }
    // Neighbours in course order, for Previous / Next.
    std::vector<std::pair<std::size_t, const course::Block*>> order;
    for (std::size_t m = 0; m < c.modules.size(); ++m) {
      for (const auto& b : c.modules[m].blocks) order.emplace_back(m, &b);
    }
    const auto here = std::find_if(order.begin(), order.end(), [&](const auto& e) { return e.second->id == current; });
    if (here != order.begin()) {
      const auto& [m, b] = *std::prev(here);
      if (module_open(m)) view["previous"] = b->id;
    }
    if (std::next(here) != order.end()) {
      const auto& [m, b] = *std::next(here);
      view["next"] = b->id;
      if (module_open(m)) actions.push_back({{"type", "open"}, {"block", b->id}});
    }
  }
  view["actions"] = std::move(actions);
  return view;
}

}  // namespace tessera::session
