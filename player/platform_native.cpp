// The player's platform layer for desktop: an OpenGL 3.2 core window, a blocking loop that sleeps in
// SDL_WaitEventTimeout when nothing changes, files from disk, stb_image, and the JSON Lines record.
#include <SDL.h>
#include <SDL_opengl.h>
#include <stb/stb_image.h>
#include <stb/stb_image_write.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <vector>

#include "platform.hpp"
#include "record_file.hpp"
#include "tessera/json_text.hpp"

namespace tessera::player {

namespace {
StartConfig g_config;
bool g_redraw = false;
std::map<std::string, std::unique_ptr<native::RecordFile>> g_records;  // course id → its open record
StoreStatus g_store;
std::string g_ui_dump_path;

// The environment variable `name`, "" when it is unset or empty.
std::string environment(const char* name) {
  // NOLINTNEXTLINE(concurrency-mt-unsafe): nothing in the player sets the environment
  const char* value = std::getenv(name);
  return value != nullptr ? value : "";
}

std::string record_path_for(const std::string& course_id) {
  if (!g_config.record.empty()) return g_config.record;
  const std::string state = environment("XDG_STATE_HOME");
  const std::string home = environment("HOME");
  std::filesystem::path base = !state.empty()  ? std::filesystem::path(state)
                               : !home.empty() ? std::filesystem::path(home) / ".local/state"
                                               : std::filesystem::temp_directory_path();
  base /= "tessera/records";
  std::error_code error;
  std::filesystem::create_directories(base, error);
  return (base / (course_id + ".jsonl")).string();
}
}  // namespace

GlSetup gl_setup() { return {3, 2, false, "#version 150"}; }

// NOLINTNEXTLINE(performance-unnecessary-value-param): a sink in platform.hpp; the web half keeps it
void run_main_loop(std::function<bool()> frame) {
  while (frame()) {
  }
}

bool wait_for_input(int timeout_ms) {
  SDL_Event event;
  if (SDL_WaitEventTimeout(&event, timeout_ms) == 0) return false;
  SDL_PushEvent(&event);  // handed back, so the frame's own SDL_PollEvent sees it
  return true;
}

void request_redraw() { g_redraw = true; }
bool take_redraw_request() {
  const bool wanted = g_redraw;
  g_redraw = false;
  return wanted;
}

double cpu_time_ms() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) * 1000.0 + static_cast<double>(now.tv_nsec) / 1.0e6;
}

void frame_cost(double, int) {}

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

void set_start_config(StartConfig config) {
  g_config = std::move(config);
  g_ui_dump_path = environment("TESSERA_PLAYER_UI_DUMP");
}
StartConfig start_config() { return g_config; }

// NOLINTNEXTLINE(performance-unnecessary-value-param): a sink in platform.hpp; the web half keeps it
void fetch_bytes(const std::string& url, TextCallback done) {
  std::ifstream in(url, std::ios::binary);
  if (!in) {
    done(false, "cannot open " + url);
    return;
  }
  std::ostringstream body;
  body << in.rdbuf();
  done(true, body.str());
  request_redraw();
}

void open_course(const std::string& folder, CourseCallback done) {
  fetch_bytes(folder + "course.json", [&done](bool ok, std::string body) {
    if (ok)
      done(true, std::move(body), {});
    else
      done(false, {}, std::move(body));
  });
}

// NOLINTNEXTLINE(performance-unnecessary-value-param): a sink in platform.hpp; the web half keeps it
void course_completed(const std::string&, std::function<void(std::string)> done) { done({}); }

std::string font_url(const std::string& file) {
  const std::string dir = environment("TESSERA_FONT_DIR");
  return (dir.empty() ? std::string("/usr/share/fonts/truetype/noto") : dir) + "/" + file;
}

// NOLINTNEXTLINE(performance-unnecessary-value-param): a sink in platform.hpp; the web half keeps it
void load_image(const std::string& url, ImageCallback done) {
  int width = 0;
  int height = 0;
  int channels = 0;
  unsigned char* data = stbi_load(url.c_str(), &width, &height, &channels, 4);
  if (data == nullptr) {
    const bool svg = url.size() > 4 && url.compare(url.size() - 4, 4, ".svg") == 0;
    done(false, {},
         svg ? "SVG images are shown in the browser player; the desktop preview shows their text"
             : std::string("cannot decode ") + url + ": " + stbi_failure_reason());
    return;
  }
  Rgba image{width, height, std::vector<unsigned char>(data, data + static_cast<std::size_t>(width) * height * 4)};
  stbi_image_free(data);
  done(true, std::move(image), {});
  request_redraw();
}

std::string open_link(const std::string& url) {
  // A preview must not launch programs on the author's behalf; the link is printed for them to open.
  std::printf("link: %s\n", url.c_str());
  if (std::fflush(stdout) != 0 || std::ferror(stdout) != 0)
    return "The link could not be printed in the terminal: " + url;
  return "Link printed in the terminal: " + url;
}

bool show_media(const std::string&, const std::string&, const std::string&, float, float, float, float) {
  return false;
}
void hide_media() {}

// NOLINTNEXTLINE(performance-unnecessary-value-param): a sink in platform.hpp; the web half keeps it
void store_load(const std::string& course_id, EventsCallback done) {
  const std::string path = record_path_for(course_id);
  auto opened = native::RecordFile::open(path);
  if (!opened.ok()) {
    g_store = {false, path, opened.problems().front().message};
    done(false, {}, g_store.error);
    return;
  }
  auto record = std::make_unique<native::RecordFile>(std::move(opened.value()));
  g_store = {record->writable(), path, {}};
  if (!record->problems().empty()) g_store.error = record->problems().front().message;
  std::vector<std::string> events;
  for (const auto& event : record->events()) events.push_back(record::to_json(event).dump());
  g_records[course_id] = std::move(record);
  done(true, std::move(events), {});
}

void store_append(const std::string& course_id, const std::string& event_json, WrittenCallback done) {
  const auto fail = [&](const std::string& detail) {
    done(StoreFailure{"failed", "Your last step could not be saved (" + detail +
                                    "), so it is not shown as done. "
                                    "Check that the record's folder is writable and has space, then try again."});
  };
  const auto found = g_records.find(course_id);
  if (found == g_records.end()) return fail("no record is open for " + course_id);
  const auto parsed = json_text::parse(event_json, json_text::record_line, "the event");
  if (parsed.error) return fail(parsed.error->problem.message);
  auto event = record::from_json(parsed.value, "/");
  if (!event.ok()) return fail(event.problems().front().message);
  auto written = found->second->append(event.value());
  if (!written.ok()) return fail(g_store.where + ": " + written.problems().front().message);
  done(std::nullopt);
}

StoreStatus store_status() { return g_store; }

// NOLINTNEXTLINE(performance-unnecessary-value-param): a sink in platform.hpp; the web half keeps it
void wallet_load(std::function<void(std::vector<std::string>)> done) {
  std::vector<std::string> credentials;
  std::error_code error;
  if (!g_config.wallet.empty()) {
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(g_config.wallet, error)) {
      if (entry.path().extension() == ".json") files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    for (const auto& file : files) {
      std::ifstream in(file);
      std::ostringstream body;
      body << in.rdbuf();
      credentials.push_back(body.str());
    }
  }
  done(std::move(credentials));
}

void frame_presented(int) {}

void publish_ui(const std::string& ui_json) {
  if (g_ui_dump_path.empty()) return;
  std::ofstream out(g_ui_dump_path, std::ios::trunc);
  out << ui_json << '\n';
}

bool save_screenshot(const char* path, int width, int height) {
  std::vector<unsigned char> pixels(static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 4);
  glPixelStorei(GL_PACK_ALIGNMENT, 1);
  glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
  // OpenGL's rows run bottom-up; PNG's top-down.
  stbi_flip_vertically_on_write(1);
  if (stbi_write_png(path, width, height, 4, pixels.data(), width * 4) == 0) {
    std::fprintf(stderr, "tessera_player: could not write the screenshot %s\n", path);
    return false;
  }
  return true;
}

float content_scale() {
  SDL_Window* window = SDL_GL_GetCurrentWindow();
  if (window == nullptr) return 1.0f;
  int window_w = 0;
  int window_h = 0;
  int drawable_w = 0;
  int drawable_h = 0;
  SDL_GetWindowSize(window, &window_w, &window_h);
  SDL_GL_GetDrawableSize(window, &drawable_w, &drawable_h);
  float scale = window_w > 0 ? static_cast<float>(drawable_w) / static_cast<float>(window_w) : 1.0f;
  // A forced scale that is not a number is ignored (atof read it as 0, which dropped the window's own scale).
  const std::string forced = environment("TESSERA_PLAYER_SCALE");
  char* end = nullptr;
  const double forced_scale = std::strtod(forced.c_str(), &end);
  if (!forced.empty() && *end == '\0') scale = static_cast<float>(forced_scale);
  return scale > 0.5f ? scale : 1.0f;
}

}  // namespace tessera::player
