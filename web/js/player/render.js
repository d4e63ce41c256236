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

// ctx: { view, act(action), markdown(text) → html, resolveUrl(path), sizes, lowBandwidth, answersOf(block, attempt),
//        savedReflection(block), ui: {itemIndex}, readOnly }
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
  textarea.value = ctx.savedReflection(block.id);
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
  if (info.passMark) facts.push(`Pass mark: ${Math.round(Number(eval0(info.passMark)) * 100)}%.`);
  if (info.attemptsLeft !== undefined) facts.push(`Attempts left: ${info.attemptsLeft}.`);
  if (attempt && !attempt.submitted) {
    const items = attempt.items;
    const answers = ctx.answersOf(block.id, attempt.number);
    const index = Math.min(ctx.ui.itemIndex ?? firstUnanswered(items, answers), items.length);
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
    const save = element('button', { type: 'submit', className: 'primary', 'data-action': 'save-answer', text: index === items.length - 1 ? 'Save and review' : 'Save and next' });
    const back = index > 0 ? element('button', { type: 'button', className: 'secondary', text: 'Previous question', onclick: () => ctx.setItem(index - 1) }) : null;
    const form = element('form', { className: 'item-form', 'data-item-index': String(index) },
      element('h3', { id: 'item-heading', tabindex: '-1', text: `Question ${index + 1} of ${items.length}` }),
      widget.element, element('div', { className: 'block-nav' }, back, save));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const action = { type: 'answer', block: block.id, item: item.id, answer: widget.read() };
      const certainty = widget.certainty?.();
      if (certainty !== undefined) action.certainty = certainty;
      if (await ctx.act(action, { itemIndex: index + 1, quiet: true })) announce('Answer saved.');
    });
    ctx.focusWidget = widget;
    wrap.append(element('p', { text: facts.join(' ') }), form);
    return wrap;
  }
  wrap.append(element('p', { text: facts.join(' ') }));
  const attempts = view.attempts?.[block.id] || [];
  if (attempts.length) {
    const last = attempts[attempts.length - 1];
    wrap.append(element('section', { className: `result ${last.passed ? 'passed' : 'failed'}`, 'aria-labelledby': 'result-heading' },
      element('h3', { id: 'result-heading', tabindex: '-1', text: last.passed ? 'You passed' : (info.kind === 'summative' ? 'Not passed yet' : 'Your result') }),
      element('p', { 'data-result': 'score', text: `Attempt ${last.attempt}: ${last.score} of ${last.max} points${info.kind === 'summative' || info.passMark ? (last.passed ? ', passed.' : ', not passed.') : '.'}` }),
      itemFeedback(ctx, block, attempt),
      attempts.length > 1 ? element('ul', {}, attempts.map((a) => element('li', { text: `Attempt ${a.attempt}: ${attemptSummary(a)}` }))) : null));
  }
  const bar = element('div', { className: 'block-nav' });
  if (has(view, 'start-attempt')) {
    bar.append(element('button', {
      type: 'button', className: attempts.length ? 'secondary' : 'primary', 'data-action': 'start-attempt',
      text: attempts.length ? 'Try again' : 'Start', onclick: () => ctx.act({ type: 'start-attempt', block: block.id }, { itemIndex: 0 }),
    }));
  }
  wrap.append(bar, navigation(ctx));
  return wrap;
}

// What the runtime says about each item of the latest attempt: right or not and the author's feedback for
// practice checks; for graded checks only which questions were answered (their answers stay unrevealed).
function itemFeedback(ctx, block, attempt) {
  const result = ctx.attemptFeedback(block.id);
  if (!result?.items?.length || !attempt) return null;
  const prompts = Object.fromEntries(attempt.items.map((item, i) => [item.id, `Question ${i + 1}`]));
  const rows = result.items.map((entry) => {
    let verdict;
    if (!entry.answered) verdict = 'not answered';
    else if (result.kind === 'summative') verdict = 'answered';
    else if (entry.scored === false) verdict = 'thank you for your answer';
    else verdict = entry.correct ? 'right' : 'not quite right';
    return element('li', { 'data-item': entry.item, 'data-correct': entry.correct === undefined ? undefined : String(entry.correct) },
      element('strong', { text: `${prompts[entry.item] || entry.item}: ` }), verdict,
      ...(entry.feedback || []).map((text) => element('p', { className: 'item-feedback', text })));
  });
  return element('ol', { className: 'item-results', 'aria-label': 'Your answers' }, rows);
}

// Pass marks come as exact fractions ("4/5") or decimals: read for display only.
function eval0(text) {
  const [n, d] = String(text).split('/');
  return d ? Number(n) / Number(d) : Number(n);
}

function firstUnanswered(items, answers) {
  const i = items.findIndex((item) => !answers[item.id]);
  return i === -1 ? items.length : i;
}

// Scenario blocks: the fields the scenario engine puts in the view, shown generically — any text or
// Markdown, any choices, and a button for every action the view allows on this block that the player has
// no dedicated control for.
function scenarioBlock(ctx, block) {
  const wrap = element('div', { className: 'scenario' });
  const node = block.node || block.scenarioView || block.state || null;
  const source = node && typeof node === 'object' ? node : block;
  for (const key of ['markdown', 'text', 'situation', 'narrative']) {
    if (typeof source[key] === 'string') wrap.append(prose(ctx, source[key]));
  }
  const known = new Set(['open', 'complete', 'reflect', 'submit-survey', 'start-attempt', 'answer', 'submit-attempt']);
  const choices = Array.isArray(source.choices) ? source.choices : [];
  const custom = (ctx.view.actions || []).filter((a) => a.block === block.id && !known.has(a.type));
  if (choices.length && custom.length) {
    const action = custom[0];
    wrap.append(element('ul', { className: 'scenario-choices' }, choices.map((choice) => element('li', {},
      element('button', { type: 'button', className: 'secondary', text: choice.text || choice.label || choice.id,
        onclick: () => ctx.act({ ...action, choice: choice.id }) })))));
  } else {
    for (const action of custom) {
      wrap.append(element('button', { type: 'button', className: 'secondary', text: action.label || action.type.replace(/-/g, ' '), onclick: () => ctx.act({ ...action }) }));
    }
  }
  if (!wrap.childElementCount) {
    wrap.append(element('p', { text: 'This scenario cannot be played in this version of the player yet.' }));
  }
  wrap.append(navigation(ctx));
  return wrap;
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
        body.push(element('ul', { className: 'takeaways' }, (block.points || []).map((p) => element('li', { text: p }))), navigation(ctx, { completeFirst: true }));
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
