// The learner record: event shape checks, the BLAKE2b hash chain and the JSON Lines reader (see record.hpp).
#include "tessera/record.hpp"

#include <algorithm>

#include <exception>
#include <utility>

#include "tessera/crypto.hpp"
#include "tessera/jcs.hpp"
#include "tessera/json_text.hpp"

namespace tessera::record {

namespace {

using nlohmann::json;

constexpr std::size_t max_type_length = 64;
constexpr std::size_t hash_hex_length = 64;
// How much of a hash a message shows: enough to tell two hashes apart at a glance.
constexpr std::size_t shown_hash_chars = 12;

constexpr std::string_view record_hint =
    "restore the record from a backup, or start a new one (records are written by Tessera, never by hand)";

std::string type_name(const json& value) {
  switch (value.type()) {
    case json::value_t::null:
      return "null";
    case json::value_t::boolean:
      return "a boolean";
    case json::value_t::string:
      return "a string";
    case json::value_t::array:
      return "an array";
    case json::value_t::object:
      return "an object";
    case json::value_t::number_float:
      return "a decimal number";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
      return "an integer";
    default:
      return "an unsupported value";
  }
}

bool is_event_type(std::string_view type) {
  if (type.empty() || type.size() > max_type_length) return false;
  for (const char c : type) {
    const bool allowed = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    if (!allowed) return false;
  }
  return true;
}

bool is_hash_hex(std::string_view text) {
  if (text.size() != hash_hex_length) return false;
  for (const char c : text) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

bool is_safe_integer(std::int64_t value) { return value >= -max_safe_integer && value <= max_safe_integer; }

std::string shown_hash(std::string_view hash) {
  if (hash.size() <= shown_hash_chars) return std::string(hash);
  return std::string(hash.substr(0, shown_hash_chars)) + "…";
}

// Reads an integer member that must fit in [min, max]; reports and returns nullopt otherwise.
std::optional<std::int64_t> read_integer(const json& value, const std::string& where, std::string_view name,
                                         std::int64_t min, std::int64_t max, std::vector<Problem>& problems) {
  const std::string range = "between " + std::to_string(min) + " and " + std::to_string(max);
  if (!value.is_number_integer()) {
    problems.push_back(error_at(where, "'" + std::string(name) + "' must be a whole number, found " + type_name(value),
                                "write it as an integer " + range));
    return std::nullopt;
  }
  // An unsigned value above INT64_MAX would wrap in get<std::int64_t>(); it is out of range anyway.
  const bool too_big = value.is_number_unsigned() && value.get<std::uint64_t>() > static_cast<std::uint64_t>(max);
  const std::int64_t number = too_big ? max : value.get<std::int64_t>();
  if (too_big || number < min || number > max) {
    problems.push_back(
        error_at(where, "'" + std::string(name) + "' is " + value.dump() + ", outside the allowed range",
                 "it must be " + range + " (JavaScript numbers hold integers exactly only up to 2^53-1)"));
    return std::nullopt;
  }
  return number;
}

// At most 64 bytes of a name taken from the input, cut on a UTF-8 character boundary, for messages.
std::string shown_name(std::string_view name) {
  constexpr std::size_t limit = 64;
  if (name.size() <= limit) return std::string(name);
  std::size_t cut = limit;
  while (cut > 0 && (static_cast<unsigned char>(name[cut]) & 0xC0) == 0x80) --cut;
  return std::string(name.substr(0, cut)) + "…";
}

std::string hash_of_canonical(std::string_view canonical) {
  // libsodium picks its BLAKE2b implementation in init(); idempotent, and done once per process here.
  static const bool crypto_ready = crypto::init();
  if (!crypto_ready) return {};
  const crypto::Blake2bDigest digest = crypto::blake2b(crypto::as_bytes(canonical));
  return crypto::to_hex(digest);
}

bool is_blank(std::string_view line) {
  for (const char c : line) {
    if (c != ' ' && c != '\t') return false;
  }
  return true;
}

// Reads every line; separated from read_json_lines only so that one try/catch can guard it all.
// line_number is the caller's, so a failure can still say where reading was.
void read_lines(std::string_view text, JsonLinesRead& out, std::size_t& line_number) {
  constexpr std::string_view byte_order_mark = "\xEF\xBB\xBF";
  if (text.starts_with(byte_order_mark)) text.remove_prefix(byte_order_mark.size());

  std::size_t start = 0;
  while (start < text.size()) {
    ++line_number;
    const std::size_t newline = text.find('\n', start);
    const bool terminated = newline != std::string_view::npos;
    const std::size_t end = terminated ? newline : text.size();
    std::string_view line = text.substr(start, end - start);
    start = terminated ? newline + 1 : text.size();
    if (line.ends_with('\r')) line.remove_suffix(1);
    if (is_blank(line)) continue;

    const std::string where = "line " + std::to_string(line_number);
    json_text::Reading<json> parsed = json_text::parse(line, json_text::record_line, where, line_number);
    if (parsed.error) {
      // A crash mid-write leaves a prefix of a good line and no newline after it: the text then ends inside
      // the value. Anything else wrong, earlier in the line, is damage.
      if (!terminated && parsed.error->failure == json_text::Failure::ended_early) {
        out.torn_tail = true;
        out.problems.push_back(
            warning_at(where, where + " is incomplete (the last write was interrupted) and was dropped",
                       "every event before it is intact; the next append replaces the incomplete line"));
      } else {
        // The reader's column, when its place is in the text rather than at a member.
        const json_text::TextError& error = *parsed.error;
        std::string message = error.problem.message;
        if (error.pointer.empty() && error.failure != json_text::Failure::too_large) {
          message += " (column " + std::to_string(error.column) + ")";
        }
        out.problems.push_back(error_at(where + error.pointer, std::move(message),
                                        "reading stopped here: the events before " + where +
                                            " are kept, nothing after it is read; " + std::string(record_hint)));
      }
      return;
    }

    Result<Event> event = from_json(parsed.value, where);
    if (!event) {
      out.problems.insert(out.problems.end(), event.problems().begin(), event.problems().end());
      return;
    }
    out.events.push_back(std::move(event).value());
  }
}

}  // namespace

json to_json(const Event& event) {
  return json{
      {"seq", event.seq}, {"type", event.type}, {"t", event.t}, {"payload", event.payload}, {"prev", event.prev}};
}

Result<Event> from_json(const json& value, const std::string& where) {
  if (!value.is_object()) {
    return error_at(where, "an event must be a JSON object, found " + type_name(value),
                    "an event is {\"seq\", \"type\", \"t\", \"payload\", \"prev\"}; " + std::string(record_hint));
  }
  std::vector<Problem> problems;
  Event event;

  for (const auto& [name, member] : value.items()) {
    if (name != "seq" && name != "type" && name != "t" && name != "payload" && name != "prev") {
      problems.push_back(error_at(pointer_append(where, name), "unknown member '" + shown_name(name) + "' in an event",
                                  "an event has exactly seq, type, t, payload and prev; " + std::string(record_hint)));
    }
  }

  const auto required = [&](std::string_view name, std::string_view what) -> const json* {
    const auto found = value.find(name);
    if (found != value.end()) return &*found;
    problems.push_back(error_at(where, "the event is missing the required member '" + std::string(name) + "'",
                                "add \"" + std::string(name) + "\": " + std::string(what)));
    return nullptr;
  };

  if (const json* seq = required("seq", "its position in the record, counting from 1")) {
    if (auto number = read_integer(*seq, pointer_append(where, "seq"), "seq", 1, max_safe_integer, problems)) {
      event.seq = static_cast<std::uint64_t>(*number);
    }
  }

  if (const json* type = required("type", "what happened, e.g. \"block.completed\"")) {
    const std::string at = pointer_append(where, "type");
    if (!type->is_string()) {
      problems.push_back(error_at(at, "'type' must be a string, found " + type_name(*type),
                                  "write the event type as a string such as \"block.completed\""));
    } else if (!is_event_type(type->get_ref<const std::string&>())) {
      problems.push_back(error_at(at, "'type' " + type->dump() + " is not a valid event type",
                                  "use 1 to 64 characters from a-z, 0-9, '.', '_' and '-'"));
    } else {
      event.type = type->get<std::string>();
    }
  }

  if (const json* t = required("t", "the host's time in Unix milliseconds")) {
    if (auto number =
            read_integer(*t, pointer_append(where, "t"), "t", -max_safe_integer, max_safe_integer, problems)) {
      event.t = *number;
    }
  }

  // Required even when empty: a record is machine-written, so a missing payload means a damaged line.
  if (const json* payload = required("payload", "an object, {} when the event carries no data")) {
    if (!payload->is_object()) {
      problems.push_back(error_at(pointer_append(where, "payload"),
                                  "'payload' must be an object, found " + type_name(*payload),
                                  "write {} when the event carries no data"));
    } else {
      event.payload = *payload;
    }
  }

  if (const json* prev = required("prev", "the hash of the previous event, or 64 zeros for the first")) {
    const std::string at = pointer_append(where, "prev");
    if (!prev->is_string() || !is_hash_hex(prev->get_ref<const std::string&>())) {
      problems.push_back(error_at(
          at,
          "'prev' must be 64 lower-case hex characters, found " + (prev->is_string() ? prev->dump() : type_name(*prev)),
          "it holds the BLAKE2b-256 hash of the previous event (64 zeros for the first)"));
    } else {
      event.prev = prev->get<std::string>();
    }
  }

  if (!problems.empty()) return problems;
  return event;
}

namespace {

// True when JSON writes `text` as itself between quotes: printable ASCII without '"' or '\\'.
bool needs_no_escaping(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return c >= 0x20 && c <= 0x7E && c != '"' && c != '\\'; });
}

}  // namespace

Result<std::string> canonical_json(const Event& event) {
  try {
    // Replay hashes every event, so the common case skips building a JSON object around the payload: the
    // members' canonical order is fixed (payload < prev < seq < t < type), and only the payload needs the
    // canonicaliser. Types and hashes that would need escaping take the general path.
    if (needs_no_escaping(event.type) && needs_no_escaping(event.prev)) {
      Result<std::string> payload = jcs::canonicalize(event.payload);
      if (!payload) {
        std::vector<Problem> problems = payload.problems();
        for (Problem& problem : problems) problem.where = "/payload" + problem.where;
        return problems;
      }
      std::string out;
      out.reserve(payload.value().size() + event.prev.size() + event.type.size() + 64);
      out += "{\"payload\":";
      out += payload.value();
      out += ",\"prev\":\"";
      out += event.prev;
      out += "\",\"seq\":";
      out += jcs::format_number(static_cast<double>(event.seq));
      out += ",\"t\":";
      out += jcs::format_number(static_cast<double>(event.t));
      out += ",\"type\":\"";
      out += event.type;
      out += "\"}";
      return out;
    }
    return jcs::canonicalize(to_json(event));
  } catch (const std::exception& error) {  // the exceptions policy: nothing escapes the runtime's API
    return error_at("/payload", std::string("the event cannot be written as JSON: ") + error.what(),
                    "remove values JSON cannot carry (NaN, infinity, invalid UTF-8) from the payload");
  }
}

std::string hash_hex(const Event& event) {
  const Result<std::string> canonical = canonical_json(event);
  if (!canonical) return {};
  return hash_of_canonical(canonical.value());
}

Event next_event(const Event* previous, std::string type, std::int64_t t, json payload) {
  Event event;
  event.seq = previous ? previous->seq + 1 : 1;
  event.type = std::move(type);
  event.t = t;
  event.payload = std::move(payload);
  event.prev = previous ? hash_hex(*previous) : std::string(genesis_hash);
  return event;
}

ChainCheck verify_chain(std::vector<Event> events) {
  ChainCheck check;
  check.valid.reserve(events.size());
  std::uint64_t expected_seq = 1;
  std::string expected_prev(genesis_hash);

  for (Event& event : events) {
    const std::string where = "seq " + std::to_string(event.seq);
    const std::string untrusted =
        "nothing from " + where + " on is trusted, the events before it are; " + std::string(record_hint);
    const auto report_break = [&](std::string message) {
      check.broken = error_at(where, std::move(message), untrusted);
    };

    if (check.valid.size() == max_record_events) {
      report_break("the record holds more than " + std::to_string(max_record_events) +
                   " events, the most a course record may hold");
      break;
    }
    if (event.seq != expected_seq) {
      if (expected_seq == 1) {
        report_break("the record starts at seq " + std::to_string(event.seq) + "; the first event must be seq 1");
      } else if (event.seq > expected_seq) {
        const std::uint64_t missing = event.seq - expected_seq;
        report_break("seq " + std::to_string(event.seq) + " follows seq " + std::to_string(expected_seq - 1) + ": " +
                     std::to_string(missing) + (missing == 1 ? " event is" : " events are") + " missing");
      } else {
        report_break("seq " + std::to_string(event.seq) + " follows seq " + std::to_string(expected_seq - 1) +
                     ": events are repeated or out of order");
      }
      break;
    }
    if (event.prev != expected_prev) {
      if (event.seq == 1) {
        report_break("the first event's prev must be the genesis hash (64 zeros), found " + shown_hash(event.prev));
      } else {
        report_break("prev does not match the hash of seq " + std::to_string(event.seq - 1) + ": expected " +
                     shown_hash(expected_prev) + ", found " + shown_hash(event.prev));
      }
      break;
    }
    // In-memory events (e.g. handed over by a host) get the same field rules as events read from text.
    if (!is_event_type(event.type)) {
      report_break("type '" + event.type +
                   "' is not a valid event type (1 to 64 characters from a-z, 0-9, '.', '_', '-')");
      break;
    }
    if (!is_safe_integer(event.t)) {
      report_break("t is " + std::to_string(event.t) + ", outside ±(2^53-1)");
      break;
    }
    if (!event.payload.is_object()) {
      report_break("the payload must be an object, found " + type_name(event.payload));
      break;
    }
    const Result<std::string> canonical = canonical_json(event);
    if (!canonical) {
      report_break("the event cannot be hashed: " + canonical.problems().front().message);
      break;
    }
    expected_prev = hash_of_canonical(canonical.value());
    ++expected_seq;
    check.valid.push_back(std::move(event));
  }
  return check;
}

std::string to_json_line(const Event& event) {
  Result<std::string> canonical = canonical_json(event);
  if (!canonical) return {};
  std::string line = std::move(canonical).value();
  line += '\n';
  return line;
}

JsonLinesRead read_json_lines(std::string_view text) {
  JsonLinesRead out;
  std::size_t line_number = 0;
  try {
    read_lines(text, out, line_number);
  } catch (const std::exception& error) {  // only resource exhaustion can land here; report it, keep the prefix
    out.problems.push_back(error_at("line " + std::to_string(line_number),
                                    std::string("the record could not be read: ") + error.what(),
                                    "free some memory and try again"));
  }
  return out;
}

}  // namespace tessera::record
