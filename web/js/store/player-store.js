// window.tesseraStore for the canvas player (docs/canvas-player.md): the learner's record in IndexedDB
// through the same layer, the same writer lock and the same announcements as the HTML player, so a
// learner can switch players mid-course and carry on from the same stored events.
import { allRows, appendEvent, openDatabase, readEvents } from './db.js';
import { announceEvent, claimWriter } from './sync.js';

// Resolves to the store, or rejects with StorageError('unavailable') when IndexedDB cannot be used (the
// page then falls back to its in-memory stand-in, which the player announces).
export async function createPlayerStore(learner) {
  await openDatabase();
  const claims = new Map();  // course → its writer claim (sync.js)
  // Per course: the writes in order, and whether one failed since the player last read the record. After a
  // failure the player re-reads the record (load); until then later steps are refused, not written after a
  // gap in the chain.
  const writes = new Map();  // course → { last: Promise, failed: boolean }
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
      await writes.get(course)?.last.catch(() => {});
      writes.set(course, { last: Promise.resolve(), failed: false });
      return readEvents(learner, course);
    },
    // Stored in its own transaction before the promise resolves (the player shows the next view only then).
    append(course, eventJson) {
      const queue = writes.get(course) || { last: Promise.resolve(), failed: false };
      writes.set(course, queue);
      const write = queue.last.then(async () => {
        if (queue.failed) {
          // Refused, not failed: the player is already re-reading the record for the failure before it.
          throw Object.assign(new Error('an earlier step was not saved, so this one was not either'), { followsFailure: true });
        }
        const state = claim(course);
        await state.settled;
        if (state.role !== 'writer') throw new Error('this course is open in another tab: continue there, or close that tab and reload this one');
        const event = JSON.parse(eventJson);
        try {
          await appendEvent(learner, course, event);
        } catch (error) {
          if (error?.kind === 'conflict') {
            throw new Error('this course moved on in another tab since this page read it', { cause: error });
          }
          throw error;
        }
        announceEvent(learner, course, event.seq);
      }).catch((error) => {
        queue.failed = true;
        throw error;
      });
      queue.last = write.catch(() => {});
      return write;
    },
    async wallet() {
      return (await allRows('wallet')).map((row) => row.document).filter(Boolean);
    },
  };
}
