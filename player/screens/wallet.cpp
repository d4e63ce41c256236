// Wallet screen: the credentials the learner holds (from the store), each with its QR code, and the
// open course's completion when it is complete but not yet issued as a credential.
#include <imgui.h>

#include "../player_app.hpp"

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
  heading("Wallet", true);
  muted("Credentials you hold. Show the QR code to a verifier, or share the file.");
  ImGui::Dummy(ImVec2(0, 4));
  bool any = false;

  if (session_ && session_->course_complete()) {
    any = true;
    const course::Course& c = *course_;
    const json summary = session_->summary();
    begin_card("earned");
    ImGui::BeginGroup();
    pill("earned · not yet issued", p.warning);
    heading(c.credential.name.in(language_, c.default_language));
    ImGui::TextWrapped("%s", c.credential.description.in(language_, c.default_language).c_str());
    muted(c.title.in(language_, c.default_language) + " · " + c.id + " " + c.version);
    muted("The issuer turns your signed completion into a credential; the code holds your completion summary.");
    ImGui::EndGroup();
    ImGui::SameLine(std::max(ImGui::GetContentRegionAvail().x - 200.0f, 320.0f));
    const json compact = {{"course", c.id}, {"version", c.version}, {"complete", true},
                          {"progress", summary["progress"]["percent"]}, {"mastery", summary["mastery"]}};
    draw_qr_code(compact.dump(), 200);
    expose("qr-earned", "QR code of the completion summary");
    end_card();
  }

  for (std::size_t i = 0; i < wallet_.size(); ++i) {
    const json credential = json::parse(wallet_[i], nullptr, false);
    if (credential.is_discarded()) continue;
    any = true;
    ImGui::PushID(static_cast<int>(i));
    begin_card("credential");
    ImGui::BeginGroup();
    std::string name = find_text(credential, {"credentialSubject", "achievement", "name"});
    if (name.empty()) name = find_text(credential, {"name"});
    std::string issuer = find_text(credential, {"issuer", "name"});
    if (issuer.empty()) issuer = find_text(credential, {"issuer"});
    pill("credential", p.success);
    heading(name.empty() ? "Credential" : name);
    const std::string description = find_text(credential, {"credentialSubject", "achievement", "description"});
    if (!description.empty()) ImGui::TextWrapped("%s", description.c_str());
    if (!issuer.empty()) muted("Issued by " + issuer);
    const std::string from = find_text(credential, {"validFrom"});
    const std::string until = find_text(credential, {"validUntil"});
    if (!from.empty()) muted("Valid from " + from.substr(0, 10) + (until.empty() ? "" : " until " + until.substr(0, 10)));
    ImGui::EndGroup();
    ImGui::SameLine(std::max(ImGui::GetContentRegionAvail().x - 200.0f, 320.0f));
    // The QR code carries the credential's id when it is a link; else the whole credential when it fits.
    const std::string id = find_text(credential, {"id"});
    const std::string payload = id.rfind("http", 0) == 0 ? id : credential.dump();
    if (!draw_qr_code(payload, 200)) {
      muted("Too large for a QR code: share the file instead.");
    }
    expose("qr-" + std::to_string(i), "QR code of " + name);
    end_card();
    ImGui::PopID();
  }
  if (!any) {
    begin_card("empty-wallet");
    heading("No credentials yet");
    muted(wallet_loaded_ ? "Complete a course to earn one." : "Loading…");
    end_card();
  }
}

}  // namespace tessera::player
