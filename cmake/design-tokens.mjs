// Writes the design tokens (web/design/tokens.json) as the site's CSS custom properties and as the canvas player's
// C++ header, so both players and every page share one set of colours, sizes and radii (docs/design.md).
//   usage: node design-tokens.mjs css TOKENS SITE_CSS   (replaces the stylesheet's @design-tokens line in place)
//          node design-tokens.mjs cpp TOKENS OUT_HPP
//          node design-tokens.mjs table TOKENS          (the contrast table docs/design.md shows, as Markdown)
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const THEMES = ['light', 'dark', 'high-contrast'];
export const CSS_MARKER = /^\/\* @design-tokens[^\n]*\*\/$/m;
const PX_PER_REM = 16;

export class TokenError extends Error {}

// WCAG 2.2's relative luminance of an sRGB colour written #rrggbb (the 0.04045 threshold of IEC 61966-2-1).
export function relativeLuminance(hex) {
  const value = Number.parseInt(hex.slice(1), 16);
  const linear = (channel) => {
    const c = channel / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(value >> 16) + 0.7152 * linear((value >> 8) & 0xff) + 0.0722 * linear(value & 0xff);
}

// WCAG 2.2's contrast ratio (L1 + 0.05) / (L2 + 0.05), the lighter colour's luminance over the darker's.
export function contrastRatio(a, b) {
  const [lighter, darker] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x);
  return (lighter + 0.05) / (darker + 0.05);
}

function expectNumbers(group, name) {
  if (!group || typeof group !== 'object') throw new TokenError(`/${name}: missing; give an object of numbers (rem)`);
  for (const [key, value] of Object.entries(group)) {
    if (typeof value !== 'number' || !(value > 0)) throw new TokenError(`/${name}/${key}: ${JSON.stringify(value)} is not a positive number`);
  }
}

// Reads and checks tokens.json: every theme names the same colours, each #rrggbb; sizes are positive numbers;
// every contrast pair names colours that exist. Errors say where (a JSON pointer) and what to write.
export function readTokens(file) {
  let tokens;
  try {
    tokens = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new TokenError(`${file}: ${error.message}`);
  }
  const names = Object.keys(tokens.colour?.light ?? {});
  if (!names.length) throw new TokenError(`${file}: /colour/light: missing; every theme lists its colours there first`);
  for (const theme of THEMES) {
    const colours = tokens.colour[theme];
    if (!colours) throw new TokenError(`${file}: /colour/${theme}: missing; the themes are ${THEMES.join(', ')}`);
    const keys = Object.keys(colours);
    const odd = [...names.filter((n) => !keys.includes(n)), ...keys.filter((k) => !names.includes(k))];
    if (odd.length) throw new TokenError(`${file}: /colour/${theme}: ${odd.join(', ')} should be in every theme or in none`);
    for (const [name, value] of Object.entries(colours)) {
      if (!/^#[0-9a-f]{6}$/i.test(value)) throw new TokenError(`${file}: /colour/${theme}/${name}: "${value}" is not #rrggbb`);
    }
  }
  for (const [index, pair] of (tokens.contrast ?? []).entries()) {
    for (const name of [pair.text, ...(pair.on ?? [])]) {
      if (!names.includes(name)) throw new TokenError(`${file}: /contrast/${index}: no colour "${name}" (known: ${names.join(', ')})`);
    }
    if (![3, 4.5, 7].includes(pair.min)) throw new TokenError(`${file}: /contrast/${index}/min: WCAG's levels are 3, 4.5 or 7`);
  }
  for (const group of ['type', 'space', 'radius', 'line-height']) expectNumbers(tokens[group], group);
  return tokens;
}

const declarations = (entries, indent = '  ') => entries.map(([name, value]) => `${indent}--${name}: ${value};`).join('\n');
const colourDeclarations = (tokens, theme) => declarations(Object.entries(tokens.colour[theme]));
const rem = (value) => `${value}rem`;

// The custom properties block: sizes and light colours on :root, dark and high contrast by media query, and the
// learner's choice in Settings (<html data-theme>) over the system's.
export function cssBlock(tokens) {
  const sizes = [
    ...Object.entries(tokens.type).filter(([name]) => !name.startsWith('canvas')).map(([n, v]) => [`type-${n}`, rem(v)]),
    ...Object.entries(tokens['line-height']).map(([n, v]) => [`line-height-${n}`, v]),
    ...Object.entries(tokens.space).map(([n, v]) => [`space-${n}`, rem(v)]),
    ...Object.entries(tokens.radius).map(([n, v]) => [`radius-${n}`, rem(v)]),
  ];
  const scheme = { light: 'light', dark: 'dark', 'high-contrast': 'light' };
  return [
    '/* Written by cmake/design-tokens.mjs from web/design/tokens.json (docs/design.md): edit the tokens, not this block. */',
    `:root {\n${declarations(sizes)}\n${colourDeclarations(tokens, 'light')}\n  color-scheme: light dark;\n}`,
    `@media (prefers-color-scheme: dark) {\n  :root {\n${colourDeclarations(tokens, 'dark').replace(/^/gm, '  ')}\n  }\n}`,
    `@media (prefers-contrast: more) {\n  :root {\n${colourDeclarations(tokens, 'high-contrast').replace(/^/gm, '  ')}\n    color-scheme: light;\n  }\n}`,
    ...THEMES.map((theme) => `:root[data-theme="${theme}"] {\n${colourDeclarations(tokens, theme)}\n  color-scheme: ${scheme[theme]};\n}`),
  ].join('\n');
}

const identifier = (name) => name.replace(/-/g, '_');
const cppFloat = (value) => (Number.isInteger(value) ? `${value}.0f` : `${value}f`);

// The canvas player's header: one Colours per theme (0xRRGGBB), the type scale as factors of the canvas body size,
// spacing and radii in pixels (1rem = 16 px).
export function cppHeader(tokens) {
  const names = Object.keys(tokens.colour.light);
  const colours = THEMES.map((theme) => {
    const fields = names.map((name) => `.${identifier(name)} = 0x${tokens.colour[theme][name].slice(1).toUpperCase()}u`);
    return `inline constexpr Colours ${identifier(theme)}{${fields.join(', ')}};`;
  });
  const floats = (prefix, group, scale = 1) => Object.entries(group)
    .map(([name, value]) => `inline constexpr float ${prefix}${identifier(name)} = ${cppFloat(value * scale)};`);
  return [
    '// Written by cmake/design-tokens.mjs from web/design/tokens.json: the design tokens for the canvas player (docs/design.md).',
    '#pragma once',
    '',
    'namespace tessera::player::tokens {',
    '',
    `struct Colours {\n  unsigned ${names.map(identifier).join(', ')};\n};`,
    ...colours,
    '',
    '// Type scale: factors of the body size (type_canvas_body, in pixels).',
    ...floats('type_', tokens.type),
    '// Spacing and radii in pixels.',
    ...floats('space_', tokens.space, PX_PER_REM),
    ...floats('radius_', tokens.radius, PX_PER_REM),
    '',
    '}  // namespace tessera::player::tokens',
    '',
  ].join('\n');
}

// Every contrast pair tokens.json asks for, in every theme: { theme, text, on, ratio, min, use }.
export function contrastRows(tokens) {
  return THEMES.flatMap((theme) => tokens.contrast.flatMap((pair) => pair.on.map((on) => ({
    theme, text: pair.text, on, min: pair.min, use: pair.use,
    ratio: contrastRatio(tokens.colour[theme][pair.text], tokens.colour[theme][on]),
  }))));
}

// One row per pair, a ratio column per theme.
function markdownTable(tokens) {
  const rows = contrastRows(tokens);
  const lines = tokens.contrast.flatMap((pair) => pair.on.map((on) => {
    const ratios = THEMES.map((theme) => rows.find((r) => r.theme === theme && r.text === pair.text && r.on === on && r.min === pair.min));
    return `| ${pair.text} on ${on} | ${pair.min}:1 | ${ratios.map((r) => `${r.ratio.toFixed(2)}:1`).join(' | ')} | ${pair.use} |`;
  }));
  return [`| pair | needs | ${THEMES.join(' | ')} | used for |`, `|---|---|${THEMES.map(() => '---|').join('')}---|`, ...lines].join('\n');
}

// Writes `text` unless the file already holds it, so an unchanged header compiles nothing again.
function write(file, text) {
  if (existsSync(file) && readFileSync(file, 'utf8') === text) return;
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
}

function main([command, tokensFile, out]) {
  const tokens = readTokens(tokensFile);
  if (command === 'css') {
    const css = readFileSync(out, 'utf8');
    if (!CSS_MARKER.test(css)) throw new TokenError(`${out}: no "/* @design-tokens */" line for the tokens to go in`);
    writeFileSync(out, css.replace(CSS_MARKER, () => cssBlock(tokens)));
  } else if (command === 'cpp') {
    write(out, cppHeader(tokens));
  } else if (command === 'table') {
    process.stdout.write(`${markdownTable(tokens)}\n`);
  } else {
    throw new TokenError('usage: node design-tokens.mjs css|cpp|table TOKENS [OUT]');
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    main(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof TokenError)) throw error;
    console.error(`design tokens: ${error.message}`);
    process.exit(1);
  }
}
