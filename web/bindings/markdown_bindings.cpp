// Markdown → safe HTML for the HTML player (the guarantees: tessera/markdown.hpp).
//
//   runtime.markdownToHtml(markdown) → HTML string
#include <emscripten/bind.h>

#include <string>

#include "tessera/markdown.hpp"

namespace {

std::string markdown_to_html(const std::string& markdown) { return tessera::markdown::to_safe_html(markdown); }

}  // namespace

EMSCRIPTEN_BINDINGS(tessera_markdown) { emscripten::function("markdownToHtml", &markdown_to_html); }
