// Renders the session's view model as semantic HTML: the outline, the current block and its controls.
// Every control sends an action through `act`; nothing here decides progress — the runtime does.
// Focus moves to the new screen's heading whenever the screen changes.
import { element, formatBytes, announce } from '../shell.js';
import { itemWidget } from './items.js';

const TYPE_LABELS = {
  text: 'Reading', image: 'Image', video: 'Video', audio: 'Audio', 'case-study': 'Case study',
  reflection: 'Reflection', scenario: 'Scenario', assessment: 'Check', survey: 'Feedback', takeaways: 'Key points',
};
const STATUS_LABELS = { new: 'not started', opened: 'started', complete: 'done', locked: 'locked', open: 'open' };

export function blockLabel(block, index) {
  return block.title || `${TYPE_LABELS[block.type] || block.type} ${index + 1}`;
}

function has(view, type, block = view.current?.id) {
  return (view.actions || []).some((a) => a.type === type && (block === undefined || a.block === block));
}

// ctx: { view, act(action), markdown(text) → html, resolveUrl(path), sizes, lowBandwidth, ui: {itemIndex, hintsShown},
//        readOnly }
export function renderOutline(container, ctx) {
  const { view } = ctx;
  const items = view.modules.map((module) => {
    const blocks = module.blocks.map((block, index) => {
      const current = block.id === view.current?.id;
      const button = element('button', {
        type: 'button', className: 'outline-block', 'data-block': block.id, 'data-status': block.status,
        'aria-current': current ? 'step' : undefined,
        disabled: module.status === 'locked' || ctx.readOnly,
      }, element('span', { text: blockLabel(block, index) }),
      element('span', { className: 'visually-hidden', text: `, ${STATUS_LABELS[block.status]}` }),
      element('span', { className: 'status-dot', 'aria-hidden': 'true' }));
      button.addEventListener('click', () => ctx.act({ type: 'open', block: block.id }));
      return element('li', {}, button);
    });
    return element('li', { className: 'outline-module', 'data-status': module.status },
      element('h3', {}, module.title, element('span', { className: 'module-status', text: ` (${STATUS_LABELS[module.status]})` })),
      element('ol', {}, blocks));
  });
  const percent = view.progress?.percent ?? 0;
  container.replaceChildren(
    element('h2', { id: 'outline-heading', text: 'Course outline' }),
    element('p', { className: 'progress-text', text: `${percent}% complete` }),
    element('progress', { max: '100', value: String(percent), 'aria-label': 'Course progress' }),
    element('ol', { className: 'outline-modules' }, items),
  );
}

function prose(ctx, markdown) {
  const div = element('div', { className: 'prose' });
  div.innerHTML = ctx.markdown(markdown || '');  // md4c output: raw HTML was never passed through
  for (const link of div.querySelectorAll('a[href]')) {
    const href = link.getAttribute('href');
    if (!/^([a-z]+:|#|\/\/)/i.test(href)) link.setAttribute('href', ctx.resolveUrl(href));
  }
  for (const img of div.querySelectorAll('img[src]')) {
    const src = img.getAttribute('src');
    if (!/^([a-z]+:|\/\/)/i.test(src)) img.setAttribute('src', ctx.resolveUrl(src));
  }
  return div;
}

function navigation(ctx, { continueLabel = 'Continue', completeFirst = false } = {}) {
  const { view } = ctx;
  const bar = element('div', { className: 'block-nav' });
  if (view.previous) {
    bar.append(element('button', { type: 'button', className: 'secondary', text: 'Previous', onclick: () => ctx.act({ type: 'open', block: view.previous }) }));
  }
  const canComplete = completeFirst && has(view, 'complete');
  const canNext = view.next && has(view, 'open', view.next);
  if (canComplete || canNext) {
    const label = canNext ? continueLabel : 'Mark as done';
    bar.append(element('button', {
      type: 'button', className: 'primary', 'data-action': 'continue', text: label,
      onclick: () => ctx.chain(async () => {
        if (canComplete && !(await ctx.act({ type: 'complete', block: view.current.id }, { quiet: true }))) return;
        if (view.next) await ctx.act({ type: 'open', block: view.next });
      }),
    }));
  } else if (view.next && !has(view, 'open', view.next)) {
    bar.append(element('p', { className: 'hint', text: 'Finish this module to unlock the next one.' }));
  }
  return bar;
}

function mediaBlock(ctx, block) {
  const figure = element('figure', { className: 'media' });
  const kind = block.type;
  const lowBandwidth = ctx.lowBandwidth;
  const src = lowBandwidth && block.lowBandwidth?.src ? block.lowBandwidth.src : block.src;
  const show = () => {
    const media = element(kind === 'audio' || /\.(mp3|ogg|opus|wav)$/i.test(src) ? 'audio' : 'video', {
      controls: true, preload: 'none', src: ctx.resolveUrl(src), className: 'media-player',
    });
    if (block.captions) {
      media.append(element('track', { kind: 'captions', src: ctx.resolveUrl(block.captions), srclang: ctx.view.language, label: 'Captions', default: true }));
    }
    return media;
  };
  if (lowBandwidth) {
    const size = ctx.sizes[src];
    const button = element('button', {
      type: 'button', className: 'secondary', 'data-action': 'load-media',
      text: `Load the ${kind === 'audio' || src !== block.src ? 'audio' : 'video'} (${formatBytes(size)})`,
    });
    if (size === undefined) {
      // No signed manifest to read sizes from (an unpacked preview): ask the server.
      fetch(ctx.resolveUrl(src), { method: 'HEAD' }).then((head) => {
        const length = Number(head.headers.get('content-length'));
        if (head.ok && length) button.textContent = button.textContent.replace('unknown size', formatBytes(length));
      }).catch(() => {});
    }
    button.addEventListener('click', () => {
      const media = show();
      button.replaceWith(media);
      media.focus();
    });
    figure.append(button);
  } else {
    figure.append(show());
  }
  if (block.transcript) {
    const body = element('div', { className: 'transcript-body', text: 'Loading the transcript…' });
    const details = element('details', { className: 'transcript' }, element('summary', { text: 'Transcript' }), body);
    details.addEventListener('toggle', async () => {
      if (!details.open || body.dataset.loaded) return;
      try {
        const response = await fetch(ctx.resolveUrl(block.transcript));
        if (!response.ok) throw new Error(String(response.status));
        body.replaceChildren(prose(ctx, await response.text()));
        body.dataset.loaded = 'true';
      } catch {
        body.textContent = 'The transcript could not be loaded. Check your connection and open it again.';
      }
    }, { once: false });
    figure.append(details);
  }
  return figure;
}

function reflectionBlock(ctx, block) {
  const id = 'reflection-text';
  const textarea = element('textarea', { id, rows: 6 });
  textarea.value = block.saved?.text ?? '';
  const save = element('button', { type: 'button', className: 'primary', text: 'Save my reflection' });
  save.addEventListener('click', async () => {
    if (await ctx.act({ type: 'reflect', block: block.id, text: textarea.value }, { quiet: true })) announce('Your reflection is saved on this device.');
  });
  return element('div', {},
    element('label', { for: id, className: 'prompt', text: block.prompt || 'Your reflection' }),
    element('p', { className: 'hint', text: 'Only you can see this: it stays on this device.' }),
    textarea, element('div', { className: 'block-nav' }, has(ctx.view, 'reflect') ? save : null));
}

function surveyBlock(ctx, block) {
  const readers = [];
  const submitted = block.status === 'complete' || !has(ctx.view, 'submit-survey');
  const fields = (block.items || []).map((item) => {
    if (item.type === 'likert') {
      const points = Number(item.points) || 5;
      const name = `survey-${item.id}`;
      const inputs = [];
      const options = [];
      for (let p = 1; p <= points; p += 1) {
        const id = `${name}-${p}`;
        const input = element('input', { type: 'radio', name, id, value: String(p) });
        inputs.push(input);
        options.push(element('span', { className: 'likert-option' }, input,
          element('label', { for: id, text: p === 1 ? `${p} (least)` : p === points ? `${p} (most)` : String(p) })));
      }
      readers.push(() => {
        const picked = inputs.find((i) => i.checked);
        return picked ? [item.id, Number(picked.value)] : null;
      });
      return element('fieldset', { className: 'likert' }, element('legend', { text: item.prompt }), ...options);
    }
    const id = `survey-${item.id}`;
    const textarea = element('textarea', { id, rows: 3 });
    readers.push(() => (textarea.value.trim() ? [item.id, textarea.value] : null));
    return element('div', {}, element('label', { for: id, text: item.prompt }), textarea);
  });
  const send = element('button', { type: 'button', className: 'primary', text: 'Send feedback' });
  send.addEventListener('click', async () => {
    const answers = Object.fromEntries(readers.map((read) => read()).filter(Boolean));
    if (await ctx.act({ type: 'submit-survey', block: block.id, answers }, { quiet: true })) announce('Thank you: your feedback is saved.');
  });
  return element('div', {},
    element('p', { className: 'hint', text: 'Optional: your answers help improve the course.' }),
    submitted ? element('p', { text: 'Thank you: your feedback is saved.' }) : element('form', { className: 'survey', onsubmit: (e) => e.preventDefault() }, fields, send));
}

function attemptSummary(attempt) {
  if (!attempt.submitted) return 'in progress';
  return `${attempt.score} of ${attempt.max} points, ${attempt.passed ? 'passed' : 'not passed'}`;
}

function assessmentBlock(ctx, block) {
  const { view } = ctx;
  const info = block.assessment;
  const wrap = element('div', { className: 'assessment' });
  if (!info) {
    wrap.append(element('p', { text: 'Open this check to begin.' }));
    return wrap;
  }
  if (info.error) {
    wrap.append(element('p', { text: 'This check cannot be shown. Tell the course author.' }));
    return wrap;
  }
  const attempt = info.attempt;
  const facts = [];
  facts.push(info.kind === 'summative' ? 'A graded check.' : info.kind === 'pre' ? 'A pre-test: pass it to skip what you already know.' : 'A practice check: it does not count towards your grade.');
  if (info.passMark) facts.push(`Pass mark: ${info.passMark} of the points.`);
  if (info.attemptsLeft !== undefined) facts.push(`Attempts left: ${info.attemptsLeft}.`);
  if (info.timeLimitMinutes) facts.push(`Time limit: ${info.timeLimitMinutes} minutes.`);
  if (info.feedback === 'immediate') facts.push('You see whether each answer is right as soon as you save it.');
  if (attempt && !attempt.submitted) {
    const items = attempt.items;
    const answers = attempt.responses || {};
    const index = Math.min(ctx.ui.itemIndex ?? firstUnanswered(items, attempt.answered || []), items.length);
    if (index >= items.length) {
      // Review: every item with its state, then submit.
      const list = element('ol', { className: 'review' }, items.map((item, i) => element('li', {},
        element('button', { type: 'button', className: 'link-button', text: `Question ${i + 1}: ${item.prompt}`, onclick: () => ctx.setItem(i) }),
        element('span', { text: answers[item.id] ? ' — answered' : ' — not answered' }))));
      const submit = element('button', { type: 'button', className: 'primary', 'data-action': 'submit-attempt', text: 'Submit my answers' });
      submit.addEventListener('click', () => ctx.act({ type: 'submit-attempt', block: block.id }, { itemIndex: null }));
      wrap.append(element('h3', { id: 'review-heading', tabindex: '-1', text: 'Review your answers' }), list,
        element('p', { text: 'When you submit, this attempt is scored and cannot be changed.' }),
        element('div', { className: 'block-nav' }, submit));
      return wrap;
    }
    const item = items[index];
    const widget = itemWidget(item, answers[item.id], ctx.resolveUrl);
    const hints = hintPanel(ctx, `${block.id}/${attempt.number}/${item.id}`, item.hints, answers[item.id]?.hintsUsed);
    const save = element('button', { type: 'submit', className: 'primary', 'data-action': 'save-answer', text: index === items.length - 1 ? 'Save and review' : 'Save and next' });
    const back = index > 0 ? element('button', { type: 'button', className: 'secondary', text: 'Previous question', onclick: () => ctx.setItem(index - 1) }) : null;
    const form = element('form', { className: 'item-form', 'data-item-index': String(index) },
      element('h3', { id: 'item-heading', tabindex: '-1', text: `Question ${index + 1} of ${items.length}` }),
      widget.element, hints?.element, element('div', { className: 'block-nav' }, back, save));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const action = { type: 'answer', block: block.id, item: item.id, answer: widget.read() };
      const certainty = widget.certainty?.();
      if (certainty !== undefined) action.certainty = certainty;
      if (hints?.shown()) action.hintsUsed = hints.shown();
      if (await ctx.act(action, { itemIndex: index + 1, quiet: true })) {
        const result = ctx.view.current?.assessment?.attempt?.results?.[item.id];
        const verdict = result && result.correct !== undefined ? (result.correct ? ' Right.' : ' Not quite right.') : '';
        announce(`Answer saved.${verdict}${result?.feedback?.length ? ` ${result.feedback.join(' ')}` : ''}`);
      }
    });
    ctx.focusWidget = widget;
    const timer = attempt.endsAt ? countdown('Time left:', attempt.endsAt, 'Time is up: answers now are not counted. Submit what you have.') : null;
    // Practice checks: every answer saved so far with its result, so the feedback stays in view.
    const immediate = info.feedback === 'immediate' ? itemFeedback(ctx, block, attempt) : null;
    wrap.append(...[element('p', { text: facts.join(' ') }), timer, form,
      immediate ? element('section', { className: 'immediate-results', 'aria-labelledby': 'immediate-heading' },
        element('h4', { id: 'immediate-heading', text: 'Your answers so far' }), immediate) : null].filter(Boolean));
    return wrap;
  }
  wrap.append(element('p', { text: facts.join(' ') }));
  const attempts = view.attempts?.[block.id] || [];
  if (attempts.length) {
    const last = attempts[attempts.length - 1];
    wrap.append(element('section', { className: `result ${last.passed ? 'passed' : 'failed'}`, 'aria-labelledby': 'result-heading' },
      element('h3', { id: 'result-heading', tabindex: '-1', text: last.passed ? 'You passed' : (info.kind === 'summative' ? 'Not passed yet' : 'Your result') }),
      element('p', { 'data-result': 'score', text: `Attempt ${last.attempt}: ${last.score} of ${last.max} points${info.kind === 'summative' || info.passMark ? (last.passed ? ', passed.' : ', not passed.') : '.'}` }),
      itemFeedback(ctx, block, attempt), competencyReview(ctx, attempt),
      attempts.length > 1 ? element('ul', {}, attempts.map((a) => element('li', { text: `Attempt ${a.attempt}: ${attemptSummary(a)}` }))) : null));
  }
  const bar = element('div', { className: 'block-nav' });
  if (!has(view, 'start-attempt') && info.nextAttemptAt && info.nextAttemptAt > Date.now() && (info.attemptsLeft ?? 1) > 0 && !attempts.at(-1)?.passed) {
    bar.append(countdown('Next attempt possible in', info.nextAttemptAt, 'You can try again now: reload this page.'));
  }
  if (has(view, 'start-attempt')) {
    bar.append(element('button', {
      type: 'button', className: attempts.length ? 'secondary' : 'primary', 'data-action': 'start-attempt',
      text: attempts.length ? 'Try again' : 'Start', onclick: () => ctx.act({ type: 'start-attempt', block: block.id }, { itemIndex: 0 }),
    }));
  }
  wrap.append(bar, navigation(ctx));
  return wrap;
}

// An item's hints (`item.hints` in the view: {text, cost}), revealed one at a time on request. How many
// were shown is kept per attempt and item in ctx.ui (a redraw keeps them) and starts from the stored
// answer's hintsUsed; the answer sends it back and the runtime marks the item down by the costs.
// Each revealed hint is read out by a polite live region; focus moves to it once no more are offered.
function hintPanel(ctx, key, hints, storedCount = 0) {
  if (!Array.isArray(hints) || !hints.length) return null;
  const shownByKey = ctx.ui.hintsShown || (ctx.ui.hintsShown = {});
  shownByKey[key] = Math.min(hints.length, Math.max(shownByKey[key] || 0, storedCount));
  const list = element('ol', { className: 'hint-list' });
  const live = element('div', { className: 'hints-shown', 'aria-live': 'polite' }, list);
  const button = element('button', { type: 'button', className: 'secondary', 'data-action': 'show-hint' });
  const hintItem = (i) => element('li', { tabindex: '-1', 'data-hint': String(i + 1) }, element('strong', { text: `Hint ${i + 1}: ` }), hints[i].text);
  const update = () => {
    const shown = shownByKey[key];
    button.hidden = shown >= hints.length;
    // The cost is the view's exact share of the item's marks ("1/4"), shown as it comes.
    const cost = hints[shown]?.cost;
    if (!button.hidden) button.textContent = `${shown ? 'Show another hint' : 'Show a hint'} (${cost === '0' ? 'free' : `costs ${cost} of this question's marks`})`;
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

// Per-item results straight from the view (`attempt.results`): right or not, points and the author's
// feedback — at once for practice checks, after submission otherwise — and, after a graded check or a
// pre-test, the per-competency review (`attempt.review`) with links to the modules to review.
function itemFeedback(ctx, block, attempt) {
  const results = attempt?.results;
  if (!results || !Object.keys(results).length) return null;
  const rows = attempt.items.filter((item) => results[item.id]).map((item) => {
    const entry = results[item.id];
    const i = attempt.items.indexOf(item);
    let verdict;
    if (!entry.answered) verdict = 'not answered';
    else if (entry.correct === undefined) verdict = 'thank you for your answer';
    else verdict = `${entry.correct ? 'right' : 'not quite right'} (${entry.score} of ${entry.max} points)`;
    return element('li', { 'data-item': item.id, 'data-correct': entry.correct === undefined ? undefined : String(entry.correct) },
      element('strong', { text: `Question ${i + 1}: ` }), verdict,
      ...(entry.feedback || []).map((text) => element('p', { className: 'item-feedback', text })));
  });
  return element('ol', { className: 'item-results', 'aria-label': 'Your answers' }, rows);
}

function competencyReview(ctx, attempt) {
  const review = attempt?.review;
  if (!Array.isArray(review) || !review.length) return null;
  return element('section', { className: 'competency-review', 'aria-labelledby': 'review-competencies' },
    element('h4', { id: 'review-competencies', text: 'By skill' }),
    element('ul', {}, review.map((entry) => element('li', { 'data-competency': entry.competency, 'data-secure': String(entry.secure) },
      element('strong', { text: `${entry.name || entry.competency}: ` }),
      `${entry.score} of ${entry.max} points, ${entry.secure ? 'secure' : 'needs more work'}.`,
      entry.review?.length ? element('span', {}, ' Review: ', ...entry.review.flatMap((m, i) => [i ? ', ' : '',
        element('button', { type: 'button', className: 'link-button', text: m.title || m.id, 'data-module': m.id,
          onclick: () => { const first = ctx.view.modules.find((x) => x.id === m.id)?.blocks[0]; if (first) ctx.act({ type: 'open', block: first.id }); } })])) : null))));
}

// A countdown to a moment given by the view (Unix ms). Updated once a second, never flashing; screen
// readers hear it only when asked (no live region on a ticking clock).
function countdown(label, until, doneText) {
  const out = element('p', { className: 'countdown', 'data-until': String(until) });
  const tick = () => {
    const left = Math.max(0, until - Date.now());
    if (!out.isConnected && out.dataset.started) return;
    out.dataset.started = 'true';
    if (left === 0) { out.textContent = doneText; return; }
    const minutes = Math.floor(left / 60000);
    const seconds = Math.floor((left % 60000) / 1000);
    out.textContent = `${label} ${minutes}:${String(seconds).padStart(2, '0')}`;
    setTimeout(tick, 1000);
  };
  tick();
  return out;
}

function firstUnanswered(items, answered) {
  const i = items.findIndex((item) => !answered.includes(item.id));
  return i === -1 ? items.length : i;
}

// Exact numbers from the view ("105/2") read only to place a meter's gauge and chart: the one place the
// player still reads a number, until the view gives each meter's position between its min and max.
function num(text) {
  const [n, d] = String(text ?? '0').split('/');
  return d ? Number(n) / Number(d) : Number(n);
}

// One meter: a labelled gauge with its value in words, and a small line chart of its history (SVG,
// decorative; the text alternative lists the values).
function meterWidget(meter, index) {
  const min = num(meter.min ?? 0), max = num(meter.max ?? 100), value = num(meter.value);
  const label = meter.label || meter.variable;
  const id = `meter-${index}`;
  const history = (meter.history || []).map(num);
  const width = 160, height = 40;
  const span = max - min || 1;
  const points = history.map((v, i) => `${history.length > 1 ? (i * width) / (history.length - 1) : 0},${height - ((v - min) / span) * height}`).join(' ');
  const chart = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  chart.setAttribute('viewBox', `0 0 ${width} ${height}`);
  chart.setAttribute('class', 'meter-chart');
  chart.setAttribute('aria-hidden', 'true');
  chart.setAttribute('focusable', 'false');
  const line = document.createElementNS('http://www.w3.org/2000/svg', 'polyline');
  line.setAttribute('points', points);
  line.setAttribute('fill', 'none');
  line.setAttribute('stroke', 'currentColor');
  line.setAttribute('stroke-width', '2');
  chart.append(line);
  const fill = element('span', { className: 'meter-fill' });
  fill.style.width = `${Math.max(0, Math.min(100, ((value - min) / span) * 100))}%`;  // CSSOM: allowed by the CSP
  return element('div', { className: 'meter' },
    element('span', { id, className: 'meter-label', text: `${label}: ${meter.value} of ${meter.max ?? max}` }),
    element('div', { role: 'meter', 'aria-labelledby': id, 'aria-valuemin': String(min), 'aria-valuemax': String(max),
      'aria-valuenow': String(value), 'aria-valuetext': `${meter.value} of ${meter.max ?? max}`, className: 'meter-bar' },
    fill),
    history.length > 1 ? chart : null,
    history.length > 1 ? element('p', { className: 'visually-hidden', text: `${label} so far: ${meter.history.join(', ')}.` }) : null);
}

// Scenario blocks from the view's `current.scenario` (docs/scenarios.md): the node's text and media, the
// shown choices (disabled ones disabled, with the reason when given), meters, a timed node's countdown,
// back and restart when the scenario allows them, and the ending with its outcome, score and level.
function scenarioBlock(ctx, block) {
  const wrap = element('div', { className: 'scenario' });
  const sc = block.scenario;
  if (!sc) {
    wrap.append(element('p', { text: 'This scenario could not be loaded. Tell the course author.' }), navigation(ctx));
    return wrap;
  }
  const node = sc.node || {};
  const id = block.id;
  wrap.dataset.node = node.id || '';
  if (sc.feedback) wrap.append(element('p', { className: 'scenario-feedback', text: sc.feedback }));
  const stage = element('section', { className: 'scenario-node', 'aria-labelledby': 'scenario-node-heading' },
    element('h3', { id: 'scenario-node-heading', tabindex: '-1', text: node.title || (sc.ending ? 'Outcome' : `Step ${(sc.step ?? 0) + 1}`) }));
  if (node.text || node.markdown) stage.append(prose(ctx, node.markdown || node.text));
  if (node.image || node.media) {
    const media = node.image || node.media;
    const src = typeof media === 'string' ? media : media.src;
    if (src) stage.append(element('img', { src: ctx.resolveUrl(src), alt: (typeof media === 'object' && media.alt) || node.alt || '' }));
  }
  wrap.append(stage);
  if (Array.isArray(sc.meters) && sc.meters.length) {
    wrap.append(element('div', { className: 'meters', role: 'group', 'aria-label': 'How things stand' }, sc.meters.map(meterWidget)));
  }
  if (sc.ending || sc.ended) {
    const ending = sc.ending || {};
    wrap.append(element('section', { className: 'result scenario-ending', 'aria-labelledby': 'result-heading' },
      element('h3', { id: 'result-heading', tabindex: '-1', text: ending.outcome ? `Outcome: ${ending.outcome}` : 'The scenario has ended' }),
      ending.feedback ? prose(ctx, ending.feedback) : null,
      sc.score !== null && sc.score !== undefined ? element('p', { 'data-result': 'score', text: `Score: ${sc.score}${sc.maxScore !== undefined && sc.maxScore !== null ? ` of ${sc.maxScore}` : ''}.` }) : null,
      sc.level ? element('p', { 'data-result': 'level', text: `Level: ${sc.level}.` }) : null));
  } else {
    const allowed = new Set((ctx.view.actions || []).filter((a) => a.type === 'scenario-choose' && a.block === id).map((a) => a.choice));
    const choices = Array.isArray(sc.choices) ? sc.choices : [];
    if (node.type === 'timed' && node.deadline) {
      wrap.append(countdown('Time to decide:', node.deadline, 'Time is up: continue to see what happens.'),
        element('p', { className: 'hint', text: 'Time is judged from when you act, as recorded; the countdown is a guide.' }));
    }
    if (choices.length) {
      wrap.append(element('ul', { className: 'scenario-choices', 'aria-label': 'Your choices' }, choices.map((choice) => {
        const enabled = choice.enabled !== false && (allowed.size === 0 || allowed.has(choice.id));
        const reasonId = `reason-${choice.id}`;
        return element('li', {}, element('button', {
          type: 'button', className: 'secondary scenario-choice', 'data-choice': choice.id, text: choice.text || choice.label || choice.id,
          'aria-disabled': enabled ? undefined : 'true', 'aria-describedby': !enabled && choice.reason ? reasonId : undefined,
          onclick: () => { if (enabled) ctx.act({ type: 'scenario-choose', block: id, choice: choice.id }); },
        }), !enabled && choice.reason ? element('span', { id: reasonId, className: 'hint', text: ` ${choice.reason}` }) : null);
      })));
    }
    if (has(ctx.view, 'scenario-continue', id)) {
      wrap.append(element('div', { className: 'block-nav' }, element('button', {
        type: 'button', className: 'primary', 'data-action': 'scenario-continue', text: 'Continue the scenario',
        onclick: () => ctx.act({ type: 'scenario-continue', block: id }) })));
    }
  }
  const controls = element('div', { className: 'block-nav' });
  if (has(ctx.view, 'scenario-back', id)) controls.append(element('button', { type: 'button', className: 'secondary', 'data-action': 'scenario-back', text: 'Go back a step', onclick: () => ctx.act({ type: 'scenario-back', block: id }) }));
  if (has(ctx.view, 'scenario-restart', id)) controls.append(element('button', { type: 'button', className: 'secondary', 'data-action': 'scenario-restart', text: 'Restart the scenario', onclick: () => ctx.act({ type: 'scenario-restart', block: id }) }));
  if (controls.childElementCount) wrap.append(controls);
  wrap.append(navigation(ctx));
  return wrap;
}

// The results panel: mastery per competency as the runtime decides it (rule, mastered, demonstratedIn).
export function renderResults(container, ctx) {
  const mastery = ctx.view.mastery || {};
  const ids = Object.keys(mastery);
  if (!ids.length || !(ctx.view.complete || ids.some((k) => mastery[k].assessed))) {
    container.replaceChildren();
    container.hidden = true;
    return;
  }
  container.hidden = false;
  const ruleText = (rule) => {
    const r = rule?.rule || 'percentage';
    // The threshold is the runtime's exact fraction ("4/5"), shown as it is: nothing here reads numbers.
    if (r === 'percentage') return `at least ${rule.threshold} of the points`;
    if (r === 'all') return 'every question on it right';
    if (r === 'in-a-row') return `${rule.count} right in a row on first tries`;
    if (r === 'm-of-last-n') return `${rule.m} of the last ${rule.n} first tries right`;
    return r;
  };
  const rows = ids.map((key) => {
    const m = mastery[key];
    const shown = (m.demonstratedIn || []).map((b) => ctx.view.modules.flatMap((mod) => mod.blocks).find((x) => x.id === b)?.title || b);
    return element('tr', { 'data-competency': key, 'data-mastered': String(Boolean(m.mastered)) },
      element('th', { scope: 'row', text: m.name || ctx.competencyName?.(key) || key }),
      element('td', { text: m.mastered ? 'Mastered' : m.assessed ? 'Not yet' : 'Not assessed yet' }),
      element('td', { text: m.max !== undefined ? `${m.score} of ${m.max}` : '—' }),
      element('td', { text: ruleText(m.rule) }),
      element('td', { text: shown.length ? shown.join(', ') : '—' }));
  });
  container.replaceChildren(
    element('h2', { id: 'results-heading', tabindex: '-1', text: ctx.view.complete ? 'Your results' : 'Your progress by skill' }),
    element('table', { className: 'mastery' },
      element('caption', { className: 'visually-hidden', text: 'Mastery per skill' }),
      element('thead', {}, element('tr', {}, ...['Skill', 'Status', 'Points', 'Rule', 'Shown in scenario'].map((t) => element('th', { scope: 'col', text: t })))),
      element('tbody', {}, rows)));
}

export function renderBlock(container, ctx) {
  const { view } = ctx;
  const block = view.current;
  const status = view.modules.flatMap((m) => m.blocks).find((b) => b.id === block?.id)?.status;
  if (!block) {
    container.replaceChildren(element('h2', { id: 'block-heading', tabindex: '-1', text: 'This course has no content yet.' }));
    return;
  }
  const moduleBlocks = view.modules.find((m) => m.id === block.module)?.blocks || [];
  const index = moduleBlocks.findIndex((b) => b.id === block.id);
  const heading = element('h2', { id: 'block-heading', tabindex: '-1', text: block.title || blockLabel(block, index) });
  const body = [];
  const opened = status !== 'new';
  if (!opened) {
    body.push(element('div', { className: 'block-nav' }, element('button', {
      type: 'button', className: 'primary', 'data-action': 'begin', text: 'Begin', onclick: () => ctx.act({ type: 'open', block: block.id }),
    })));
  } else {
    switch (block.type) {
      case 'text':
        body.push(prose(ctx, block.markdown), navigation(ctx, { completeFirst: true }));
        break;
      case 'image':
        body.push(element('figure', { className: 'image' },
          element('img', { src: ctx.resolveUrl(block.src), alt: block.decorative ? '' : (block.alt || ''), loading: 'lazy' }),
          block.caption ? element('figcaption', { text: block.caption }) : null), navigation(ctx, { completeFirst: true }));
        break;
      case 'video': case 'audio':
        body.push(mediaBlock(ctx, block), navigation(ctx, { completeFirst: true }));
        break;
      case 'case-study':
        body.push(prose(ctx, block.markdown));
        if (Array.isArray(block.questions) && block.questions.length) {
          body.push(element('h3', { text: 'Think about' }), element('ol', {}, block.questions.map((q) => element('li', { text: q }))));
        }
        body.push(navigation(ctx, { completeFirst: true }));
        break;
      case 'takeaways':
        body.push(element('ul', { className: 'takeaways' }, (block.points || []).map((p) => element('li', {}, prose(ctx, p)))), navigation(ctx, { completeFirst: true }));
        break;
      case 'reflection':
        body.push(reflectionBlock(ctx, block), navigation(ctx));
        break;
      case 'survey':
        body.push(surveyBlock(ctx, { ...block, status }), navigation(ctx));
        break;
      case 'assessment':
        body.push(assessmentBlock(ctx, block));
        break;
      default:
        body.push(scenarioBlock(ctx, block));
    }
  }
  container.replaceChildren(heading, ...body);
  container.dataset.block = block.id;
  container.dataset.type = block.type;
  container.dataset.status = status;
}
