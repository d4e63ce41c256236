// Native storage of the learner record: POSIX open/flock/read, then one write() + fsync() per event.
#include "record_file.hpp"

#include "errno_text.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <utility>

namespace tessera::native {

namespace {

// Makes a newly created file's directory entry durable too; without it a crash could lose the whole file.
// Best effort: the events themselves are fsync()ed on every append, and some file systems refuse this.
void sync_parent_directory(const std::string& path) {
  std::filesystem::path parent = std::filesystem::path(path).parent_path();
  if (parent.empty()) parent = ".";
  const int directory = ::open(parent.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (directory < 0) return;
  (void)::fsync(directory);
  ::close(directory);
}

// Opens the file, creating it (mode 0600: a learner record is private) when missing.
int open_or_create(const std::string& path, bool& created) {
  created = false;
  int fd = ::open(path.c_str(), O_RDWR | O_APPEND | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd >= 0) {
    created = true;
    return fd;
  }
  if (errno != EEXIST) return -1;
  do {
    fd = ::open(path.c_str(), O_RDWR | O_APPEND | O_CLOEXEC);
  } while (fd < 0 && errno == EINTR);
  return fd;
}

// Reads `size` bytes from the start of the file (fewer if it shrank); false with errno set on failure.
bool read_whole(int fd, off_t size, std::string& text) {
  text.resize(static_cast<std::size_t>(size));
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t got = ::pread(fd, text.data() + done, text.size() - done, static_cast<off_t>(done));
    if (got < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    if (got == 0) break;
    done += static_cast<std::size_t>(got);
  }
  text.resize(done);
  return true;
}

// Writes all of `data`, retrying short writes; returns 0 or the errno of the failure.
int write_all(int fd, std::string_view data) {
  while (!data.empty()) {
    const ssize_t wrote = ::write(fd, data.data(), data.size());
    if (wrote < 0) {
      if (errno == EINTR) continue;
      return errno;
    }
    data.remove_prefix(static_cast<std::size_t>(wrote));
  }
  return 0;
}

int sync_file(int fd) {
  while (::fsync(fd) != 0) {
    if (errno != EINTR) return errno;
  }
  return 0;
}

// The byte offset where a torn last line starts: just after the last newline (0 when there is none).
off_t start_of_last_line(const std::string& text) {
  const std::size_t newline = text.rfind('\n');
  return newline == std::string::npos ? 0 : static_cast<off_t>(newline + 1);
}

}  // namespace

Result<RecordFile> RecordFile::open(const std::string& path) {
  const std::string keep_hint = "check the path and its permissions";
  bool created = false;
  RecordFile file;
  file.path_ = path;
  file.fd_ = open_or_create(path, created);
  if (file.fd_ < 0) {
    return error_at(path, "cannot open the record: " + errno_text(errno), keep_hint);
  }
  if (created) sync_parent_directory(path);

  struct stat info {};
  if (::fstat(file.fd_, &info) != 0)
    return error_at(path, "cannot inspect the record: " + errno_text(errno), keep_hint);
  // A device or FIFO could block or never end when read; a record is always a plain file.
  if (!S_ISREG(info.st_mode))
    return error_at(path, "the record is not a regular file", "give the path of a .jsonl file");

  // Two writers would each extend the chain from the same last event and fork it.
  if (::flock(file.fd_, LOCK_EX | LOCK_NB) != 0) {
    if (errno == EWOULDBLOCK) {
      return error_at(path, "the record is already open in another Tessera program",
                      "close the other player or command, then try again");
    }
    return error_at(path, "cannot lock the record: " + errno_text(errno), keep_hint);
  }

  std::string text;
  if (!read_whole(file.fd_, info.st_size, text)) {
    return error_at(path, "cannot read the record: " + errno_text(errno), keep_hint);
  }

  record::JsonLinesRead read = record::read_json_lines(text);
  file.problems_ = std::move(read.problems);
  file.torn_tail_ = read.torn_tail;
  for (const Problem& problem : file.problems_) {
    if (problem.severity == Severity::error) {
      file.damage_ = problem;
      break;
    }
  }
  record::ChainCheck chain = record::verify_chain(std::move(read.events));
  file.events_ = std::move(chain.valid);
  if (chain.broken) {
    file.problems_.push_back(*chain.broken);
    if (!file.damage_) file.damage_ = *chain.broken;
  }
  file.last_hash_ = file.events_.empty() ? std::string(record::genesis_hash) : record::hash_hex(file.events_.back());

  if (file.torn_tail_) {
    file.intact_size_ = start_of_last_line(text);
    file.cut_torn_tail_ = true;
  } else {
    file.intact_size_ = static_cast<off_t>(text.size());
    file.needs_newline_ = !text.empty() && text.back() != '\n';
  }
  return file;
}

RecordFile::RecordFile(RecordFile&& other) noexcept
    : path_(std::move(other.path_)),
      fd_(std::exchange(other.fd_, -1)),
      events_(std::move(other.events_)),
      problems_(std::move(other.problems_)),
      torn_tail_(other.torn_tail_),
      damage_(std::move(other.damage_)),
      last_hash_(std::move(other.last_hash_)),
      intact_size_(other.intact_size_),
      cut_torn_tail_(other.cut_torn_tail_),
      needs_newline_(other.needs_newline_) {}

RecordFile& RecordFile::operator=(RecordFile&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    path_ = std::move(other.path_);
    fd_ = std::exchange(other.fd_, -1);
    events_ = std::move(other.events_);
    problems_ = std::move(other.problems_);
    torn_tail_ = other.torn_tail_;
    damage_ = std::move(other.damage_);
    last_hash_ = std::move(other.last_hash_);
    intact_size_ = other.intact_size_;
    cut_torn_tail_ = other.cut_torn_tail_;
    needs_newline_ = other.needs_newline_;
  }
  return *this;
}

RecordFile::~RecordFile() {
  if (fd_ >= 0) ::close(fd_);
}

Result<std::string> RecordFile::append(const record::Event& event) {
  const std::string where = "seq " + std::to_string(event.seq);
  if (fd_ < 0) return error_at(path_, "the record is not open", "open it with RecordFile::open");
  if (damage_) {
    return error_at(path_,
                    "the record is damaged (" + damage_->where + ": " + damage_->message + ") and is not extended",
                    "move the file aside to start a new record; keep it for inspection");
  }

  // Nothing that a later read would reject may reach the file.
  if (Result<record::Event> checked = record::from_json(record::to_json(event), where); !checked) {
    return checked.problems();
  }
  const std::uint64_t expected_seq = events_.empty() ? 1 : events_.back().seq + 1;
  if (event.seq != expected_seq) {
    return error_at(where,
                    "the event does not follow the record's last event: expected seq " + std::to_string(expected_seq),
                    "build it with record::next_event from the last event (or use append_next)");
  }
  if (event.prev != last_hash_) {
    return error_at(where, "the event's prev is not the hash of the record's last event",
                    "build it with record::next_event from the last event (or use append_next)");
  }
  const Result<std::string> canonical = record::canonical_json(event);
  if (!canonical) return canonical.problems();
  if (canonical.value().size() > record::max_line_bytes) {
    return error_at(where,
                    "the event is " + std::to_string(canonical.value().size()) +
                        " bytes as JSON; a record line holds at most " + std::to_string(record::max_line_bytes),
                    "keep large data out of events: record a reference or a digest instead");
  }

  if (cut_torn_tail_) {
    if (::ftruncate(fd_, intact_size_) != 0) {
      return error_at(path_, "cannot remove the incomplete last line: " + errno_text(errno),
                      "check the disk, then try again");
    }
    cut_torn_tail_ = false;
  }

  std::string data = needs_newline_ ? "\n" : "";
  data += canonical.value();
  data += '\n';
  const int write_error = write_all(fd_, data);
  const int failure = write_error != 0 ? write_error : sync_file(fd_);
  if (failure != 0) {
    // Cut off whatever part of the line reached the file, so the record stays well-formed. If even that
    // fails, the next open sees a torn last line and drops it.
    if (::ftruncate(fd_, intact_size_) != 0) cut_torn_tail_ = true;
    const std::string kept = "every event saved before it is intact; ";
    if (failure == ENOSPC || failure == EDQUOT) {
      return error_at(path_, "the disk is full: event " + where + " was not saved",
                      kept + "free some space, then record the event again");
    }
    if (failure == EFBIG) {
      return error_at(path_, "the record file has reached the largest size allowed: event " + where + " was not saved",
                      kept + "raise the file size limit or start a new record");
    }
    return error_at(path_,
                    std::string(write_error != 0 ? "cannot write" : "cannot flush to disk") + " event " + where + ": " +
                        errno_text(failure),
                    kept + "check the disk, then record the event again");
  }

  intact_size_ += static_cast<off_t>(data.size());
  needs_newline_ = false;
  last_hash_ = record::hash_hex(event);
  events_.push_back(event);
  return last_hash_;
}

Result<record::Event> RecordFile::append_next(std::string type, std::int64_t t, nlohmann::json payload) {
  record::Event event =
      record::next_event(events_.empty() ? nullptr : &events_.back(), std::move(type), t, std::move(payload));
  Result<std::string> appended = append(event);
  if (!appended) return appended.problems();
  return event;
}

}  // namespace tessera::native
