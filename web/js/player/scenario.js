// A scenario block in the HTML player, from the view's current.scenario (docs/scenarios.md): the node's
// text and media, the feedback of the choice just taken, the meters (drawn at the view's positions, never
// by reading numbers), the choices as the view's scenario-choose actions (a disabled one with its reason),
// continue, back and restart as the view offers them, and the ending.
import { element } from '../shell.js';
import { actionControl, takeActions } from './actions.js';
import { missingWord } from './missing-words.js';
import { contentLang, prose } from './content.js';

// One meter: a labelled gauge at the view's position (0…1) with its value as the view words it, and a small
// line chart of its history positions (SVG, decorative; the text alternative lists the values).
function meterWidget(ctx, meter, index) {
  const label = meter.label || meter.variable;
  const id = `meter-${index}`;
  const positions = meter.historyPositions || [];
  const width = 160;
  const height = 40;
  const chart = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  chart.setAttribute('viewBox', `0 0 ${width} ${height}`);
  chart.setAttribute('class', 'meter-chart');
  chart.setAttribute('aria-hidden', 'true');
  chart.setAttribute('focusable', 'false');
  const line = document.createElementNS('http://www.w3.org/2000/svg', 'polyline');
  line.setAttribute('points', positions.map((p, i) => `${positions.length > 1 ? (i * width) / (positions.length - 1) : 0},${height - p * height}`).join(' '));
  line.setAttribute('fill', 'none');
  line.setAttribute('stroke', 'currentColor');
  line.setAttribute('stroke-width', '2');
  chart.append(line);
  const gauge = meter.position === undefined ? null : (() => {
    const fill = element('span', { className: 'meter-fill' });
    fill.style.width = `${meter.position * 100}%`;  // CSSOM: allowed by the CSP
    return element('div', { role: 'meter', 'aria-labelledby': id, 'aria-valuemin': '0', 'aria-valuemax': '100',
      'aria-valuenow': String(Math.round(meter.position * 100)), 'aria-valuetext': meter.valueText, className: 'meter-bar' }, fill);
  })();
  return element('div', { className: 'meter' },
    element('span', { id, className: 'meter-label' }, element('span', { text: label, ...contentLang(ctx.view) }), `: ${meter.valueText}`),
    gauge,
    positions.length > 1 ? chart : null,
    (meter.history || []).length > 1 ? element('p', { className: 'visually-hidden', text: missingWord('scenario-history', { label, values: meter.history.join(', ') }) }) : null);
}

function node(ctx, sc) {
  const shown = sc.node || {};
  // The node's text takes focus when the step changes (main.js), so it is focusable but not in the tab order.
  const stage = element('section', { id: 'scenario-node', className: 'scenario-node', tabindex: '-1', 'aria-labelledby': 'block-heading' });
  if (shown.text || shown.markdown) stage.append(prose(ctx, shown.markdown || shown.text));
  const media = shown.image || shown.media;
  const src = typeof media === 'string' ? media : media?.src;
  if (src) stage.append(element('img', { src: ctx.resolveUrl(src), alt: (typeof media === 'object' && media.alt) || shown.alt || '', ...contentLang(ctx.view) }));
  return stage;
}

function ending(ctx, sc) {
  const end = sc.ending || {};
  const hasScore = sc.score !== null && sc.score !== undefined;
  return element('section', { className: 'result scenario-ending', 'aria-labelledby': 'result-heading' },
    element('h3', { id: 'result-heading', tabindex: '-1', text: end.outcome || end.id || '', ...contentLang(ctx.view) }),
    end.feedback ? prose(ctx, end.feedback) : null,
    hasScore ? element('p', { 'data-result': 'score', text: missingWord('scenario-score', { score: sc.score, max: sc.maxScore ?? '' }) }) : null,
    sc.level ? element('p', { 'data-result': 'level', text: missingWord('scenario-level', { level: sc.level }) }) : null);
}

export function scenarioBlock(ctx, block) {
  const wrap = element('div', { className: 'scenario' });
  const sc = block.scenario;
  if (!sc || sc.error) {
    wrap.append(element('p', { text: missingWord('scenario-error') }));
    return wrap;
  }
  wrap.dataset.node = sc.node?.id || '';
  if (sc.feedback) wrap.append(element('p', { className: 'scenario-feedback', text: sc.feedback, ...contentLang(ctx.view) }));
  wrap.append(node(ctx, sc));
  if (Array.isArray(sc.meters) && sc.meters.length) {
    wrap.append(element('div', { className: 'meters', role: 'group', 'aria-label': missingWord('scenario-meters') }, sc.meters.map((m, i) => meterWidget(ctx, m, i))));
  }
  if (sc.ended) wrap.append(ending(ctx, sc));
  const choices = takeActions(ctx, (a) => a.type === 'scenario-choose' && a.block === block.id);
  if (choices.length) {
    // A choice's label is the course's text.
    wrap.append(element('ul', { className: 'scenario-choices' }, choices.map((action) => element('li', {},
      actionControl(ctx, action, contentLang(ctx.view))))));
  }
  const steps = takeActions(ctx, (a) => a.block === block.id && ['scenario-continue', 'scenario-back', 'scenario-restart'].includes(a.type));
  if (steps.length) wrap.append(element('div', { className: 'block-nav scenario-steps' }, steps.map((action) => actionControl(ctx, action))));
  return wrap;
}
