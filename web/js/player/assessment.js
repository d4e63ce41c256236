// An assessment block in the HTML player, from the view's current.assessment: its facts (pass mark,
// attempts, time limit) as the view words them; an open attempt one item at a time, with the view's answer
// action sending the learner's answer and its submit action beside it; after submitting, the result, each
// item's verdict and score and the review per competency, all as the view words them.
import { element, announce } from '../shell.js';
import { actionControl, takeActions } from './actions.js';
import { itemWidget } from './items.js';
import { word } from '../words.js';
import { contentLang } from './content.js';

// The item to show first: the one the learner moved to, else the first not answered yet.
function currentIndex(ctx, attempt) {
  const items = attempt.items;
  const answered = new Set(attempt.answered || []);
  const first = items.findIndex((item) => !answered.has(item.id));
  const index = ctx.ui.itemIndex ?? (first === -1 ? items.length - 1 : first);
  return Math.max(0, Math.min(index, items.length - 1));
}

// After answering item `index`: the next item not answered yet (after it, else before it), else stay.
function indexAfter(attempt, index) {
  const answered = new Set([...(attempt.answered || []), attempt.items[index].id]);
  const order = [...attempt.items.keys()].slice(index + 1).concat([...attempt.items.keys()].slice(0, index));
  return order.find((i) => !answered.has(attempt.items[i].id)) ?? index;
}

// An item's hints, revealed one at a time by the button the view words for each (`offer`, with its cost).
// How many were shown is kept per attempt and item in ctx.ui (a redraw keeps them) and starts from the
// stored answer's hintsUsed; the answer sends it back and the runtime marks the item down by the costs.
// Each revealed hint is read out by a polite live region; focus moves to it once no more are offered.
function hintPanel(ctx, key, hints, storedCount = 0) {
  if (!Array.isArray(hints) || !hints.length) return null;
  const shownByKey = ctx.ui.hintsShown || (ctx.ui.hintsShown = {});
  shownByKey[key] = Math.min(hints.length, Math.max(shownByKey[key] || 0, storedCount));
  const list = element('ol', { className: 'hint-list' });
  const live = element('div', { className: 'hints-shown', 'aria-live': 'polite' }, list);
  const button = element('button', { type: 'button', className: 'secondary', 'data-reveal': 'hint' });
  const hintItem = (i) => element('li', { tabindex: '-1', 'data-hint': String(i + 1) },
    element('strong', { text: `${hints[i].label}: ` }), element('span', { text: hints[i].text, ...contentLang(ctx.view) }));
  const update = () => {
    const shown = shownByKey[key];
    button.hidden = shown >= hints.length;
    if (!button.hidden) button.textContent = hints[shown].offer;
  };
  for (let i = 0; i < shownByKey[key]; i += 1) list.append(hintItem(i));
  button.addEventListener('click', () => {
    const revealed = hintItem(shownByKey[key]);
    shownByKey[key] += 1;
    list.append(revealed);
    update();
    if (button.hidden) revealed.focus();
  });
  update();
  return {
    element: element('div', { className: 'hints' }, live, button),
    shown: () => shownByKey[key],
  };
}

// An answer the view wrote out (`yourAnswer`, `rightAnswer`): its label and its lines, in the content language.
function writtenAnswer(ctx, answer, kind) {
  if (!answer?.lines?.length) return null;
  return element('div', { className: 'item-answer', 'data-answer': kind },
    element('span', { className: 'item-answer-label', text: `${answer.label}: ` }),
    answer.lines.length === 1
      ? element('span', { text: answer.lines[0], ...contentLang(ctx.view) })
      : element('ul', {}, answer.lines.map((line) => element('li', { text: line, ...contentLang(ctx.view) }))));
}

// One item's result as the view words it: verdict and score, then, when it was not right, the question, what the
// learner gave and the right answer where the view shows it, with the author's feedback saying why. `question`:
// false where the question is on screen just above (a practice check's own result).
function itemResult(ctx, item, entry, { tag = 'li', question = true } = {}) {
  const missed = entry.correct === false;  // scored and not right: wrong, partly right or unanswered
  return element(tag, { className: 'item-result', 'data-item': item.id, 'data-verdict': entry.verdict },
    element('strong', { text: `${item.label}: ` }), entry.verdictText, entry.scoreText ? ` (${entry.scoreText})` : '',
    missed && question && item.prompt ? element('p', { className: 'item-question', text: item.prompt, ...contentLang(ctx.view) }) : null,
    missed ? writtenAnswer(ctx, entry.yourAnswer, 'yours') : null,
    ...(entry.feedback || []).map((text) => element('p', { className: 'item-feedback', text, ...contentLang(ctx.view) })),
    missed ? writtenAnswer(ctx, entry.rightAnswer, 'right') : null);
}

// Per-item results after submission (`attempt.results`), every item in order.
function itemResults(ctx, attempt) {
  const results = attempt?.results;
  if (!results || !Object.keys(results).length) return null;
  return element('ol', { className: 'item-results' },
    attempt.items.filter((item) => results[item.id]).map((item) => itemResult(ctx, item, results[item.id])));
}

// After a graded check or a pre-test: each competency with the view's wording, and links to the modules
// to review (in the outline, where each module's blocks are the view's way in).
function competencyReview(ctx, attempt) {
  const review = attempt?.review;
  if (!Array.isArray(review) || !review.length) return null;
  return element('ul', { className: 'competency-review' }, review.map((entry) => element('li', { 'data-competency': entry.competency, 'data-secure': String(entry.secure) },
    element('strong', { text: entry.name, ...contentLang(ctx.view) }), ': ', entry.text,
    entry.review?.length ? element('span', {}, ' ', ...entry.review.flatMap((m, i) => [i ? ', ' : '',
      element('a', { href: `#outline-module-${m.id}`, text: m.title || m.id, 'data-module': m.id, ...contentLang(ctx.view) })])) : null)));
}

// The open attempt: one item, its answer button (the view's answer action, which sends the item and what
// the learner gave), the submit action, and a list of the questions to move between them.
function attemptScreen(ctx, block, info, attempt) {
  const { view } = ctx;
  const items = attempt.items;
  const answers = attempt.responses || {};
  const index = currentIndex(ctx, attempt);
  const item = items[index];
  const widget = itemWidget(item, answers[item.id], { resolveUrl: ctx.resolveUrl, words: view.words, ...contentLang(view) });
  const hints = hintPanel(ctx, `${block.id}/${attempt.number}/${item.id}`, item.hints, answers[item.id]?.hintsUsed);
  const answerActions = takeActions(ctx, (a) => a.type === 'answer' && a.block === block.id);
  const submitActions = takeActions(ctx, (a) => a.type === 'submit-attempt' && a.block === block.id);
  const input = () => {
    const sent = { item: item.id, answer: widget.read() };
    const certainty = widget.certainty?.();
    if (certainty !== undefined) sent.certainty = certainty;
    if (hints?.shown()) sent.hintsUsed = hints.shown();
    return sent;
  };
  const answered = (ok) => {
    if (!ok) return;
    const result = ctx.view.current?.assessment?.attempt?.results?.[item.id];
    announce(result ? [result.verdictText, result.scoreText, ...(result.feedback || [])].filter(Boolean).join('. ') : ctx.view.words['ui.saved']);
  };
  // A practice check answers at once: the learner stays on the question to read why, then moves on.
  const immediate = info.feedback === 'immediate';
  const next = indexAfter(attempt, index);
  const answerButtons = answerActions.map((action) => actionControl(ctx, action, {
    input, options: { itemIndex: immediate ? index : next, quiet: true }, done: answered,
  }));
  const form = element('form', { className: 'item-form', 'data-item-index': String(index) },
    element('h3', { id: 'item-heading', tabindex: '-1', text: item.label }),
    widget.element, hints?.element, element('div', { className: 'block-nav' }, answerButtons));
  // Enter in a text field saves the answer, as the answer button does.
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    form.querySelector('[data-action=answer]:not([aria-disabled=true])')?.click();
  });
  const answeredIds = new Set(attempt.answered || []);
  const questions = element('nav', { className: 'question-list', 'aria-label': word('questions') },
    element('ol', {}, items.map((other, i) => element('li', {},
      element('button', {
        type: 'button', className: 'link-button', 'data-item': other.id, 'data-answered': String(answeredIds.has(other.id)),
        'aria-current': i === index ? 'step' : undefined, onclick: () => ctx.setItem(i),
      }, other.label, element('span', { text: ` — ${word(answeredIds.has(other.id) ? 'answered' : 'not-answered')}` }))))));
  // Practice checks: this question's result right under it, on the same screen, and the way to the next one.
  const result = immediate ? attempt.results?.[item.id] : null;
  const feedback = result ? element('section', { className: 'immediate-results', 'aria-labelledby': 'immediate-heading' },
    element('h4', { id: 'immediate-heading', text: view.words['ui.feedback'] }), itemResult(ctx, item, result, { tag: 'div', question: false }),
    next !== index ? element('button', { type: 'button', className: 'secondary', 'data-next-item': items[next].id, onclick: () => ctx.setItem(next), text: word('next-question') }) : null) : null;
  return [form, feedback, submitActions.length ? element('div', { className: 'block-nav' }, submitActions.map((a) => actionControl(ctx, a, { options: { itemIndex: null } }))) : null,
    questions];
}

export function assessmentBlock(ctx, block) {
  const info = block.assessment;
  const wrap = element('div', { className: 'assessment' });
  if (!info) return wrap;
  if (info.error) {
    wrap.append(element('p', { text: word('check-error') }));
    return wrap;
  }
  const facts = [info.passMarkText, info.attemptsText, info.timeLimitText].filter(Boolean);
  wrap.append(element('ul', { className: 'assessment-facts' }, facts.map((text) => element('li', { text }))));
  // A pre-test: each module it may skip, with what it takes, then whether it was skipped and what fell short.
  if (info.testsOut?.length) {
    wrap.append(element('ul', { className: 'tests-out' }, info.testsOut.map((t) => element('li', {
      'data-module': t.module, 'data-skipped': t.skipped === undefined ? undefined : String(t.skipped), text: t.text,
    }))));
  }
  const attempt = info.attempt;
  if (attempt && !attempt.submitted) {
    wrap.append(...attemptScreen(ctx, block, info, attempt).filter(Boolean));
    return wrap;
  }
  if (attempt?.submitted) {
    wrap.append(element('section', { className: `result ${attempt.passed === false ? 'failed' : 'passed'}`, 'aria-labelledby': 'result-heading' },
      element('h3', { id: 'result-heading', tabindex: '-1', text: attempt.resultText || attempt.scoreText }),
      attempt.resultText ? element('p', { 'data-result': 'score', text: attempt.scoreText }) : null,
      itemResults(ctx, attempt), competencyReview(ctx, attempt)));
  }
  return wrap;
}
