// The player's platform layer for the browser: WebGL2 context, requestAnimationFrame loop that skips
// frames while nothing changes, fetch, the browser's image decoder, media elements over the canvas, and
// the page's storage boundary (window.tesseraStore, see docs/canvas-player.md).
#include <SDL.h>
#include <emscripten.h>

#include <nlohmann/json.hpp>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <string_view>
#include <utility>

#include "platform.hpp"
#include "tessera/json_text.hpp"
#include "tessera/package.hpp"

namespace {
// Callbacks waiting for the browser, by token; the JS side hands the token back with the answer.
std::map<int, tessera::player::TextCallback> g_text_waiting;
std::map<int, tessera::player::ImageCallback> g_image_waiting;
std::map<int, tessera::player::EventsCallback> g_events_waiting;
std::map<int, tessera::player::WrittenCallback> g_written_waiting;
std::map<int, tessera::player::CourseCallback> g_course_waiting;
std::map<int, std::function<void(std::string)>> g_notice_waiting;
std::map<int, std::function<void(std::vector<std::string>)>> g_wallet_waiting;
int g_next_token = 1;
bool g_redraw = false;
tessera::player::StoreStatus g_store{false, "memory (this tab only)", {}};

std::vector<std::string> split_json_lines(const char* text) {
  std::vector<std::string> lines;
  std::string line;
  for (const char* p = text; *p != '\0'; ++p) {
    if (*p == '\n') {
      if (!line.empty()) lines.push_back(std::move(line));
      line.clear();
    } else {
      line.push_back(*p);
    }
  }
  if (!line.empty()) lines.push_back(std::move(line));
  return lines;
}

// The callback waiting on `token`, taken out of `waiting` (and a redraw asked for, since an answer changes
// what shows); empty when nothing waits, e.g. an answer arriving twice.
template <typename Callback>
Callback take_waiting(std::map<int, Callback>& waiting, int token) {
  const auto found = waiting.find(token);
  if (found == waiting.end()) return {};
  Callback done = std::move(found->second);
  waiting.erase(found);
  g_redraw = true;
  return done;
}

// A copy of a string the browser allocated, which is freed here (the answers below own their arguments).
std::string take_string(char* text) {
  std::string copy(text);
  std::free(text);
  return copy;
}
}  // namespace

// ---- JavaScript side. Every answer comes back through one of the exported tessera_player_* functions.
// EM_JS bodies are JavaScript, which clang-format would rewrite as C++ (`=>` as `= >`).
// clang-format off

// The canvas element carries the frame count so the page and the browser tests can see the player is alive.
EM_JS(void, tessera_js_frame_presented, (int frame_number), {
  if (Module.canvas) Module.canvas.dataset.framesPresented = String(frame_number);
});

EM_JS(void, tessera_js_publish_ui, (const char* json), {
  const ui = JSON.parse(UTF8ToString(json));
  Module.tesseraUi = ui;
  if (Module.onTesseraUi) Module.onTesseraUi(ui);
});

EM_JS(double, tessera_js_now, (), { return Date.now(); });

EM_JS(double, tessera_js_cpu_now, (), { return performance.now(); });

EM_JS(void, tessera_js_frame_cost, (double average_ms, int frames), {
  if (Module.canvas) {
    Module.canvas.dataset.frameCpuMs = average_ms.toFixed(3);
    Module.canvas.dataset.frameCpuFrames = String(frames);
  }
});

EM_JS(float, tessera_js_device_pixel_ratio, (), { return window.devicePixelRatio || 1; });

EM_JS(char*, tessera_js_config, (), {
  const text = JSON.stringify(Module.tesseraConfig || {});
  return stringToNewUTF8(text);
});

EM_JS(void, tessera_js_fetch, (int token, const char* url), {
  const target = UTF8ToString(url);
  const deliver = (ok, bytes) => {
    const ptr = _malloc(bytes.length + 1);
    HEAPU8.set(bytes, ptr);
    HEAPU8[ptr + bytes.length] = 0;
    Module._tessera_player_text_arrived(token, ok ? 1 : 0, ptr, bytes.length);
  };
  fetch(target, { credentials: "same-origin" })
    .then((response) => {
      if (!response.ok) throw new Error(target + " answered " + response.status);
      return response.arrayBuffer();
    })
    .then((buffer) => deliver(true, new Uint8Array(buffer)))
    .catch((error) => deliver(false, new TextEncoder().encode(String(error.message || error))));
});

// The page opens the course (Module.tesseraOpenCourse: web/js/courses.js's loadCourseAt) with this module's
// own package check in the shape of the runtime module's PackageVerifier, so the canvas page loads no
// second copy of the runtime; a page without that function gets course.json unchecked (a bare preview).
EM_JS(void, tessera_js_open_course, (int token, const char* folder), {
  const where = UTF8ToString(folder);
  const deliver = (ok, text) => Module._tessera_player_course_opened(token, ok ? 1 : 0, stringToNewUTF8(text));
  class PackageVerifier {
    constructor(manifestText, publisher) {
      this.manifestText = manifestText;
      this.publisher = publisher;
      this.checked = this.check("", new Uint8Array(0));
    }
    check(path, bytes) {
      const texts = [this.manifestText, this.publisher, path].map((text) => stringToNewUTF8(text));
      const data = _malloc(bytes.length + 1);
      HEAPU8.set(bytes, data);
      const answer = Module._tessera_player_check_package(texts[0], texts[1], texts[2], data, bytes.length);
      texts.concat([data]).forEach((ptr) => _free(ptr));
      const result = JSON.parse(UTF8ToString(answer));
      _free(answer);
      return result;
    }
    problems() { return JSON.stringify(this.checked.problems); }
    manifest() { return JSON.stringify(this.checked.manifest); }
    checkFile(path, bytes) {
      const result = this.check(path, bytes);
      if (result.refusal) this.checked.refusal = result.refusal;
      return JSON.stringify(result.problems);
    }
    refusal() { return this.checked.refusal; }
    delete() {}
  }
  const open = Module.tesseraOpenCourse ||
    ((folderUrl) => fetch(folderUrl + "course.json").then((response) => {
      if (!response.ok) throw new Error(folderUrl + "course.json answered " + response.status);
      return response.text().then((courseText) => ({ courseText }));
    }));
  Promise.resolve()
    .then(() => open(where, { PackageVerifier }))
    .then((opened) => deliver(true, opened.courseText),
          (error) => deliver(false, String((error && error.message) || error) +
                                    (error && error.detail ? " (" + error.detail + ")" : "")));
});

// The page signs the completion proof (Module.tesseraCourseCompleted) and answers with what to tell the learner.
EM_JS(void, tessera_js_course_completed, (int token, const char* course), {
  const id = UTF8ToString(course);
  const deliver = (text) => {
    Module._tessera_player_notice_arrived(token, stringToNewUTF8(text));
  };
  if (!Module.tesseraCourseCompleted) {
    deliver("");
    return;
  }
  Promise.resolve()
    .then(() => Module.tesseraCourseCompleted(id))
    .then((notice) => deliver(String(notice || "")), (error) => deliver(String((error && error.message) || error)));
});

// The browser decodes (PNG, JPEG, WebP, SVG…); a 2D canvas hands the RGBA pixels back.
EM_JS(void, tessera_js_load_image, (int token, const char* url), {
  const target = UTF8ToString(url);
  const image = new Image();
  const fail = (message) => {
    const bytes = new TextEncoder().encode(message);
    const ptr = _malloc(bytes.length + 1);
    HEAPU8.set(bytes, ptr);
    HEAPU8[ptr + bytes.length] = 0;
    Module._tessera_player_image_arrived(token, 0, ptr, 0, 0);
  };
  image.onload = () => {
    const max = 2048;  // keeps textures within every WebGL2 limit
    const scale = Math.min(1, max / Math.max(image.naturalWidth || 1, image.naturalHeight || 1));
    const width = Math.max(1, Math.round((image.naturalWidth || 300) * scale));
    const height = Math.max(1, Math.round((image.naturalHeight || 150) * scale));
    const canvas = document.createElement("canvas");
    canvas.width = width;
    canvas.height = height;
    const context = canvas.getContext("2d");
    context.drawImage(image, 0, 0, width, height);
    const pixels = context.getImageData(0, 0, width, height).data;
    const ptr = _malloc(pixels.length);
    HEAPU8.set(pixels, ptr);
    Module._tessera_player_image_arrived(token, 1, ptr, width, height);
  };
  image.onerror = () => fail("the browser could not load or decode " + target);
  image.src = target;
});

EM_JS(void, tessera_js_open_link, (const char* url), {
  window.open(UTF8ToString(url), "_blank", "noopener");
});

// One media element at a time, absolutely positioned over the canvas (its parent is position: relative).
EM_JS(int, tessera_js_show_media, (const char* kind, const char* url, const char* captions, float x, float y,
                                   float w, float h), {
  const canvas = Module.canvas;
  if (!canvas || !canvas.parentElement) return 0;
  const type = UTF8ToString(kind) === "audio" ? "audio" : "video";
  const source = UTF8ToString(url);
  let element = Module.tesseraMedia;
  if (!element || element.tagName.toLowerCase() !== type || element.dataset.source !== source) {
    if (element) element.remove();
    element = document.createElement(type);
    element.controls = true;
    element.preload = "metadata";
    element.className = "player-media";
    element.dataset.source = source;
    element.src = source;
    const track = UTF8ToString(captions);
    if (track && type === "video") {
      const node = document.createElement("track");
      node.kind = "captions";
      node.src = track;
      node.default = true;
      element.appendChild(node);
    }
    // The page scrolls under the pointer even when it rests on the player's controls: the media element
    // has no use for the wheel, so it passes it on to the canvas.
    element.addEventListener("wheel", (event) => {
      event.preventDefault();
      canvas.dispatchEvent(new WheelEvent("wheel", event));
    }, { passive: false });
    canvas.parentElement.appendChild(element);
    Module.tesseraMedia = element;
  }
  const left = canvas.offsetLeft + x;
  const top = canvas.offsetTop + y;
  const style = element.style;
  const wanted = [left + "px", top + "px", w + "px", h + "px"];
  if (style.left !== wanted[0] || style.top !== wanted[1] || style.width !== wanted[2] || style.height !== wanted[3]) {
    style.position = "absolute";
    style.left = wanted[0];
    style.top = wanted[1];
    style.width = wanted[2];
    style.height = wanted[3];
  }
  return 1;
});

EM_JS(void, tessera_js_hide_media, (), {
  if (Module.tesseraMedia) {
    Module.tesseraMedia.remove();
    Module.tesseraMedia = null;
  }
});

// window.tesseraStore (the web app's storage layer) or the page's in-memory stand-in: load → events,
// append → Promise. See docs/canvas-player.md for the boundary.
EM_JS(void, tessera_js_store_load, (int token, const char* course), {
  const store = Module.tesseraStore;
  const id = UTF8ToString(course);
  const deliver = (ok, text) => {
    Module._tessera_player_events_arrived(token, ok ? 1 : 0, stringToNewUTF8(text));
  };
  if (!store) {
    deliver(true, "");
    return;
  }
  Promise.resolve()
    .then(() => store.load(id))
    .then((events) => deliver(true, (events || []).map((e) => (typeof e === "string" ? e : JSON.stringify(e))).join("\n")))
    .catch((error) => deliver(false, String(error && error.message || error)));
});

// Resolves when the event is stored; a refusal carries the store's kind (web/js/store/db.js) and the
// sentence the page's Module.tesseraStoreProblem(error) gives the learner.
EM_JS(void, tessera_js_store_append, (int token, const char* course, const char* event), {
  const store = Module.tesseraStore;
  const id = UTF8ToString(course);
  const text = UTF8ToString(event);
  const deliver = (kind, message) => Module._tessera_player_store_written(token, stringToNewUTF8(kind), stringToNewUTF8(message));
  if (!store) {
    deliver("", "");  // no storage layer: the page said so in its banner
    return;
  }
  Promise.resolve()
    .then(() => store.append(id, text))
    .then(() => deliver("", ""), (error) => {
      const described = Module.tesseraStoreProblem ? Module.tesseraStoreProblem(error) : "";
      deliver(String((error && error.kind) || "failed"),
              described || "Your last step could not be saved to " + (store.kind || "the store") + ": " +
                           String((error && error.message) || error));
    });
});

EM_JS(char*, tessera_js_store_kind, (), {
  const store = Module.tesseraStore;
  const text = JSON.stringify({ persistent: !!(store && store.persistent), where: (store && store.kind) || "none" });
  return stringToNewUTF8(text);
});

EM_JS(void, tessera_js_wallet_load, (int token), {
  const store = Module.tesseraStore;
  const deliver = (list) => {
    const text = list.map((c) => (typeof c === "string" ? c : JSON.stringify(c))).join("\n");
    Module._tessera_player_wallet_arrived(token, stringToNewUTF8(text));
  };
  if (!store || typeof store.wallet !== "function") {
    deliver([]);
    return;
  }
  Promise.resolve().then(() => store.wallet()).then((list) => deliver(list || [])).catch(() => deliver([]));
});

// clang-format on

// ---- Answers from the browser.

extern "C" {

EMSCRIPTEN_KEEPALIVE void tessera_player_text_arrived(int token, int ok, char* bytes, int length) {
  std::string body(bytes, static_cast<std::size_t>(length));
  std::free(bytes);
  if (auto done = take_waiting(g_text_waiting, token)) done(ok != 0, std::move(body));
}

EMSCRIPTEN_KEEPALIVE void tessera_player_image_arrived(int token, int ok, unsigned char* pixels, int width,
                                                       int height) {
  tessera::player::Rgba image;
  std::string error;
  if (ok != 0) {
    image = {width, height, std::vector<unsigned char>(pixels, pixels + static_cast<std::size_t>(width) * height * 4)};
  } else {
    error = reinterpret_cast<char*>(pixels);
  }
  std::free(pixels);
  if (auto done = take_waiting(g_image_waiting, token)) done(ok != 0, std::move(image), std::move(error));
}

EMSCRIPTEN_KEEPALIVE void tessera_player_events_arrived(int token, int ok, char* text) {
  std::vector<std::string> events = ok != 0 ? split_json_lines(text) : std::vector<std::string>();
  std::string error = take_string(text);
  if (ok != 0) error.clear();
  if (!error.empty()) g_store.error = error;
  if (auto done = take_waiting(g_events_waiting, token)) done(ok != 0, std::move(events), std::move(error));
}

EMSCRIPTEN_KEEPALIVE void tessera_player_wallet_arrived(int token, char* text) {
  std::vector<std::string> credentials = split_json_lines(text);
  std::free(text);
  if (auto done = take_waiting(g_wallet_waiting, token)) done(std::move(credentials));
}

EMSCRIPTEN_KEEPALIVE void tessera_player_course_opened(int token, int ok, char* text) {
  std::string body = take_string(text);
  if (auto done = take_waiting(g_course_waiting, token)) {
    if (ok != 0)
      done(true, std::move(body), {});
    else
      done(false, {}, std::move(body));
  }
}

EMSCRIPTEN_KEEPALIVE void tessera_player_notice_arrived(int token, char* text) {
  std::string notice = take_string(text);
  if (auto done = take_waiting(g_notice_waiting, token)) done(std::move(notice));
}

// The package check for the page's loadCourseAt (tessera/package.hpp, check_files): the manifest's
// signature, by `publisher` when it is not empty, and — when `path` is not empty — that file's bytes.
// Returns {"problems": [{severity, where, message, hint}], "manifest": {course, version, publisher} | null,
// "refusal": package::refusal_message} as JSON the caller frees, for the runtime module's PackageVerifier shape.
EMSCRIPTEN_KEEPALIVE char* tessera_player_check_package(const char* manifest_text, const char* publisher,
                                                        const char* path, const char* bytes, int length) {
  using nlohmann::json;
  std::map<std::string, std::string> files;
  if (*path != '\0') files.emplace(path, std::string(bytes, static_cast<std::size_t>(length)));
  const auto checked = tessera::package::check_files(manifest_text, files, publisher);
  json out = {{"problems", tessera::to_json(checked.problems)},  // the one way problems serialise
              {"manifest", nullptr},
              {"refusal", tessera::package::refusal_message(checked.problems)}};
  if (checked.manifest) {
    out["manifest"] = {{"course", checked.manifest->course_id},
                       {"version", checked.manifest->course_version},
                       {"publisher", checked.manifest->publisher}};
  }
  const std::string text = out.dump();
  char* copy = static_cast<char*>(std::malloc(text.size() + 1));
  std::memcpy(copy, text.c_str(), text.size() + 1);
  return copy;
}

EMSCRIPTEN_KEEPALIVE void tessera_player_store_written(int token, char* kind, char* message) {
  std::optional<tessera::player::StoreFailure> failure;
  if (*kind != '\0') failure = tessera::player::StoreFailure{kind, message};
  std::free(kind);
  std::free(message);
  if (auto done = take_waiting(g_written_waiting, token)) done(std::move(failure));
}

}  // extern "C"

namespace tessera::player {

GlSetup gl_setup() { return {3, 0, true, "#version 300 es"}; }

namespace {
std::function<bool()> g_frame;

void web_frame() {
  if (!g_frame()) emscripten_cancel_main_loop();
}
}  // namespace

void run_main_loop(std::function<bool()> frame) {
  g_frame = std::move(frame);
  // fps 0: the browser's requestAnimationFrame paces us; simulate_infinite_loop keeps main's stack alive.
  emscripten_set_main_loop(web_frame, 0, true);
}

bool wait_for_input(int) {
  // The browser cannot block: report whether input is queued, and the frame is skipped when none is.
  SDL_PumpEvents();
  return SDL_PeepEvents(nullptr, 0, SDL_PEEKEVENT, SDL_FIRSTEVENT, SDL_LASTEVENT) > 0;
}

void request_redraw() { g_redraw = true; }
bool take_redraw_request() {
  const bool wanted = g_redraw;
  g_redraw = false;
  return wanted;
}

std::int64_t now_ms() { return static_cast<std::int64_t>(tessera_js_now()); }

double cpu_time_ms() { return tessera_js_cpu_now(); }

void frame_cost(double average_ms, int frames) { tessera_js_frame_cost(average_ms, frames); }

void set_start_config(StartConfig) {}

StartConfig start_config() {
  char* text = tessera_js_config();
  const auto parsed = tessera::json_text::parse(text, tessera::json_text::host_message).value;
  std::free(text);
  StartConfig config;
  if (!parsed.is_object()) return config;
  auto read = [&](const char* key) {
    return parsed.contains(key) && parsed[key].is_string() ? parsed[key].get<std::string>() : std::string();
  };
  config.course = read("course");
  config.catalog = read("catalog");
  config.theme = read("theme");
  config.language = read("language");
  return config;
}

void fetch_bytes(const std::string& url, TextCallback done) {
  const int token = g_next_token++;
  g_text_waiting[token] = std::move(done);
  tessera_js_fetch(token, url.c_str());
}

void open_course(const std::string& folder, CourseCallback done) {
  const int token = g_next_token++;
  g_course_waiting[token] = std::move(done);
  tessera_js_open_course(token, folder.c_str());
}

void course_completed(const std::string& course_id, std::function<void(std::string notice)> done) {
  const int token = g_next_token++;
  g_notice_waiting[token] = std::move(done);
  tessera_js_course_completed(token, course_id.c_str());
}

std::string font_url(const std::string& file) { return "modules/" + file; }

void load_image(const std::string& url, ImageCallback done) {
  const int token = g_next_token++;
  g_image_waiting[token] = std::move(done);
  tessera_js_load_image(token, url.c_str());
}

std::string open_link(const std::string& url) {
  tessera_js_open_link(url.c_str());
  return "Opened in a new tab: " + url;
}

bool show_media(const std::string& kind, const std::string& url, const std::string& captions_url, float x, float y,
                float w, float h) {
  return tessera_js_show_media(kind.c_str(), url.c_str(), captions_url.c_str(), x, y, w, h) != 0;
}

void hide_media() { tessera_js_hide_media(); }

void store_load(const std::string& course_id, EventsCallback done) {
  char* kind = tessera_js_store_kind();
  const auto parsed = tessera::json_text::parse(kind, tessera::json_text::host_message).value;
  std::free(kind);
  if (parsed.is_object()) {
    g_store.persistent = parsed.value("persistent", false);
    g_store.where = parsed.value("where", std::string("memory (this tab only)"));
  }
  g_store.error.clear();  // a failed load reports through its callback
  const int token = g_next_token++;
  g_events_waiting[token] = std::move(done);
  tessera_js_store_load(token, course_id.c_str());
}

void store_append(const std::string& course_id, const std::string& event_json, WrittenCallback done) {
  const int token = g_next_token++;
  g_written_waiting[token] = std::move(done);
  tessera_js_store_append(token, course_id.c_str(), event_json.c_str());
}

StoreStatus store_status() { return g_store; }

void wallet_load(std::function<void(std::vector<std::string>)> done) {
  const int token = g_next_token++;
  g_wallet_waiting[token] = std::move(done);
  tessera_js_wallet_load(token);
}

void frame_presented(int frame_number) { tessera_js_frame_presented(frame_number); }

void publish_ui(const std::string& ui_json) { tessera_js_publish_ui(ui_json.c_str()); }

bool save_screenshot(const char*, int, int) {
  std::fprintf(stderr, "tessera_player: screenshots are taken by the browser on the web\n");
  return false;
}

float content_scale() {
  const float ratio = tessera_js_device_pixel_ratio();
  return ratio > 0.5f ? ratio : 1.0f;
}

}  // namespace tessera::player
