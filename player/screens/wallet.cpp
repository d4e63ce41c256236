// Wallet screen: the credentials the learner holds (from the store), each with its QR code, and the
// open course's completion when it is complete but not yet issued as a credential.
#include <imgui.h>

#include "../player_app.hpp"
#include "tessera/json_text.hpp"

namespace tessera::player {

using nlohmann::json;

namespace {

std::string find_text(const json& value, std::initializer_list<const char*> path) {
  const json* at = &value;
  for (const char* key : path) {
    if (!at->is_object() || !at->contains(key)) return {};
    at = &(*at)[key];
  }
  return text_of(*at);
}

}  // namespace

void PlayerApp::draw_wallet() {
  const Palette& p = theme_.palette();
  heading(page_word("page.wallet.heading"), true);
  muted(page_word("page.canvas.wallet-lead"));
  ImGui::Dummy(ImVec2(0, 4));
  bool any = false;

  if (session_ && view_.value("complete", false)) {
    any = true;
    const course::Course& c = *course_;
    begin_card("earned");
    const json compact = {{"course", c.id},
                          {"version", c.version},
                          {"complete", true},
                          {"progress", view_["progress"].value("percent", 0)},
                          {"mastery", view_["mastery"]}};
    text_beside_qr(
        [&] {
          pill(page_word("page.canvas.earned"), p.warning);
          heading(c.credential.name.in(language_, c.default_language));
          ImGui::TextWrapped("%s", c.credential.description.in(language_, c.default_language).c_str());
          muted(c.title.in(language_, c.default_language) + " · " + c.id + " " + c.version);
          muted(page_word("page.canvas.earned-note"));
        },
        compact.dump(), "qr-earned", page_word("page.canvas.qr-summary"), page_word("page.canvas.qr-too-large"));
    end_card();
  }

  for (std::size_t i = 0; i < wallet_.size(); ++i) {
    const auto read = json_text::parse(wallet_[i], json_text::credential_document);
    if (read.error) continue;
    const json& credential = read.value;
    any = true;
    ImGui::PushID(static_cast<int>(i));
    begin_card("credential");
    std::string name = find_text(credential, {"credentialSubject", "achievement", "name"});
    if (name.empty()) name = find_text(credential, {"name"});
    // The QR code carries the credential's id when it is a link; else the whole credential when it fits.
    const std::string id = find_text(credential, {"id"});
    const std::string payload = id.rfind("http", 0) == 0 ? id : credential.dump();
    text_beside_qr(
        [&] {
          std::string issuer = find_text(credential, {"issuer", "name"});
          if (issuer.empty()) issuer = find_text(credential, {"issuer"});
          pill(page_word("page.wallet.kind.credential"), p.success);
          heading(name.empty() ? page_word("page.wallet.kind.credential") : name);
          expose("credential-" + std::to_string(i), name);  // listed, whether or not its QR code fits
          const std::string description = find_text(credential, {"credentialSubject", "achievement", "description"});
          if (!description.empty()) ImGui::TextWrapped("%s", description.c_str());
          if (!issuer.empty()) muted(page_word("page.canvas.issued-by", {{"issuer", issuer}}));
          const std::string from = find_text(credential, {"validFrom"});
          const std::string until = find_text(credential, {"validUntil"});
          if (!from.empty()) {
            muted(until.empty() ? page_word("page.canvas.valid-from", {{"from", from.substr(0, 10)}})
                                : page_word("page.canvas.valid-from-until",
                                            {{"from", from.substr(0, 10)}, {"until", until.substr(0, 10)}}));
          }
        },
        payload, "qr-" + std::to_string(i), page_word("page.canvas.qr-of", {{"name", name}}),
        page_word("page.canvas.qr-share-file"));
    end_card();
    ImGui::PopID();
  }
  if (!any) {
    begin_card("empty-wallet");
    heading(page_word("page.canvas.no-credentials"));
    muted(page_word(wallet_loaded_ ? "page.canvas.earn-one" : "page.canvas.wallet-loading"));
    end_card();
  }
}

void PlayerApp::text_beside_qr(const std::function<void()>& text, const std::string& payload, const std::string& qr_id,
                               const std::string& qr_label, const std::string& too_large) {
  const float avail = ImGui::GetContentRegionAvail().x;
  const float code = std::min(200.0f, avail);
  constexpr float gap = 24;
  const bool beside = avail >= code + gap + 280;  // room for a readable text column
  const float text_width = beside ? avail - code - gap : avail;
  const float start_x = ImGui::GetCursorPosX();
  ImGui::BeginGroup();
  ImGui::PushTextWrapPos(start_x + text_width);
  text();
  ImGui::PopTextWrapPos();
  ImGui::EndGroup();
  if (beside) {
    ImGui::SameLine(0, 0);
    ImGui::SetCursorPosX(start_x + text_width + gap);
  } else {
    ImGui::Dummy(ImVec2(0, 8));
  }
  if (draw_qr_code(payload, code)) {
    expose(qr_id, qr_label);
  } else {
    muted(too_large);
  }
}

}  // namespace tessera::player
