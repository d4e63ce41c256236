// Catalog screen: the courses a site offers (catalog.json), each as a card that opens the course.
#include <imgui.h>

#include "../platform.hpp"
#include "../player_app.hpp"

namespace tessera::player {

void PlayerApp::draw_catalog() {
  heading(page_word("page.catalog.heading"), true);
  muted(page_word("page.catalog.lead"));
  ImGui::Dummy(ImVec2(0, 8));
  for (const auto& error : load_errors_) {
    ImGui::PushStyleColor(ImGuiCol_Text, theme_.palette().danger);
    ImGui::TextWrapped("%s", error.c_str());
    ImGui::PopStyleColor();
  }
  if (!catalog_loaded_) {
    muted(page_word("page.catalog.loading"));
    return;
  }
  if (catalog_.empty() && load_errors_.empty()) muted(page_word("page.catalog.none"));
  for (std::size_t i = 0; i < catalog_.size(); ++i) {
    const CatalogCard& card = catalog_[i];
    ImGui::PushID(static_cast<int>(i));
    begin_card("course-card");
    heading(card.title.empty() ? card.id : card.title);
    if (!card.error.empty()) {
      ImGui::PushStyleColor(ImGuiCol_Text, theme_.palette().danger);
      ImGui::TextWrapped("%s", page_word("page.canvas.course-unreadable", {{"problem", card.error}}).c_str());
      ImGui::PopStyleColor();
    } else {
      if (!card.summary.empty()) ImGui::TextWrapped("%s", card.summary.c_str());
      std::string meta = card.level.empty() ? std::string() : page_word("page.level." + card.level) + " · ";
      meta += page_word("page.facts.minutes", {{"minutes", std::to_string(card.minutes)}});
      pill(meta, theme_.palette().accent);
    }
    ImGui::Dummy(ImVec2(0, 4));
    const std::string path = card.path;
    if (own_button("open-course-" + card.id, word("ui.open-course"), "nav", card.error.empty() && !card.title.empty(),
                   Look::primary)) {
      load_errors_.clear();
      load_course(path);
    }
    end_card();
    ImGui::PopID();
  }
}

}  // namespace tessera::player
