// The design system's page (design.html): the colour, type, spacing and radius tokens listed from the stylesheet's
// own custom properties (so the page shows the values in use, in the theme in use), and the sample table labelled
// for its phone layout (docs/design.md).
import { element } from '../shell.js';
import { loadPageWords, say } from '../words.js';
import { labelCells } from '../tables.js';

// The custom properties the token block defines on :root, in the order it writes them.
function tokenNames() {
  const names = new Set();
  for (const sheet of document.styleSheets) {
    for (const rule of sheet.cssRules) {
      if (rule.selectorText !== ':root') continue;
      for (const property of rule.style) if (property.startsWith('--')) names.add(property);
    }
  }
  return [...names];
}

const valueOf = (name) => getComputedStyle(document.documentElement).getPropertyValue(name).trim();
const label = (name) => element('code', { text: `${name}: ${valueOf(name)}` });

function swatch(name) {
  const chip = element('span', { className: 'swatch-chip', 'aria-hidden': 'true' });
  chip.style.background = `var(${name})`;  // CSSOM: allowed by the CSP
  return element('li', { className: 'swatch' }, chip, label(name));
}

function typeSample(name) {
  const sample = element('span', { className: 'type-sample', text: say('page.design.type-sample') });
  sample.style.fontSize = `var(${name})`;
  return element('li', {}, sample, ' ', label(name));
}

// A spacing step as a bar that long; a radius as a square with those corners.
function spaceSample(name) {
  const radius = name.startsWith('--radius-');
  const sample = element('span', { className: radius ? 'radius-sample' : 'space-bar', 'aria-hidden': 'true' });
  if (radius) sample.style.borderRadius = `var(${name})`;
  else sample.style.inlineSize = `var(${name})`;
  return element('li', { className: 'space-sample' }, sample, label(name));
}

function show() {
  const names = tokenNames();
  const sized = (prefix) => names.filter((name) => name.startsWith(prefix));
  const colours = names.filter((name) => !/^--(type|space|radius|line-height)-/.test(name));
  document.getElementById('swatches').replaceChildren(...colours.map(swatch));
  document.getElementById('type-scale').replaceChildren(...sized('--type-').map(typeSample));
  document.getElementById('space-scale').replaceChildren(...[...sized('--space-'), ...sized('--radius-')].map(spaceSample));
  for (const fill of document.querySelectorAll('[data-fill] .meter-fill')) fill.style.inlineSize = `${fill.parentElement.dataset.fill}%`;
  labelCells(document.getElementById('sample-table'));
  document.body.dataset.ready = 'true';
}

loadPageWords().then(show);
