// The interop corpus through `tessera verify`: every credential of tests/golden/interop verifies (or fails) as
// its source says (expected.json), one report line per proof; the peer credentials are exactly what Digital
// Bazaar's libraries make, and their verifier agrees with Tessera on each proof.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makePeerCredentials, peerVerdict, peerVerify, PEER_DIR } from '../lib/peer-credentials.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const TESSERA = process.env.TESSERA_CLI || join(ROOT, 'build/native/cli/tessera');
const CORPUS = join(ROOT, 'tests/golden/interop');
const expected = JSON.parse(readFileSync(join(CORPUS, 'expected.json'), 'utf8'));

function verify(item) {
  const args = ['verify', join(CORPUS, item.file), '--json', '--now', expected.now];
  for (const doc of item.didDocs ?? []) args.push('--did-doc', join(CORPUS, doc));
  if (item.examples) {
    for (const [url, path] of Object.entries(expected.examplesContext)) args.push('--context', `${url}=${join(CORPUS, path)}`);
  }
  const run = spawnSync(TESSERA, args, { encoding: 'utf8' });
  assert.ok(run.status === 0 || run.status === 1, `${item.file}: exit ${run.status}: ${run.stderr}`);
  return { code: run.status, report: JSON.parse(run.stdout) };
}

for (const item of expected.items) {
  test(`tessera verify ${item.file}${item.examples === false ? ' (no example context)' : ''}: ${item.why}`, () => {
    const { code, report } = verify(item);
    const detail = JSON.stringify(report, null, 1);
    assert.deepEqual(report.proofs.map((p) => p.verdict), item.proofs, detail);
    assert.equal(report.ok, item.ok, detail);
    assert.equal(code, item.ok ? 0 : 1);
    const failed = [...new Set(report.checks.filter((c) => c.status === 'fail').map((c) => c.id))].sort();
    assert.deepEqual(failed, [...item.fails].sort(), detail);
    // One report line per proof, each naming its suite.
    const proofLines = report.checks.filter((c) => c.id === 'proof' && !/earlier name|No proof is/.test(c.sentence));
    assert.equal(proofLines.length, item.proofs.length, detail);
    report.proofs.forEach((p, i) => assert.ok(proofLines[i].sentence.includes(p.suite), detail));
    if (item.says) assert.ok(report.checks.some((c) => c.status === 'fail' && c.sentence.includes(item.says)), detail);
    if (item.warns) assert.ok(report.checks.some((c) => c.status === 'warning' && c.sentence.includes(item.warns)), detail);
  });
}

test('the peer credentials are exactly what the Digital Bazaar libraries make', async () => {
  const made = await makePeerCredentials();
  assert.deepEqual(Object.keys(made).sort(), readdirSync(PEER_DIR).sort());
  for (const [name, document] of Object.entries(made)) {
    assert.equal(readFileSync(join(PEER_DIR, name), 'utf8'), `${JSON.stringify(document, null, 2)}\n`, name);
  }
});

test("Digital Bazaar's verifier agrees with Tessera on every proof it has a suite for", async () => {
  for (const item of expected.items.filter((i) => i.file.startsWith('peer/'))) {
    const document = JSON.parse(readFileSync(join(CORPUS, item.file), 'utf8'));
    const controllers = (item.didDocs ?? []).map((path) => JSON.parse(readFileSync(join(CORPUS, path), 'utf8')));
    const verdict = await peerVerdict(document, { controllers });
    const theirs = verdict.proofs.sort();
    // jsonld-signatures does not refuse a repeated proof (it checks each signature alone), so a repeat
    // Tessera refuses counts as its signature's verdict.
    const ours = verify(item).report.proofs
      .filter((p) => p.verdict !== 'set aside')
      .map((p) => p.verdict === 'verified' || /same proof/.test(p.problem?.message ?? ''))
      .sort();
    // A document Tessera cannot read (safe mode) has no proof checked; theirs must verify none either.
    if (ours.length === 0 && item.fails.includes('input')) {
      assert.ok(theirs.every((v) => !v), item.file);
      // And it refused for a reason of its own, not by having no suite for the proof.
      assert.ok(theirs.length > 0 || verdict.error, `${item.file}: Digital Bazaar's verifier gave no reason`);
    }
    else assert.deepEqual(theirs, ours, item.file);
  }
});

test("Digital Bazaar's verifier verifies the specification's signed examples, as Tessera does", async () => {
  const examples = expected.items.filter((i) => i.file.startsWith('ob3-spec/'));
  assert.equal(examples.length, 8);
  for (const item of examples) {
    const document = JSON.parse(readFileSync(join(CORPUS, item.file), 'utf8'));
    const controllers = item.didDocs.map((path) => JSON.parse(readFileSync(join(CORPUS, path), 'utf8')));
    assert.deepEqual(await peerVerify(document, { controllers }), [true], item.file);
    assert.deepEqual(verify(item).report.proofs.map((p) => p.verdict), ['verified'], item.file);
  }
});

test('a context the runtime does not know is refused with its name', () => {
  const { report } = verify({ file: 'w3c/proof-set.json', examples: false });
  assert.equal(report.ok, false);
  assert.match(report.checks[0].sentence, /unknown context "https:\/\/www.w3.org\/ns\/credentials\/examples\/v2"/);
});

test('--context takes URL=FILE; anything else is wrong use (exit 2), named', () => {
  const run = spawnSync(TESSERA, ['verify', join(CORPUS, 'w3c/proof-set.json'), '--context', 'https://example.org/ctx'], { encoding: 'utf8' });
  assert.equal(run.status, 2);
  assert.match(run.stderr, /--context takes URL=FILE/);
});
