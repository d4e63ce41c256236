// The golden course's credential path made with the `tessera` command, the way a publisher, a learner's
// device and an issuer make it: a signed package, the learner's completion proof of the golden record, an
// issuer. Shared by the credential, rdfc interop and verifier page tests.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const TESSERA = process.env.TESSERA_CLI || join(ROOT, 'build/native/cli/tessera');
const GOLDEN = join(ROOT, 'tests/golden');

function run(...args) {
  const result = spawnSync(TESSERA, args, { encoding: 'utf8' });
  assert.equal(result.status, 0, `tessera ${args.join(' ')}: ${result.stdout}${result.stderr}`);
}

// In `work`: src/ (the golden course with stand-in media), keys/ (publisher, seed 22…), dist/ (the signed
// package), proof.json (the learner's, seed `learnerSeed`, created and self-checked by prove at
// 2027-01-01T10:00:00Z, after the golden record's events) and issuer/
// ("Example Academy" at `issuerBaseUrl`, seed 44…). Returns { pkg, proof, issuer }.
export function makeGoldenCredentialPath(work, { issuerBaseUrl = 'https://academy.example/', learnerSeed = '11'.repeat(32) } = {}) {
  const src = join(work, 'src');
  mkdirSync(join(src, 'media'), { recursive: true });
  writeFileSync(join(src, 'course.json'), readFileSync(join(GOLDEN, 'credential/course.json')));
  for (const name of readFileSync(join(GOLDEN, 'course/valid/files.txt'), 'utf8').split('\n')) {
    if (name.startsWith('media/')) writeFileSync(join(src, name), `bytes of ${name}\n`);
  }
  run('keygen', '--out', join(work, 'keys'), '--seed', '22'.repeat(32));
  run('pack', src, '--key', join(work, 'keys/publisher.key'), '--out', join(work, 'dist'));
  const pkg = join(work, 'dist/golden-course/1.0.0');
  const proof = join(work, 'proof.json');
  run('prove', pkg, join(GOLDEN, 'credential/completed-record.jsonl'), '--seed', learnerSeed,
    '--created', '2027-01-01T10:00:00Z', '--now', '2027-01-01T10:00:00Z', '--out', proof);
  const issuer = join(work, 'issuer');
  run('issuer', 'init', issuer, '--name', 'Example Academy', '--base-url', issuerBaseUrl, '--seed', '44'.repeat(32));
  return { pkg, proof, issuer };
}
