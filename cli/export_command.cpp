// `tessera export scorm12|scorm2004|cmi5 PACKAGE_DIR [--site DIR] --out FILE.zip`: a signed course package
// as a zip an LMS imports — the HTML player and the runtime from the assembled site, the package byte for
// byte, a one-course catalog, a launch page and the standard's manifest (docs/lms.md). The same inputs
// always give the same bytes: entries sorted, every timestamp fixed.
#include <zip.h>

#include <array>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "args.hpp"
#include "credential_support.hpp"
#include "files.hpp"
#include "lms_manifests.hpp"
#include "output.hpp"
#include "tessera/course.hpp"
#include "tessera/crypto.hpp"
#include "tessera/package.hpp"
#include "tessera/utf8.hpp"

namespace tessera::cli {

namespace fs = std::filesystem;

namespace {

constexpr const char* command = "export";
constexpr std::string_view launch_page = "launch.html";

// What the HTML player needs from the assembled site (web/CMakeLists.txt, cmake/AssembleSite.cmake): its
// page, scripts, styles, icons, the page catalogues, and the runtime and credential modules (a completed
// course's proof is made by the credential module). The catalog, dashboard, verifier and canvas player stay
// out; so does the service worker, as the LMS serves the course and offline play inside it is not offered.
struct SitePart {
  std::string_view path;
  bool folder;
};
constexpr std::array<SitePart, 10> player_site_parts{{{"player.html", false},
                                                      {"manifest.webmanifest", false},
                                                      {"css", true},
                                                      {"icons", true},
                                                      {"js", true},
                                                      {"strings", true},
                                                      {"modules/runtime.mjs", false},
                                                      {"modules/runtime.wasm", false},
                                                      {"modules/credentials.mjs", false},
                                                      {"modules/credentials.wasm", false}}};

// The player's files from `site` into `entries` (zip path → bytes). Returns why not, or "".
std::string add_site_files(const fs::path& site, std::map<std::string, std::string>& entries) {
  const std::string how = "; build the site first (scripts/run builds build/site) or name one with --site";
  if (!fs::is_directory(site)) return "the site " + site.string() + " is not a folder" + how;
  for (const auto& part : player_site_parts) {
    const std::string path(part.path);
    std::vector<std::string> files{path};
    if (part.folder) {
      if (!fs::is_directory(site / path)) return "the site " + site.string() + " has no " + path + "/" + how;
      const auto listing = list_package_files(site / path);
      if (!listing.problems.empty()) {
        return "the site's " + path + "/ holds " + listing.problems.front().where + ": " +
               listing.problems.front().message;
      }
      files.clear();
      for (const auto& file : listing.files) files.push_back(path + "/" + file);
    } else if (!fs::exists(site / path)) {
      return "the site " + site.string() + " has no " + path + how;
    }
    for (const auto& file : files) {
      if (auto failure = read_file_inside(site, file, entries[file]); !failure.empty()) return failure;
    }
  }
  return {};
}

// The page the manifest launches: it opens the course in the HTML player, in its embedded form (no site
// navigation: the LMS around it is the navigation) and without the service worker, which the zip leaves
// out (web/js/shell.js: ?no-sw). For SCORM, no script, so the player's policy needs no exception. A cmi5 LMS
// appends its launch parameters to this page's URL (cmi5 8.1), which a meta refresh cannot carry on: one
// inline script, allowed by its hash alone, moves them on to the player (docs/lms.md).
std::string launch_html(const course::Course& course, const std::string& player_url, bool forward_cmi5) {
  const std::string title = lms::xml_escaped(course.title.in(course.default_language, course.default_language));
  const std::string url = lms::xml_escaped(player_url);
  std::string policy = "default-src 'none'";
  std::string head = "  <meta http-equiv=\"refresh\" content=\"0; url=" + url + "\">\n";
  if (forward_cmi5) {
    // player_url holds only the course id ([a-z0-9-]) and fixed words: no quote can end the string.
    const std::string script =
        "const from = new URLSearchParams(location.search);\n"
        "const to = new URLSearchParams('" +
        player_url.substr(player_url.find('?') + 1) +
        "');\n"
        "for (const name of ['endpoint', 'fetch', 'actor', 'registration', 'activityId']) {\n"
        "  if (from.has(name)) to.set(name, from.get(name));\n"
        "}\n"
        "location.replace('player.html?' + to);\n";
    std::string hash = crypto::base64url_encode(crypto::sha256(crypto::as_bytes(script)));
    for (char& c : hash) c = c == '-' ? '+' : c == '_' ? '/' : c;  // the CSP wants base64 with padding
    while (hash.size() % 4) hash += '=';
    policy += "; script-src 'sha256-" + hash + "'";
    head = "  <script>" + script + "</script>\n";
  }
  return "<!doctype html>\n<!-- Opens the course in the HTML player: the page an LMS launches (tessera export). -->\n"
         "<html lang=\"" +
         lms::xml_escaped(course.default_language) +
         "\">\n<head>\n  <meta charset=\"utf-8\">\n"
         "  <meta http-equiv=\"Content-Security-Policy\" content=\"" +
         policy + "\">\n" + head + "  <title>" + title + "</title>\n</head>\n<body>\n  <p><a href=\"" + url + "\">" +
         title + "</a></p>\n</body>\n</html>\n";
}

// The catalog the player finds the course in: this one course, its publisher pinned, so the player checks
// the signature as it does on the site.
std::string catalog_json(const course::Course& course, const std::string& publisher, const std::string& folder) {
  const nlohmann::json catalog{
      {"format", 1},
      {"defaultLanguage", course.default_language},
      {"courses", nlohmann::json::array(
                      {{{"id", course.id}, {"version", course.version}, {"path", folder}, {"publisher", publisher}}})}};
  return catalog.dump(2) + "\n";
}

// 1980-01-01 00:00 (the earliest time a zip entry can hold) as libzip wants it: libzip writes the local
// time of a time_t, so the time_t is made from local time, and every machine writes the same fields.
std::time_t fixed_entry_time() {
  std::tm start{};
  start.tm_year = 80;
  start.tm_mday = 1;
  start.tm_isdst = -1;
  return std::mktime(&start);
}

// Writes `entries` (zip path → bytes) to `out` in path order, each deflated, dated fixed_entry_time and
// marked rw-r--r--. libzip writes a temporary file and renames it, so a failure leaves no half zip.
// Returns why not, or "".
std::string write_zip(const fs::path& out, const std::map<std::string, std::string>& entries) {
  int code = 0;
  zip_t* archive = zip_open(out.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &code);
  if (!archive) {
    zip_error_t error;
    zip_error_init_with_code(&error, code);
    std::string reason = "cannot write " + out.string() + ": " + zip_error_strerror(&error);
    zip_error_fini(&error);
    return reason;
  }
  const std::time_t time = fixed_entry_time();
  for (const auto& [name, bytes] : entries) {
    zip_source_t* source = zip_source_buffer(archive, bytes.data(), bytes.size(), 0);  // `entries` outlives it
    const zip_int64_t index = source ? zip_file_add(archive, name.c_str(), source, ZIP_FL_ENC_UTF_8) : -1;
    if (index < 0) zip_source_free(source);
    const auto at = static_cast<zip_uint64_t>(index);
    if (index < 0 || zip_file_set_mtime(archive, at, time, 0) != 0 ||
        zip_file_set_external_attributes(archive, at, 0, ZIP_OPSYS_UNIX, 0100644U << 16U) != 0) {
      std::string reason = "cannot add " + name + " to " + out.string() + ": " + zip_strerror(archive);
      zip_discard(archive);
      return reason;
    }
  }
  if (zip_close(archive) != 0) {
    std::string reason = "cannot write " + out.string() + ": " + zip_strerror(archive);
    zip_discard(archive);
    return reason;
  }
  return {};
}

// The package's course, loaded as every host loads it; nullopt after saying why.
std::optional<course::Course> load_course(const credential::PackageInput& package, const fs::path& dir) {
  course::LoadOptions options;
  for (const auto& [path, bytes] : package.files) options.files.push_back(path);
  options.check_files = true;
  auto report = course::load(package.files.at("course.json"), options);
  if (report.course) return std::move(report.course);
  std::fprintf(stderr, "tessera export: %s: course.json has errors; run 'tessera validate %s' to see them\n",
               utf8::printable(dir.string()).c_str(), utf8::printable(dir.string()).c_str());
  return std::nullopt;
}

}  // namespace

int export_command(Args args) {
  static const CommandLine line{
      .command = command,
      .usage = "tessera export scorm12|scorm2004|cmi5 PACKAGE_DIR [--site DIR] --out FILE.zip",
      .positional = {"STANDARD", "PACKAGE_DIR"},
      .options = {"--site", "--out"},
      .required = {"--out"}};
  const auto parsed = parse_args(args, line);
  if (!parsed) return usage_exit_code;
  const auto standard = lms::standard_from_string(parsed->positional[0]);
  if (!standard) {
    return usage_error(
        line, "unknown standard '" + utf8::printable(parsed->positional[0]) + "' (scorm12, scorm2004 or cmi5)");
  }
  const fs::path dir = parsed->positional[1];
  bool unreadable = false;
  const auto package = open_verified_package(dir, command, "", unreadable);
  if (!package) return unreadable ? 2 : 1;
  if (!package->files.count("course.json")) {
    std::fprintf(stderr, "tessera export: %s has no course.json\n", utf8::printable(dir.string()).c_str());
    return 1;
  }
  const auto course = load_course(*package, dir);
  if (!course) return 1;

  std::map<std::string, std::string> entries;
  const fs::path site = parsed->get("--site", "build/site");
  if (const auto failure = add_site_files(site, entries); !failure.empty()) {
    std::fprintf(stderr, "tessera export: %s\n", utf8::printable(failure).c_str());
    return 2;
  }
  // The package where the site keeps its courses, every file as it is (its signature still holds).
  const std::string folder = course->id + "/" + course->version;
  const std::string courses = "courses/";
  entries[courses + folder + "/" + std::string(package::manifest_name)] = package->manifest_text;
  for (const auto& [path, bytes] : package->files) entries[courses + folder + "/" + path] = bytes;
  const auto manifest = package::verify_manifest(package->manifest_text);  // checked above: its publisher
  entries[courses + "catalog.json"] = catalog_json(*course, manifest.value().publisher, folder);
  // The launch tells the player which LMS side to load (web/js/lms/scorm.js or cmi5.js).
  const bool cmi5 = *standard == lms::Standard::cmi5;
  entries[std::string(launch_page)] =
      launch_html(*course, "player.html?course=" + course->id + "&embed=1&no-sw&lms=" + parsed->positional[0], cmi5);

  lms::ManifestInput input{.course = &*course, .launch = std::string(launch_page), .files = {}};
  for (const auto& [path, bytes] : entries) input.files.push_back(path);
  entries[std::string(lms::manifest_file_name(*standard))] = lms::manifest_xml(*standard, input);

  const fs::path out = parsed->get("--out");
  if (const auto failure = write_zip(out, entries); !failure.empty()) {
    std::fprintf(stderr, "tessera export: %s\n", utf8::printable(failure).c_str());
    return 1;
  }
  std::printf("exported %s %s for %s: %zu files, the package's %zu of them byte for byte\n  %s\n", course->id.c_str(),
              course->version.c_str(), parsed->positional[0].c_str(), entries.size(), package->files.size() + 1,
              utf8::printable(out.string()).c_str());
  return 0;
}

}  // namespace tessera::cli
