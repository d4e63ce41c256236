// Tests of the native record file: durable appends, torn-line repair, damage refusal, locking, failed writes.
#if !defined(__EMSCRIPTEN__)

#include "record_file.hpp"

#include <sys/resource.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace {

using nlohmann::json;
using tessera::native::RecordFile;
namespace record = tessera::record;

// A fresh folder under the system's temporary directory, removed when the test ends.
class ScratchFolder {
 public:
  ScratchFolder() {
    static int counter = 0;
    path_ = std::filesystem::temp_directory_path() /
            ("tessera-record-file-" + std::to_string(::getpid()) + "-" + std::to_string(++counter));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~ScratchFolder() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  ScratchFolder(const ScratchFolder&) = delete;
  ScratchFolder& operator=(const ScratchFolder&) = delete;
  [[nodiscard]] std::string file(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

void write_file(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
}

std::vector<record::Event> three_events() {
  std::vector<record::Event> events;
  events.push_back(record::next_event(nullptr, "session.started", 1000, json{{"course", "c"}}));
  events.push_back(record::next_event(&events.back(), "block.completed", 2000, json{{"block", "intro"}}));
  events.push_back(record::next_event(&events.back(), "answer.submitted", 3000, json{{"answer", 2}}));
  return events;
}

std::string as_text(const std::vector<record::Event>& events) {
  std::string text;
  for (const auto& event : events) text += record::to_json_line(event);
  return text;
}

RecordFile open_or_fail(const std::string& path) {
  auto opened = RecordFile::open(path);
  if (!opened) FAIL(opened.problems().front().where + ": " + opened.problems().front().message);
  return std::move(opened).value();
}

}  // namespace

TEST_CASE("a new record file is created and extended one line per event", "[record_file]") {
  ScratchFolder folder;
  const std::string path = folder.file("learner.jsonl");
  {
    RecordFile file = open_or_fail(path);
    CHECK(file.events().empty());
    CHECK(file.problems().empty());
    CHECK(file.writable());
    for (const auto& event : three_events()) {
      const auto appended = file.append(event);
      REQUIRE(appended.ok());
      CHECK(appended.value() == record::hash_hex(event));
    }
    CHECK(file.events().size() == 3);
    const auto next = file.append_next("session.ended", 4000, json::object());
    REQUIRE(next.ok());
    CHECK(next.value().seq == 4);
  }
  CHECK((std::filesystem::status(path).permissions() & std::filesystem::perms::others_read) ==
        std::filesystem::perms::none);

  RecordFile reopened = open_or_fail(path);
  CHECK(reopened.problems().empty());
  REQUIRE(reopened.events().size() == 4);
  CHECK(read_file(path) == as_text(reopened.events()));
  CHECK(reopened.append_next("session.started", 5000, json::object()).ok());
}

TEST_CASE("a torn last line is reported and cut off before the next append", "[record_file]") {
  ScratchFolder folder;
  const std::string path = folder.file("torn.jsonl");
  const auto events = three_events();
  const std::string whole = as_text(events);
  write_file(path, whole.substr(0, whole.size() - 20));  // a crash in the middle of writing event 3
  {
    RecordFile file = open_or_fail(path);
    CHECK(file.torn_tail());
    REQUIRE(file.problems().size() == 1);
    CHECK(file.problems()[0].severity == tessera::Severity::warning);
    CHECK(file.events().size() == 2);
    CHECK(file.writable());
    REQUIRE(file.append(events[2]).ok());
  }
  CHECK(read_file(path) == whole);
  RecordFile reopened = open_or_fail(path);
  CHECK(reopened.problems().empty());
  CHECK(reopened.events().size() == 3);
}

TEST_CASE("a complete last line without newline gets one before the next line", "[record_file]") {
  ScratchFolder folder;
  const std::string path = folder.file("no-newline.jsonl");
  const auto events = three_events();
  const std::string two = as_text({events[0], events[1]});
  write_file(path, two.substr(0, two.size() - 1));
  {
    RecordFile file = open_or_fail(path);
    CHECK(file.problems().empty());
    CHECK(file.events().size() == 2);
    REQUIRE(file.append(events[2]).ok());
  }
  CHECK(read_file(path) == as_text(events));
}

TEST_CASE("a damaged record opens but is not extended", "[record_file]") {
  ScratchFolder folder;
  const std::string path = folder.file("damaged.jsonl");
  const auto events = three_events();

  SECTION("an unreadable middle line") {
    write_file(path, record::to_json_line(events[0]) + "garbage\n" + record::to_json_line(events[1]));
  }
  SECTION("a whole last event followed by stray bytes (it must not be cut off as a torn write)") {
    const std::string second = record::to_json_line(events[1]);
    write_file(path, as_text({events[0]}) + second.substr(0, second.size() - 1) + "\"ab");  // no newline, a cut token
  }
  SECTION("a broken chain") {
    auto changed = events;
    changed[0].payload["course"] = "other";  // event 2's prev no longer matches
    write_file(path, as_text({changed[0], changed[1]}));
  }
  const std::string before = read_file(path);
  RecordFile file = open_or_fail(path);
  CHECK_FALSE(file.writable());
  CHECK(tessera::has_errors(file.problems()));
  CHECK(file.events().size() == 1);
  const auto refused = file.append_next("block.completed", 9000, json::object());
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.problems().front().message.find("damaged") != std::string::npos);
  CHECK(read_file(path) == before);
}

TEST_CASE("append refuses events that do not follow the last one", "[record_file]") {
  ScratchFolder folder;
  const std::string path = folder.file("order.jsonl");
  const auto events = three_events();
  RecordFile file = open_or_fail(path);
  REQUIRE(file.append(events[0]).ok());

  const auto skipped = file.append(events[2]);
  REQUIRE_FALSE(skipped.ok());
  CHECK(skipped.problems().front().where == "seq 3");

  auto forged = events[1];
  forged.prev = std::string(64, 'f');
  CHECK_FALSE(file.append(forged).ok());

  auto malformed = events[1];
  malformed.type = "Not Valid";
  const auto rejected = file.append(malformed);
  REQUIRE_FALSE(rejected.ok());
  CHECK(rejected.problems().front().where == "seq 2/type");

  CHECK(read_file(path) == record::to_json_line(events[0]));
}

TEST_CASE("one program at a time writes a record", "[record_file]") {
  ScratchFolder folder;
  const std::string path = folder.file("locked.jsonl");
  {
    RecordFile first = open_or_fail(path);
    const auto second = RecordFile::open(path);
    REQUIRE_FALSE(second.ok());
    CHECK(second.problems().front().message.find("already open") != std::string::npos);
  }
  CHECK(RecordFile::open(path).ok());  // closing released the lock
}

TEST_CASE("a path that is not a writable file is a problem, not a crash", "[record_file]") {
  ScratchFolder folder;
  const auto in_missing_folder = RecordFile::open(folder.file("missing/learner.jsonl"));
  REQUIRE_FALSE(in_missing_folder.ok());
  CHECK(in_missing_folder.problems().front().message.find("cannot open the record") == 0);
  CHECK_FALSE(in_missing_folder.problems().front().hint.empty());
  std::filesystem::create_directories(folder.file("a-folder"));
  CHECK_FALSE(RecordFile::open(folder.file("a-folder")).ok());
}

TEST_CASE("a write that fails half-way leaves the record as it was", "[record_file]") {
  ScratchFolder folder;
  const std::string path = folder.file("full.jsonl");
  const auto events = three_events();
  RecordFile file = open_or_fail(path);
  REQUIRE(file.append(events[0]).ok());
  const std::string before = read_file(path);

  // A file size limit a few bytes past the end makes write() succeed partly, then fail (EFBIG), the way a
  // full disk (ENOSPC) does. SIGXFSZ is ignored so the failure comes back as an error, not a signal.
  // Nothing may print while the limit is set: Catch2's output could be a file too.
  rlimit saved{};
  REQUIRE(::getrlimit(RLIMIT_FSIZE, &saved) == 0);
  const auto previous_handler = std::signal(SIGXFSZ, SIG_IGN);
  REQUIRE((previous_handler != SIG_ERR));
  rlimit tight = saved;
  tight.rlim_cur = static_cast<rlim_t>(before.size() + 10);
  REQUIRE(::setrlimit(RLIMIT_FSIZE, &tight) == 0);
  const auto failed = file.append(events[1]);
  ::setrlimit(RLIMIT_FSIZE, &saved);
  const bool handler_restored = std::signal(SIGXFSZ, previous_handler) != SIG_ERR;

  CHECK(handler_restored);

  REQUIRE_FALSE(failed.ok());
  CHECK(failed.problems().front().message.find("was not saved") != std::string::npos);
  CHECK(failed.problems().front().hint.find("every event saved before it is intact") == 0);
  CHECK(read_file(path) == before);
  CHECK(file.events().size() == 1);

  REQUIRE(file.append(events[1]).ok());  // with room again, the same event goes in
  CHECK(read_file(path) == as_text({events[0], events[1]}));
}

#endif  // !defined(__EMSCRIPTEN__)
