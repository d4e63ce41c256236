// Dear ImGui's draw data on OpenGL 3.2 core / GLES 3, with no state read back (see gl_renderer.hpp).
#include "gl_renderer.hpp"

#if defined(__EMSCRIPTEN__)
#include <GLES3/gl3.h>
#else
#define GL_GLEXT_PROTOTYPES 1
#include <GL/gl.h>
#include <GL/glext.h>
#endif

#include <cstddef>
#include <cstdint>
#include <string>

#include "textures.hpp"

namespace tessera::player {
namespace {

constexpr unsigned position_attribute = 0;
constexpr unsigned uv_attribute = 1;
constexpr unsigned colour_attribute = 2;
constexpr GLuint no_texture = ~GLuint{0};  // not a texture name: the first draw of a list always binds

// GLSL 1.50 accepts the precision line GLSL ES 3.00 needs, so one source serves both.
constexpr const char* vertex_source = R"(
precision mediump float;
uniform mat4 projection;
in vec2 position;
in vec2 uv;
in vec4 colour;
out vec2 fragment_uv;
out vec4 fragment_colour;
void main() {
  fragment_uv = uv;
  fragment_colour = colour;
  gl_Position = projection * vec4(position, 0.0, 1.0);
}
)";

constexpr const char* fragment_source = R"(
precision mediump float;
uniform sampler2D atlas;
in vec2 fragment_uv;
in vec4 fragment_colour;
out vec4 out_colour;
void main() {
  out_colour = fragment_colour * texture(atlas, fragment_uv);
}
)";

// The shader's compile log, or "" when it compiled.
std::string compile(GLuint shader, const char* version, const char* body) {
  const char* sources[] = {version, "\n", body};
  glShaderSource(shader, 3, sources, nullptr);
  glCompileShader(shader);
  GLint compiled = GL_FALSE;
  glGetShaderiv(shader, GL_COMPILE_STATUS, &compiled);
  if (compiled == GL_TRUE) return {};
  char log[1024] = {};
  glGetShaderInfoLog(shader, sizeof log, nullptr, log);
  return log[0] != '\0' ? log : "no log";
}

// A byte offset into the bound vertex or index buffer, in the pointer argument GL's draw calls take for it.
const void* buffer_offset(std::size_t bytes) {
  // NOLINTNEXTLINE(performance-no-int-to-ptr): GL reads this "pointer" as an offset into the bound buffer
  return reinterpret_cast<const void*>(static_cast<std::uintptr_t>(bytes));
}

}  // namespace

GlRenderer::GlRenderer(const char* glsl_version) {
  const GLuint vertex = glCreateShader(GL_VERTEX_SHADER);
  const GLuint fragment = glCreateShader(GL_FRAGMENT_SHADER);
  std::string failed = compile(vertex, glsl_version, vertex_source);
  if (!failed.empty()) error_ = "the vertex shader did not compile: " + failed;
  failed = compile(fragment, glsl_version, fragment_source);
  if (error_.empty() && !failed.empty()) error_ = "the fragment shader did not compile: " + failed;
  program_ = glCreateProgram();
  glAttachShader(program_, vertex);
  glAttachShader(program_, fragment);
  // Fixed locations: nothing is asked of the driver per frame.
  glBindAttribLocation(program_, position_attribute, "position");
  glBindAttribLocation(program_, uv_attribute, "uv");
  glBindAttribLocation(program_, colour_attribute, "colour");
  glLinkProgram(program_);
  glDeleteShader(vertex);
  glDeleteShader(fragment);
  GLint linked = GL_FALSE;
  glGetProgramiv(program_, GL_LINK_STATUS, &linked);
  if (error_.empty() && linked != GL_TRUE) {
    char log[1024] = {};
    glGetProgramInfoLog(program_, sizeof log, nullptr, log);
    error_ = std::string("the shader program did not link: ") + log;
  }
  projection_location_ = glGetUniformLocation(program_, "projection");
  glUseProgram(program_);
  glUniform1i(glGetUniformLocation(program_, "atlas"), 0);

  glGenVertexArrays(1, &vertex_array_);
  glGenBuffers(1, &vertex_buffer_);
  glGenBuffers(1, &index_buffer_);
  glBindVertexArray(vertex_array_);
  glBindBuffer(GL_ARRAY_BUFFER, vertex_buffer_);
  glBindBuffer(GL_ELEMENT_ARRAY_BUFFER, index_buffer_);  // kept by the vertex array
  glEnableVertexAttribArray(position_attribute);
  glEnableVertexAttribArray(uv_attribute);
  glEnableVertexAttribArray(colour_attribute);
  point_attributes(0);

  ImGuiIO& io = ImGui::GetIO();
  io.BackendRendererName = "tessera_gl";
  // Draw commands may start past vertex 65535 (16-bit indices): each moves the attribute pointers.
  io.BackendFlags |= ImGuiBackendFlags_RendererHasVtxOffset;
}

GlRenderer::~GlRenderer() {
  delete_texture(font_texture_);
  glDeleteBuffers(1, &index_buffer_);
  glDeleteBuffers(1, &vertex_buffer_);
  glDeleteVertexArrays(1, &vertex_array_);
  glDeleteProgram(program_);
  ImGui::GetIO().BackendRendererName = nullptr;
}

void GlRenderer::point_attributes(unsigned vertex_offset) {
  const auto at = [vertex_offset](std::size_t field) {
    return buffer_offset(vertex_offset * sizeof(ImDrawVert) + field);
  };
  constexpr GLsizei stride = sizeof(ImDrawVert);
  glVertexAttribPointer(position_attribute, 2, GL_FLOAT, GL_FALSE, stride, at(offsetof(ImDrawVert, pos)));
  glVertexAttribPointer(uv_attribute, 2, GL_FLOAT, GL_FALSE, stride, at(offsetof(ImDrawVert, uv)));
  glVertexAttribPointer(colour_attribute, 4, GL_UNSIGNED_BYTE, GL_TRUE, stride, at(offsetof(ImDrawVert, col)));
}

unsigned upload_rgba_texture(unsigned texture, int width, int height, const unsigned char* pixels) {
  GLuint name = texture;
  if (name == 0) glGenTextures(1, &name);
  glActiveTexture(GL_TEXTURE0);
  glBindTexture(GL_TEXTURE_2D, name);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE, pixels);
  return name;
}

void delete_texture(unsigned texture) {
  const GLuint name = texture;
  if (name != 0) glDeleteTextures(1, &name);
}

void GlRenderer::upload_fonts() {
  ImGuiIO& io = ImGui::GetIO();
  unsigned char* pixels = nullptr;
  int width = 0;
  int height = 0;
  io.Fonts->GetTexDataAsRGBA32(&pixels, &width, &height);
  font_texture_ = upload_rgba_texture(font_texture_, width, height, pixels);
  io.Fonts->SetTexID(imgui_texture(font_texture_));
}

void GlRenderer::set_frame_state(const ImDrawData& data, int framebuffer_width, int framebuffer_height) {
  glViewport(0, 0, framebuffer_width, framebuffer_height);
  glEnable(GL_BLEND);
  glBlendEquation(GL_FUNC_ADD);
  glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
  glDisable(GL_CULL_FACE);
  glDisable(GL_DEPTH_TEST);
  glDisable(GL_STENCIL_TEST);
  glEnable(GL_SCISSOR_TEST);
  // Display space (top left DisplayPos, y down) to clip space.
  const float left = data.DisplayPos.x;
  const float right = data.DisplayPos.x + data.DisplaySize.x;
  const float top = data.DisplayPos.y;
  const float bottom = data.DisplayPos.y + data.DisplaySize.y;
  const float projection[4][4] = {
      {2.0f / (right - left), 0.0f, 0.0f, 0.0f},
      {0.0f, 2.0f / (top - bottom), 0.0f, 0.0f},
      {0.0f, 0.0f, -1.0f, 0.0f},
      {(right + left) / (left - right), (top + bottom) / (bottom - top), 0.0f, 1.0f},
  };
  glUseProgram(program_);
  glUniformMatrix4fv(projection_location_, 1, GL_FALSE, &projection[0][0]);
  glActiveTexture(GL_TEXTURE0);
  glBindVertexArray(vertex_array_);
  glBindBuffer(GL_ARRAY_BUFFER, vertex_buffer_);
}

void GlRenderer::render(const ImDrawData& data, const ImVec4& background) {
  const int framebuffer_width = static_cast<int>(data.DisplaySize.x * data.FramebufferScale.x);
  const int framebuffer_height = static_cast<int>(data.DisplaySize.y * data.FramebufferScale.y);
  glDisable(GL_SCISSOR_TEST);  // the clear covers the whole framebuffer
  glViewport(0, 0, framebuffer_width, framebuffer_height);
  glClearColor(background.x, background.y, background.z, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  if (framebuffer_width <= 0 || framebuffer_height <= 0 || !ok()) return;
  set_frame_state(data, framebuffer_width, framebuffer_height);

  const ImVec2 origin = data.DisplayPos;
  const ImVec2 scale = data.FramebufferScale;
  constexpr GLenum index_type = sizeof(ImDrawIdx) == 2 ? GL_UNSIGNED_SHORT : GL_UNSIGNED_INT;
  for (int n = 0; n < data.CmdListsCount; ++n) {
    const ImDrawList& list = *data.CmdLists[n];
    // Whole new buffers each list: the driver can hand out fresh storage instead of waiting on the last draw.
    glBufferData(GL_ARRAY_BUFFER,
                 static_cast<GLsizeiptr>(list.VtxBuffer.Size) * static_cast<GLsizeiptr>(sizeof(ImDrawVert)),
                 list.VtxBuffer.Data, GL_STREAM_DRAW);
    glBufferData(GL_ELEMENT_ARRAY_BUFFER,
                 static_cast<GLsizeiptr>(list.IdxBuffer.Size) * static_cast<GLsizeiptr>(sizeof(ImDrawIdx)),
                 list.IdxBuffer.Data, GL_STREAM_DRAW);
    unsigned vertex_offset = 0;
    point_attributes(0);
    GLuint bound_texture = no_texture;
    for (const ImDrawCmd& command : list.CmdBuffer) {
      if (command.UserCallback != nullptr) {
        if (command.UserCallback == ImDrawCallback_ResetRenderState) {
          set_frame_state(data, framebuffer_width, framebuffer_height);
          bound_texture = no_texture;
        } else {
          command.UserCallback(&list, &command);
        }
        continue;
      }
      const float min_x = (command.ClipRect.x - origin.x) * scale.x;
      const float min_y = (command.ClipRect.y - origin.y) * scale.y;
      const float max_x = (command.ClipRect.z - origin.x) * scale.x;
      const float max_y = (command.ClipRect.w - origin.y) * scale.y;
      if (max_x <= min_x || max_y <= min_y) continue;
      glScissor(static_cast<int>(min_x), static_cast<int>(static_cast<float>(framebuffer_height) - max_y),
                static_cast<int>(max_x - min_x), static_cast<int>(max_y - min_y));
      const auto texture = static_cast<GLuint>(reinterpret_cast<std::uintptr_t>(command.GetTexID()));
      if (texture != bound_texture) {
        glBindTexture(GL_TEXTURE_2D, texture);
        bound_texture = texture;
      }
      if (command.VtxOffset != vertex_offset) {
        vertex_offset = command.VtxOffset;
        point_attributes(vertex_offset);
      }
      glDrawElements(GL_TRIANGLES, static_cast<GLsizei>(command.ElemCount), index_type,
                     buffer_offset(command.IdxOffset * sizeof(ImDrawIdx)));
    }
  }
}

}  // namespace tessera::player
