// File helpers the `tessera` commands share (see files.hpp).
#include "files.hpp"

#include "errno_text.hpp"
#include "output.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>

#include "tessera/crypto.hpp"
#include "tessera/package.hpp"
#include "tessera/utf8.hpp"

namespace tessera::cli {

namespace fs = std::filesystem;
using native::errno_text;

namespace {

// Reads what is left of `fd` into `out` (cleared first) and closes it. Returns why not, or "".
std::string read_and_close(int fd, const std::string& shown, std::string& out) {
  out.clear();
  struct stat info {};
  // One allocation for a regular file, so a secret read is not left behind in a freed smaller buffer.
  if (::fstat(fd, &info) == 0 && S_ISREG(info.st_mode) && info.st_size > 0)
    out.reserve(static_cast<std::size_t>(info.st_size));
  char buffer[1 << 16];
  for (;;) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const std::string reason = errno_text(errno);
      ::close(fd);
      return "cannot read " + shown + ": " + reason;
    }
    if (n == 0) break;
    out.append(buffer, static_cast<std::size_t>(n));
  }
  crypto::wipe(buffer, sizeof buffer);
  ::close(fd);
  return {};
}

// The JSON text of `path` read by `parse` (json_text::parse or parse_ordered), as read_json_file says.
template <typename Json, typename Parse>
JsonFileOf<Json> read_json_text_file(const fs::path& path, std::string_view command, FileContents contents,
                                     Parse parse) {
  auto text = read_input_file(path, command);
  if (!text) return {std::nullopt, 2};
  auto read = parse(*text, path.filename().string());
  if (contents == FileContents::secret) crypto::wipe(text->data(), text->size());
  if (read.error) {
    print_problems(stderr, command_name(command) + ": " + path.string(), {read.error->problem});
    return {std::nullopt, 1};
  }
  return {std::move(read.value), 0};
}

}  // namespace

std::string read_file(const fs::path& path, std::string& out) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return "cannot read " + utf8::printable(path.string()) + ": " + errno_text(errno);
  return read_and_close(fd, utf8::printable(path.string()), out);
}

std::optional<std::string> read_input_file(const fs::path& path, std::string_view command) {
  std::string text;
  if (const std::string failure = read_file(path, text); !failure.empty()) {
    std::fprintf(stderr, "%s: %s\n", command_name(command).c_str(), failure.c_str());
    return std::nullopt;
  }
  return text;
}

JsonFile read_json_file(const fs::path& path, std::string_view command, const json_text::Limits& limits,
                        FileContents contents) {
  return read_json_text_file<nlohmann::json>(
      path, command, contents,
      [&](std::string_view text, const std::string& subject) { return json_text::parse(text, limits, subject); });
}

JsonFileOf<nlohmann::ordered_json> read_ordered_json_file(const fs::path& path, std::string_view command,
                                                          const json_text::Limits& limits) {
  return read_json_text_file<nlohmann::ordered_json>(path, command, FileContents::plain,
                                                     [&](std::string_view text, const std::string& subject) {
                                                       return json_text::parse_ordered(text, limits, subject);
                                                     });
}

std::string write_file_atomically(const fs::path& path, const std::string& bytes, unsigned mode) {
  const fs::path temporary = path.string() + ".partial";
  // O_NOFOLLOW: a link planted at the temporary name would redirect the write elsewhere.
  const int fd =
      ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, static_cast<mode_t>(mode));
  if (fd < 0) return "cannot create " + temporary.string() + ": " + errno_text(errno);
  std::size_t written = 0;
  while (written < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const std::string reason = errno_text(errno);
      ::close(fd);
      ::unlink(temporary.c_str());
      return "cannot write " + path.string() + ": " + reason;
    }
    written += static_cast<std::size_t>(n);
  }
  if (::fchmod(fd, static_cast<mode_t>(mode)) != 0 || ::fsync(fd) != 0) {
    const std::string reason = errno_text(errno);
    ::close(fd);
    ::unlink(temporary.c_str());
    return "cannot finish " + path.string() + ": " + reason;
  }
  ::close(fd);
  if (::rename(temporary.c_str(), path.c_str()) != 0) {
    const std::string reason = errno_text(errno);
    ::unlink(temporary.c_str());
    return "cannot move " + path.string() + " into place: " + reason;
  }
  return {};
}

bool write_output(const std::string& out_path, const std::string& text, std::string_view command) {
  if (out_path.empty()) {
    if (std::fwrite(text.data(), 1, text.size(), stdout) == text.size()) return true;
    std::fprintf(stderr, "%s: cannot write to standard output: %s\n", command_name(command).c_str(),
                 errno_text(errno).c_str());
    return false;
  }
  const std::string failure = write_file_atomically(out_path, text);
  if (!failure.empty())
    std::fprintf(stderr, "%s: %s\n", command_name(command).c_str(), utf8::printable(failure).c_str());
  return failure.empty();
}

PackageListing list_package_files(const fs::path& root) {
  PackageListing listing;
  std::error_code error;
  // The iterator never descends into a linked folder; symlink_status (lstat) sees each link as a link.
  auto it = fs::recursive_directory_iterator(root, fs::directory_options::skip_permission_denied, error);
  for (; !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
    const std::string name = it->path().filename().string();
    const fs::file_status status = it->symlink_status(error);
    if (error) break;
    if (!name.empty() && name[0] == '.') {
      if (fs::is_directory(status)) it.disable_recursion_pending();
      continue;
    }
    const std::string relative = it->path().lexically_relative(root).generic_string();
    if (fs::is_directory(status)) continue;
    if (fs::is_symlink(status)) {
      std::error_code unreadable;
      const std::string target = fs::read_symlink(it->path(), unreadable).string();
      listing.problems.push_back(error_at(utf8::printable(relative),
                                          "it is a symbolic link (to " + utf8::printable(target) +
                                              "); tessera never follows links, so a package "
                                              "cannot reach outside its folder",
                                          "copy the file or folder it points to into the course folder in its place"));
    } else if (!fs::is_regular_file(status)) {
      listing.problems.push_back(error_at(
          utf8::printable(relative), "it is not a regular file (a device, socket or pipe); a package holds only files",
          "remove it from the course folder"));
    } else if (auto problem = package::file_name_problem(relative)) {
      listing.problems.push_back(std::move(*problem));
    } else {
      listing.files.push_back(relative);
    }
  }
  if (error) {
    listing.problems.push_back(
        error_at(utf8::printable(root.string()), "the folder cannot be read completely: " + error.message()));
  }
  std::sort(listing.files.begin(), listing.files.end());
  return listing;
}

namespace {

std::string open_failure(const std::string& shown, int error) {
  if (error == ELOOP) return shown + " is or passes through a symbolic link, which tessera never follows";
  return "cannot read " + shown + ": " + errno_text(error);
}

}  // namespace

std::string read_file_inside(const fs::path& root, const std::string& relative, std::string& out) {
  const std::string shown = utf8::printable(relative);
  if (auto why = package::path_problem(relative)) return shown + " is not a package path: " + *why;
  int dir = ::open(root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);  // the root is the caller's own choice
  if (dir < 0) return "cannot read " + utf8::printable((root / relative).string()) + ": " + errno_text(errno);
  std::size_t start = 0;
  for (std::size_t slash = relative.find('/'); slash != std::string::npos; slash = relative.find('/', start)) {
    const int next =
        ::openat(dir, relative.substr(start, slash - start).c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    const int saved = errno;
    ::close(dir);
    if (next < 0) return open_failure(shown, saved);
    dir = next;
    start = slash + 1;
  }
  // O_NONBLOCK: a pipe swapped in after the listing must not hang the read; it is refused just below.
  const int fd = ::openat(dir, relative.c_str() + start, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
  const int saved = errno;
  ::close(dir);
  if (fd < 0) return open_failure(shown, saved);
  struct stat info {};
  if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
    ::close(fd);
    return shown + " is not a regular file";
  }
  return read_and_close(fd, shown, out);
}

Result<credential::PackageInput> read_package(const fs::path& dir) {
  credential::PackageInput package;
  std::vector<Problem> problems;
  const std::string manifest(package::manifest_name);
  if (const auto failure = read_file_inside(dir, manifest, package.manifest_text); !failure.empty()) {
    problems.push_back(error_at(manifest, "the package has no readable manifest.json (" + failure + ")",
                                "give a packed course folder (tessera pack makes one)"));
  }
  auto listing = list_package_files(dir);
  problems.insert(problems.end(), listing.problems.begin(), listing.problems.end());
  for (const auto& relative : listing.files) {
    if (relative == manifest) continue;
    if (const auto failure = read_file_inside(dir, relative, package.files[relative]); !failure.empty()) {
      problems.push_back(error_at(utf8::printable(relative), failure));
    }
  }
  if (!problems.empty()) return problems;
  return package;
}

bool is_published_package(const fs::path& dir) {
  return fs::is_directory(dir) && fs::symlink_status(dir / package::manifest_name).type() != fs::file_type::not_found;
}

fs::path course_location(const fs::path& path) {
  fs::path folder = path.parent_path().empty() ? fs::path(".") : path.parent_path();
  if (path.filename() == "course.json" && !fs::is_directory(path) && is_published_package(folder)) return folder;
  return path;
}

}  // namespace tessera::cli
