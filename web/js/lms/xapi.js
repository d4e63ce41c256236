// xAPI tracking in the player: the statements the runtime makes for each stored event (Session.lastStatements)
// go into the outbox with the event, then to the LRS. Events stored while no page wrote their statements (a tab
// closed in between) are found by the outbox's cursor and their statements made again: the same ids, as the
// runtime derives them from the events (docs/lms.md, "xAPI").
import { cursor, cursorName, enqueue, Sender } from './outbox.js';

const EVENT_EXTENSION = 'urn:tessera:xapi:event';
const eventSeq = (statement) => statement.context?.extensions?.[EVENT_EXTENSION]?.seq ?? 0;

// A statement's context with an LMS's template (cmi5's contextTemplate) under it: the template's activities
// and extensions first, the statement's own kept.
export function withTemplate(statement, template) {
  if (!template) return statement;
  const context = { ...template, ...statement.context };
  const activities = { ...template.contextActivities };
  for (const [key, list] of Object.entries(statement.context?.contextActivities || {})) {
    activities[key] = [...(activities[key] || []), ...list];
  }
  if (Object.keys(activities).length) context.contextActivities = activities;
  context.extensions = { ...template.extensions, ...statement.context?.extensions };
  return { ...statement, context };
}

// Starts tracking one course session to one LRS. options: { controller, endpoint, headers, actor, activity,
// cmi5?, includePrivate?, template?, first? (statements that go before any event's: cmi5's initialized),
// onChange? }. Resolves to the Sender.
export async function startTracking({ controller, endpoint, headers, actor, activity, cmi5 = null, includePrivate = false, template = null, first = [], onChange }) {
  const options = JSON.stringify({ actor, activity, includePrivate, cmi5 });
  const sender = new Sender({ endpoint, headers, onChange });
  const base = { endpoint: sender.key, learner: controller.learner, course: controller.courseId };
  const made = (json) => {
    const result = JSON.parse(json);
    if (!result.ok) console.warn('Tessera: no xAPI statements', result.problems);
    return (result.statements || []).map((statement) => withTemplate(statement, template));
  };
  if (first.length) await enqueue({ ...base, statements: first });
  const from = await cursor(cursorName(sender.key, controller.learner, controller.courseId));
  if (controller.events.length > from) {
    const missing = made(controller.session.recordStatements(options)).filter((statement) => eventSeq(statement) > from);
    await enqueue({ ...base, seq: controller.events.length, statements: missing });
  }
  const previous = controller.onStored;
  controller.onStored = (view, events) => {
    previous?.(view, events);
    const statements = made(controller.session.lastStatements(options));
    enqueue({ ...base, seq: events.length, statements }).then(() => {
      sender.onChange();
      return sender.flush();
    }).catch((error) => console.warn('Tessera: statements not kept for sending', error));
  };
  sender.flush();
  return sender;
}
