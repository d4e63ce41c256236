// The design tokens (web/design/tokens.json, docs/design.md): WCAG 2.2 contrast for every text and UI pair in
// every theme, with the formula checked against hand-worked answers; the stylesheet block and the canvas player's
// header written from them hold exactly the tokens' values; and the canvas theme takes its colours from that header.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { contrastRatio, contrastRows, readTokens, relativeLuminance, THEMES } from '../../cmake/design-tokens.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const TOKENS_FILE = join(ROOT, 'web/design/tokens.json');
const SCRIPT = join(ROOT, 'cmake/design-tokens.mjs');
const tokens = readTokens(TOKENS_FILE);

function withTemp(run) {
  const dir = mkdtempSync(join(tmpdir(), 'tessera-tokens-'));
  try {
    return run(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const generate = (...args) => spawnSync(process.execPath, [SCRIPT, ...args], { encoding: 'utf8' });

test('contrast ratios follow WCAG 2.2, checked against answers worked by hand', () => {
  // Black on white: L = 0 and 1, (1 + 0.05) / (0 + 0.05) = 21 exactly.
  assert.equal(contrastRatio('#000000', '#ffffff'), 21);
  // #767676 on white, by hand: 118/255 = 0.462745; ((0.462745 + 0.055) / 1.055)^2.4 = 0.490753^2.4 = 0.181164
  // (ln 0.490753 = -0.711814, × 2.4 = -1.708353, e^ = 0.181164); L = 0.181164 (grey: the weights sum to 1);
  // ratio = 1.05 / (0.181164 + 0.05) = 4.5423, WebAIM's 4.54:1, the lightest grey that passes AA on white.
  assert.ok(Math.abs(relativeLuminance('#767676') - 0.181164) < 1e-5, String(relativeLuminance('#767676')));
  assert.ok(Math.abs(contrastRatio('#767676', '#ffffff') - 4.5423) < 1e-3);
  // One step lighter fails: #777777, 119/255 = 0.466667 → L = 0.184475, ratio 1.05 / 0.234475 = 4.478.
  assert.ok(Math.abs(contrastRatio('#ffffff', '#777777') - 4.478) < 1e-3, 'the order of the two colours does not matter');
  // A channel at or below 0.04045 is linear (c / 12.92): #0a0a0a, 10/255 = 0.039216 → L = 0.0030353.
  assert.ok(Math.abs(relativeLuminance('#0a0a0a') - 0.0030353) < 1e-6);
});

test('every text and UI colour pair meets WCAG AA in every theme: 4.5:1 for text, 3:1 for large text and UI', () => {
  const rows = contrastRows(tokens);
  assert.ok(rows.length >= 3 * 20, `${rows.length} pairs checked`);
  assert.deepEqual(new Set(rows.map((row) => row.theme)), new Set(THEMES));
  const failing = rows.filter((row) => row.ratio < row.min)
    .map((row) => `${row.theme}: ${row.text} on ${row.on} is ${row.ratio.toFixed(2)}:1, needs ${row.min}:1 (${row.use})`);
  assert.deepEqual(failing, []);
  // Body text is checked on every background colour a page or the canvas player puts it on.
  const bodyText = tokens.contrast.find((pair) => pair.text === 'text' && pair.min === 4.5);
  for (const background of ['bg', 'surface', 'surface-alt', 'code-bg']) assert.ok(bodyText.on.includes(background), background);
  // High contrast is higher than light for body text (WCAG AAA's 7:1 at least).
  for (const on of ['bg', 'surface']) assert.ok(contrastRatio(tokens.colour['high-contrast'].text, tokens.colour['high-contrast'][on]) >= 7);
});

test('docs/design.md shows the contrast table the tokens give now', () => {
  const table = generate('table', TOKENS_FILE);
  assert.equal(table.status, 0, table.stderr);
  assert.ok(readFileSync(join(ROOT, 'docs/design.md'), 'utf8').includes(table.stdout),
    'docs/design.md: paste `node cmake/design-tokens.mjs table web/design/tokens.json` under "Contrast"');
});

test('a tokens file with a colour missing from one theme, or a colour that is not #rrggbb, is refused with where', () => withTemp((dir) => {
  const broken = structuredClone(tokens);
  delete broken.colour.dark.focus;
  writeFileSync(join(dir, 'missing.json'), JSON.stringify(broken));
  const missing = generate('table', join(dir, 'missing.json'));
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /\/colour\/dark: focus should be in every theme or in none/);
  const odd = structuredClone(tokens);
  odd.colour['high-contrast'].text = 'black';
  writeFileSync(join(dir, 'odd.json'), JSON.stringify(odd));
  assert.match(generate('table', join(dir, 'odd.json')).stderr, /\/colour\/high-contrast\/text: "black" is not #rrggbb/);
}));

// name → value of each custom property declared in `block`.
const properties = (block) => Object.fromEntries([...block.matchAll(/--([\w-]+):\s*([^;]+);/g)].map(([, name, value]) => [name, value.trim()]));

test('the stylesheet\'s token block declares each theme\'s colours and the sizes, and site.css declares no colour of its own', () => withTemp((dir) => {
  const source = readFileSync(join(ROOT, 'web/css/site.css'), 'utf8');
  assert.match(source, /^\/\* @design-tokens[^\n]*\*\/$/m);
  const ownColours = [...source.matchAll(/--[\w-]+:\s*#[0-9a-f]{3,6}\b/gi)].map(([declaration]) => declaration)
    .filter((declaration) => !/^--(bg|surface|text|muted|border):/.test(declaration));  // the print block's black on white
  assert.deepEqual(ownColours, [], 'colour custom properties belong in web/design/tokens.json');
  writeFileSync(join(dir, 'site.css'), source);
  const run = generate('css', TOKENS_FILE, join(dir, 'site.css'));
  assert.equal(run.status, 0, run.stderr);
  const css = readFileSync(join(dir, 'site.css'), 'utf8');
  for (const theme of THEMES) {
    const block = css.match(new RegExp(`:root\\[data-theme="${theme}"\\] \\{([^}]*)\\}`))[1];
    assert.deepEqual(properties(block), tokens.colour[theme], theme);
  }
  const media = (query) => properties(css.match(new RegExp(`@media \\(${query}\\) \\{\\s*:root \\{([^}]*)\\}`))[1]);
  assert.deepEqual(media('prefers-color-scheme: dark'), tokens.colour.dark);
  assert.deepEqual(media('prefers-contrast: more'), tokens.colour['high-contrast']);
  const root = properties(css.match(/\n:root \{([^}]*)\}/)[1]);
  assert.equal(root['type-h1'], `${tokens.type.h1}rem`);
  assert.equal(root['space-4'], `${tokens.space['4']}rem`);
  assert.equal(root['radius-card'], `${tokens.radius.card}rem`);
  assert.equal(root.accent, tokens.colour.light.accent);
}));

// Theme name → { field: 0xRRGGBB } from a generated design_tokens.hpp.
function headerColours(text) {
  return Object.fromEntries([...text.matchAll(/inline constexpr Colours (\w+)\{([^}]*)\};/g)].map(([, name, fields]) => [
    name, Object.fromEntries([...fields.matchAll(/\.(\w+) = 0x([0-9A-F]{6})u/g)].map(([, field, hex]) => [field, `#${hex.toLowerCase()}`]))]));
}

const asFields = (colours) => Object.fromEntries(Object.entries(colours).map(([name, value]) => [name.replace(/-/g, '_'), value]));

test('the canvas player\'s header holds the same colours and sizes as the tokens, and its theme uses nothing else', () => withTemp((dir) => {
  const run = generate('cpp', TOKENS_FILE, join(dir, 'design_tokens.hpp'));
  assert.equal(run.status, 0, run.stderr);
  const header = readFileSync(join(dir, 'design_tokens.hpp'), 'utf8');
  const colours = headerColours(header);
  for (const theme of THEMES) assert.deepEqual(colours[theme.replace(/-/g, '_')], asFields(tokens.colour[theme]), theme);
  assert.match(header, new RegExp(`type_canvas_body = ${tokens.type['canvas-body']}\\.0f;`));
  assert.match(header, /radius_card = 12\.0f;/, '0.75rem at 16 px a rem');
  // The headers the builds compiled the player with (when built) are what the tokens write now.
  for (const build of ['native', 'wasm']) {
    const built = join(ROOT, 'build', build, 'player/generated/design_tokens.hpp');
    if (existsSync(built)) assert.equal(readFileSync(built, 'utf8'), header, `${built} is stale: rebuild the player`);
  }
  // player/theme.cpp: every palette from the tokens, no colour literal of its own.
  const theme = readFileSync(join(ROOT, 'player/theme.cpp'), 'utf8');
  assert.deepEqual(theme.match(/0x[0-9A-Fa-f]{6}\b/g), null, 'a colour literal in player/theme.cpp');
  for (const name of ['light', 'dark', 'high_contrast']) assert.match(theme, new RegExp(`tokens::${name}\\b`));
  for (const field of Object.keys(asFields(tokens.colour.light)).filter((f) => f !== 'focus')) {
    assert.match(theme, new RegExp(`hex\\(c\\.${field}\\)`), `the canvas palette takes ${field} from the tokens`);
  }
}));
