// One reading of every untrusted JSON document: verify, issue, canon and validate's manifest check refuse
// a document with a member twice or a NUL byte, naming the place; score and key files with wrong JSON
// types fail with an exit code and a message, never an abort.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeGoldenCredentialPath } from '../lib/golden-credential.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const TESSERA = process.env.TESSERA_CLI || join(ROOT, 'build/native/cli/tessera');
const GOLDEN = join(ROOT, 'tests/golden');
const NOW = '2027-01-02T00:00:00Z';

function tessera(...args) {
  const run = spawnSync(TESSERA, args, { encoding: 'utf8' });
  // An abort (a C++ exception nobody caught) shows as a signal and no exit code.
  assert.equal(run.signal, null, `tessera ${args.join(' ')} was killed by ${run.signal}: ${run.stderr}`);
  return { code: run.status, out: run.stdout, err: run.stderr };
}

// `text` (indented by two spaces a level) with `"name": value,` added as its first member, and where the
// original top-level member, now the duplicate, starts: line and column counted here from the text.
function withDuplicate(text, name, value) {
  const changed = text.replace('{', `{"${name}": ${JSON.stringify(value)},`);
  const at = changed.indexOf(`\n  "${name}"`) + 3;
  assert.ok(at > 3, `no top-level "${name}"`);
  const before = changed.slice(0, at);
  const line = before.split('\n').length;
  const column = at - before.lastIndexOf('\n');
  return { text: changed, place: `line ${line}, column ${column}` };
}

// `text`, a NUL byte, and a second document some readers would never see; the NUL's byte offset.
function withNul(text) {
  return { text: `${text}\0{"issuer": "did:example:someone-else"}`, offset: Buffer.byteLength(text) };
}

let work, pkg, proofText, issuerDir;
before(() => {
  work = mkdtempSync(join(tmpdir(), 'tessera-strict-json-'));
  let proof;
  ({ pkg, proof, issuer: issuerDir } = makeGoldenCredentialPath(work));
  proofText = readFileSync(proof, 'utf8');
});
after(() => rmSync(work, { recursive: true, force: true }));

function write(name, text) {
  const path = join(work, name);
  writeFileSync(path, text);
  return path;
}

test('verify refuses a proof with a member twice or a NUL byte, naming the place', () => {
  const twice = withDuplicate(proofText, 'issuer', 'did:example:someone-else');
  const run = tessera('verify', write('twice.json', twice.text), '--package', pkg, '--now', NOW);
  assert.equal(run.code, 1);
  assert.match(run.out, new RegExp(`^fail +input +The document has the member "issuer" twice in one object \\(${twice.place}\\) at /issuer\\.$`, 'm'));
  assert.match(run.out, /^NOT VERIFIED/m);

  const nul = withNul(proofText);
  const hidden = tessera('verify', write('nul.json', nul.text), '--package', pkg, '--now', NOW);
  assert.equal(hidden.code, 1);
  assert.match(hidden.out, new RegExp(`^fail +input +The document has a NUL byte \\(byte offset ${nul.offset}\\) at line \\d+, column \\d+\\.$`, 'm'));
  // The untouched proof still verifies: the refusal is the reader's, not a broken setup.
  assert.equal(tessera('verify', write('proof.json', proofText), '--package', pkg, '--now', NOW).code, 0);
});

test('issue refuses a proof with a member twice or a NUL byte, naming the file and the place', () => {
  const twice = withDuplicate(proofText, 'issuer', 'did:example:someone-else');
  const path = write('issue-twice.json', twice.text);
  const run = tessera('issue', path, '--issuer', issuerDir, '--package', pkg, '--now', NOW, '--out', join(work, 'badge.json'));
  assert.equal(run.code, 1);
  assert.ok(run.err.includes(`tessera issue: ${path}: error /issuer: issue-twice.json has the member "issuer" twice in one object (${twice.place})`), run.err);

  const nul = withNul(proofText);
  const hidden = tessera('issue', write('issue-nul.json', nul.text), '--issuer', issuerDir, '--package', pkg, '--now', NOW,
    '--out', join(work, 'badge.json'));
  assert.equal(hidden.code, 1);
  assert.match(hidden.err, new RegExp(`error line \\d+, column \\d+: issue-nul\\.json has a NUL byte \\(byte offset ${nul.offset}\\)`));
});

test('canon refuses a credential with a member twice or a NUL byte, naming the place', () => {
  const unsigned = readFileSync(join(GOLDEN, 'ob3-ldp/unsigned.json'), 'utf8');
  assert.equal(tessera('canon', write('ob3.json', unsigned)).code, 0);
  const twice = withDuplicate(unsigned, 'type', ['VerifiableCredential']);
  const run = tessera('canon', write('canon-twice.json', twice.text));
  assert.equal(run.code, 1);
  assert.match(run.err, new RegExp(`error /type: canon-twice\\.json has the member "type" twice in one object \\(${twice.place}\\)`));
  assert.equal(run.out, '');

  const nul = withNul(unsigned);
  const hidden = tessera('canon', write('canon-nul.json', nul.text));
  assert.equal(hidden.code, 1);
  assert.match(hidden.err, new RegExp(`canon-nul\\.json has a NUL byte \\(byte offset ${nul.offset}\\)`));
});

test("validate refuses a package whose manifest.json has a member twice or a NUL byte", () => {
  const manifestText = readFileSync(join(pkg, 'manifest.json'), 'utf8');
  assert.equal(tessera('validate', pkg).code, 0);
  const copy = join(work, 'pkg-twice');
  cpSync(pkg, copy, { recursive: true });
  // A person reading the first "files" sees none; a last-wins reader checks the signed list.
  const twice = withDuplicate(manifestText, 'files', []);
  writeFileSync(join(copy, 'manifest.json'), twice.text);
  const run = tessera('validate', copy);
  assert.equal(run.code, 1);
  assert.ok(run.out.includes(`error manifest.json/files: manifest.json has the member "files" twice in one object (${twice.place})`), run.out);

  const nul = withNul(manifestText);
  writeFileSync(join(copy, 'manifest.json'), nul.text);
  const hidden = tessera('validate', copy);
  assert.equal(hidden.code, 1);
  assert.match(hidden.out, new RegExp(`error manifest\\.json line \\d+, column \\d+: manifest\\.json has a NUL byte \\(byte offset ${nul.offset}\\)`));
});

test('score fails cleanly on an item or a response of the wrong JSON type', () => {
  const golden = JSON.parse(readFileSync(join(GOLDEN, 'assess/items.json'), 'utf8'));
  const item = write('item.json', JSON.stringify(golden.items['mr-abcd-every']));
  const answer = write('answer.json', JSON.stringify({ answer: ['A', 'C'] }));
  assert.equal(tessera('score', item, answer).code, 0);

  const arrayItem = tessera('score', write('array-item.json', '[1, 2]'), answer);
  assert.equal(arrayItem.code, 1);
  assert.match(arrayItem.err, /tessera score: .*array-item\.json: error: an item must be an object/);
  const language = tessera('score', write('language.json', JSON.stringify({ ...golden.items['mr-abcd-every'], language: 5 })), answer);
  assert.equal(language.code, 1);
  assert.match(language.err, /error \/language: "language" must be a language tag/);
  for (const [name, value] of [['certainty', 'high'], ['hintsUsed', 1.5], ['certainty', 1e300]]) {
    const run = tessera('score', item, write('response.json', JSON.stringify({ answer: ['A'], [name]: value })));
    assert.equal(run.code, 1, `${name}: ${value}`);
    assert.match(run.err, new RegExp(`error /${name}: "${name}" must be a whole number from 0 to 100`));
  }
  // {"answer": ["A"], is 18 characters: the second name opens at column 19.
  const twice = tessera('score', item, write('response-twice.json', '{"answer": ["A"], "answer": ["A", "C"]}'));
  assert.equal(twice.code, 1);
  assert.match(twice.err, /error \/answer: response-twice\.json has the member "answer" twice in one object \(line 1, column 19\)/);
});

test('a key file with wrong member types or a member twice fails cleanly', () => {
  const doc = write('doc.json', JSON.stringify({ '@context': ['https://www.w3.org/ns/credentials/v2'],
    type: ['VerifiableCredential'], issuer: 'did:example:1', credentialSubject: { id: 'did:example:2' } }));
  const good = JSON.parse(readFileSync(join(work, 'keys/publisher.key'), 'utf8'));
  assert.equal(tessera('sign', doc, '--key', join(work, 'keys/publisher.key')).code, 0);
  for (const [name, value] of [['seed', 5], ['did', 5], ['type', ['Ed25519']]]) {
    const key = write('bad.key', JSON.stringify({ ...good, [name]: value }));
    const run = tessera('sign', doc, '--key', key);
    assert.equal(run.code, 2, `${name}: ${run.err}`);
    assert.ok(run.err.includes(`bad.key is not a Tessera key file ("${name}" must be a string)`), run.err);
  }
  const notObject = tessera('sign', doc, '--key', write('list.key', '["seed"]'));
  assert.equal(notObject.code, 2);
  assert.match(notObject.err, /list\.key is not a Tessera key file \(it must be a JSON object\)/);
  // {"seed": "<64 digits>", is 77 characters: the second name opens at column 78.
  const twice = tessera('sign', doc, '--key', write('twice.key', `{"seed": "${'00'.repeat(32)}", "seed": "${good.seed}"}`));
  assert.equal(twice.code, 2);
  assert.match(twice.err, /^tessera: .*twice\.key: error \/seed: twice\.key has the member "seed" twice in one object \(line 1, column 78\)$/m);
  assert.ok(!twice.err.includes(good.seed), 'the secret is never echoed');

  // The issuer's own files: a hand-edited issuer.json with a number for its id.
  const issuer = join(work, 'issuer-typed');
  cpSync(issuerDir, issuer, { recursive: true });
  const profile = JSON.parse(readFileSync(join(issuer, 'issuer.json'), 'utf8'));
  writeFileSync(join(issuer, 'issuer.json'), JSON.stringify({ ...profile, id: 5 }));
  const status = tessera('status-list', '--issuer', issuer, '--now', NOW);
  assert.equal(status.code, 2);
  assert.match(status.err, /tessera status-list: issuer\.json: \/id must be a string/);
});
