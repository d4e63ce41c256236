// The learner's data in IndexedDB (database "tessera"): events, keys, wallet, outbox. Each event is written
// in its own transaction and the promise settles only when that transaction has committed, so the caller
// can show a new view strictly after the event is on disk. Storage failures become StorageError values
// with a kind the pages turn into plain-language messages (see ./messages.js).
//
// Stores (../shared/ARCHITECTURE.md): events [learner, course, seq] · keys learner · wallet id · outbox seq.
// Deliberately NOT here: any parsing or checking of events — the runtime does that when a session opens.
import { markStored } from './marker.js';

export const DB_NAME = 'tessera';
export const DB_VERSION = 1;

export class StorageError extends Error {
  // kind: 'unavailable' (IndexedDB missing or refused, e.g. private browsing), 'quota' (the disk is full
  // for this site), 'conflict' (an event with that seq is already stored), 'failed' (anything else).
  constructor(kind, message, cause) {
    super(message);
    this.name = 'StorageError';
    this.kind = kind;
    this.cause = cause;
  }
}

function classify(error) {
  if (error instanceof StorageError) return error;
  const name = error?.name || '';
  if (name === 'QuotaExceededError' || /quota/i.test(error?.message || '')) {
    return new StorageError('quota', 'the storage quota for this site is exhausted', error);
  }
  if (name === 'ConstraintError') return new StorageError('conflict', 'that event is already stored', error);
  if (name === 'InvalidStateError' || name === 'SecurityError' || name === 'UnknownError') {
    return new StorageError('unavailable', 'this browser does not let the site store data', error);
  }
  return new StorageError('failed', error?.message || String(error), error);
}

let openPromise = null;

// Opens (and on first use creates) the database. Rejects with StorageError('unavailable') when the
// browser has no usable IndexedDB.
export function openDatabase() {
  if (openPromise) return openPromise;
  openPromise = new Promise((resolve, reject) => {
    let request;
    try {
      if (typeof indexedDB === 'undefined' || indexedDB === null) {
        throw new StorageError('unavailable', 'this browser has no IndexedDB');
      }
      request = indexedDB.open(DB_NAME, DB_VERSION);
    } catch (error) {
      reject(error instanceof StorageError ? error : new StorageError('unavailable', 'IndexedDB refused to open', error));
      return;
    }
    request.onupgradeneeded = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains('events')) db.createObjectStore('events', { keyPath: ['learner', 'course', 'seq'] });
      if (!db.objectStoreNames.contains('keys')) db.createObjectStore('keys', { keyPath: 'learner' });
      if (!db.objectStoreNames.contains('wallet')) db.createObjectStore('wallet', { keyPath: 'id' });
      if (!db.objectStoreNames.contains('outbox')) db.createObjectStore('outbox', { keyPath: 'seq', autoIncrement: true });
    };
    request.onsuccess = () => {
      const db = request.result;
      db.onversionchange = () => { db.close(); openPromise = null; };
      resolve(db);
    };
    request.onerror = () => reject(new StorageError('unavailable', 'IndexedDB refused to open', request.error));
    request.onblocked = () => reject(new StorageError('unavailable', 'another tab holds an older version of the database open'));
  }).catch((error) => {
    openPromise = null;
    throw error;
  });
  return openPromise;
}

// Runs `body(stores)` in one transaction over `names` and resolves with its result once the transaction
// has committed (not merely when the request succeeded).
async function transaction(names, mode, body) {
  const db = await openDatabase();
  return new Promise((resolve, reject) => {
    let tx;
    try {
      tx = db.transaction(names, mode, { durability: 'strict' });
    } catch (error) {
      reject(classify(error));
      return;
    }
    let result;
    const stores = Object.fromEntries(names.map((name) => [name, tx.objectStore(name)]));
    try {
      result = body(stores);
    } catch (error) {
      tx.abort();
      reject(classify(error));
      return;
    }
    tx.oncomplete = () => resolve(result && 'value' in result ? result.value : result);
    // A failed request (an `add` whose key is taken: ConstraintError) aborts the transaction, which rejects
    // here. Never preventDefault() its error event: the transaction would then commit without that request,
    // and an event another tab stored first would be reported as saved while it was dropped.
    tx.onabort = () => reject(classify(tx.error || new Error('the transaction was aborted')));
  });
}

function requestAll(request) {
  const holder = {};
  request.onsuccess = () => { holder.value = request.result; };
  return holder;
}

// Appends one runtime event to a learner's record of a course. `add` (not `put`), so an event can never
// replace a stored one: a second writer with the same seq fails with 'conflict'.
export async function appendEvent(learner, course, event) {
  await transaction(['events'], 'readwrite', ({ events }) => {
    events.add({ learner, course, seq: event.seq, event });
  });
  markStored(learner);
}

// The stored events of one learner and course, in seq order (the key's order).
export async function readEvents(learner, course) {
  const rows = await transaction(['events'], 'readonly', ({ events }) =>
    requestAll(events.getAll(IDBKeyRange.bound([learner, course, -Infinity], [learner, course, Infinity]))));
  return rows.map((row) => row.event);
}

// Every course a learner has a record of, with its event count: { courseId: count }.
export async function coursesOf(learner) {
  const rows = await transaction(['events'], 'readonly', ({ events }) =>
    requestAll(events.getAll(IDBKeyRange.bound([learner, '', -Infinity], [learner, '\uffff', Infinity]))));
  const counts = {};
  for (const row of rows) counts[row.course] = (counts[row.course] || 0) + 1;
  return counts;
}

// Replaces the whole record of one course (used by import, after the runtime checked the chain).
export function replaceEvents(learner, course, list) {
  return transaction(['events'], 'readwrite', ({ events }) => {
    events.delete(IDBKeyRange.bound([learner, course, -Infinity], [learner, course, Infinity]));
    for (const event of list) events.add({ learner, course, seq: event.seq, event });
  });
}

export async function allRows(storeName) {
  return transaction([storeName], 'readonly', (stores) => requestAll(stores[storeName].getAll()));
}

// One row by its key, or undefined.
export async function getRow(storeName, key) {
  return transaction([storeName], 'readonly', (stores) => requestAll(stores[storeName].get(key)));
}

export function putRow(storeName, row) {
  return transaction([storeName], 'readwrite', (stores) => { stores[storeName].put(row); });
}

export function deleteRow(storeName, key) {
  return transaction([storeName], 'readwrite', (stores) => { stores[storeName].delete(key); });
}

// Asks the browser to keep this site's data under storage pressure. Resolves to true, false, or null
// when the browser cannot say.
export async function requestPersistence() {
  try {
    if (!navigator.storage?.persist) return null;
    if (await navigator.storage.persisted()) return true;
    return await navigator.storage.persist();
  } catch {
    return null;
  }
}

// { usage, quota } in bytes, or null.
export async function estimate() {
  try {
    return navigator.storage?.estimate ? await navigator.storage.estimate() : null;
  } catch {
    return null;
  }
}
