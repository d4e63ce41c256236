// Entry point of the canvas player: SDL2 window and GL context, Dear ImGui set-up, the frame loop.
#include <SDL.h>
#include <imgui.h>
#include <imgui_impl_sdl.h>

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <string_view>
#include <vector>

#include "gl_renderer.hpp"
#include "platform.hpp"
#include "player_app.hpp"

namespace {

constexpr const char* usage_text =
    "usage: tessera_player [--course FOLDER | --catalog FILE] [--record FILE.jsonl] [--wallet DIR]\n"
    "                      [--theme light|dark|high-contrast] [--language TAG]\n"
    "                      [--screen overview|lesson|results|wallet] [--block ID]\n"
    "                      [--frames N [--screenshot FILE.png]] [--frame-report] [--size WxH]\n";

struct Parsed {
  tessera::player::PlayerOptions options;
  tessera::player::StartConfig config;
  int width = 1280;
  int height = 800;
  bool ok = true;
  bool frame_report = false;  // print {"frames", "cpuMsPerFrame"} at exit (scripts/bench)
};

// A whole decimal number in [minimum, INT_MAX] and nothing else: "6", not "6x", "" or "-1" (atoi and sscanf
// took a typo as 0 or left the default in place without a word).
std::optional<int> whole_number(std::string_view text, int minimum) {
  int value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size() || value < minimum) return std::nullopt;
  return value;
}

// "WxH", two whole numbers from 1 up.
bool parse_size(std::string_view text, int& width, int& height) {
  const std::size_t x = text.find('x');
  if (x == std::string_view::npos) return false;
  const std::optional<int> w = whole_number(text.substr(0, x), 1);
  const std::optional<int> h = whole_number(text.substr(x + 1), 1);
  if (!w || !h) return false;
  width = *w;
  height = *h;
  return true;
}

Parsed parse_options(int argc, char** argv) {
  Parsed parsed;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    const bool has_value = i + 1 < argc;
    if (arg == "--frames" && has_value) {
      const std::optional<int> frames = whole_number(argv[++i], 0);
      if (frames) {
        parsed.options.max_frames = *frames;
      } else {
        std::fprintf(stderr, "tessera_player: --frames takes a whole number of frames, not '%s'\n%s", argv[i],
                     usage_text);
        parsed.ok = false;
      }
    } else if (arg == "--screenshot" && has_value)
      parsed.options.screenshot = argv[++i];
    else if (arg == "--course" && has_value)
      parsed.config.course = argv[++i];
    else if (arg == "--catalog" && has_value)
      parsed.config.catalog = argv[++i];
    else if (arg == "--record" && has_value)
      parsed.config.record = argv[++i];
    else if (arg == "--wallet" && has_value)
      parsed.config.wallet = argv[++i];
    else if (arg == "--theme" && has_value)
      parsed.config.theme = argv[++i];
    else if (arg == "--language" && has_value)
      parsed.config.language = argv[++i];
    else if (arg == "--screen" && has_value)
      parsed.options.screen = argv[++i];
    else if (arg == "--block" && has_value)
      parsed.options.block = argv[++i];
    else if (arg == "--frame-report")
      parsed.frame_report = true;
    else if (arg == "--size" && has_value) {
      if (!parse_size(argv[++i], parsed.width, parsed.height)) {
        std::fprintf(stderr, "tessera_player: --size takes WIDTHxHEIGHT in pixels (such as 1280x800), not '%s'\n%s",
                     argv[i], usage_text);
        parsed.ok = false;
      }
    } else {
      std::fprintf(stderr, "tessera_player: unknown or incomplete option '%s'\n%s", argv[i], usage_text);
      parsed.ok = false;
    }
  }
  return parsed;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace tessera::player;
  static const Parsed parsed = parse_options(argc, argv);
  if (!parsed.ok) return 2;
  set_start_config(parsed.config);
  if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_TIMER) != 0) {
    std::fprintf(stderr, "tessera_player: SDL could not start video: %s\n", SDL_GetError());
    return 1;
  }
  const GlSetup gl = gl_setup();
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_FLAGS, 0);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK,
                      gl.es_profile ? SDL_GL_CONTEXT_PROFILE_ES : SDL_GL_CONTEXT_PROFILE_CORE);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, gl.major);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, gl.minor);
  SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
  SDL_Window* window =
      SDL_CreateWindow("Tessera", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, parsed.width, parsed.height,
                       SDL_WINDOW_OPENGL | SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI);
  if (window == nullptr) {
    std::fprintf(stderr, "tessera_player: could not open a window: %s\n", SDL_GetError());
    return 1;
  }
  SDL_GLContext context = SDL_GL_CreateContext(window);
  if (context == nullptr) {
    std::fprintf(stderr, "tessera_player: no OpenGL %d.%d context: %s\n", gl.major, gl.minor, SDL_GetError());
    return 1;
  }
  SDL_GL_MakeCurrent(window, context);
  SDL_GL_SetSwapInterval(1);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;                              // no imgui.ini: the player keeps no state of its own
  io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;  // Tab, arrows, Enter (activate), Escape
  ImGui_ImplSDL2_InitForOpenGL(window, context);
  // Static because the web main loop outlives main; emptied before the GL context goes, natively.
  static std::optional<GlRenderer> renderer;
  renderer.emplace(gl.glsl_version);
  if (!renderer->ok()) {
    std::fprintf(stderr, "tessera_player: %s\n", renderer->error().c_str());
    return 1;
  }

  static const PlayerOptions& options = parsed.options;
  static PlayerApp app(options);
  static int frame_number = 0;
  static int frames_to_draw = 3;  // ImGui settles layout over a few frames after each change
  static bool screenshot_failed = false;
  static double frame_cpu_total = 0;
  static int frames_measured = 0;
  run_main_loop([window]() {
    // Idle: draw nothing until input arrives or an answer (fetch, image, store) asks for a redraw.
    // Natively this sleeps in SDL_WaitEventTimeout; on the web the frame is skipped.
    const bool scripted = options.max_frames > 0;
    if (frames_to_draw <= 0 && !scripted) {
      // A focused text field redraws twice a second (its caret), not every frame.
      static std::int64_t last_blink = 0;
      const bool blink = ImGui::GetIO().WantTextInput && now_ms() - last_blink >= 500;
      if (blink) last_blink = now_ms();
      const std::int64_t due = app.ms_until_redraw(now_ms());  // a countdown's next second
      const bool wanted = take_redraw_request() || app.busy() || blink || due == 0;
      int timeout = app.busy() ? 16 : ImGui::GetIO().WantTextInput ? 500 : 1000;
      if (due > 0) timeout = static_cast<int>(std::min<std::int64_t>(timeout, due));
      if (!wait_for_input(wanted ? 0 : timeout) && !wanted && !take_redraw_request()) return true;
      frames_to_draw = 3;
    }
    --frames_to_draw;
    bool keep_running = true;
    // ImGui 1.86 reads key state once per frame, so a key pressed and released between two frames (a quick
    // tap, or a scripted press) would be lost: its release waits for the next frame.
    static std::vector<SDL_Event> deferred;
    std::vector<SDL_Event> batch;
    batch.swap(deferred);
    SDL_Event event;
    while (SDL_PollEvent(&event)) batch.push_back(event);
    std::vector<SDL_Scancode> pressed_now;
    for (const SDL_Event& e : batch) {
      // Tab moves between all widgets, not only text fields (PlayerApp::request_tab); ImGui never sees it.
      if ((e.type == SDL_KEYDOWN || e.type == SDL_KEYUP) && e.key.keysym.sym == SDLK_TAB) {
        if (e.type == SDL_KEYDOWN) app.request_tab((e.key.keysym.mod & KMOD_SHIFT) != 0 ? -1 : 1);
        frames_to_draw = 3;
        continue;
      }
      if (e.type == SDL_KEYDOWN) pressed_now.push_back(e.key.keysym.scancode);
      if (e.type == SDL_KEYUP &&
          std::find(pressed_now.begin(), pressed_now.end(), e.key.keysym.scancode) != pressed_now.end()) {
        deferred.push_back(e);
        continue;
      }
      SDL_Event copy = e;
      ImGui_ImplSDL2_ProcessEvent(&copy);
      app.input_arrived();
      if (e.type == SDL_QUIT) keep_running = false;
      frames_to_draw = 3;
    }
    if (!deferred.empty()) frames_to_draw = std::max(frames_to_draw, 2);
    const double frame_start = cpu_time_ms();
    if (app.before_frame()) renderer->upload_fonts();
    ImGui_ImplSDL2_NewFrame();
    {
      // Enter activates the focused button as Space does (1.86 maps Enter only to text input).
      ImGuiIO& nav_io = ImGui::GetIO();
      const int enter = nav_io.KeyMap[ImGuiKey_Enter];
      if (enter >= 0 && nav_io.KeysDown[enter] && !nav_io.WantTextInput)
        nav_io.NavInputs[ImGuiNavInput_Activate] = 1.0f;
    }
    // Headless virtual time can give two frames one timestamp; ImGui 1.86 asserts on a zero delta.
    if (ImGui::GetIO().DeltaTime <= 0.0f) ImGui::GetIO().DeltaTime = 1.0f / 1000.0f;
    ImGui::NewFrame();
    keep_running = app.draw() && keep_running;
    ImGui::Render();
    renderer->render(*ImGui::GetDrawData(), app.theme().palette().background);
    // The player's own CPU per drawn frame (UI build, layout, draw lists, GL calls), after the first few
    // frames that load fonts and settle the layout.
    if (frame_number >= 5) {
      frame_cpu_total += cpu_time_ms() - frame_start;
      ++frames_measured;
      if (frames_measured % 10 == 0) frame_cost(frame_cpu_total / frames_measured, frames_measured);
    }
    if (!keep_running && options.screenshot) {
      int width = 0;
      int height = 0;
      SDL_GL_GetDrawableSize(window, &width, &height);
      screenshot_failed = !save_screenshot(options.screenshot, width, height);
    }
    SDL_GL_SwapWindow(window);
    frame_presented(++frame_number);
    return keep_running;
  });

  // Reached natively when the loop ends; on the web the browser owns the loop and main never returns here.
  renderer.reset();
  ImGui_ImplSDL2_Shutdown();
  ImGui::DestroyContext();
  SDL_GL_DeleteContext(context);
  SDL_DestroyWindow(window);
  SDL_Quit();
  if (parsed.frame_report) {
    std::printf("{\"frames\": %d, \"cpuMsPerFrame\": %.4f}\n", frames_measured,
                frames_measured > 0 ? frame_cpu_total / frames_measured : 0.0);
  }
  return screenshot_failed ? 1 : 0;
}
