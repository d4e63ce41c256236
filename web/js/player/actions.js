// The view's actions as buttons and its deadlines as countdowns: the only controls the HTML player offers
// that change the course, each with the view's label, primary styling, enabled state and reason; the
// learner's input (an answer, a text) is added to what the action sends back, never decided here.
import { element } from '../shell.js';

// How an action is shown; every other member is what goes back to the runtime (docs/runtime-api.md).
const PRESENTATION = new Set(['label', 'primary', 'enabled', 'reason', 'availableAt', 'confirm']);

export function sendOf(action) {
  return Object.fromEntries(Object.entries(action).filter(([key]) => !PRESENTATION.has(key)));
}

// Enabled as the view says, and not before its `availableAt` (a wait between attempts).
export function isEnabled(action, now) {
  return action.enabled !== false && !(action.availableAt !== undefined && now < action.availableAt);
}

// "4:05" or "1:02:03" from `now` to `until` (Unix ms), rounded up to the second.
export function timeLeft(until, now) {
  const total = Math.max(0, Math.ceil((until - now) / 1000));
  const pad = (n) => String(n).padStart(2, '0');
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  return hours ? `${hours}:${pad(minutes)}:${pad(total % 60)}` : `${minutes}:${pad(total % 60)}`;
}

// A time that counts down to `until`: watchDeadlines updates every [data-until] once a second. Not a live
// region: a ticking clock read out every second would drown everything else.
export function countdown(until, now) {
  return element('span', { className: 'countdown-time', 'data-until': String(until), text: timeLeft(until, now) });
}

// Removes from the screen's actions still to draw (ctx.pending) those matching `test`, and returns them:
// each part of the screen takes the actions it draws, and the block's nav bar draws the rest.
export function takeActions(ctx, test) {
  const taken = ctx.pending.filter(test);
  ctx.pending = ctx.pending.filter((action) => !taken.includes(action));
  return taken;
}

let reasonCount = 0;

// The sentence that says why an action cannot be taken (yet), with the countdown to its availableAt.
export function reasonElement(action, now) {
  const reason = element('span', { id: `action-reason-${++reasonCount}`, className: 'hint action-reason' }, action.reason || '');
  if (action.availableAt !== undefined && now < action.availableAt) reason.append(' ', countdown(action.availableAt, now));
  return reason;
}

// The view's `confirm` question in a modal dialog, its safer answer focused first (Escape is that answer too);
// resolves true when the learner accepts. Focus goes back to the button that asked.
function confirmed(confirm, opener) {
  return new Promise((resolve) => {
    const text = element('p', { id: `confirm-text-${++reasonCount}`, text: confirm.text });
    const accept = element('button', { type: 'button', className: 'primary', 'data-confirm': 'accept', text: confirm.accept });
    const cancel = element('button', { type: 'button', className: 'secondary', 'data-confirm': 'cancel', text: confirm.cancel });
    const dialog = element('dialog', { className: 'confirm', 'aria-labelledby': text.id }, text, element('div', { className: 'block-nav' }, cancel, accept));
    const close = (answer) => {
      dialog.close();
      dialog.remove();
      if (opener.isConnected) opener.focus();
      resolve(answer);
    };
    accept.addEventListener('click', () => close(true));
    cancel.addEventListener('click', () => close(false));
    dialog.addEventListener('cancel', (event) => { event.preventDefault(); close(false); });
    document.body.append(dialog);
    dialog.showModal();
    cancel.focus();
  });
}

// One action's button. options: input() → members added to what is sent (the learner's answer or text);
// options: act options (itemIndex, quiet); done(ok) after the runtime answered; describedBy: the id of a
// reason already on the page (else a disabled button gets its own, returned beside it by actionControl);
// lang/dir when the label is the course's text (a scenario choice). A disabled button stays focusable
// (aria-disabled) so its reason is read with it. An action with `confirm` asks it first.
export function actionButton(ctx, action, { input, options, done, describedBy, lang, dir } = {}) {
  const button = element('button', {
    type: 'button', className: action.primary ? 'primary' : 'secondary', lang, dir,
    'data-action': action.type, 'data-block': action.block, 'data-choice': action.choice, text: action.label,
  });
  if (!isEnabled(action, ctx.now())) {
    button.setAttribute('aria-disabled', 'true');
    if (describedBy) button.setAttribute('aria-describedby', describedBy);
  }
  button.addEventListener('click', async () => {
    if (button.getAttribute('aria-disabled') === 'true') return;
    if (action.confirm && !(await confirmed(action.confirm, button))) return;
    const ok = await ctx.act({ ...sendOf(action), ...(input ? input() : {}) }, options);
    done?.(ok);
  });
  return button;
}

// The button with, when it is disabled, its reason beside it.
export function actionControl(ctx, action, settings = {}) {
  if (isEnabled(action, ctx.now())) return actionButton(ctx, action, settings);
  const reason = reasonElement(action, ctx.now());
  return element('span', { className: 'action-with-reason' }, actionButton(ctx, action, { ...settings, describedBy: reason.id }), ' ', reason);
}

// The view's deadlines for the block on screen, each as its label, the time left and what happens then;
// one that has passed is not shown (its action is sent, or the action it waited for is enabled).
export function deadlinesPanel(ctx) {
  const now = ctx.now();
  const shown = (ctx.view.deadlines || []).filter((d) => d.block === ctx.view.current?.id && d.at > now);
  if (!shown.length) return null;
  return element('div', { className: 'deadlines' }, shown.map((d) => element('p', { className: 'countdown', 'data-deadline': d.kind },
    element('strong', { text: d.label }), ' ', countdown(d.at, now), ' ', element('span', { className: 'hint', text: d.then }))));
}

// Counts down every [data-until] on the page once a second by ctx.now(). When a deadline with `onPass`
// has passed, sends that action once (a time limit submits, a timed scenario node continues); when a
// deadline without one or an action's availableAt passes, calls redraw so the waiting action is enabled.
// `fired` (a Set kept by the page) remembers what was sent, so a refused or failed send is not repeated
// every second. Returns stop().
export function watchDeadlines(ctx, redraw, fired) {
  const view = ctx.view;
  const start = ctx.now();
  const sends = (view.deadlines || []).filter((d) => d.onPass);
  const waits = [...(view.deadlines || []).filter((d) => !d.onPass).map((d) => d.at),
    ...(view.actions || []).filter((a) => a.availableAt !== undefined).map((a) => a.availableAt)].filter((at) => at > start);
  let timer = null;
  const tick = () => {
    timer = null;
    const now = ctx.now();
    for (const out of document.querySelectorAll('[data-until]')) out.textContent = timeLeft(Number(out.dataset.until), now);
    const due = sends.find((d) => now >= d.at && !fired.has(`${d.kind}|${d.block}|${d.at}`));
    if (due) {
      fired.add(`${due.kind}|${due.block}|${due.at}`);
      ctx.act(due.onPass);
      return;
    }
    if (waits.some((at) => now >= at)) {
      redraw();
      return;
    }
    if (sends.length || waits.length || document.querySelector('[data-until]')) timer = setTimeout(tick, 1000);
  };
  timer = setTimeout(tick, 0);
  return () => { if (timer !== null) clearTimeout(timer); };
}
