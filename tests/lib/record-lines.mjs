// Records written as the runtime writes them, for CLI tests: event lines in RFC 8785 form, chained by BLAKE2b.
import { blake2b } from './blake2b.mjs';

// An event line as the record stores it: RFC 8785 JSON, which for these members (sorted keys, strings and
// small integers, nested objects of one level) is JSON.stringify with the keys in order.
export const eventLine = (event) => JSON.stringify({
  payload: Object.fromEntries(Object.entries(event.payload).sort()), prev: event.prev, seq: event.seq, t: event.t, type: event.type,
});

// The record `text` (JSON Lines) with more events, each {type, t (ms), payload}, chained as the runtime
// chains them (seq + 1, prev = BLAKE2b-256 of the previous line). Returns the lines.
export function chainedLines(text, events) {
  const lines = text.trim().split('\n');
  for (const { type, t, payload } of events) {
    const last = JSON.parse(lines.at(-1));
    lines.push(eventLine({ seq: last.seq + 1, type, t, payload, prev: blake2b(lines.at(-1), 32).toString('hex') }));
  }
  return lines;
}
