// `tessera bake CREDENTIAL IMAGE --out FILE`: bakes a credential (its JSON file as it is, or a compact JWT) into
// a PNG or SVG badge image (Open Badges 3.0 §5.3; docs/credentials.md "Baked badges"). The image's kind is read
// from its bytes; --out must not name the other kind. Exit 0: written; 1: the image or credential is refused;
// 2: wrong use or an unreadable file.
#include <cstdio>
#include <filesystem>

#include "args.hpp"
#include "files.hpp"
#include "output.hpp"
#include "tessera/baked_badge.hpp"
#include "tessera/utf8.hpp"

namespace tessera::cli {

int bake_command(Args args) {
  static const CommandLine line{.command = "bake",
                                .usage = "tessera bake CREDENTIAL IMAGE --out FILE",
                                .positional = {"CREDENTIAL", "IMAGE"},
                                .options = {"--out"},
                                .required = {"--out"}};
  const auto parsed = parse_args(args, line);
  if (!parsed) return usage_exit_code;
  const std::string& image_path = parsed->positional[1];
  const std::string out = parsed->get("--out");
  const auto credential = read_input_file(parsed->positional[0], "bake");
  if (!credential) return 2;
  const auto image = read_input_file(image_path, "bake");
  if (!image) return 2;
  const auto format = baking::image_format(*image);
  if (format) {
    // The bytes decide; a name that says otherwise would give a file that opens as neither.
    std::string extension = std::filesystem::path(out).extension().string();
    for (char& c : extension) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    const std::string wanted = *format == baking::ImageFormat::png ? ".png" : ".svg";
    if ((extension == ".png" || extension == ".svg") && extension != wanted) {
      return usage_error(
          line, utf8::printable(image_path) + " is a" + (*format == baking::ImageFormat::png ? " PNG" : "n SVG") +
                    " image (by its content), but --out names a " + extension + " file: name it " + wanted);
    }
  }
  const auto baked = baking::bake(*image, *credential);
  if (!baked) {
    print_problems(stderr, "tessera bake: " + image_path, baked.problems());
    return 1;
  }
  if (!write_output(out, baked.value(), "bake")) return 1;
  std::fprintf(stderr, "tessera bake: wrote %s (%s, %zu bytes)\n", utf8::printable(out).c_str(),
               std::string(baking::to_string(*format)).c_str(), baked.value().size());
  return 0;
}

}  // namespace tessera::cli
