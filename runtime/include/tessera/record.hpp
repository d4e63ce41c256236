// The learner record: an append-only chain of events, each carrying the BLAKE2b hash of its predecessor,
// and its JSON Lines form (format: docs/record.md). Pure: no I/O here (native files: host/record_file.hpp;
// web: IndexedDB in JS).
//
// Event hash = BLAKE2b-256 over the RFC 8785 canonical JSON of the event object
// {"seq","type","t","payload","prev"}; the first event's prev is 64 zeros ("genesis").
#pragma once

#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tessera/json_text.hpp"
#include "tessera/problem.hpp"

namespace tessera::record {

inline constexpr std::string_view genesis_hash = "0000000000000000000000000000000000000000000000000000000000000000";

// seq and t must be integers a JavaScript Number (and RFC 8785, which hashes numbers as doubles) holds exactly.
inline constexpr std::int64_t max_safe_integer = (std::int64_t{1} << 53) - 1;
// Untrusted-input guards for JSON Lines: a longer line, or deeper nesting, is an error, never a crash
// (json_text::record_line, with every other limit on JSON text).
inline constexpr std::size_t max_line_bytes = json_text::record_line.max_bytes;
inline constexpr std::size_t max_depth = json_text::record_line.max_depth;

struct Event {
  std::uint64_t seq = 0;  // 1, 2, 3, … with no gaps
  std::string type;       // e.g. "session.started", "block.completed", "answer.submitted"
  std::int64_t t = 0;     // host-supplied time, Unix milliseconds (the runtime has no clock)
  nlohmann::json payload = nlohmann::json::object();
  std::string prev;  // lower-case hex BLAKE2b-256 of the previous event, or genesis_hash
};

// The event as the JSON object that is hashed and stored (members: seq, type, t, payload, prev).
[[nodiscard]] nlohmann::json to_json(const Event& event);
// Reads one event object strictly (all five members required, no others; seq 1…2^53-1; type of [a-z0-9._-],
// at most 64 characters; t a safe integer; payload an object; prev 64 lower-case hex); every problem is
// reported, each pointing into `where` (e.g. "line 12/seq" or "/events/3/seq").
[[nodiscard]] Result<Event> from_json(const nlohmann::json& value, const std::string& where);

// The RFC 8785 canonical JSON of to_json(event): the exact bytes that are hashed and stored. Fails only for
// a payload JSON cannot carry (NaN, infinity, invalid UTF-8), which from_json never produces.
[[nodiscard]] Result<std::string> canonical_json(const Event& event);

// Lower-case hex BLAKE2b-256 of the event's canonical JSON; "" when canonical_json fails (never a valid
// hash, so verify_chain reports the event).
[[nodiscard]] std::string hash_hex(const Event& event);

// The event that follows `previous` (or starts the chain when previous is null): seq and prev filled in.
[[nodiscard]] Event next_event(const Event* previous, std::string type, std::int64_t t, nlohmann::json payload);

// Checks seq order (1, 2, 3, …), the hash chain, and each event's fields as from_json would. Keeps the
// longest valid prefix; the first break (with its seq and what is wrong) is reported, and nothing after it
// is trusted.
// A course record longer than this is refused from the event after it: replaying it would take seconds (a
// million events took a minute), and a course of a few hours records a few thousand. Completion proofs
// carry at most as many (credential::max_evidence_events).
inline constexpr std::size_t max_record_events = 100000;

struct ChainCheck {
  std::vector<Event> valid;
  std::optional<Problem> broken;  // where = "seq N"
};
[[nodiscard]] ChainCheck verify_chain(std::vector<Event> events);

// One event as one line of JSON Lines (canonical JSON, then '\n'); "" when canonical_json fails.
[[nodiscard]] std::string to_json_line(const Event& event);

// Reads a JSON Lines record. A torn last line (no final newline, and its JSON breaks off at the end of the
// text: a crash mid-write) is dropped with a warning; any other bad line is an error at "line N" and
// reading stops there, keeping the events before it. Blank lines are skipped, "\r\n" and a leading UTF-8
// BOM are accepted, and a last line without newline that parses is kept. Each line is read by the strict
// reader (tessera/json_text.hpp: max_line_bytes, max_depth, no duplicate member names). Never throws.
struct JsonLinesRead {
  std::vector<Event> events;
  std::vector<Problem> problems;
  bool torn_tail = false;  // true when a torn last line was dropped
};
[[nodiscard]] JsonLinesRead read_json_lines(std::string_view text);

}  // namespace tessera::record
