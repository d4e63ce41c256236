// The learner's calendar file (RFC 5545 iCalendar): the reviews due, from the runtime's review views, as
// events to import into their own calendar. Nothing is sent anywhere; the file is saved on the device.
const CRLF = '\r\n';
const encoder = new TextEncoder();

// TEXT values escape backslash, semicolon, comma and line breaks (RFC 5545 §3.3.11).
function escapeText(text) {
  return String(text).replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

// Content lines longer than 75 octets are folded with CRLF and a space (§3.1), never inside a character.
function fold(line) {
  if (encoder.encode(line).length <= 75) return line;
  const parts = [];
  let current = '';
  let size = 0;
  for (const character of line) {
    const octets = encoder.encode(character).length;
    const limit = parts.length ? 74 : 75;  // a continuation line's leading space is one of its 75
    if (size + octets > limit) {
      parts.push(current);
      current = '';
      size = 0;
    }
    current += character;
    size += octets;
  }
  parts.push(current);
  return parts.join(`${CRLF} `);
}

// A UTC DATE-TIME (§3.3.5, form 2): 20260108T090000Z.
export function utcStamp(ms) {
  return new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

// The learner's local calendar day of a time, YYYY-MM-DD (events are grouped by it).
function localDay(ms) {
  const d = new Date(ms);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

// events: [{uid, start (Unix ms), minutes, summary, description?, url?}] → the .ics text, stamped `now`.
export function calendarText(events, now) {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Tessera//Keep learning//EN', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH'];
  for (const event of events) {
    lines.push('BEGIN:VEVENT', `UID:${event.uid}`, `DTSTAMP:${utcStamp(now)}`, `DTSTART:${utcStamp(event.start)}`,
      `DURATION:PT${event.minutes}M`, `SUMMARY:${escapeText(event.summary)}`);
    if (event.description) lines.push(`DESCRIPTION:${escapeText(event.description)}`);
    if (event.url) lines.push(`URL:${event.url}`);
    lines.push('END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return lines.map(fold).join(CRLF) + CRLF;
}

// One course's reviews as calendar events: the cards falling due on one local day are one review session
// at the first one's time (cards due already: now), of the runtime's default length, five minutes.
// summary(count) words the event; url opens the review page.
export function reviewEvents(courseId, review, { summary, url }) {
  const byDay = new Map();
  for (const card of [...review.due, ...review.upcoming]) {
    const start = Math.max(card.due, review.now);
    const day = localDay(start);
    const entry = byDay.get(day) || { start, cards: [] };
    entry.start = Math.min(entry.start, start);
    entry.cards.push(card);
    byDay.set(day, entry);
  }
  return [...byDay.entries()].map(([day, { start, cards }]) => ({
    uid: `review-${courseId}-${day}@tessera`,
    start,
    minutes: 5,
    summary: summary(cards.length),
    description: [...new Set(cards.map((card) => card.module))].join(', '),
    url,
  }));
}
