// Renders the session's view model as semantic HTML: the outline, the current block and the results.
// The buttons that change the course are exactly the view's actions (actions.js), with its labels,
// primary styling, enabled states and reasons; every word is the view's (its `words` — read by widgets
// through words.js —, labels, statuses and result texts). Content (the course's text) is marked with
// the content's language and direction, the rest is in the interface's (the page's).
import { element, formatBytes } from '../shell.js';
import { actionControl, actionButton, reasonElement, takeActions, deadlinesPanel } from './actions.js';
import { assessmentBlock } from './assessment.js';
import { scenarioBlock } from './scenario.js';
import { say, word } from '../words.js';
import { contentLang, prose } from './content.js';

// ctx: { view, act(action, options), now(), markdown(text) → html, resolveUrl(path), sizes, lowBandwidth,
//        ui: {itemIndex, hintsShown}, pending (the actions of the screen not drawn yet) }
export function renderOutline(container, ctx) {
  const { view } = ctx;
  const content = contentLang(view);
  const items = view.modules.map((module) => {
    // A reason shared by several blocks (a locked module) is said once, and each button points to it.
    const reasons = new Map();
    const blocks = module.blocks.map((block) => {
      let describedBy;
      if (block.action.enabled === false) {
        if (!reasons.has(block.action.reason)) {
          const reason = reasonElement(block.action, ctx.now());
          reasons.set(block.action.reason, reason);
        }
        describedBy = reasons.get(block.action.reason).id;
      }
      const button = actionButton(ctx, block.action, { describedBy });
      button.className = 'outline-block';
      button.dataset.status = block.status;
      if (block.id === view.current?.id) button.setAttribute('aria-current', 'step');
      button.replaceChildren(element('span', { className: 'action-label', text: block.action.label }),
        element('span', { className: 'visually-hidden', text: `, ${block.statusText}` }),
        element('span', { className: 'status-dot', 'aria-hidden': 'true' }));
      return element('li', {}, button);
    });
    return element('li', { className: 'outline-module', 'data-status': module.status, 'data-module': module.id },
      element('h3', { id: `outline-module-${module.id}`, tabindex: '-1' }, element('span', { text: module.title, ...content }),
        element('span', { className: 'module-status', text: ` (${module.statusText})` })),
      reasons.size ? element('p', { className: 'hint' }, [...reasons.values()]) : null,
      element('ol', {}, blocks));
  });
  const progress = view.progress;
  outlineToggle(container, view);
  container.replaceChildren(
    element('h2', { id: 'outline-heading', text: view.words['ui.outline'] }),
    element('p', { className: 'progress-text', text: progress.percentText }),
    element('progress', { max: '100', value: String(progress.percent), 'aria-label': view.words['ui.progress'], 'aria-valuetext': progress.text }),
    element('p', { className: 'hint progress-steps', text: progress.text }),
    element('ol', { className: 'outline-modules' }, items),
  );
}

// On a phone the outline is folded behind one button (the page's [aria-controls=outline]; CSS shows it only on
// narrow screens) that names it and says the progress, so the current block is what the learner sees first.
// Choosing a block or Escape folds it again.
function outlineToggle(outline, view) {
  const toggle = document.querySelector(`[aria-controls="${outline.id}"]`);
  if (!toggle) return;
  toggle.replaceChildren(element('span', { className: 'outline-toggle-label', text: view.words['ui.outline'] }),
    element('span', { className: 'outline-toggle-progress', text: view.progress.text }));
  if (toggle.dataset.wired) return;
  toggle.dataset.wired = 'true';
  toggle.hidden = false;
  const fold = (open) => toggle.setAttribute('aria-expanded', String(open));
  fold(false);
  toggle.addEventListener('click', () => fold(toggle.getAttribute('aria-expanded') !== 'true'));
  outline.addEventListener('click', (event) => {
    if (event.target.closest('.outline-block')) fold(false);
  });
  outline.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape' || toggle.getAttribute('aria-expanded') !== 'true') return;
    fold(false);
    toggle.focus();
  });
}

// The welcome of a first open (the view's `welcome`): how the course works, under the first block's heading (so
// the block's heading stays on a phone's first screen) and above its Start.
function welcomePanel(view) {
  const welcome = view.welcome;
  if (!welcome) return null;
  return element('section', { className: 'welcome', 'aria-labelledby': 'welcome-heading' },
    element('h2', { id: 'welcome-heading', text: welcome.heading }),
    element('ul', { className: 'welcome-facts' }, welcome.lines.map((line) => element('li', { text: line }))));
}

// The screen's actions no other part drew (Previous first, then in the view's order), each with its
// reason when it is disabled.
export function navBar(ctx) {
  const rest = takeActions(ctx, () => true);
  const previous = rest.filter((a) => a.type === 'open' && a.block === ctx.view.previous);
  const ordered = [...previous, ...rest.filter((a) => !previous.includes(a))];
  if (!ordered.length) return null;
  return element('div', { className: 'block-nav' }, ordered.map((action) => actionControl(ctx, action)));
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
      media.append(element('track', { kind: 'captions', src: ctx.resolveUrl(block.captions), srclang: ctx.view.language, label: word('captions'), default: true }));
    }
    return media;
  };
  if (lowBandwidth) {
    const size = ctx.sizes[src];
    const button = element('button', {
      type: 'button', className: 'secondary', 'data-load-media': 'true',
      text: word(kind === 'audio' || src !== block.src ? 'load-audio' : 'load-video', { size: formatBytes(size) }),
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
    const body = element('div', { className: 'transcript-body', text: word('transcript-loading') });
    const details = element('details', { className: 'transcript' }, element('summary', { text: word('transcript') }), body);
    details.addEventListener('toggle', async () => {
      if (!details.open || body.dataset.loaded) return;
      try {
        const response = await fetch(ctx.resolveUrl(block.transcript));
        if (!response.ok) throw new Error(String(response.status));
        body.replaceChildren(prose(ctx, await response.text()));
        body.dataset.loaded = 'true';
      } catch {
        body.textContent = word('transcript-failed');
      }
    }, { once: false });
    figure.append(details);
  }
  return figure;
}

// The reflection's text box; the view's reflect action (Save my reflection, or Save changes once saved)
// sends what is in it. What was saved comes back in the view (current.saved).
function reflectionBlock(ctx, block) {
  const id = 'reflection-text';
  const textarea = element('textarea', { id, rows: 6, ...contentLang(ctx.view) });
  textarea.value = block.saved?.text ?? '';
  const saves = takeActions(ctx, (a) => a.type === 'reflect' && a.block === block.id);
  return element('div', {},
    element('label', { for: id, className: 'prompt', ...(block.prompt ? { text: block.prompt, ...contentLang(ctx.view) } : { text: word('reflection-prompt') }) }),
    element('p', { className: 'hint', text: ctx.ownWordsSent ? say('page.player.reflection-sent') : word('reflection-private') }),
    textarea,
    saves.length ? element('div', { className: 'block-nav' }, saves.map((action) => actionControl(ctx, action, {
      input: () => ({ text: textarea.value }), options: { quiet: true, saved: true },
    }))) : null);
}

function surveyBlock(ctx, block) {
  const content = contentLang(ctx.view);
  const [send] = takeActions(ctx, (a) => a.type === 'submit-survey' && a.block === block.id);
  if (!send) {
    return element('div', {}, block.saved ? element('p', { className: 'survey-saved', text: ctx.view.words['ui.saved'] }) : null);
  }
  const readers = [];
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
        const end = p === 1 ? item.lowLabel : p === points ? item.highLabel : null;
        options.push(element('span', { className: 'likert-option' }, input,
          element('label', { for: id }, String(p), end ? element('span', { text: ` (${end})`, ...content }) : null)));
      }
      readers.push(() => {
        const picked = inputs.find((i) => i.checked);
        return picked ? [item.id, Number(picked.value)] : null;
      });
      return element('fieldset', { className: 'likert' }, element('legend', { text: item.prompt, ...content }), ...options);
    }
    const id = `survey-${item.id}`;
    const textarea = element('textarea', { id, rows: 3, ...content });
    readers.push(() => (textarea.value.trim() ? [item.id, textarea.value] : null));
    return element('div', {}, element('label', { for: id, text: item.prompt, ...content }), textarea);
  });
  const answers = () => ({ answers: Object.fromEntries(readers.map((read) => read()).filter(Boolean)) });
  return element('div', {},
    element('p', { className: 'hint', text: word('survey-optional') }),
    element('form', { className: 'survey', onsubmit: (e) => e.preventDefault() }, fields,
      element('div', { className: 'block-nav' }, actionControl(ctx, send, { input: answers, options: { quiet: true, saved: true } }))));
}

// The results panel: mastery per competency as the runtime words it.
export function renderResults(container, ctx) {
  const { view } = ctx;
  const mastery = view.mastery || {};
  const ids = Object.keys(mastery);
  if (!ids.length || !(view.complete || ids.some((k) => mastery[k].assessed))) {
    container.replaceChildren();
    container.hidden = true;
    return;
  }
  container.hidden = false;
  container.replaceChildren(
    element('h2', { id: 'results-heading', tabindex: '-1', text: view.words['ui.results'] }),
    element('ul', { className: 'mastery' }, ids.map((key) => element('li', { 'data-competency': key, 'data-mastered': String(Boolean(mastery[key].mastered)) },
      element('strong', { text: mastery[key].name, ...contentLang(view) }), ': ', mastery[key].text))));
}

function blockBody(ctx, block) {
  switch (block.type) {
    case 'text':
      return [prose(ctx, block.markdown)];
    case 'image':
      return [element('figure', { className: 'image' },
        element('img', { src: ctx.resolveUrl(block.src), alt: block.decorative ? '' : (block.alt || ''), loading: 'lazy', ...contentLang(ctx.view) }),
        block.caption ? element('figcaption', { text: block.caption, ...contentLang(ctx.view) }) : null)];
    case 'video': case 'audio':
      return [mediaBlock(ctx, block)];
    case 'case-study':
      return [prose(ctx, block.markdown), Array.isArray(block.questions) && block.questions.length
        ? element('section', { className: 'case-questions' }, element('h3', { text: word('think-about') }),
          element('ol', contentLang(ctx.view), block.questions.map((q) => element('li', { text: q })))) : null];
    case 'takeaways':
      return [element('ul', { className: 'takeaways' }, (block.points || []).map((p) => element('li', {}, prose(ctx, p))))];
    case 'reflection':
      return [reflectionBlock(ctx, block)];
    case 'survey':
      return [surveyBlock(ctx, block)];
    case 'assessment':
      return [assessmentBlock(ctx, block)];
    case 'scenario':
      return [scenarioBlock(ctx, block)];
    default:
      return [block.markdown ? prose(ctx, block.markdown) : null];
  }
}

export function renderBlock(container, ctx) {
  const { view } = ctx;
  const block = view.current;
  ctx.pending = [...(view.actions || [])];
  if (!block) {
    container.replaceChildren(element('h2', { id: 'block-heading', tabindex: '-1', text: word('no-content') }), navBar(ctx) || '');
    return;
  }
  const status = view.modules.flatMap((m) => m.blocks).find((b) => b.id === block.id)?.status;
  // An untitled block is named by its type ("Reading"); a titled one shows its type above the title.
  const heading = block.title
    ? element('h2', { id: 'block-heading', tabindex: '-1', text: block.title, ...contentLang(view) })
    : element('h2', { id: 'block-heading', tabindex: '-1', text: block.typeName });
  const body = status === 'new' ? [] : blockBody(ctx, block);
  container.replaceChildren(...[block.title ? element('p', { className: 'block-type', text: block.typeName }) : null, heading, welcomePanel(view),
    deadlinesPanel(ctx), ...body, navBar(ctx)].filter(Boolean));
  container.dataset.block = block.id;
  container.dataset.type = block.type;
  container.dataset.status = status;
}
