// `tessera certificate` checked by tools that are not Tessera: poppler's pdfinfo counts the pages and reads the
// paper size, pdfdetach takes the attached credential back out (byte for byte), pdftotext reads the facts and
// the name, pdftoppm renders the page and zbarimg (zbar-tools) reads its QR code, whose #z= fragment node's
// zlib inflates back into the credential. A tampered credential and a learner's proof get no certificate.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateRawSync } from 'node:zlib';
import { makeGoldenCredentialPath } from '../lib/golden-credential.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const TESSERA = process.env.TESSERA_CLI || join(ROOT, 'build/native/cli/tessera');
const ISSUED = '2027-01-02T00:00:00Z';
const NOW = '2027-01-03T00:00:00Z';
const VERIFIER = 'https://learn.example/verify/';
const NAME = 'Zoë Ångström-Nuñez';

function run(command, ...args) {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  return { code: result.status, out: result.stdout, err: result.stderr };
}
function ok(command, ...args) {
  const result = run(command, ...args);
  assert.equal(result.code, 0, `${command} ${args.join(' ')}: ${result.err}`);
  return result.out;
}

let work, badgePath, badgeText, statusList;
before(() => {
  work = mkdtempSync(join(tmpdir(), 'tessera-certificate-cli-'));
  const { pkg } = makeGoldenCredentialPath(work);
  badgePath = join(work, 'badge.json');
  ok(TESSERA, 'issue', join(work, 'proof.json'), '--issuer', join(work, 'issuer'), '--package', pkg, '--now', ISSUED, '--out', badgePath);
  ok(TESSERA, 'status-list', '--issuer', join(work, 'issuer'), '--now', ISSUED);
  statusList = join(work, 'issuer/status/1.json');
  badgeText = readFileSync(badgePath, 'utf8');
});
after(() => rmSync(work, { recursive: true, force: true }));

const certificate = (input, out, ...more) => run(TESSERA, 'certificate', input, '--name', NAME, '--verifier', VERIFIER,
  '--status-list', statusList, '--now', NOW, '--out', out, ...more);

test('the certificate PDF: one A4 page with the facts and the name, the credential attached, a QR code of the link', () => {
  const pdf = join(work, 'certificate.pdf');
  const made = certificate(badgePath, pdf);
  assert.equal(made.code, 0, made.err);
  const info = ok('pdfinfo', pdf);
  assert.match(info, /^Pages:\s+1$/m);
  assert.match(info, /^Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)$/m);

  const text = ok('pdftotext', '-layout', pdf, '-').replace(/\s+/g, ' ');
  for (const expected of ['Certificate', 'This certifies that', NAME, 'has earned', 'Package checker', 'Issued by: Example Academy',
    'Issued on: 2027-01-02', 'Valid until: 2029-01-02', 'Score: 2 of 2', 'Competencies: Validate course packages',
    `Checked on 2027-01-03 by the verifier at ${VERIFIER}`]) {
    assert.ok(text.includes(expected), `the page says "${expected}": ${text}`);
  }

  // The attachment is the credential file itself, under its own name.
  assert.match(ok('pdfdetach', '-list', pdf), /1: badge\.json/);
  const detached = join(work, 'detached.json');
  ok('pdfdetach', '-save', '1', '-o', detached, pdf);
  assert.equal(readFileSync(detached, 'utf8'), badgeText);

  // The QR code, read from the rendered page, is the verifier's URL carrying the credential.
  ok('pdftoppm', '-r', '150', '-png', '-singlefile', pdf, join(work, 'page'));
  const link = ok('zbarimg', '--raw', '-q', join(work, 'page.png')).trim();
  assert.ok(link.startsWith(`${VERIFIER}#z=`), link);
  // The credential itself, without the file's white space.
  assert.deepEqual(JSON.parse(inflateRawSync(Buffer.from(link.slice(`${VERIFIER}#z=`.length), 'base64url')).toString('utf8')), JSON.parse(badgeText));
});

test('on US Letter and in French', () => {
  const pdf = join(work, 'certificat.pdf');
  const made = certificate(badgePath, pdf, '--paper', 'letter', '--language', 'fr');
  assert.equal(made.code, 0, made.err);
  assert.match(ok('pdfinfo', pdf), /^Page size:\s+612 x 792 pts \(letter\)$/m);
  const text = ok('pdftotext', pdf, '-').replace(/\s+/g, ' ');
  for (const expected of ['Ceci certifie que', NAME, 'a obtenu', 'Délivré par : Example Academy', 'Score : 2 sur 2']) {
    assert.ok(text.includes(expected), `the page says "${expected}": ${text}`);
  }
});

test('a tampered credential and a learner\'s own proof get no certificate, each with the reason', () => {
  const tampered = JSON.parse(badgeText);
  tampered.credentialSubject.achievement.name = 'Package master';
  const tamperedPath = join(work, 'tampered.json');
  writeFileSync(tamperedPath, JSON.stringify(tampered));
  const refused = certificate(tamperedPath, join(work, 'tampered.pdf'));
  assert.equal(refused.code, 1);
  assert.match(refused.err, /No certificate is made for this credential: it did not pass its checks\. .*signature/i);
  assert.equal(existsSync(join(work, 'tampered.pdf')), false);

  const proof = certificate(join(work, 'proof.json'), join(work, 'proof.pdf'));
  assert.equal(proof.code, 1);
  assert.match(proof.err, /is a learner's completion proof, not an issued credential; issue a credential from it/);
  assert.equal(existsSync(join(work, 'proof.pdf')), false);

  const wrongUse = run(TESSERA, 'certificate', badgePath, '--name', NAME, '--verifier', 'learn.example', '--out', join(work, 'x.pdf'));
  assert.equal(wrongUse.code, 2);
  assert.match(wrongUse.err, /--verifier takes the verifier page's URL/);
});
