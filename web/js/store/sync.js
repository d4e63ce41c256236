// One writer per learner and course across tabs (Web Locks), and every other tab following along
// (BroadcastChannel): the writer announces each stored event; followers re-open their session from the
// stored events. Without Web Locks (old browsers) every tab writes and IndexedDB's unique keys refuse a
// second event with the same seq, which the player reports as a conflict.

const CHANNEL = 'tessera-record';

export function lockName(learner, course) {
  return `tessera:${learner}:${course}`;
}

// Calls onWriter() once this tab holds the writer lock, or first onFollower() when another tab holds it
// (and onWriter() later, when that tab lets go). Returns a function that gives the lock up; the lock is
// held until then, or until the tab closes.
export function becomeWriter(learner, course, onWriter, onFollower = () => {}) {
  if (!navigator.locks?.request) {
    onWriter();
    return () => {};
  }
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  const controller = new AbortController();
  const name = lockName(learner, course);
  navigator.locks.request(name, { ifAvailable: true }, async (lock) => {
    if (lock) {
      onWriter();
      await held;
      return;
    }
    // Another tab writes: follow it, and wait in line for the lock (it frees when that tab closes).
    onFollower();
    navigator.locks.request(name, { signal: controller.signal }, async () => {
      onWriter();
      await held;
    }).catch(() => {});
  }).catch(() => {});  // a lock taken over (`steal`) rejects here; the holder learns it from its next write's conflict
  return () => {
    controller.abort();
    release();
  };
}

let channel = null;
function getChannel() {
  if (!channel && typeof BroadcastChannel !== 'undefined') channel = new BroadcastChannel(CHANNEL);
  return channel;
}

// Asks for the course's writer lock (Web Locks): resolves `settled` once this tab is the writer or knows it
// follows another tab; a follower's later promotion calls claim.onWriter().
export function claimWriter(learner, courseId) {
  const claim = { role: null, waited: false, onWriter: null, release: () => {} };
  claim.settled = new Promise((resolve) => {
    claim.release = becomeWriter(learner, courseId, () => {
      if (claim.role === 'follower') {
        claim.role = 'writer';
        claim.waited = true;
        claim.onWriter?.();
        return;
      }
      claim.role = 'writer';
      resolve();
    }, () => {
      claim.role = 'follower';
      resolve();
    });
  });
  return claim;
}

export function announceEvent(learner, course, seq) {
  getChannel()?.postMessage({ type: 'event', learner, course, seq });
}

export function announceImport() {
  getChannel()?.postMessage({ type: 'import' });
}

// Calls listener(message) for every record change made in another tab. Returns an unsubscribe function.
export function onRecordChange(listener) {
  const ch = getChannel();
  if (!ch) return () => {};
  const handler = (event) => listener(event.data);
  ch.addEventListener('message', handler);
  return () => ch.removeEventListener('message', handler);
}
