// A learner record kept as a JSON Lines file on a native disk: read and checked once, then extended one
// durable line per event. Used by the CLI, the desktop player and the tests (the web keeps it in IndexedDB).
//
// Does NOT: repair a damaged record (it refuses to extend it and says why), or share a record between
// programs (one writer at a time, enforced with an exclusive flock() on the file).
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "tessera/problem.hpp"
#include "tessera/record.hpp"

namespace tessera::native {

class RecordFile {
 public:
  // Opens the record at `path` (creating it, readable by its owner only, when missing), locks it for this
  // program, reads it with record::read_json_lines and checks the chain with record::verify_chain.
  // Fails when the file cannot be opened, locked or read. A damaged record still opens: problems() says
  // what is wrong, events() holds the trusted prefix, and append() refuses until the file is moved aside.
  [[nodiscard]] static Result<RecordFile> open(const std::string& path);

  RecordFile(RecordFile&& other) noexcept;
  RecordFile& operator=(RecordFile&& other) noexcept;
  RecordFile(const RecordFile&) = delete;
  RecordFile& operator=(const RecordFile&) = delete;
  ~RecordFile();  // closes the file, which releases the lock

  [[nodiscard]] const std::string& path() const { return path_; }
  // The trusted events read at open, followed by those appended since.
  [[nodiscard]] const std::vector<record::Event>& events() const { return events_; }
  // What opening found: a dropped torn line (warning), an unreadable line or a broken chain (errors).
  [[nodiscard]] const std::vector<Problem>& problems() const { return problems_; }
  [[nodiscard]] bool torn_tail() const { return torn_tail_; }
  // False when the record is damaged (an unreadable line or a broken chain): append() then refuses.
  [[nodiscard]] bool writable() const { return !damage_.has_value(); }

  // Appends `event` as one line, then fsync()s, so the event is on disk when this returns. The event must
  // follow the last one (seq + 1 and prev = its hash; seq 1 and the genesis hash in an empty record).
  // A torn line left by a crash is cut off first. Returns the event's hash (the next event's prev). On
  // failure (disk full, I/O error) the file is cut back to where it ended, so no event already written is
  // lost and the record stays well-formed.
  [[nodiscard]] Result<std::string> append(const record::Event& event);
  // record::next_event after the last event, then append(): the usual way to record something.
  [[nodiscard]] Result<record::Event> append_next(std::string type, std::int64_t t, nlohmann::json payload);

 private:
  RecordFile() = default;

  std::string path_;
  int fd_ = -1;
  std::vector<record::Event> events_;
  std::vector<Problem> problems_;
  bool torn_tail_ = false;
  std::optional<Problem> damage_;  // the first error found at open; set means append() refuses
  std::string last_hash_;          // hash of events_.back(), or the genesis hash
  off_t intact_size_ = 0;          // bytes of well-formed record; the next line starts here
  bool cut_torn_tail_ = false;     // cut the file back to intact_size_ before the next write
  bool needs_newline_ = false;     // the last line is complete JSON but has no '\n' yet
};

}  // namespace tessera::native
