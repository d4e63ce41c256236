// File helpers the `tessera` commands share (see files.hpp).
#include "files.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>

namespace tessera::cli {

namespace fs = std::filesystem;

bool read_file(const fs::path& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream text;
  text << in.rdbuf();
  out = text.str();
  return static_cast<bool>(in) || in.eof();
}

void print_file_problems(const char* command, const std::string& file, const std::vector<Problem>& problems) {
  for (const auto& p : problems) {
    std::fprintf(stderr, "tessera%s%s: %s: %s %s: %s\n", *command ? " " : "", command, file.c_str(),
                 p.severity == Severity::error ? "error" : "warning", p.where.empty() ? "/" : p.where.c_str(),
                 p.message.c_str());
    if (!p.hint.empty()) std::fprintf(stderr, "    hint: %s\n", p.hint.c_str());
  }
}

JsonFile read_json_file(const fs::path& path, const char* command, const json_text::Limits& limits) {
  std::string text;
  if (!read_file(path, text)) {
    std::fprintf(stderr, "tessera %s: cannot read %s\n", command, path.c_str());
    return {std::nullopt, 2};
  }
  auto read = json_text::read(text, limits, path.filename().string());
  if (!read) {
    print_file_problems(command, path.string(), read.problems());
    return {std::nullopt, 1};
  }
  return {std::move(read).value(), 0};
}

std::string write_file_atomically(const fs::path& path, const std::string& bytes, unsigned mode) {
  const fs::path temporary = path.string() + ".partial";
  const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, static_cast<mode_t>(mode));
  if (fd < 0) return "cannot create " + temporary.string() + ": " + std::strerror(errno);
  std::size_t written = 0;
  while (written < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const std::string reason = std::strerror(errno);
      ::close(fd);
      ::unlink(temporary.c_str());
      return "cannot write " + path.string() + ": " + reason;
    }
    written += static_cast<std::size_t>(n);
  }
  if (::fchmod(fd, static_cast<mode_t>(mode)) != 0 || ::fsync(fd) != 0) {
    const std::string reason = std::strerror(errno);
    ::close(fd);
    ::unlink(temporary.c_str());
    return "cannot finish " + path.string() + ": " + reason;
  }
  ::close(fd);
  if (::rename(temporary.c_str(), path.c_str()) != 0) {
    const std::string reason = std::strerror(errno);
    ::unlink(temporary.c_str());
    return "cannot move " + path.string() + " into place: " + reason;
  }
  return {};
}

std::vector<std::string> list_package_files(const fs::path& root) {
  std::vector<std::string> files;
  std::error_code error;
  auto it = fs::recursive_directory_iterator(root, fs::directory_options::skip_permission_denied, error);
  for (; !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
    const std::string name = it->path().filename().string();
    if (!name.empty() && name[0] == '.') {
      if (it->is_directory()) it.disable_recursion_pending();
      continue;
    }
    if (it->is_regular_file()) files.push_back(fs::relative(it->path(), root).generic_string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace tessera::cli
