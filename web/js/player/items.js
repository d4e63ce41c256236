// Assessment item widgets for the HTML player: one per item type of docs/scoring.md, each operable by
// keyboard alone. A widget is { element, read() → answer in the type's shape (or null), focus() }. The
// item's own text is marked with the content's language and direction (env.lang, env.dir); the words
// around it are the interface's (env.words, the view's `words`).
// Dragging has keyboard alternatives: ordering by Move up / Move down buttons, matching by selects, and
// hotspots by arrow keys moving a visible point over the image (never a list of regions, which would
// give the answer away).
import { element, announce } from '../shell.js';
import { missingWord } from './missing-words.js';

let uid = 0;
const nextId = (prefix) => `${prefix}-${++uid}`;

function choiceGroup(item, type, previous, options, content = {}) {
  const name = nextId(`item-${item.id}`);
  const inputs = [];
  const list = element('div', { className: 'choices' });
  for (const option of options) {
    const id = nextId('choice');
    const checked = type === 'radio' ? previous === option.value
      : Array.isArray(previous) && previous.includes(option.value);
    const input = element('input', { type, id, name, value: String(option.value), checked });
    input.dataset.value = JSON.stringify(option.value);
    inputs.push(input);
    list.append(element('div', { className: 'choice' }, input, element('label', { for: id, text: option.text, ...content })));
  }
  return { list, inputs };
}

function fieldset(item, env, ...children) {
  return element('fieldset', { className: 'item', 'data-item': item.id, 'data-type': item.type },
    element('legend', { className: 'item-prompt', text: item.prompt || '', lang: env.lang, dir: env.dir }), ...children);
}

function choiceWidget(item, previous, kind, env) {
  let options;
  let content = { lang: env.lang, dir: env.dir };
  if (item.type === 'true-false') {
    options = [{ value: true, text: missingWord('true') }, { value: false, text: missingWord('false') }];
    content = {};  // the interface's words, not the course's
  } else if (item.type === 'likert') options = (item.scale || []).map((s) => ({ value: s.id, text: s.text }));
  else options = (item.choices || []).map((c) => ({ value: c.id, text: c.text }));
  const { list, inputs } = choiceGroup(item, kind, previous, options, content);
  const root = fieldset(item, env, list);
  return {
    element: root,
    read() {
      const picked = inputs.filter((input) => input.checked).map((input) => JSON.parse(input.dataset.value));
      return kind === 'checkbox' ? picked : (picked.length ? picked[0] : null);
    },
    focus() { (inputs.find((i) => i.checked) || inputs[0])?.focus(); },
  };
}

function textWidget(item, previous, env, { multiline = false, unit = null } = {}) {
  const id = nextId('text');
  const input = multiline
    ? element('textarea', { id, rows: 5, maxlength: item.maxLength || undefined })
    : element('input', { id, type: 'text', inputmode: item.type === 'numeric' ? 'decimal' : undefined, autocomplete: 'off', spellcheck: item.type === 'numeric' ? 'false' : undefined });
  input.value = typeof previous === 'string' ? previous : '';
  const root = fieldset(item, env, element('label', { for: id, className: 'visually-hidden', text: env.words['ui.your-answer'] }), input,
    unit ? element('span', { className: 'unit', text: ` ${unit}`, lang: env.lang, dir: env.dir }) : null,
    unit ? element('p', { className: 'hint', text: missingWord('unit-help', { unit }) }) : null);
  return {
    element: root,
    read() { return input.value.trim() === '' ? null : input.value; },
    focus() { input.focus(); },
  };
}

function gapsWidget(item, previous, env) {
  const inputs = (item.gaps || []).map((gap, i) => {
    const id = nextId('gap');
    const input = element('input', { id, type: 'text', autocomplete: 'off' });
    input.value = Array.isArray(previous) && typeof previous[i] === 'string' ? previous[i] : '';
    const authored = gap.label || gap.prompt;
    return { input, label: element('label', authored ? { for: id, text: authored, lang: env.lang, dir: env.dir } : { for: id, text: missingWord('blank', { number: i + 1 }) }) };
  });
  const root = fieldset(item, env, ...inputs.map(({ input, label }) => element('div', { className: 'gap' }, label, input)));
  return {
    element: root,
    read() { return inputs.map(({ input }) => (input.value.trim() === '' ? null : input.value)); },
    focus() { inputs[0]?.input.focus(); },
  };
}

function orderingWidget(item, previous, env) {
  const options = item.options || [];
  let order = Array.isArray(previous) && previous.length === options.length ? [...previous] : options.map((o) => o.id);
  const textOf = Object.fromEntries(options.map((o) => [o.id, o.text]));
  const list = element('ol', { className: 'ordering' });
  const draw = (focusId, direction) => {
    list.replaceChildren(...order.map((id, index) => {
      // The visible words start the accessible name (WCAG 2.5.3); the item's text follows, hidden.
      const up = element('button', { type: 'button', className: 'small', 'data-move': 'up', 'data-option': id, disabled: index === 0 },
        missingWord('move-up'), element('span', { className: 'visually-hidden', text: `: ${textOf[id]}`, lang: env.lang, dir: env.dir }));
      const down = element('button', { type: 'button', className: 'small', 'data-move': 'down', 'data-option': id, disabled: index === order.length - 1 },
        missingWord('move-down'), element('span', { className: 'visually-hidden', text: `: ${textOf[id]}`, lang: env.lang, dir: env.dir }));
      up.addEventListener('click', () => move(index, -1));
      down.addEventListener('click', () => move(index, 1));
      const li = element('li', { 'data-option': id }, element('span', { className: 'ordering-text', text: textOf[id], lang: env.lang, dir: env.dir }),
        element('span', { className: 'ordering-buttons' }, up, down));
      if (id === focusId) queueMicrotask(() => {
        const target = (direction < 0 ? up : down);
        (target.disabled ? (direction < 0 ? down : up) : target).focus();
      });
      return li;
    }));
  };
  const move = (index, delta) => {
    const to = index + delta;
    if (to < 0 || to >= order.length) return;
    const id = order[index];
    order.splice(index, 1);
    order.splice(to, 0, id);
    draw(id, delta);
    announce(missingWord('moved', { text: textOf[id], place: to + 1, count: order.length }));
  };
  draw();
  const root = fieldset(item, env, element('p', { className: 'hint', text: missingWord('ordering-help') }), list);
  return {
    element: root,
    read() { return [...order]; },
    focus() { list.querySelector('button:not([disabled])')?.focus(); },
  };
}

function matchingWidget(item, previous, env) {
  const selects = (item.premises || []).map((premise) => {
    const id = nextId('match');
    const select = element('select', { id, 'data-premise': premise.id },
      element('option', { value: '', text: missingWord('choose') }),
      ...(item.targets || []).map((target) => element('option', { value: target.id, text: target.text, lang: env.lang, dir: env.dir })));
    if (previous && typeof previous === 'object' && typeof previous[premise.id] === 'string') select.value = previous[premise.id];
    return { premise, select, label: element('label', { for: id, text: premise.text, lang: env.lang, dir: env.dir }) };
  });
  const root = fieldset(item, env, ...selects.map(({ select, label }) => element('div', { className: 'match' }, label, select)));
  return {
    element: root,
    read() {
      const answer = {};
      for (const { premise, select } of selects) answer[premise.id] = select.value || null;
      return answer;
    },
    focus() { selects[0]?.select.focus(); },
  };
}

// A point on an image in image pixels. Arrow keys move it by 1% of the image (Shift: 10%), a click or
// tap puts it where the pointer is; the point's position is spoken as coordinates only.
function hotspotWidget(item, previous, env) {
  const image = typeof item.image === 'string' ? { src: item.image } : (item.image || {});
  const img = element('img', { src: image.src ? env.resolveUrl(image.src) : '', alt: image.alt || '', draggable: 'false', lang: env.lang, dir: env.dir });
  const marker = element('span', { className: 'hotspot-marker', 'aria-hidden': 'true', hidden: true });
  const position = element('p', { className: 'hotspot-position', 'aria-live': 'polite', text: missingWord('hotspot-none') });
  const describedBy = nextId('hotspot-help');
  const surface = element('div', {
    className: 'hotspot', tabindex: '0', role: 'application',
    'aria-label': missingWord('hotspot-keys', { alt: image.alt || missingWord('image') }),
    'aria-describedby': describedBy,
  }, img, marker);
  let point = previous && typeof previous === 'object' && previous.x !== undefined ? { x: Number(previous.x), y: Number(previous.y) } : null;
  const size = () => ({
    width: Number(image.width) || img.naturalWidth || img.width || 100,
    height: Number(image.height) || img.naturalHeight || img.height || 100,
  });
  const draw = () => {
    if (!point) return;
    const { width, height } = size();
    marker.hidden = false;
    marker.style.left = `${(point.x / width) * 100}%`;
    marker.style.top = `${(point.y / height) * 100}%`;
    position.textContent = missingWord('hotspot-point', { x: Math.round(point.x), y: Math.round(point.y), width, height });
  };
  img.addEventListener('load', draw);
  surface.addEventListener('keydown', (event) => {
    const steps = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
    const step = steps[event.key];
    if (!step) return;
    event.preventDefault();
    const { width, height } = size();
    if (!point) point = { x: Math.round(width / 2), y: Math.round(height / 2) };
    const factor = event.shiftKey ? 0.1 : 0.01;
    point = {
      x: Math.min(width, Math.max(0, Math.round(point.x + step[0] * Math.max(1, width * factor)))),
      y: Math.min(height, Math.max(0, Math.round(point.y + step[1] * Math.max(1, height * factor)))),
    };
    draw();
  });
  surface.addEventListener('click', (event) => {
    const rect = img.getBoundingClientRect();
    const { width, height } = size();
    point = {
      x: Math.round(((event.clientX - rect.left) / rect.width) * width),
      y: Math.round(((event.clientY - rect.top) / rect.height) * height),
    };
    draw();
  });
  draw();
  const root = fieldset(item, env,
    element('p', { id: describedBy, className: 'hint', text: missingWord('hotspot-help') }),
    surface, position);
  return {
    element: root,
    read() { return point ? { x: point.x, y: point.y } : null; },
    focus() { surface.focus(); },
  };
}

// A widget for `item` (as the view shows it); previousResponse = the stored response ({answer, certainty}) or
// undefined; env = { resolveUrl, words (the view's), lang, dir (the content's) }. Certainty levels come
// from the view's item.certaintyChoices.
export function itemWidget(item, previousResponse, env) {
  const previous = previousResponse?.answer;
  let widget;
  switch (item.type) {
    case 'single-choice': case 'true-false': case 'likert': widget = choiceWidget(item, previous, 'radio', env); break;
    case 'multiple-response': widget = choiceWidget(item, previous, 'checkbox', env); break;
    case 'numeric': widget = textWidget(item, previous, env, { unit: item.unit || null }); break;
    case 'short-text': widget = textWidget(item, previous, env); break;
    case 'free-text': case 'reflection': widget = textWidget(item, previous, env, { multiline: true }); break;
    case 'fill-blanks': widget = gapsWidget(item, previous, env); break;
    case 'ordering': widget = orderingWidget(item, previous, env); break;
    case 'matching': widget = matchingWidget(item, previous, env); break;
    case 'hotspot': widget = hotspotWidget(item, previous, env); break;
    default:
      widget = textWidget(item, typeof previous === 'string' ? previous : undefined, env, { multiline: true });
  }
  const levels = item.certaintyChoices || [];
  if (levels.length) {
    const { list, inputs } = choiceGroup({ id: `${item.id}-certainty` }, 'radio', previousResponse?.certainty,
      levels.map((level) => ({ value: level.value, text: level.label })));
    widget.element.append(element('fieldset', { className: 'certainty' }, element('legend', { text: env.words['certainty.label'] }), list));
    widget.certainty = () => {
      const picked = inputs.find((input) => input.checked);
      return picked ? JSON.parse(picked.dataset.value) : undefined;
    };
  }
  return widget;
}
