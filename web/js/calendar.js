// The learner's calendar file (RFC 5545 iCalendar): the reviews due (from the runtime's review views), the
// study plan's days and live sessions, as events to import into their own calendar. Nothing is sent anywhere;
// the file is saved on the device. Written here rather than with ical.js: docs/architecture.md says why.
import { localDate } from './plan.js';

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

// An all-day event's DATE value (§3.3.4) and the day after it, for DTEND: 20260105, 20260106.
function dateValue(date) {
  return date.replace(/-/g, '');
}
function dayAfter(date) {
  const [year, month, day] = date.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, day + 1)).toISOString().slice(0, 10);
}

// When an event is: a time and a length, or a whole day (YYYY-MM-DD in the learner's zone).
function timing(event) {
  if (event.date) return [`DTSTART;VALUE=DATE:${dateValue(event.date)}`, `DTEND;VALUE=DATE:${dateValue(dayAfter(event.date))}`];
  return [`DTSTART:${utcStamp(event.start)}`, `DURATION:PT${event.minutes}M`];
}

// events: [{uid, start (Unix ms) and minutes, or date (YYYY-MM-DD, all day), summary, description?, url?}]
// → the .ics text, stamped `now`.
export function calendarText(events, now) {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Tessera//Keep learning//EN', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH'];
  for (const event of events) {
    lines.push('BEGIN:VEVENT', `UID:${event.uid}`, `DTSTAMP:${utcStamp(now)}`, ...timing(event),
      `SUMMARY:${escapeText(event.summary)}`);
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
    const day = localDate(start);
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

// A live session (from the runtime's plan view: start in Unix ms, minutes, link, what to prepare) as one event.
export function liveEvent(courseId, live, courseTitle) {
  return {
    uid: `live-${courseId}-${live.id}@tessera`,
    start: live.start,
    minutes: live.minutes,
    summary: `${live.title} (${courseTitle})`,
    description: [live.prepare, live.link].filter(Boolean).join('\n'),
    url: live.link,
  };
}
