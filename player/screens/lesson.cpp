// The block screen and the reading blocks: text (Markdown), image, video, audio, case study, takeaways,
// survey and reflection; Previous / Continue at the foot of every block.
#include <imgui.h>

#include <cstring>

#include "../platform.hpp"
#include "../player_app.hpp"

namespace tessera::player {

using nlohmann::json;

void PlayerApp::draw_block() {
  // A copy: an action below replaces view_, and the screen keeps drawing this frame from what it began with.
  const json current = view_.value("current", json::object());
  const std::string id = current.value("id", std::string());
  const std::string type = current.value("type", std::string());
  if (id != last_block_) {
    hide_media();
    last_block_ = id;
    scroll_to_top_ = true;
  }
  pending_ = view_.value("actions", json::array()).get<std::vector<json>>();
  if (id.empty()) {
    heading(word("ui.no-content"), true);
  } else {
    draw_welcome();  // the first block of a first open
    // An untitled block is named by its type ("Reading"); a titled one shows its type above the title.
    if (current.contains("title")) {
      muted(current.value("typeName", std::string()));
      heading(text_of(current["title"]), true);
    } else {
      heading(current.value("typeName", std::string()), true);
    }
    draw_deadlines(id);
    // A block not opened yet shows only its actions (the view's way in).
    if (outline_block(id).value("status", std::string()) != "new") {
      if (type == "assessment") {
        draw_assessment(current);
      } else if (type == "scenario") {
        draw_scenario(current);
      } else if (type == "survey") {
        draw_survey(current);
      } else if (type == "reflection") {
        draw_reflection(current);
      } else {
        draw_lesson(current);
      }
    }
  }

  // The foot: the actions no part above drew, Previous first, then in the view's order.
  ImGui::Dummy(ImVec2(0, 12));
  // A rule across the reading column (ImGui's Separator spans the whole window, padding included).
  {
    const ImVec2 at = ImGui::GetCursorScreenPos();
    ImGui::GetWindowDrawList()->AddLine(at, ImVec2(at.x + ImGui::GetContentRegionAvail().x, at.y),
                                        ImGui::GetColorU32(ImGuiCol_Separator));
    ImGui::Dummy(ImVec2(0, 1));
  }
  ImGui::Dummy(ImVec2(0, 4));
  const std::string previous = text_of(view_, "previous");
  std::vector<json> rest = take_actions([&](const json& a) {
    return a.value("type", std::string()) == "open" && a.value("block", std::string()) == previous;
  });
  for (auto& action : take_actions([](const json&) { return true; })) rest.push_back(std::move(action));
  const std::string next = text_of(view_, "next");
  bool first = true;
  for (const auto& action : rest) {
    if (!first) same_line_if_fits(action.value("label", std::string()), action.value("primary", false));
    first = false;
    action_button(action_id(action, previous, next), action);
  }
}

std::string action_id(const json& action, const std::string& previous, const std::string& next) {
  std::string type = action.value("type", std::string());  // not const: the last return moves it
  const std::string block = action.value("block", std::string());
  if (type == "open") return block == next ? "next" : block == previous ? "previous" : "open-" + block;
  if (type == "scenario-choose") return "choice-" + action.value("choice", std::string());
  if (type == "reflect") return "save-reflection";
  return type;
}

void PlayerApp::draw_image(const std::string& src, const std::string& alt) {
  const float width = ImGui::GetContentRegionAvail().x;
  const Texture& texture = textures_.get(resolve(src));
  if (texture.state == Texture::State::ready) {
    float w = std::min(width, static_cast<float>(texture.width));
    float h = w * static_cast<float>(texture.height) / static_cast<float>(std::max(texture.width, 1));
    if (h > 520) {
      w *= 520 / h;
      h = 520;
    }
    ImGui::Image(imgui_texture(texture.id), ImVec2(w, h));
    expose("image", alt);
    if (ImGui::IsItemHovered() && !alt.empty()) wrapped_tooltip(alt);
  } else {
    begin_card("image-placeholder");
    muted(texture.state == Texture::State::loading ? word("ui.image-loading") : texture.error);
    end_card();
  }
}

void PlayerApp::draw_lesson(const json& current) {
  const std::string id = current.value("id", std::string());
  const std::string type = current.value("type", std::string());
  const float width = ImGui::GetContentRegionAvail().x;
  if (current.contains("markdown")) {
    show_markdown(id + "/markdown", text_of(current, "markdown"), "md");
  }
  if (type == "image") {
    draw_image(text_of(current, "src"), text_of(current, "alt"));
    if (current.contains("caption")) muted(text_of(current, "caption"));
  }
  if (type == "video" || type == "audio") {
    const std::string src = text_of(current, "src");
    const std::string captions = text_of(current, "captions");
    const float h = type == "video" ? std::min(width * 9.0f / 16.0f, 420.0f) : 64.0f;
    const float w = type == "video" ? h * 16.0f / 9.0f : width;
    const ImVec2 at = ImGui::GetCursorScreenPos();
    // The browser's own media element plays it, placed over this reserved area; natively, a link. While the
    // area is scrolled under the top bar the element is taken away, so it never covers the navigation.
    const bool under_bar = at.y < ImGui::GetWindowPos().y;
    if (under_bar) hide_media();
    if (under_bar || show_media(type, resolve(src), captions.empty() ? "" : resolve(captions), at.x, at.y, w, h)) {
      ImGui::Dummy(ImVec2(width, h));
      expose("media", type + " " + src);
    } else {
      begin_card("media-link");
      if (own_button("open-media", word("ui.open-media"), "link")) follow_link(src);
      if (!captions.empty()) {
        same_line_if_fits(word("ui.captions"));
        if (own_button("captions", word("ui.captions"), "link")) follow_link(captions);
      }
      end_card();
    }
    const std::string transcript = text_of(current, "transcript");
    if (!transcript.empty() && own_button("transcript", word("ui.transcript"), "link")) follow_link(transcript);
    if (current.contains("lowBandwidth") && current["lowBandwidth"].contains("src")) {
      const std::string low = text_of(current["lowBandwidth"]["src"]);
      same_line_if_fits(word("ui.audio-only"));
      if (own_button("low-bandwidth", word("ui.audio-only"), "link")) follow_link(low);
    }
  }
  if (type == "case-study" && current.contains("questions") && current["questions"].is_array()) {
    heading(word("ui.think-about"));
    int n = 0;
    for (const auto& q : current["questions"]) {
      ++n;
      // Content text is Markdown in both players: the number beside it, the question rendered, not its asterisks.
      ImGui::Text("%d.", n);
      ImGui::SameLine();
      ImGui::BeginGroup();
      show_markdown(id + "/question/" + std::to_string(n), text_of(q), id + "-question-" + std::to_string(n));
      ImGui::EndGroup();
    }
  }
  if (type == "takeaways" && current.contains("points") && current["points"].is_array()) {
    begin_card("takeaways");
    int n = 0;
    for (const auto& point : current["points"]) {
      ++n;
      icon(Icon::check, theme_.palette().success);
      ImGui::SameLine();
      ImGui::BeginGroup();
      show_markdown(id + "/point/" + std::to_string(n), text_of(point), id + "-point-" + std::to_string(n));
      ImGui::EndGroup();
    }
    end_card();
  }
}

void PlayerApp::draw_survey(const json& current) {
  const std::string id = current.value("id", std::string());
  const std::vector<json> sends = take_actions([&](const json& a) {
    return a.value("type", std::string()) == "submit-survey" && a.value("block", std::string()) == id;
  });
  if (sends.empty()) {
    if (current.contains("saved")) muted(word("ui.saved"));
    return;
  }
  muted(word("ui.survey-optional"));
  json& answers = survey_answers_[id];
  auto& texts = survey_text_[id];
  const json items = current.value("items", json::array());
  if (!answers.is_object()) {
    answers = json::object();
    texts.assign(items.size(), std::string(2000, '\0'));
  }
  for (std::size_t i = 0; i < items.size(); ++i) {
    const json& item = items[i];
    const std::string item_id = item.value("id", std::string());
    ImGui::PushID(static_cast<int>(i));
    begin_card("survey-item");
    ImGui::PushFont(theme_.fonts().bold);
    ImGui::TextWrapped("%s", text_of(item.value("prompt", json())).c_str());
    ImGui::PopFont();
    if (item.value("type", std::string()) == "likert") {
      const int points = item.value("points", 5);
      for (int v = 1; v <= points; ++v) {
        const bool selected = answers.contains(item_id) && answers[item_id] == v;
        if (ImGui::RadioButton(std::to_string(v).c_str(), selected)) answers[item_id] = v;
        expose("survey-" + item_id + "-" + std::to_string(v), std::to_string(v), {"radio"});
        if (v == points) break;
        // A radio is its circle, the inner spacing and its number; a scale wider than a phone wraps.
        const std::string next = std::to_string(v + 1);
        same_line_if_fits(
            ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x + ImGui::CalcTextSize(next.c_str()).x, 18);
      }
      // The scale's ends as the author words them.
      const std::string low = text_of(item, "lowLabel");
      const std::string high = text_of(item, "highLabel");
      if (!low.empty() || !high.empty()) muted("1: " + low + " \u00b7 " + std::to_string(points) + ": " + high);
    } else {
      std::string& buffer = texts[i];
      if (ImGui::InputTextMultiline("##text", buffer.data(), buffer.size(), ImVec2(-1, 90))) {
        const std::string value(buffer.c_str());
        if (value.empty())
          answers.erase(item_id);
        else
          answers[item_id] = value;
      }
      expose("survey-" + item_id, text_of(item.value("prompt", json())), {"text-input"});
    }
    end_card();
    ImGui::PopID();
  }
  for (const auto& send : sends) {
    action_button(
        "submit-survey", send,
        [&answers] {
          return json{{"answers", answers}};
        },
        [this] { status_ = word("ui.saved"); });
  }
}

void PlayerApp::draw_reflection(const json& current) {
  const std::string id = current.value("id", std::string());
  ImGui::PushFont(theme_.fonts().bold);
  const std::string prompt = text_of(current, "prompt");
  ImGui::TextWrapped("%s", prompt.empty() ? word("ui.reflection-prompt").c_str() : prompt.c_str());
  ImGui::PopFont();
  muted(word("ui.reflection-private"));
  std::string& buffer = reflection_text_[id];
  if (buffer.empty()) {
    buffer.assign(8000, '\0');
    const std::string saved =
        current.contains("saved") ? text_of(current["saved"], "text") : std::string();  // on resume
    std::strncpy(buffer.data(), saved.c_str(), buffer.size() - 1);
  }
  ImGui::InputTextMultiline("##reflection", buffer.data(), buffer.size(), ImVec2(-1, 160));
  expose("reflection-text", prompt.empty() ? word("ui.reflection-prompt") : prompt, {"text-input"});
  const std::string text(buffer.c_str());
  for (const auto& save : take_actions([&](const json& a) {
         return a.value("type", std::string()) == "reflect" && a.value("block", std::string()) == id;
       })) {
    action_button(
        "save-reflection", save,
        [text] {
          return json{{"text", text}};
        },
        [this] { status_ = word("ui.saved"); });
  }
}

}  // namespace tessera::player
