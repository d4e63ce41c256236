// One course session in the page: the runtime's Session, the stored record, and the tab's role. Writes
// each proposed event in its own IndexedDB transaction and only then commits it and hands the new view
// back; when a write fails the session never moved, so the screen never shows an unsaved step. Nothing
// here reads the events: they are only what is stored, exported and signed; the view says the rest.
import { appendEvent, readEvents, StorageError } from '../store/db.js';
import { announceEvent, claimWriter, onRecordChange } from '../store/sync.js';
import { loadPageCatalogue, say } from '../words.js';

export class CourseSession {
  // options: { runtime, learner, courseId, courseText, language, clock, onStored(view, events): after each
  // event this tab stored and committed (an LMS connection reports it) }
  constructor(options) {
    Object.assign(this, options);
    this.clock = options.clock || (() => Date.now());
    this.events = [];
    this.session = null;
    this.view = null;
    this.problems = [];
    this.writer = false;
    this.storage = 'ok';            // 'ok' | 'memory' (IndexedDB unusable: kept in this page only)
    this.listeners = new Set();
    this.release = () => {};
    this.unfollow = () => {};
  }

  // Fires listener(view, reason) on 'writer' (this tab may now write) and 'follow' (another tab wrote).
  subscribe(listener) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(reason) {
    for (const listener of this.listeners) listener(this.view, reason);
  }

  // `early`: { storedEvents, claim } when the page started reading the record and asking for the writer
  // lock before the runtime and the course were ready (both take IPC round trips); else both start now.
  async start(early = {}) {
    const claim = early.claim || claimWriter(this.learner, this.courseId);
    try {
      this.events = await (early.storedEvents || readEvents(this.learner, this.courseId));
    } catch (error) {
      this.storage = 'memory';
      // What another store could still give (an LMS's suspend_data: web/js/lms/scorm.js), else nothing.
      this.events = Array.isArray(error?.recoveredEvents) ? error.recoveredEvents : [];
      this.storageError = error instanceof StorageError ? error : new StorageError('unavailable', error.message, error);
    }
    this.reopen();
    if (this.storage === 'memory') {
      claim.release();
      this.writer = true;  // nothing to share with other tabs
      return this.view;
    }
    this.release = claim.release;
    this.unfollow = onRecordChange((message) => {
      if (this.writer && message.type !== 'import') return;
      if (message.type === 'import' || (message.learner === this.learner && message.course === this.courseId)) {
        this.refresh('follow');
      }
    });
    await claim.settled;
    if (claim.role === 'writer') {
      this.writer = true;
      if (claim.waited) await this.refresh('writer');  // another tab may have written while this one waited
    } else {
      // A follower for now; the writer callback comes when the other tab closes.
      claim.onWriter = async () => {
        this.writer = true;
        await this.refresh('writer');
      };
    }
    return this.view;
  }

  async refresh(reason) {
    try {
      this.events = await readEvents(this.learner, this.courseId);
    } catch {
      return;
    }
    this.reopen();
    this.emit(reason);
  }

  reopen() {
    this.session?.delete();
    this.session = new this.runtime.Session(this.courseText, JSON.stringify(this.events));
    this.problems = JSON.parse(this.session.openProblems());
    this.view = JSON.parse(this.session.view(this.language));
  }

  setLanguage(language) {
    this.language = language;
    this.view = JSON.parse(this.session.view(language));
    return this.view;
  }

  // The one host path: the runtime proposes the event and the next view without moving; the event is
  // stored durably; only then the session commits it and the new view is handed back. Resolves to
  // { ok, view, problems }. Throws StorageError when the event could not be stored: nothing was shown and
  // the session did not move (after a conflict this tab also stops writing: see followAgain).
  async act(action) {
    if (!this.writer) {
      await loadPageCatalogue();
      return { ok: false, view: this.view, problems: [{ message: say('page.player.not-writer') }] };
    }
    const result = JSON.parse(this.session.propose(JSON.stringify({ ...action, t: this.clock() }), this.language));
    if (!result.ok) return result;
    if (this.storage === 'ok') {
      try {
        await appendEvent(this.learner, this.courseId, result.event);
      } catch (error) {
        if (error.kind === 'conflict') this.followAgain();
        throw error;
      }
    }
    const committed = JSON.parse(this.session.commit(JSON.stringify(result.event)));
    if (!committed.ok) {
      // Stored but refused on commit cannot happen unless another writer slipped in: show what is stored.
      await this.refresh('follow');
      return { ok: false, view: this.view, problems: committed.problems };
    }
    if (this.storage === 'ok') announceEvent(this.learner, this.courseId, result.event.seq);
    this.events.push(result.event);
    this.view = result.view;
    this.onStored?.(this.view, this.events);
    return result;
  }

  // Another tab stored this course's next event first (it took the writer lock over): this tab stops
  // writing, so two tabs never extend one record. Its screen and session stay where they were — the step
  // was not stored — and it follows the other tab's next steps, and writes again once it holds the lock
  // (at once where nothing holds it, e.g. without Web Locks), reading the stored record first.
  followAgain() {
    this.writer = false;
    this.release();
    const claim = claimWriter(this.learner, this.courseId);
    this.release = claim.release;
    let promoted = false;
    const promote = async () => {
      if (promoted) return;
      promoted = true;
      this.writer = true;
      await this.refresh('writer');
    };
    claim.onWriter = promote;
    claim.settled.then(() => (claim.role === 'writer' ? promote() : undefined));
  }

  close() {
    this.unfollow();
    this.release();
    this.session?.delete();
    this.session = null;
  }
}
