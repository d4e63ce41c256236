// SCORM 1.2 and 2004 in the HTML player, loaded only when an LMS launched it (player.html?…&lms=scorm12|scorm2004):
// finds the LMS's API, keys the learner's record by the LMS's learner id, carries that record in suspend_data
// and reports the runtime's tracking report (completion, success, score, interactions) and the session time. It
// decides nothing: every status and score comes from the runtime, as does the record with the learner's own
// words replaced (Session.sharedEvents); the record stays in IndexedDB first (docs/lms.md).
import { base64url, deflateRaw, fromBase64url, inflateRaw } from '../encoding.js';
import { isoDuration } from './duration.js';

// Where each version keeps what the player reports (SCORM 1.2 RTE section 3.4; SCORM 2004 4th edition RTE 4.2).
const VERSIONS = {
  scorm12: {
    api: 'API', initialize: 'LMSInitialize', get: 'LMSGetValue', set: 'LMSSetValue', commit: 'LMSCommit',
    finish: 'LMSFinish',
    learner: 'cmi.core.student_id', suspend: 'cmi.suspend_data', suspendLimit: 4096, exit: 'cmi.core.exit',
    sessionTime: 'cmi.core.session_time', interactionsCount: 'cmi.interactions._count',
  },
  scorm2004: {
    api: 'API_1484_11', initialize: 'Initialize', get: 'GetValue', set: 'SetValue', commit: 'Commit',
    finish: 'Terminate',
    learner: 'cmi.learner_id', suspend: 'cmi.suspend_data', suspendLimit: 64000, exit: 'cmi.exit',
    sessionTime: 'cmi.session_time', interactionsCount: 'cmi.interactions._count',
  },
};

// The suspend_data format: this prefix, then base64url of deflate-raw of the JSON
// {"v":1,"n":events in the whole record,"e":[[type, t − previous t, payload], …]} for the first events that fit.
const SUSPEND_PREFIX = 'tessera1:';

// The API object of `name`: up the parent chain from `start` (at most 500 levels, as both standards' discovery
// algorithms say), then the same from the window that opened it. Null when there is none.
export function findApi(name, start = window) {
  const search = (from) => {
    let win = from;
    for (let level = 0; win && level <= 500; level += 1) {
      try {
        if (win[name]) return win[name];
      } catch {
        return null;  // a frame of another origin: the API cannot be above it for us
      }
      if (win.parent === win) return null;
      win = win.parent;
    }
    return null;
  };
  return search(start) || (start.opener ? search(start.opener) : null);
}

// What suspend_data may inflate to: 64,000 characters of a hostile LMS's deflate must not fill the tab's memory.
const MAX_SUSPENDED_BYTES = 16 * 1024 * 1024;

// The first `count` events as suspend_data text: without seq and prev (the runtime chains them again on
// resume), times as differences, compressed. `total` is the whole record's length.
export async function encodeRecord(events, count, total) {
  const compact = events.slice(0, count).map((event, i) => [event.type, i ? event.t - events[i - 1].t : event.t, event.payload]);
  const json = JSON.stringify({ v: 1, n: total, e: compact });
  return SUSPEND_PREFIX + base64url(await deflateRaw(new TextEncoder().encode(json)));
}

// The record in suspend_data as [[type, t, payload], …] and the whole record's length, or null when it holds
// none of ours (a first launch, or another content's data).
export async function decodeRecord(text) {
  if (typeof text !== 'string' || !text.startsWith(SUSPEND_PREFIX)) return null;
  try {
    const bytes = await inflateRaw(fromBase64url(text.slice(SUSPEND_PREFIX.length)), MAX_SUSPENDED_BYTES);
    const record = JSON.parse(new TextDecoder().decode(bytes));
    if (record?.v !== 1 || !Array.isArray(record.e)) return null;
    let t = 0;
    const compact = record.e.map(([type, dt, payload]) => {
      t += dt;
      return [type, t, payload];
    });
    return { compact, total: Number(record.n) || compact.length };
  } catch {
    return null;
  }
}

// The longest start of the record whose suspend_data fits in `limit` characters: { text, kept }. Each try
// compresses the whole prefix, so it searches by halving (a record of a few thousand events: a dozen tries).
export async function fitRecord(events, limit) {
  const whole = await encodeRecord(events, events.length, events.length);
  if (whole.length <= limit) return { text: whole, kept: events.length };
  let low = 0;
  let high = events.length - 1;
  let best = await encodeRecord(events, 0, events.length);
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    const text = await encodeRecord(events, middle, events.length);
    if (text.length <= limit) {
      low = middle;
      best = text;
    } else {
      high = middle - 1;
    }
  }
  return { text: best, kept: low };
}

// Which record to resume: the local one (IndexedDB) or the LMS's (suspend_data, chained again by the runtime).
// The longer one, the local one on a tie: the local record holds everything this device did (the LMS's copy
// may be a start of it, or carry placeholders for private text); a longer LMS copy was played further on
// another computer. Returns { events, from: 'local' | 'lms' }.
export function chooseRecord(local, fromLms) {
  if (!fromLms?.length || fromLms.length <= local.length) return { events: local, from: 'local' };
  return { events: fromLms, from: 'lms' };
}

// "HHHH:MM:SS.SS" (SCORM 1.2 CMITimespan) and ISO 8601 "PT…H…M…S" (SCORM 2004 timeinterval) of whole seconds.
export function sessionTimeText(version, seconds) {
  const s = Math.max(0, Math.floor(seconds));
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const rest = s % 60;
  if (version === 'scorm12') return `${String(hours).padStart(4, '0')}:${String(minutes).padStart(2, '0')}:${String(rest).padStart(2, '0')}`;
  return isoDuration(s * 1000);
}

// An exact fraction as the runtime writes it ("7/2", "3") as a number.
function fraction(text) {
  const [top, bottom = '1'] = String(text).split('/');
  return Number(top) / Number(bottom);
}

const rounded = (value, places) => String(Math.round(value * 10 ** places) / 10 ** places);

// An interaction's result in each version's words (the runtime says correct, incorrect, partial or neutral).
function resultWord(version, row) {
  if (row.result === 'incorrect' && version === 'scorm12') return 'wrong';
  if (row.result === 'partial') return rounded(row.scaled ?? 0, 4);
  return row.result;
}

// One launch's connection to the LMS. connect() finds the API and initialises; null without an LMS.
export class ScormConnection {
  static connect(version, start = window) {
    const names = VERSIONS[version];
    const api = names && findApi(names.api, start);
    if (!api) return null;
    const connection = new ScormConnection(version, api);
    return connection.call('initialize', '') ? connection : null;
  }

  constructor(version, api) {
    this.version = version;
    this.names = VERSIONS[version];
    this.api = api;
    this.finished = false;
    this.lastCommitFailed = false;  // the LMS refused the last commit: the next event's save commits again
    this.interactionIndex = new Map();  // interaction id → its index, so an update goes to the same row
    this.interactionState = new Map();  // interaction id → what was last reported
    this.kept = null;            // { kept, total } when the last suspend_data held only part of the record
  }

  // Calls the API's function for `name`: a get's value, or whether the LMS said "true".
  call(name, ...args) {
    try {
      const answer = this.api[this.names[name]](...args);
      return name === 'get' ? answer : answer === true || answer === 'true';
    } catch {
      return false;
    }
  }

  get(element) {
    const value = this.call('get', element);
    return typeof value === 'string' ? value : '';
  }

  set(element, value) {
    return this.call('set', element, String(value));
  }

  // The LMS's learner id, as the key of this learner's record on this device ('' when the LMS gives none).
  learnerKey() {
    const id = this.get(this.names.learner);
    return id ? `lms:${this.version}:${id}` : '';
  }

  // The record the LMS holds: { compact, total } or null.
  storedRecord() {
    return decodeRecord(this.get(this.names.suspend));
  }

  // Interactions the LMS already has (SCORM 2004 lets them be read back; 1.2 does not), so a resumed launch
  // updates them rather than adding copies.
  readInteractions() {
    const count = Number(this.get(this.names.interactionsCount)) || 0;
    if (this.version !== 'scorm2004') {
      this.nextInteraction = count;
      return;
    }
    for (let i = 0; i < count; i += 1) this.interactionIndex.set(this.get(`cmi.interactions.${i}.id`), i);
    this.nextInteraction = count;
  }

  // Completion, success and score (the runtime's tracking report), and the session time of this launch.
  reportStatus(report, sessionSeconds) {
    const complete = report.completion === 'completed';
    const { success, score } = report;
    if (this.version === 'scorm12') {
      let status = complete ? 'completed' : 'incomplete';
      if (success === 'passed' && complete) status = 'passed';
      else if (success === 'failed') status = 'failed';
      this.set('cmi.core.lesson_status', status);
      if (score) {
        this.set('cmi.core.score.raw', rounded(100 * score.scaled, 2));
        this.set('cmi.core.score.min', '0');
        this.set('cmi.core.score.max', '100');
      }
    } else {
      this.set('cmi.completion_status', complete ? 'completed' : 'incomplete');
      this.set('cmi.success_status', success);
      if (score) {
        this.set('cmi.score.raw', rounded(fraction(score.raw), 4));
        this.set('cmi.score.min', '0');
        this.set('cmi.score.max', rounded(fraction(score.max), 4));
        this.set('cmi.score.scaled', rounded(score.scaled, 4));
      }
    }
    this.set(this.names.sessionTime, sessionTimeText(this.version, sessionSeconds));
  }

  // One interaction per row of the tracking report; a changed result updates its row.
  reportInteractions(rows, when = new Date()) {
    for (const row of rows) {
      const state = `${row.result}|${row.score}`;
      if (this.interactionState.get(row.id) === state) continue;
      let index = this.interactionIndex.get(row.id);
      if (index === undefined) {
        index = this.nextInteraction ?? 0;
        this.nextInteraction = index + 1;
      }
      const at = `cmi.interactions.${index}`;
      // An unscored item's answer is the learner's own words: the report carries none, so the LMS learns only
      // that it was given.
      const response = 'response' in row ? JSON.stringify(row.response) : '';
      const [responseName, time] = this.version === 'scorm12'
        ? ['student_response', ['time', when.toISOString().slice(11, 19)]]
        : ['learner_response', ['timestamp', when.toISOString().slice(0, 19)]];
      if (!this.set(`${at}.id`, this.version === 'scorm12' ? row.id.replace(/[^\u0021-\u007e]/g, '_').slice(0, 255) : row.id)) {
        if (this.nextInteraction === index + 1 && !this.interactionIndex.has(row.id)) this.nextInteraction = index;
        continue;
      }
      this.interactionIndex.set(row.id, index);  // the row exists now: a retry fills in the same one
      const ok = this.set(`${at}.type`, this.version === 'scorm12' ? 'performance' : 'other') &&
        (!response || this.set(`${at}.${responseName}`, response.slice(0, this.version === 'scorm12' ? 255 : 4000))) &&
        this.set(`${at}.result`, resultWord(this.version, row)) &&
        this.set(`${at}.${time[0]}`, time[1]);
      if (row.max !== undefined) this.set(`${at}.weighting`, rounded(fraction(row.max), 4));
      if (ok) this.interactionState.set(row.id, state);
    }
  }

  // The record to resume (see chooseRecord): the local events (a promise, as the page started reading them)
  // or the LMS's, chained again by the runtime; `store(events)` keeps an LMS record on this device. Also
  // learns which interactions the LMS has. options: { runtime, local, store }.
  async resume({ runtime, local, store }) {
    this.readInteractions();
    let localError = null;
    const [events, stored] = await Promise.all([local.catch((error) => { localError = error; return []; }), this.storedRecord()]);
    const chained = stored?.compact.length ? JSON.parse(runtime.chainEvents(JSON.stringify(stored.compact))) : { ok: true, events: [] };
    if (!chained.ok) console.warn('Tessera: the LMS holds a record that cannot be read; this device\'s is kept', chained.problems);
    // Without storage here (private browsing), the session runs in memory from the LMS's record, which the next
    // save then carries on: starting from nothing would overwrite the learner's progress in the LMS.
    if (localError) throw Object.assign(localError, { recoveredEvents: chained.ok ? chained.events : [] });
    if (!chained.events?.length) return events;
    const choice = chooseRecord(events, chained.events);
    if (choice.from === 'lms') {
      await store(choice.events).catch((error) => { throw Object.assign(error, { recoveredEvents: choice.events }); });
    }
    return choice.events;
  }

  // After every stored event (and once at the start): the runtime's tracking report, the session time, and the
  // record as the runtime shares it (sharedEvents) into suspend_data. A commit the LMS refused is tried again now.
  track(report, sharedEvents, sessionSeconds) {
    this.reportStatus(report, sessionSeconds);
    this.reportInteractions(report.interactions);
    this.latest = { report, events: sharedEvents };
    // One save at a time; events stored meanwhile are saved by the same run, from the record as it is then.
    if (!this.saving) {
      this.saving = (async () => {
        let saved;
        do {
          saved = this.latest.events;
          await this.saveRecord(saved);
        } while (saved !== this.latest.events);
        this.saving = null;
        if (this.latest.report.completion === 'completed' || this.lastCommitFailed) this.commit();
        this.onSaved?.(this.kept);
      })();
    }
    return this.saving;
  }

  // The record into suspend_data: all of it when it fits, else its longest start that does. Resolves to
  // { kept, total }.
  async saveRecord(events) {
    const { text, kept } = await fitRecord(events, this.names.suspendLimit);
    this.set(this.names.suspend, text);
    this.set(this.names.exit, 'suspend');
    this.kept = { kept, total: events.length };
    return this.kept;
  }

  // Commits now and, when a save is in flight, again once it has set the newest record (the page is being
  // hidden: it may not come back).
  commitSoon() {
    this.commit();
    this.saving?.then(() => this.commit());
  }

  // Asks the LMS to store what was set. After a refusal the next commit sends it all again (every value is
  // set from the whole record and the report each time: nothing of a refused commit is lost).
  commit() {
    if (this.finished) return false;
    const ok = this.call('commit', '');
    this.lastCommitFailed = !ok;
    return ok;
  }

  finish() {
    if (this.finished) return;
    this.commit();
    this.call('finish', '');
    this.finished = true;
  }
}
