// Entry point of the canvas player: SDL2 window and GL context, Dear ImGui set-up, the frame loop.
#include <SDL.h>
#include <imgui.h>
#include <imgui_impl_opengl3.h>
#include <imgui_impl_sdl.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>

#if defined(__EMSCRIPTEN__)
#include <GLES3/gl3.h>
#else
#include <SDL_opengl.h>
#endif

#include "platform.hpp"
#include "player_app.hpp"

namespace {

tessera::player::PlayerOptions parse_options(int argc, char** argv) {
  tessera::player::PlayerOptions options;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--frames") == 0 && i + 1 < argc) options.max_frames = std::atoi(argv[++i]);
    if (std::strcmp(argv[i], "--screenshot") == 0 && i + 1 < argc) options.screenshot = argv[++i];
  }
  return options;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace tessera::player;
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
      SDL_CreateWindow("Tessera", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, 1280, 800,
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
  ImGui::GetIO().IniFilename = nullptr;  // no imgui.ini: the player keeps no state of its own
  ImGui::StyleColorsLight();
  ImGui_ImplSDL2_InitForOpenGL(window, context);
  ImGui_ImplOpenGL3_Init(gl.glsl_version);

  static const PlayerOptions options = parse_options(argc, argv);
  static PlayerApp app(options);
  static int frame_number = 0;
  static bool screenshot_failed = false;
  run_main_loop([window]() {
    bool keep_running = true;
    SDL_Event event;
    while (SDL_PollEvent(&event)) {
      ImGui_ImplSDL2_ProcessEvent(&event);
      if (event.type == SDL_QUIT) keep_running = false;
    }
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplSDL2_NewFrame();
    // Headless virtual time can give two frames one timestamp; ImGui 1.86 asserts on a zero delta.
    if (ImGui::GetIO().DeltaTime <= 0.0f) ImGui::GetIO().DeltaTime = 1.0f / 1000.0f;
    ImGui::NewFrame();
    keep_running = app.draw() && keep_running;
    ImGui::Render();
    const ImGuiIO& io = ImGui::GetIO();
    glViewport(0, 0, static_cast<int>(io.DisplaySize.x * io.DisplayFramebufferScale.x),
               static_cast<int>(io.DisplaySize.y * io.DisplayFramebufferScale.y));
    glClearColor(0.96f, 0.96f, 0.97f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
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
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplSDL2_Shutdown();
  ImGui::DestroyContext();
  SDL_GL_DeleteContext(context);
  SDL_DestroyWindow(window);
  SDL_Quit();
  return screenshot_failed ? 1 : 0;
}
