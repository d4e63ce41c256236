// The FSRS peer: hand-picked review logs, and their schedule as npm ts-fsrs computes it (FSRS-6 defaults,
// requested retention 0.9, long-term scheduling, no fuzz) — the known answers `tessera fsrs` and the
// runtime's recall scheduler are checked against (tests/cli/fsrs.test.mjs, tests/golden/fsrs).
import { FSRSVersion, createEmptyCard, fsrs, generatorParameters } from 'ts-fsrs';

// "v5.4.2 using FSRS-6.0" → "5.4.2"
export const TS_FSRS_VERSION = FSRSVersion.replace(/^v(\S+).*$/, '$1');

const DAY_MS = 24 * 60 * 60 * 1000;

// One card's log: a first review at `start`, then [days after the review before, rating] steps (fractions of
// a day for hours).
function card(name, start, steps) {
  let at = Date.parse(start);
  const reviews = [{ card: name, rating: steps[0][1], time: start }];
  for (const [days, rating] of steps.slice(1)) {
    at += Math.round(days * DAY_MS);
    reviews.push({ card: name, rating, time: new Date(at).toISOString().replace('.000Z', 'Z') });
  }
  return reviews;
}

// Several cards in one log, interleaved by time (stable for equal times).
const merged = (...logs) => logs.flat().sort((a, b) => Date.parse(a.time) - Date.parse(b.time));

// Rating numbers: 1 Again, 2 Hard, 3 Good, 4 Easy.
export const SEQUENCES = [
  {
    name: 'all-good',
    why: 'Good every time, each review about when it falls due',
    reviews: card('all-good', '2026-01-05T09:00:00Z', [[0, 3], [3, 3], [14, 3], [45, 3], [130, 3], [330, 3]]),
  },
  {
    name: 'lapses',
    why: 'Again after a run of Good (a lapse each), then Again twice in a row while relearning',
    reviews: card('lapses', '2026-02-01T18:30:00Z', [[0, 3], [3, 3], [14, 1], [2, 3], [5, 1], [1, 1], [3, 3], [8, 3]]),
  },
  {
    name: 'hard-easy',
    why: 'Hard and Easy alternating, then Good',
    reviews: card('hard-easy', '2026-03-10T07:15:00Z', [[0, 2], [2, 4], [10, 2], [20, 4], [60, 2], [90, 3]]),
  },
  {
    name: 'first-ratings',
    why: 'four cards, one for each first rating, each reviewed Good later; interleaved in one log',
    reviews: merged(
      card('first-again', '2026-04-01T08:00:00Z', [[0, 1], [1, 3], [3, 3]]),
      card('first-hard', '2026-04-01T08:01:00Z', [[0, 2], [1, 3], [4, 3]]),
      card('first-good', '2026-04-01T08:02:00Z', [[0, 3], [3, 3], [10, 3]]),
      card('first-easy', '2026-04-01T08:03:00Z', [[0, 4], [8, 3], [30, 3]]),
    ),
  },
  {
    name: 'long-gaps',
    why: 'reviews long overdue: a year, nearly three years, two years',
    reviews: card('long-gaps', '2026-01-01T12:00:00Z', [[0, 3], [400, 3], [1000, 1], [730, 4], [365, 2]]),
  },
  {
    name: 'same-day',
    why: 'several reviews on one UTC day (no days elapsed: retrievability 1), then the next day',
    reviews: card('same-day', '2026-05-20T06:00:00Z', [[0, 3], [10 / 1440, 1], [0.25, 3], [0.5, 4], [0.1, 2], [0.05, 3]]),
  },
  {
    name: 'midnight-and-zones',
    why: 'days counted by the UTC calendar: 20 minutes across midnight is a day; times given with offsets',
    reviews: [
      { card: 'midnight', rating: 3, time: '2026-06-01T23:50:00Z' },
      { card: 'midnight', rating: 3, time: '2026-06-02T00:10:00Z' },
      { card: 'midnight', rating: 4, time: '2026-06-05T01:30:00+05:00' },
      { card: 'midnight', rating: 3, time: '2026-06-20T23:59:59-01:00' },
    ],
  },
  {
    name: 'early',
    why: 'reviewed well before due, every day',
    reviews: card('early', '2026-07-01T10:00:00Z', [[0, 4], [1, 3], [1, 3], [1, 2], [1, 4], [1, 1]]),
  },
  {
    name: 'ceiling',
    why: 'Easy after ever longer gaps, until stability and interval reach the 36,500-day ceiling',
    reviews: card('ceiling', '1990-01-01T00:00:00Z', [[0, 4], [20, 4], [200, 4], [2000, 4], [8000, 4], [3000, 4], [30000, 4], [40000, 3]]),
  },
];

const scheduler = fsrs(
  generatorParameters({ request_retention: 0.9, enable_short_term: false, enable_fuzz: false }),
);

const iso = (date) => date.toISOString().replace('.000Z', 'Z');

function state(name, c) {
  return { card: name, due: iso(c.due), stability: c.stability, difficulty: c.difficulty, reps: c.reps, lapses: c.lapses };
}

// The log scheduled by ts-fsrs: `cards` as `tessera fsrs --json` prints them (in first-seen order), and
// `afterEach`, the reviewed card's state after each review.
export function peerSchedule(reviews) {
  const cards = new Map();
  const afterEach = [];
  for (const r of reviews) {
    const time = new Date(r.time);
    const before = cards.get(r.card) ?? createEmptyCard(time);
    const after = scheduler.next(before, time, r.rating).card;
    cards.set(r.card, after);
    afterEach.push(state(r.card, after));
  }
  return { cards: [...cards].map(([name, c]) => state(name, c)), afterEach };
}
