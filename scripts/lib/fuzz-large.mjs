// Writes large hostile inputs for each fuzz target into OUT/<target>/, a megabyte each by default (past the
// lengths libFuzzer makes), in the shapes that cost a parser the most memory per byte: many tiny values,
// many members, long strings, nesting to each reader's depth limit, blank-node graphs, many passages and
// links, compression bombs. scripts/fuzz runs each once through its target, which holds it to the
// target's memory bound (fuzz/harness.hpp, docs/limits.md). Made at fuzz time; nothing is committed.
// usage: node scripts/lib/fuzz-large.mjs OUT [BYTES]      (BYTES: about how large each input is; default 1 MiB)
import { deflateSync, gzipSync } from 'node:zlib';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pngChunk } from './png.mjs';

const [out, bytes] = process.argv.slice(2);
const SIZE = Number(bytes ?? 1 << 20);

// `unit` repeated to about SIZE bytes, joined by `separator`, between `open` and `close`.
function repeated(open, unit, separator, close, size = SIZE) {
  const count = Math.max(1, Math.floor(size / (unit.length + separator.length)));
  return open + Array(count).fill(unit).join(separator) + close;
}
// `unit(i)` for i = 0, 1, … to about SIZE bytes, joined by `separator`.
function numbered(open, unit, separator, close, size = SIZE) {
  const parts = [];
  let length = open.length + close.length;
  for (let i = 0; length < size; i += 1) {
    const part = unit(i);
    parts.push(part);
    length += part.length + separator.length;
  }
  return open + parts.join(separator) + close;
}
const nested = (depth, inner = '') => '['.repeat(depth) + inner + ']'.repeat(depth);

// JSON that every strict reader takes, shaped to make as many values per byte as it can; `depth` is the
// reader's depth limit (docs/limits.md), so the nesting stays just inside it.
function jsonShapes(depth) {
  return {
    'empty-objects': repeated('[', '{}', ',', ']'),
    'empty-arrays': repeated('[', '[]', ',', ']'),
    zeros: repeated('[', '0', ',', ']'),
    members: numbered('{', (i) => `"${i.toString(36)}":0`, ',', '}'),
    'long-string': `["${'a'.repeat(SIZE)}"]`,
    'escaped-string': `["${'\\u00e9'.repeat(Math.floor(SIZE / 6))}"]`,
    'deep-nesting': repeated('[', nested(depth - 2), ',', ']'),
  };
}
// A JSON-LD document with a graph of many small blank-node objects, each linking to the next.
const linkedNodes = numbered('{"@context":{"@vocab":"https://example.org/"},"@graph":[',
  (i) => `{"@id":"_:n${i}","next":{"@id":"_:n${i + 1}"},"v":${i}}`, ',', ']}');
const credentialWith = (subject) => `{"@context":["https://www.w3.org/ns/credentials/v2"],`
  + `"type":["VerifiableCredential"],"issuer":"did:example:1","credentialSubject":${subject}}`;
const manyClaims = credentialWith(numbered('{', (i) => `"https://example.org/c${i}":${i}`, ',', '}'));
// Every one of n blank nodes linked to every one of n others: the shape that costs RDFC-1.0 the most.
function bipartite(n) {
  const lines = [];
  for (let a = 0; a < n; a += 1) for (let b = 0; b < n; b += 1) lines.push(`_:a${a} <https://example.org/p> _:b${b} .`);
  return `${lines.join('\n')}\n`;
}
// A 1×1 PNG whose iTXt chunk is `text`, compressed when asked.
function pngWith(text, compressed) {
  const header = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0]);
  const body = compressed ? deflateSync(text, { level: 9 }) : Buffer.from(text);
  const itxt = Buffer.concat([Buffer.from(`openbadgecredential\0${compressed ? '\x01' : '\0'}\0\0\0`, 'latin1'), body]);
  return Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), pngChunk('IHDR', header), pngChunk('iTXt', itxt),
    pngChunk('IDAT', deflateSync(Buffer.alloc(5))), pngChunk('IEND', Buffer.alloc(0))]);
}
const svg = (inner) => `<svg xmlns="http://www.w3.org/2000/svg">${inner}</svg>`;
const gzipBomb = `u${gzipSync(Buffer.alloc(64 << 20), { level: 9 }).toString('base64url')}`;

const inputs = {
  course_load: jsonShapes(48),
  record_jsonl: {
    'empty-lines': repeated('', '{}', '\n', '\n'),
    events: numbered('', (i) => `{"type":"block.viewed","t":${i},"block":"b${i}"}`, '\n', '\n'),
  },
  manifest: jsonShapes(8),
  scenario_expression: { sums: repeated('', '1', '+', '', 2000), calls: repeated('', 'min(1,2)', '+', '', 2000) },
  scenario_load: {
    ...jsonShapes(48),
    nodes: numbered('{"id":"s","start":"n0","nodes":[', (i) => `{"id":"n${i}","text":"t","choices":[{"text":"c","to":"n${i + 1}"}]}`, ',', ']}'),
  },
  twee: {
    passages: numbered(':: StoryTitle\nS\n\n', (i) => `:: P${i}\n[[P${i + 1}]] [[back->P${Math.max(0, i - 1)}]]`, '\n\n', '\n'),
    links: `:: Start\n${repeated('', '[[Start]]', ' ', '\n')}`,
  },
  item_scoring: {
    ...jsonShapes(48),
    choices: numbered('{"item":{"id":"q","type":"multiple-choice","choices":[', (i) => `{"id":"c${i}","text":"x"}`, ',', '],"answer":["c0"]},"answer":["c0"]}'),
  },
  jcs: jsonShapes(512),
  jsonld: { ...jsonShapes(64), 'linked-nodes': linkedNodes, 'many-claims': manyClaims },
  rdfc: { bipartite: bipartite(160), chain: numbered('', (i) => `_:n${i} <https://example.org/next> _:n${i + 1} .`, '\n', '\n') },
  data_integrity: { ...jsonShapes(64), 'many-claims': manyClaims },
  verifier: { ...jsonShapes(64), 'linked-nodes': linkedNodes, 'many-claims': manyClaims },
  status_list: { 'gzip-bomb': gzipBomb, 'long-base64': `u${'A'.repeat(SIZE)}` },
  markdown: {
    links: repeated('', '[a](b)', ' ', ''),
    emphasis: repeated('', '*a*', ' ', ''),
    quotes: repeated('', `${'> '.repeat(30)}a`, '\n', ''),
    table: repeated('|a|b|\n|-|-|\n', '|a|b|', '\n', ''),
    brackets: '['.repeat(SIZE),
  },
  unbake: {
    'png-plain': pngWith(credentialWith('{}').padEnd(SIZE, ' '), false),
    'png-inflation-bomb': pngWith(' '.repeat(64 << 20), true),
    'svg-elements': svg(repeated('', '<g/>', '', '')),
    'svg-nesting': svg(repeated('', `${'<g>'.repeat(250)}${'</g>'.repeat(250)}`, '', '')),
    'svg-attributes': svg(`<g ${numbered('', (i) => `a${i}="1"`, ' ', '')}/>`),
  },
};

for (const [target, shapes] of Object.entries(inputs)) {
  const dir = join(out, target);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const [name, input] of Object.entries(shapes)) writeFileSync(join(dir, name), input);
}
