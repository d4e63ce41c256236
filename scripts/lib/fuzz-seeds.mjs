// Writes each fuzz target's seed corpus into OUT/<target>/ from the test data (tests/golden, tests/fixtures,
// tests/cli/fixtures, content/): the files as they are, or the parts of them a target reads (one item
// and answer, one expression, one scenario, each Markdown text, badge art with a credential baked in). Run at fuzz time; nothing is committed twice.
// usage: node scripts/lib/fuzz-seeds.mjs ROOT OUT
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { deflateSync, gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { pngChunk } from './png.mjs';

const [root, out] = process.argv.slice(2);
const golden = join(root, 'tests/golden');

// Every file under `dir` whose name ends with one of `endings`.
function files(dir, ...endings) {
  const found = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) found.push(...files(path, ...endings));
    else if (endings.some((e) => name.endsWith(e))) found.push(path);
  }
  return found;
}
const text = (path) => readFileSync(path);
const isFile = (path) => { try { return statSync(path).isFile(); } catch { return false; } };
const json = (path) => JSON.parse(readFileSync(path, 'utf8'));
const courses = [
  join(golden, 'course/valid/course.json'), join(golden, 'credential/course.json'),
  join(root, 'tests/fixtures/canvas-course/course.json'),
  ...readdirSync(join(root, 'content')).map((d) => join(root, 'content', d, 'course.json'))
    .filter(isFile),
];
// Every string under `value` that sits in a member named `name`.
function members(value, name, found = []) {
  if (Array.isArray(value)) value.forEach((v) => members(v, name, found));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === name) found.push(v);
      members(v, name, found);
    }
  }
  return found;
}
const signedDocuments = [
  ...files(join(golden, 'eddsa'), '.json'), ...files(join(golden, 'eddsa-rdfc-2022'), '.json', '.jsonld'),
  ...files(join(golden, 'ob3-ldp'), '.json'),
];

// Badge images with a credential in them, as Open Badges 3.0 §5.3 bakes one, so that the unbake target starts
// past the CRCs and the XML: a PNG with an iTXt chunk (plain and compressed) after IHDR, an SVG with the element.
function bakedPng(png, credential, compressed) {
  const text = compressed ? deflateSync(credential) : Buffer.from(credential);
  const itxt = Buffer.concat([Buffer.from(`openbadgecredential\0${compressed ? '\x01' : '\0'}\0\0\0`, 'latin1'), text]);
  const afterHeader = 8 + 12 + png.readUInt32BE(8);
  return Buffer.concat([png.subarray(0, afterHeader), pngChunk('iTXt', itxt), png.subarray(afterHeader)]);
}
function bakedSvg(svg, credential) {
  const text = svg.toString('utf8');
  const open = text.indexOf('>', text.indexOf('<svg')) + 1;
  return `${text.slice(0, open)}<openbadges:credential xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0">`
    + `<![CDATA[${credential}]]></openbadges:credential>${text.slice(open)}`;
}
const badgeArt = [join(golden, 'baking/art.png'), join(golden, 'baking/art.svg'),
  ...readdirSync(join(root, 'content')).map((d) => join(root, 'content', d, 'badge.svg'))
    .filter(isFile)].map(text);
const smallCredential = readFileSync(join(golden, 'ob3-ldp/signed.json'), 'utf8');

const items = json(join(golden, 'assess/items.json'));
const seeds = {
  course_load: courses.map(text),
  record_jsonl: files(golden, '.jsonl').map(text),
  manifest: [text(join(golden, 'package/manifest.json'))],
  scenario_expression: json(join(golden, 'scenario/expressions.json')).cases.map((c) => c.expr),
  scenario_load: [
    ...json(join(golden, 'scenario/validation-cases.json')).cases.map((c) => JSON.stringify(c.scenario)),
    ...courses.flatMap((p) => json(p).scenarios ?? []).map((s) => JSON.stringify(s)),
  ],
  twee: files(join(root, 'tests/cli/fixtures'), '.twee').map(text),
  item_scoring: items.cases.map((c) => JSON.stringify({
    item: items.items[c.item], answer: c.answer, certainty: c.certainty, hintsUsed: c.hintsUsed,
  })),
  jcs: files(join(golden, 'jcs-rfc8785'), '.json').map(text),
  jsonld: signedDocuments.map(text),
  rdfc: files(join(golden, 'rdf-canon'), '.nq').map(text),
  data_integrity: signedDocuments.map(text),
  verifier: signedDocuments.map(text),
  status_list: [
    ...files(join(golden, 'status-list'), 'encodedList.txt').map(text),
    ...files(join(golden, 'gzip'), '.gz').map((p) => `u${readFileSync(p).toString('base64url')}`),
    `u${gzipSync(Buffer.alloc(16384)).toString('base64url')}`,
  ],
  unbake: [
    ...badgeArt,
    ...badgeArt.filter((b) => b[0] === 0x89).flatMap((b) => [bakedPng(b, smallCredential, false), bakedPng(b, smallCredential, true)]),
    ...badgeArt.filter((b) => b[0] !== 0x89).map((b) => bakedSvg(b, smallCredential)),
  ],
  markdown: [
    ...files(join(root, 'tests/fixtures'), '.md').map(text),
    ...courses.flatMap((p) => members(json(p), 'markdown')).filter((m) => typeof m === 'string'),
  ],
};

for (const [target, inputs] of Object.entries(seeds)) {
  const dir = join(out, target);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const input of inputs) {
    // Named by content, as libFuzzer names its own corpus files, so a seed found twice is written once.
    writeFileSync(join(dir, createHash('sha1').update(input).digest('hex')), input);
  }
  if (inputs.length === 0) throw new Error(`no seeds for fuzz target ${target}`);
}
