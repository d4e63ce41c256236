// window.tesseraStore for the canvas player (docs/canvas-player.md): the learner's record in IndexedDB
// through the same layer, the same writer lock and the same announcements as the HTML player, so a
// learner can switch players mid-course and carry on from the same stored events.
import { allRows, appendEvent, openDatabase, readEvents, StorageError } from './db.js';
import { announceEvent, claimWriter } from './sync.js';

// Resolves to the store, or rejects with StorageError('unavailable') when IndexedDB cannot be used (the
// page then falls back to its in-memory stand-in, which the player announces).
export async function createPlayerStore(learner) {
  await openDatabase();
  const claims = new Map();  // course → its writer claim (sync.js)
  // Takes the course's writer lock, or waits as a follower (another tab has the course open).
  const claim = (course) => {
    if (!claims.has(course)) claims.set(course, claimWriter(learner, course));
    return claims.get(course);
  };
  window.addEventListener('pagehide', () => { for (const state of claims.values()) state.release(); });

  return {
    kind: 'IndexedDB',
    persistent: true,
    learner,
    async load(course) {
      await claim(course).settled;
      return readEvents(learner, course);
    },
    // Stored in its own transaction before the promise resolves: the player commits the step and shows the
    // next view only then, one step at a time. Rejects with a StorageError whose kind the page turns into
    // the learner's message (./messages.js): quota, conflict (another tab stored this place first),
    // follower (another tab holds the course's writer lock), unavailable, failed.
    async append(course, eventJson) {
      const state = claim(course);
      await state.settled;
      if (state.role !== 'writer') throw new StorageError('follower', 'this course is open in another tab');
      const event = JSON.parse(eventJson);
      await appendEvent(learner, course, event);
      announceEvent(learner, course, event.seq);
    },
    async wallet() {
      return (await allRows('wallet')).map((row) => row.document).filter(Boolean);
    },
  };
}
