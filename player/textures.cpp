// GL textures for decoded images, and QR codes (see textures.hpp).
#include "textures.hpp"

#include <qrcodegen/qrcodegen.hpp>

#include "gl_renderer.hpp"
#include "platform.hpp"

namespace tessera::player {

const Texture& TextureCache::get(const std::string& url) {
  const auto found = textures_.find(url);
  if (found != textures_.end()) return found->second;
  textures_[url] = Texture{};
  load_image(url, [this, url](bool ok, Rgba image, std::string error) {
    Texture& t = textures_[url];
    if (!ok) {
      t.state = Texture::State::failed;
      t.error = std::move(error);
      return;
    }
    const unsigned id = upload_rgba_texture(0, image.width, image.height, image.pixels.data());
    t.id = id;
    t.width = image.width;
    t.height = image.height;
    t.state = Texture::State::ready;
  });
  return textures_[url];
}

TextureCache::~TextureCache() {
  for (auto& entry : textures_) {
    delete_texture(entry.second.id);
  }
}

bool draw_qr_code(const std::string& text, float size) {
  qrcodegen::QrCode code = qrcodegen::QrCode::encodeText("", qrcodegen::QrCode::Ecc::LOW);
  try {
    code = qrcodegen::QrCode::encodeText(text.c_str(), qrcodegen::QrCode::Ecc::MEDIUM);
  } catch (const qrcodegen::data_too_long&) {
    return false;
  }
  const int modules = code.getSize();
  const int quiet = 4;
  const float cell = size / static_cast<float>(modules + 2 * quiet);
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddRectFilled(origin, ImVec2(origin.x + size, origin.y + size), IM_COL32(255, 255, 255, 255), 6.0f);
  for (int y = 0; y < modules; ++y) {
    for (int x = 0; x < modules; ++x) {
      if (!code.getModule(x, y)) continue;
      const ImVec2 a(origin.x + static_cast<float>(x + quiet) * cell, origin.y + static_cast<float>(y + quiet) * cell);
      draw->AddRectFilled(a, ImVec2(a.x + cell, a.y + cell), IM_COL32(17, 20, 28, 255));
    }
  }
  ImGui::Dummy(ImVec2(size, size));
  return true;
}

}  // namespace tessera::player
