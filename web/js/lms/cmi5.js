// cmi5 in the HTML player, loaded only for a cmi5 launch (player.html?…&lms=cmi5&endpoint=…&fetch=…&actor=…
// &registration=…&activityId=…): fetches the auth token once, reads LMS.LaunchData, sends initialized first,
// the runtime's statements for every event (completed, passed and failed among them, as cmi5-defined ones),
// terminated last, and returns to the LMS's returnURL when the learner leaves (docs/lms.md, "In the LMS: cmi5").
import { isoDuration } from './duration.js';
import { cursor, cursorName } from './outbox.js';
import { startTracking, withTemplate } from './xapi.js';

const CMI5_CATEGORY = 'https://w3id.org/xapi/cmi5/context/categories/cmi5';
const SESSION_ID = 'https://w3id.org/xapi/cmi5/context/extensions/sessionid';

// The five launch parameters cmi5 puts on the URL (cmi5 8.1), or null when one is missing or unreadable.
export function launchParameters(params) {
  const names = ['endpoint', 'fetch', 'actor', 'registration', 'activityId'];
  if (names.some((name) => !params.get(name))) return null;
  try {
    const actor = JSON.parse(params.get('actor'));
    return { endpoint: params.get('endpoint'), fetchUrl: params.get('fetch'), actor, registration: params.get('registration'), activityId: params.get('activityId') };
  } catch {
    return null;
  }
}

// The auth token, fetched once per registration (the fetch URL answers only once): kept for this tab's reloads.
async function authToken(launch, fetcher) {
  const key = `tessera-cmi5-token:${launch.registration}`;
  const kept = sessionStorage.getItem(key);
  if (kept) return kept;
  const response = await fetcher(launch.fetchUrl, { method: 'POST' });
  const body = await response.json();
  if (!response.ok || !body['auth-token']) throw new Error(`the LMS gave no auth token (${body['error-text'] || response.status})`);
  sessionStorage.setItem(key, body['auth-token']);
  return body['auth-token'];
}

// One cmi5 launch. connect() does the LMS's part of the start: token, launch data; then track() starts sending.
export class Cmi5Launch {
  static async connect(params, fetcher = (...args) => fetch(...args)) {
    const launch = launchParameters(params);
    if (!launch) return null;
    const token = await authToken(launch, fetcher);
    const headers = () => ({ Authorization: `Basic ${token}` });
    const endpoint = launch.endpoint.endsWith('/') ? launch.endpoint : `${launch.endpoint}/`;
    const query = new URLSearchParams({ stateId: 'LMS.LaunchData', activityId: launch.activityId, agent: JSON.stringify(launch.actor), registration: launch.registration });
    const response = await fetcher(`${endpoint}activities/state?${query}`, { headers: { 'X-Experience-API-Version': '1.0.3', ...headers() } });
    if (!response.ok) throw new Error(`the LMS's launch data could not be read (${response.status})`);
    return new Cmi5Launch(launch, endpoint, headers, await response.json());
  }

  constructor(launch, endpoint, headers, launchData) {
    Object.assign(this, { launch, endpoint, headers, launchData });
    this.template = launchData.contextTemplate || {};
    this.sessionId = this.template.extensions?.[SESSION_ID] || crypto.randomUUID();
    this.startedAt = Date.now();
    this.terminated = false;
  }

  // The learner's record on this device is keyed by the LMS's actor, as SCORM keys it by its learner id.
  learnerKey() {
    const actor = this.launch.actor;
    const name = actor.account ? `${actor.account.homePage}/${actor.account.name}` : actor.mbox || actor.openid || actor.mbox_sha1sum;
    return `lms:cmi5:${name}`;
  }

  // A cmi5-defined statement about the AU, outside any event (initialized, terminated): a random id.
  defined(verb, result) {
    const statement = {
      id: crypto.randomUUID(),
      actor: this.launch.actor,
      verb: { id: `http://adlnet.gov/expapi/verbs/${verb}`, display: { 'en-US': verb } },
      object: { id: this.launch.activityId },
      context: {
        ...this.template,
        registration: this.launch.registration,
        contextActivities: { ...this.template.contextActivities, category: [{ id: CMI5_CATEGORY }] },
        extensions: { ...this.template.extensions, [SESSION_ID]: this.sessionId },
      },
      timestamp: new Date().toISOString(),
      version: '1.0.3',
    };
    if (result) statement.result = result;
    return statement;
  }

  // The runtime's statement options for this launch (LMS.LaunchData's launch mode and masteryScore).
  statementOptions() {
    return {
      registration: this.launch.registration, sessionId: this.sessionId,
      launchMode: this.launchData.launchMode || 'Normal',
      ...(typeof this.launchData.masteryScore === 'number' ? { masteryScore: this.launchData.masteryScore } : {}),
    };
  }

  // A Normal launch of a record whose completion or pass came in a Browse or Review launch (which sends
  // neither): completed and passed, the statements moveOn counts, as the runtime
  // makes them for the record in Normal mode (the same ids), once per registration on this device. Events after
  // the outbox's cursor are left to startTracking, which makes all their statements.
  async catchUp(controller) {
    if (this.statementOptions().launchMode !== 'Normal') return [];
    const sent = `tessera-cmi5-outcomes:${this.launch.registration}`;
    const already = new Set(JSON.parse(localStorage.getItem(sent) || '[]'));
    const from = await cursor(cursorName(this.endpoint, controller.learner, controller.courseId));
    const options = { actor: this.launch.actor, activity: this.launch.activityId, cmi5: this.statementOptions() };
    const made = JSON.parse(controller.session.recordStatements(JSON.stringify(options))).statements || [];
    const outcomes = made.filter((s) => s.object.id === this.launch.activityId && ['completed', 'passed'].includes(s.verb.id.split('/').pop())
      && s.context.extensions['urn:tessera:xapi:event'].seq <= from && !already.has(s.id));
    localStorage.setItem(sent, JSON.stringify([...already, ...outcomes.map((s) => s.id)]));
    return outcomes.map((statement) => withTemplate(statement, this.template));
  }

  // initialized into the outbox before anything else of this session, then any outcome the LMS has not had,
  // then every event's statements. includePrivate: the learner chose to send their reflections (settings).
  async track(controller, onChange, { includePrivate = false } = {}) {
    this.controller = controller;
    this.sender = await startTracking({
      controller, endpoint: this.endpoint, headers: this.headers, actor: this.launch.actor, activity: this.launch.activityId, includePrivate,
      template: this.template, first: [this.defined('initialized'), ...await this.catchUp(controller)], onChange,
      cmi5: this.statementOptions(),
    });
    return this.sender;
  }

  // terminated last, with this session's duration; sent with keepalive when the page goes away.
  async terminate() {
    if (this.terminated || !this.sender) return;
    this.terminated = true;
    const { enqueue } = await import('./outbox.js');
    await enqueue({ endpoint: this.sender.key, learner: this.controller.learner, course: this.controller.courseId, statements: [this.defined('terminated', { duration: isoDuration(Date.now() - this.startedAt) })] });
    await this.sender.flush();
    await this.sender.sendOnLeave();
  }

  // Leaving for the LMS: terminated sent (or kept in the outbox), then the LMS's returnURL.
  async leave() {
    await this.terminate();
    if (this.launchData.returnURL) location.assign(this.launchData.returnURL);
  }
}
