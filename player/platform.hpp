// The player's one contract with its host platform; player/platform_web.cpp and platform_native.cpp
// implement it, so the rest of the player never needs #ifdef.
//
// Index: start-up and loop · clock · files, courses and images · links and media · learner record · wallet ·
// tests.
// Asynchronous calls (fetch, image, store) take a callback; natively it runs before the call returns,
// on the web when the browser answers (always on the main thread, between frames). Each callback asks
// for a redraw, so the idle loop wakes up.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace tessera::player {

struct GlSetup {
  int major = 0;  // OpenGL (ES) context version asked of SDL
  int minor = 0;
  bool es_profile = false;
  const char* glsl_version = nullptr;  // the shaders' #version line (GlRenderer)
};

// The context each platform asks for: GLES 3.0 (WebGL2) on the web, GL 3.2 core natively.
[[nodiscard]] GlSetup gl_setup();

// Runs `frame` until it returns false. On the web this returns at once and the browser drives the loop;
// natively it blocks. One loop for both (../shared/STYLE.md).
void run_main_loop(std::function<bool()> frame);

// Idle: natively blocks until an input event or `timeout_ms` (SDL_WaitEventTimeout, the event is pushed
// back); on the web returns false at once (the frame is skipped; the browser wakes us up next tick).
// Returns true when there is input to handle.
bool wait_for_input(int timeout_ms);

// Asks for frames to be drawn (after an asynchronous answer arrived).
void request_redraw();
// Reads and clears the redraw request.
bool take_redraw_request();

// CPU time of this thread in milliseconds (native: CLOCK_THREAD_CPUTIME_ID; web: performance.now(), the
// main thread being the only one), for the frame budget in scripts/bench.
[[nodiscard]] double cpu_time_ms();
// Tells the page the average CPU time of a drawn frame (web: canvas data-frame-cpu-ms; native: nothing).
void frame_cost(double average_ms, int frames);

// Unix time in milliseconds: the `t` of every action (the runtime has no clock).
[[nodiscard]] std::int64_t now_ms();

// Where the player was pointed at start: {"course": folder URL/path, "catalog": URL/path, "record": path,
// "wallet": path, "theme": "light"|"dark"|"", "language": ""}. Natively from the command line (main.cpp
// hands it over), on the web from the page (player-page.js).
struct StartConfig {
  std::string course;
  std::string catalog;
  std::string record;
  std::string wallet;
  std::string theme;
  std::string language;
};
void set_start_config(StartConfig config);  // natively only, from argv
[[nodiscard]] StartConfig start_config();

// Reads a text or binary file relative to the site (web: fetch) or the file system (native).
using TextCallback = std::function<void(bool ok, std::string body)>;
void fetch_bytes(const std::string& url, TextCallback done);

// Opens a course to play from its folder: `done` gets course.json's text, or why the host refused it.
// Web: the page's Module.tesseraOpenCourse (web/js/courses.js, loadCourseAt: the package's signature checked
// against the catalog's pinned publisher and course.json against the manifest, as the HTML player opens a
// course; the check itself runs in this module's runtime, platform_web.cpp). Native: FOLDER/course.json,
// an author's preview (`tessera preview` validated it).
using CourseCallback = std::function<void(bool ok, std::string course_text, std::string error)>;
void open_course(const std::string& folder, CourseCallback done);

// The course is complete in the stored record (just now, or already when it was opened): the host signs its
// completion proof into the learner's wallet (web: web/js/wallet.js signCompletionProof, as the HTML player
// does) and answers with the sentence to show — where the proof is, or why there is none. Native: "".
void course_completed(const std::string& course_id, std::function<void(std::string notice)> done);

// Where a font file of the player lives: Debian's fonts-noto-core natively, the site's fonts/ on the web.
[[nodiscard]] std::string font_url(const std::string& file);

// Decodes an image to RGBA8 (web: the browser's decoder, so SVG works; native: stb_image, no SVG).
struct Rgba {
  int width = 0;
  int height = 0;
  std::vector<unsigned char> pixels;
};
using ImageCallback = std::function<void(bool ok, Rgba image, std::string error)>;
void load_image(const std::string& url, ImageCallback done);

// Opens a link: a new browser tab on the web; natively printed on stdout (and in the status line).
// Returns what the player should tell the learner.
std::string open_link(const std::string& url);

// Audio and video: on the web an HTML media element placed over the canvas at (x, y, w, h) in canvas
// pixels (CSS pixels × devicePixelRatio is handled inside); natively there is none (returns false) and
// the player shows the file as a link. hide_media() removes it (called when the block changes).
bool show_media(const std::string& kind, const std::string& url, const std::string& captions_url, float x, float y,
                float w, float h);
void hide_media();

// The learner record, per course: the events as JSON objects, one string per event.
// Web: window.tesseraStore.load(course) / append(course, eventJson) (the web app's storage layer); when the
// page has none, events stay in memory. Native: a JSON Lines file (host/record_file.hpp).
struct StoreStatus {
  bool persistent = false;  // false: events vanish when the page closes (the banner says so)
  std::string where;        // "IndexedDB", "memory (this tab only)", "/path/to/record.jsonl"
  std::string error;        // the last failure to load the record, for the banner
};
using EventsCallback = std::function<void(bool ok, std::vector<std::string> event_json, std::string error)>;
void store_load(const std::string& course_id, EventsCallback done);
// Why an event was not stored: `kind` is the store's (web/js/store/db.js: quota, conflict, unavailable,
// failed; follower: another tab writes this course) and `message` the sentence the learner reads.
struct StoreFailure {
  std::string kind;
  std::string message;
};
using WrittenCallback = std::function<void(std::optional<StoreFailure> failure)>;
// Stores one event durably, then calls `done` with nothing (stored) or why it was not: natively before the
// call returns, on the web once IndexedDB's transaction has committed or failed. The player commits the
// event to its session and shows the new view only when it was stored.
void store_append(const std::string& course_id, const std::string& event_json, WrittenCallback done);
[[nodiscard]] StoreStatus store_status();

// The credentials the learner holds, as JSON texts (web: window.tesseraStore.wallet(); native: --wallet DIR
// with one .json credential per file).
void wallet_load(std::function<void(std::vector<std::string> credential_json)> done);

// Tells the host a frame was presented (the web page counts them; tests wait on it).
void frame_presented(int frame_number);
// Publishes what is on screen for tests and assistive tooling: {"screen", "widgets": [{id, label, x, y, w, h}]}
// in window coordinates (web: window.tesseraPlayer.ui; native: written to --ui-dump FILE when given).
void publish_ui(const std::string& ui_json);

// Saves the current framebuffer (width × height pixels) as a PNG; natively for tests and bug reports.
// Returns false, having said why on stderr, where the platform cannot (the browser takes its own).
bool save_screenshot(const char* path, int width, int height);

// Pixels per logical pixel (devicePixelRatio on the web; the drawable / window size ratio natively).
[[nodiscard]] float content_scale();

}  // namespace tessera::player
