// The xAPI outbox: each statement's exact bytes kept in IndexedDB (its own database, "tessera-outbox") until an
// LRS has them, sent in order in batches, retried with back-off while offline or when the LRS fails; a 409 for
// an id the LRS already holds counts as delivered. A tab closed before sending loses nothing: the next page
// that opens the outbox sends what waits (docs/lms.md, "The outbox").
const DB_NAME = 'tessera-outbox';
const BATCH = 50;
const MAX_DELAY_MS = 60_000;

function request(req) {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function done(tx) {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error || new Error('the outbox transaction was aborted'));
  });
}

let opening = null;
export function openOutbox() {
  opening ||= new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => {
      // statements: {key (order), endpoint, id, body (the exact bytes sent), learner, course, seq};
      // cursors: {name: "endpoint|learner|course", seq}: the last event whose statements are in the outbox.
      req.result.createObjectStore('statements', { keyPath: 'key', autoIncrement: true });
      req.result.createObjectStore('cursors', { keyPath: 'name' });
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  return opening;
}

export const cursorName = (endpoint, learner, course) => `${endpoint}|${learner}|${course}`;

// The seq of the last event whose statements the outbox took for this endpoint, learner and course (0: none).
export async function cursor(name) {
  const db = await openOutbox();
  const row = await request(db.transaction('cursors').objectStore('cursors').get(name));
  return row?.seq ?? 0;
}

// Adds statements (objects) and moves the cursor to `seq`, in one transaction: they are in the outbox together
// or not at all. Each statement is kept as the text that will be sent.
export async function enqueue({ endpoint, learner, course, seq, statements }) {
  const db = await openOutbox();
  const tx = db.transaction(['statements', 'cursors'], 'readwrite');
  const store = tx.objectStore('statements');
  for (const statement of statements) {
    store.add({ endpoint, id: statement.id, body: JSON.stringify(statement), learner, course, seq });
  }
  if (seq !== undefined) tx.objectStore('cursors').put({ name: cursorName(endpoint, learner, course), seq });
  await done(tx);
}

// What waits to be sent, oldest first (all endpoints, or one).
export async function waiting(endpoint) {
  const db = await openOutbox();
  const rows = await request(db.transaction('statements').objectStore('statements').getAll());
  return endpoint ? rows.filter((row) => row.endpoint === endpoint) : rows;
}

async function remove(keys) {
  const db = await openOutbox();
  const tx = db.transaction('statements', 'readwrite');
  for (const key of keys) tx.objectStore('statements').delete(key);
  await done(tx);
}

// Sends one endpoint's waiting statements in order. headers(): the request's headers (Authorization among them).
export class Sender {
  constructor({ endpoint, headers = () => ({}), fetcher = (...args) => fetch(...args), onChange = () => {} }) {
    this.endpoint = endpoint.endsWith('/') ? endpoint : `${endpoint}/`;
    this.key = endpoint;
    this.headers = headers;
    this.fetcher = fetcher;
    this.onChange = onChange;
    this.failures = 0;
    this.timer = null;
    this.running = null;
    addEventListener('online', () => this.flush());
  }

  post(bodies, keepalive = false) {
    return this.fetcher(`${this.endpoint}statements`, {
      method: 'POST',
      keepalive,
      headers: { 'Content-Type': 'application/json', 'X-Experience-API-Version': '1.0.3', ...this.headers() },
      body: `[${bodies.join(',')}]`,
    });
  }

  // One batch: delivered (2xx, or 409 for a statement sent alone: the LRS has that id), or an error to retry.
  async deliver(rows) {
    const response = await this.post(rows.map((row) => row.body));
    if (response.ok) return rows;
    if (response.status === 409 && rows.length > 1) {
      // Which statement the LRS already holds it does not say: send the batch one by one, in order.
      const delivered = [];
      for (const row of rows) {
        const single = await this.post([row.body]);
        if (!single.ok && single.status !== 409) throw new Error(`the LRS answered ${single.status}`);
        delivered.push(row);
        await remove([row.key]);
      }
      return delivered;
    }
    if (response.status === 409) return rows;
    throw new Error(`the LRS answered ${response.status}`);
  }

  // Sends everything waiting, batch after batch; on a failure, tries again after 1 s, 2 s, 4 s … up to a minute.
  flush() {
    if (this.running) {
      this.again = true;  // statements added while a run was finishing: it looks once more
      return this.running;
    }
    this.running = (async () => {
      clearTimeout(this.timer);
      try {
        for (;;) {
          this.again = false;
          const rows = (await waiting(this.key)).slice(0, BATCH);
          if (!rows.length && !this.again) break;
          if (!rows.length) continue;
          const delivered = await this.deliver(rows);
          await remove(delivered.map((row) => row.key));
          this.failures = 0;
          this.onChange();
        }
      } catch {
        this.failures += 1;
        this.timer = setTimeout(() => this.flush(), Math.min(MAX_DELAY_MS, 1000 * 2 ** (this.failures - 1)));
        this.onChange();
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  // The page is going away: what waits is sent with keepalive (it stays in the outbox until a later page
  // learns that it arrived).
  async sendOnLeave() {
    const rows = (await waiting(this.key)).slice(0, BATCH);
    if (rows.length) this.post(rows.map((row) => row.body), true).catch(() => {});
  }
}
