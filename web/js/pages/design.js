// The design system's page (design.html): the colour, type, spacing and radius tokens listed from the stylesheet's
// own custom properties (so the page shows the values in use, in the theme in use), the sizes in a table that
// reflows on a phone (docs/design.md).
import { element } from '../shell.js';
import { loadPageWords } from '../words.js';
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

function swatch(name) {
  const chip = element('span', { className: 'swatch-chip', 'aria-hidden': 'true' });
  chip.style.background = `var(${name})`;  // CSSOM: allowed by the CSP
  return element('li', { className: 'swatch' }, chip, element('code', { text: `${name}: ${valueOf(name)}` }));
}

// A size token's row: its name, and its value drawn at that size (type), as a bar that long (spacing) or as a
// square with those corners (radius).
function sizeRow(name) {
  const value = element('span', { text: valueOf(name) });
  if (name.startsWith('--type-')) value.style.fontSize = `var(${name})`;
  const sample = name.startsWith('--type-') ? null : element('span', { className: name.startsWith('--radius-') ? 'radius-sample' : 'space-bar', 'aria-hidden': 'true' });
  if (sample && name.startsWith('--radius-')) sample.style.borderRadius = `var(${name})`;
  else if (sample) sample.style.inlineSize = `var(${name})`;
  return element('tr', {}, element('th', { scope: 'row' }, element('code', { text: name })),
    element('td', {}, element('span', { className: 'size-sample' }, sample, value)));
}

function show() {
  const names = tokenNames();
  const sizes = names.filter((name) => /^--(type|space|radius)-/.test(name));
  const colours = names.filter((name) => !/^--(type|space|radius|line-height)-/.test(name));
  document.getElementById('swatches').replaceChildren(...colours.map(swatch));
  const table = document.getElementById('sizes');
  table.tBodies[0].replaceChildren(...sizes.map(sizeRow));
  labelCells(table);
  for (const fill of document.querySelectorAll('[data-fill] .meter-fill')) fill.style.inlineSize = `${fill.parentElement.dataset.fill}%`;
  document.body.dataset.ready = 'true';
}

loadPageWords().then(show);
