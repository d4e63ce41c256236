// One writer per learner and course across tabs (Web Locks), and every other tab following along
// (BroadcastChannel): the writer announces each stored event; followers re-open their session from the
// stored events. Without Web Locks (old browsers) every tab writes and IndexedDB's unique keys refuse a
// second event with the same seq, which the player reports as a conflict.

const CHANNEL = 'tessera-record';

export function lockName(learner, course) {
  return `tessera:${learner}:${course}`;
}

// Calls onWriter() once this tab holds the writer lock, or first onFollower() when another tab holds it
// (and onWriter() later, when that tab lets go), and onLost() when another tab takes the held lock from
// this one (Web Locks' steal). Returns a function that gives the lock up; the lock is held until then, or
// until the tab closes.
export function becomeWriter(learner, course, onWriter, onFollower = () => {}, onLost = () => {}) {
  if (!navigator.locks?.request) {
    onWriter();
    return () => {};
  }
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  const controller = new AbortController();
  const name = lockName(learner, course);
  let holding = false;
  const hold = async () => {
    holding = true;
    onWriter();
    await held;
    holding = false;
  };
  // A held lock's request rejects when another tab steals it; a wait given up by release() rejects too.
  const lost = () => {
    if (!holding) return;
    holding = false;
    onLost();
  };
  navigator.locks.request(name, { ifAvailable: true }, async (lock) => {
    if (lock) {
      await hold();
      return;
    }
    // Another tab writes: follow it, and wait in line for the lock (it frees when that tab closes).
    onFollower();
    navigator.locks.request(name, { signal: controller.signal }, hold).catch(lost);
  }).catch(lost);
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
// follows another tab; a follower's later promotion calls claim.onWriter(); a writer whose lock another
// tab takes becomes a follower.
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
    }, () => {
      claim.role = 'follower';  // another tab took the lock: its writes win from now on
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
