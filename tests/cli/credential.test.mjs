// Tests of the credential commands as learners, issuers and verifiers use them: jcs, sign (the W3C vector
// byte for byte), prove (the learner's own words withheld unless included), verify (every check, exit codes),
// issuer init, issue (a course and a pathway), revoke, status-list — and the status list's GZIP cross-checked
// against node's zlib in both directions.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, writeFileSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import { makeGoldenCredentialPath } from '../lib/golden-credential.mjs';
import { tessera } from '../lib/cli.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const GOLDEN = join(ROOT, 'tests/golden');
const EDDSA = join(GOLDEN, 'eddsa');
const LEARNER_SEED = '11'.repeat(32);
const NOW = '2027-01-02T00:00:00Z';


// The W3C key pair's seed: privateKeyMultibase is 'z' + base58btc(0x80 0x26 ‖ seed).
function w3cSeed() {
  const alphabet = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
  const text = JSON.parse(readFileSync(join(EDDSA, 'keyPair.json'), 'utf8')).privateKeyMultibase.slice(1);
  let n = 0n;
  for (const c of text) n = n * 58n + BigInt(alphabet.indexOf(c));
  return n.toString(16).padStart(68, '0').slice(4);
}

let work, pkg, proofPath, issuerDir;
before(() => {
  work = mkdtempSync(join(tmpdir(), 'tessera-credential-'));
  ({ pkg, proof: proofPath, issuer: issuerDir } = makeGoldenCredentialPath(work, { learnerSeed: LEARNER_SEED }));
});
after(() => rmSync(work, { recursive: true, force: true }));

test('jcs prints the RFC 8785 form with no trailing newline', () => {
  const run = tessera('jcs', join(EDDSA, 'unsigned.json'));
  assert.equal(run.code, 0);
  assert.equal(run.out, readFileSync(join(EDDSA, 'eddsa-jcs-2022/canonDocJCS.txt'), 'utf8'));
  writeFileSync(join(work, 'dup.json'), '{"a":1,"a":2}');
  const dup = tessera('jcs', join(work, 'dup.json'));
  assert.equal(dup.code, 1);
  assert.match(dup.err, /error \/a: the JSON text has the member "a" twice in one object \(line 1, column 8\)/);
});

test('sign reproduces the W3C eddsa-jcs-2022 signed credential byte for byte', () => {
  const run = tessera('sign', join(EDDSA, 'unsigned.json'), '--seed', w3cSeed(), '--created', '2023-02-24T23:36:38Z',
    '--cryptosuite', 'eddsa-jcs-2022');
  assert.equal(run.code, 0, run.err);
  assert.equal(run.out, readFileSync(join(EDDSA, 'eddsa-jcs-2022/signedJCS.json'), 'utf8') + '\n');
  // eddsa-rdfc-2022 through the same command: 1EdTech's Open Badges 3.0 example, proofValue for proofValue.
  const values = JSON.parse(readFileSync(join(GOLDEN, 'ob3-ldp/values.json'), 'utf8'));
  const rdfc = tessera('sign', join(GOLDEN, 'ob3-ldp/unsigned.json'), '--seed', values.seedHex, '--cryptosuite',
    'eddsa-rdfc-2022', '--created', values.created, '--vm', values.verificationMethod);
  assert.equal(rdfc.code, 0, rdfc.err);
  assert.equal(JSON.parse(rdfc.out).proof.proofValue, values.proofValue);
  assert.equal(tessera('sign', join(EDDSA, 'unsigned.json')).code, 2);
});

test('sign --key uses a keygen key file, and --vm names another method resolved by --did-doc', () => {
  const doc = join(work, 'doc.json');
  writeFileSync(doc, JSON.stringify({ '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiableCredential'],
    issuer: 'https://academy.example/keys', credentialSubject: { id: 'did:example:1' } }));
  const pub = JSON.parse(readFileSync(join(work, 'keys/publisher.pub.json'), 'utf8'));
  const vm = `https://academy.example/keys#${pub.publicKeyMultibase}`;
  const signed = join(work, 'doc.signed.json');
  assert.equal(tessera('sign', doc, '--key', join(work, 'keys/publisher.key'), '--vm', vm, '--out', signed).code, 0);
  const unresolved = tessera('verify', signed, '--now', NOW);
  assert.equal(unresolved.code, 1);
  assert.match(unresolved.out, /cannot be resolved/);
  const controller = join(work, 'controller.json');
  writeFileSync(controller, JSON.stringify({ id: 'https://academy.example/keys',
    verificationMethod: [{ id: vm, type: 'Multikey', controller: 'https://academy.example/keys', publicKeyMultibase: pub.publicKeyMultibase }],
    assertionMethod: [vm] }));
  const resolved = tessera('verify', signed, '--did-doc', controller, '--now', NOW);
  assert.equal(resolved.code, 0, resolved.out);
});

test('verify passes a learner proof with its package, printing every check', () => {
  const run = tessera('verify', proofPath, '--package', pkg, '--now', NOW);
  assert.equal(run.code, 0, run.out + run.err);
  for (const id of ['proof', 'issuer', 'evidence', 'package', 'course', 'rescore', 'completion', 'timing', 'validity', 'status']) {
    assert.match(run.out, new RegExp(`^pass +${id} `, 'm'), id);
  }
  assert.match(run.out, /^VERIFIED/m);
  const json = JSON.parse(tessera('verify', proofPath, '--package', pkg, '--now', NOW, '--json').out);
  assert.equal(json.ok, true);
  assert.equal(json.kind, 'completion-proof');
  assert.equal(json.subject.result.passed, true);
  // --language: the same checks, worded from the French catalogue; the verdict line stays the CLI's own.
  const french = tessera('verify', proofPath, '--package', pkg, '--now', NOW, '--language', 'fr');
  assert.equal(french.code, 0, french.out + french.err);
  assert.match(french.out, /^pass +completion +Le parcours rejoué remplit les règles d’achèvement du cours\.$/m);
  assert.match(french.out, /^pass +input +Lu comme du JSON/m);
});

test('prove withholds the learner\'s reflection and survey answers unless --include-private; both verify', () => {
  // The golden record holds a reflection and a survey answered with a likert point and a comment.
  const record = readFileSync(join(GOLDEN, 'credential/completed-record.jsonl'), 'utf8');
  const privateWords = ['My private thoughts', 'Clearer error hints'];
  for (const words of privateWords) assert.ok(record.includes(words), words);
  const withheld = readFileSync(proofPath, 'utf8');
  for (const words of privateWords) assert.ok(!withheld.includes(words), `${words} stays on the device`);
  const survey = JSON.parse(withheld).evidence[0].events.find((e) => e.type === 'survey.submitted');
  assert.deepEqual(survey.payload, { block: 'feedback' });
  assert.deepEqual(survey.redacted, ['answers']);
  const run = tessera('verify', proofPath, '--package', pkg, '--now', NOW);
  assert.equal(run.code, 0, run.out + run.err);
  assert.match(run.out, /^pass +evidence +.*; 2 withheld by the learner: 1 reflection text, 1 survey's answers\.$/m);
  assert.match(run.out, /^pass +rescore /m);
  const report = JSON.parse(tessera('verify', proofPath, '--package', pkg, '--now', NOW, '--json').out);
  assert.deepEqual(report.withheld, { 'reflection.saved': 1, 'survey.submitted': 1 });

  const included = join(work, 'proof-included.json');
  const proved = tessera('prove', pkg, join(GOLDEN, 'credential/completed-record.jsonl'), '--seed', LEARNER_SEED,
    '--created', '2027-01-01T10:00:00Z', '--now', NOW, '--include-private', '--out', included);
  assert.equal(proved.code, 0, proved.err);
  const text = readFileSync(included, 'utf8');
  for (const words of privateWords) assert.ok(text.includes(words), `${words} is in when the learner includes it`);
  const all = JSON.parse(tessera('verify', included, '--package', pkg, '--now', NOW, '--json').out);
  assert.equal(all.ok, true, JSON.stringify(all.checks));
  assert.deepEqual(all.withheld, {});
  assert.doesNotMatch(all.checks.find((c) => c.id === 'evidence').sentence, /withheld/);
});

test('verify fails a tampered proof and names the failing check', () => {
  const proof = JSON.parse(readFileSync(proofPath, 'utf8'));
  proof.credentialSubject.result.score = '9';
  const tampered = join(work, 'tampered.json');
  writeFileSync(tampered, JSON.stringify(proof));
  const run = tessera('verify', tampered, '--package', pkg, '--now', NOW, '--json');
  assert.equal(run.code, 1);
  const report = JSON.parse(run.out);
  assert.equal(report.checks.find((c) => c.id === 'proof').status, 'fail');
  assert.equal(tessera('verify', join(work, 'nope.json')).code, 2);
  writeFileSync(join(work, 'garbage.json'), '{"a": [1, 2');
  assert.equal(tessera('verify', join(work, 'garbage.json')).code, 1);
});

let credentialPath, credentialId;
test('issue turns the proof into a signed Open Badges 3.0 credential that verifies', () => {
  credentialPath = join(work, 'badge.json');
  const run = tessera('issue', proofPath, '--issuer', issuerDir, '--package', pkg, '--now', NOW, '--out', credentialPath);
  assert.equal(run.code, 0, run.err);
  const badge = JSON.parse(readFileSync(credentialPath, 'utf8'));
  credentialId = badge.id;
  assert.deepEqual(badge['@context'], ['https://www.w3.org/ns/credentials/v2',
    'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json']);
  assert.deepEqual(badge.type, ['VerifiableCredential', 'OpenBadgeCredential']);
  assert.equal(badge.validFrom, NOW);
  assert.equal(badge.validUntil, '2029-01-02T00:00:00Z');
  assert.equal(badge.credentialStatus.type, 'BitstringStatusListEntry');
  assert.equal(badge.credentialStatus.statusListCredential, 'https://academy.example/status/1.json');
  assert.match(badge.evidence[0].id, /^urn:sha256:[0-9a-f]{64}$/);
  assert.equal(badge.credentialSubject.achievement.alignment[0].targetCode, 'TS-1');
  assert.ok(statSync(join(issuerDir, 'issuer.key')).mode % 0o1000 === 0o600);

  assert.equal(tessera('status-list', '--issuer', issuerDir, '--now', NOW).code, 0);
  const list = join(issuerDir, 'status/1.json');
  const verified = tessera('verify', credentialPath, '--status-list', list, '--now', '2028-01-01T00:00:00Z');
  assert.equal(verified.code, 0, verified.out);
  assert.match(verified.out, /^pass +status +Not revoked/m);
  const expired = tessera('verify', credentialPath, '--status-list', list, '--now', '2029-06-01T00:00:00Z');
  assert.equal(expired.code, 1);
  assert.match(expired.out, /^fail +validity +Expired/m);
});

test('the issuer refuses a proof without its package, and a proof that fails', () => {
  const run = tessera('issue', proofPath, '--issuer', issuerDir, '--now', NOW);
  assert.equal(run.code, 1);
  assert.match(run.err, /policy refuses/);
  const proof = JSON.parse(readFileSync(proofPath, 'utf8'));
  proof.evidence[0].events.splice(3, 1);
  writeFileSync(join(work, 'dropped.json'), JSON.stringify(proof));
  assert.equal(tessera('issue', join(work, 'dropped.json'), '--issuer', issuerDir, '--package', pkg, '--now', NOW).code, 1);
  assert.equal(tessera('issuer', 'init', issuerDir).code, 1, 'an issuer key is never overwritten');
});

test('issue --pathway stacks course proofs into a pathway certificate when its rules hold', () => {
  // A catalog beside the packed package: one pathway the golden course completes, one that needs a course
  // the learner has no proof for.
  const catalog = join(work, 'dist/catalog.json');
  writeFileSync(catalog, JSON.stringify({
    format: 1,
    defaultLanguage: 'en',
    courses: [
      { id: 'golden-course', version: '1.0.0', path: 'golden-course/1.0.0' },
      { id: 'other-course', version: '1.0.0', path: 'other-course/1.0.0' },
    ],
    pathways: [
      { id: 'golden-path', title: { en: 'Golden path' }, description: 'The golden course on its own.',
        requirements: [{ kind: 'all-of', courses: ['golden-course'] }],
        credential: { name: 'Golden path certificate', description: 'Completed the golden course.',
          criteria: 'Complete the golden course.', validityMonths: 12, renewal: 'Take the course again.' } },
      { id: 'long-path', title: { en: 'Long path' }, description: 'Two courses.',
        requirements: [{ kind: 'all-of', courses: ['golden-course', 'other-course'] }],
        credential: { name: 'Long path certificate', description: 'Completed both courses.',
          criteria: 'Complete both courses.', validityMonths: 12, renewal: 'Take the courses again.' } },
    ],
  }));
  const pathwayPath = join(work, 'pathway.json');
  const run = tessera('issue', proofPath, '--issuer', issuerDir, '--pathway', 'golden-path', '--catalog', catalog,
    '--now', NOW, '--out', pathwayPath);
  assert.equal(run.code, 0, run.err);
  const certificate = JSON.parse(readFileSync(pathwayPath, 'utf8'));
  assert.deepEqual(certificate.type, ['VerifiableCredential', 'OpenBadgeCredential']);
  assert.equal(certificate.proof.cryptosuite, 'eddsa-rdfc-2022');
  const achievement = certificate.credentialSubject.achievement;
  assert.deepEqual(achievement.type, ['Achievement']);
  assert.equal(achievement.achievementType, 'Certificate');
  assert.equal(achievement.name, 'Golden path certificate');
  assert.equal(achievement.criteria.narrative, 'Complete the golden course.');
  assert.equal(certificate.credentialSubject.result[0].value, 'golden-course 1.0.0');
  assert.equal(certificate.credentialSubject.id, JSON.parse(readFileSync(proofPath, 'utf8')).issuer);
  assert.equal(certificate.validUntil, '2028-01-02T00:00:00Z');
  assert.equal(certificate.evidence.length, 1);
  assert.match(certificate.evidence[0].id, /^urn:sha256:[0-9a-f]{64}$/);
  const verified = tessera('verify', pathwayPath, '--now', '2027-06-01T00:00:00Z');
  assert.equal(verified.code, 0, verified.out);
  // Every check passed but revocation, which needs the issuer's status list: not fully checked, exit 0.
  assert.match(verified.out, /^warning +status +Revocation could not be checked/m);
  assert.match(verified.out, /^NOT FULLY CHECKED/m);
  const tampered = JSON.parse(readFileSync(pathwayPath, 'utf8'));
  tampered.credentialSubject.achievement.name = 'Platinum path certificate';
  writeFileSync(join(work, 'pathway.tampered.json'), JSON.stringify(tampered));
  assert.equal(tessera('verify', join(work, 'pathway.tampered.json'), '--now', '2027-06-01T00:00:00Z').code, 1);

  // Rules not met: refused, naming the missing course; an unknown pathway is a usage error.
  const refused = tessera('issue', proofPath, '--issuer', issuerDir, '--pathway', 'long-path', '--catalog', catalog,
    '--now', NOW, '--out', join(work, 'long.json'));
  assert.equal(refused.code, 1);
  assert.match(refused.err, /the pathway's rules do not hold yet/);
  assert.match(refused.err, /other-course/);
  const unknown = tessera('issue', proofPath, '--issuer', issuerDir, '--pathway', 'no-such-path', '--catalog', catalog, '--now', NOW);
  assert.equal(unknown.code, 2);
  assert.match(unknown.err, /no pathway 'no-such-path'/);
  assert.equal(tessera('issue', proofPath, '--issuer', issuerDir, '--pathway', 'golden-path', '--now', NOW).code, 2,
    '--pathway needs --catalog');
});

test('revoke, then the published status list says so', () => {
  assert.equal(tessera('revoke', 'urn:uuid:not-issued', '--issuer', issuerDir).code, 1);
  const run = tessera('revoke', credentialId, '--issuer', issuerDir);
  assert.equal(run.code, 0, run.err);
  assert.equal(tessera('status-list', '--issuer', issuerDir, '--now', NOW).code, 0);
  const list = join(issuerDir, 'status/1.json');
  const verified = tessera('verify', credentialPath, '--status-list', list, '--now', '2028-01-01T00:00:00Z');
  assert.equal(verified.code, 1);
  assert.match(verified.out, /^fail +status +Revoked/m);
});

test('a status list whose encodedList is a gzip bomb is refused at the bound, with a clear message', () => {
  // 64 MiB of zeros (4 times the 16 MiB a status list may inflate to) in about 64 KB of gzip, made by node's
  // zlib, in a list the issuer signs as it signs its real one: only the bound refuses it. The 1 GiB bomb is
  // in the Catch2 tests (tests/unit/credential_status_list_test.cpp).
  const list = JSON.parse(readFileSync(join(issuerDir, 'status/1.json'), 'utf8'));
  const { verificationMethod, cryptosuite } = list.proof;
  delete list.proof;
  const bomb = gzipSync(Buffer.alloc(64 << 20));
  assert.ok(bomb.length < 100_000, `${bomb.length} bytes`);
  list.credentialSubject.encodedList = `u${bomb.toString('base64url')}`;
  const unsigned = join(work, 'bomb-unsigned.json');
  const signed = join(work, 'bomb-list.json');
  writeFileSync(unsigned, JSON.stringify(list));
  const signing = tessera('sign', unsigned, '--key', join(issuerDir, 'issuer.key'), '--cryptosuite', cryptosuite,
    '--vm', verificationMethod, '--out', signed);
  assert.equal(signing.code, 0, signing.err);
  const verified = tessera('verify', credentialPath, '--status-list', signed, '--now', '2028-01-01T00:00:00Z', '--json');
  assert.equal(verified.code, 1, verified.out);
  const status = JSON.parse(verified.out).checks.find((c) => c.id === 'status');
  assert.equal(status.status, 'fail');
  // The byte named is where inflation stopped: a short way into the bomb, the rest never inflated.
  assert.match(status.sentence, /^The status cannot be read: the status list's GZIP cannot be read: the data inflates to more than 16777216 bytes \(byte (\d+)\) \(at encodedList\); this is not data of the expected kind \(a decompression bomb\?\); do not use it\.$/);
  assert.ok(Number(/\(byte (\d+)\)/.exec(status.sentence)[1]) < bomb.length / 2, status.sentence);
});

test('a ledger edited to a status index past the list, or to wrong types, is refused with its place', () => {
  const copy = join(work, 'issuer-edited');
  cpSync(issuerDir, copy, { recursive: true });
  const ledgerPath = join(copy, 'ledger.json');
  const ledger = JSON.parse(readFileSync(ledgerPath, 'utf8'));
  const last = ledger.issued.length;
  ledger.issued.push({ id: 'urn:uuid:edited', statusIndex: 999999999, revoked: true });
  writeFileSync(ledgerPath, JSON.stringify(ledger));
  const past = tessera('status-list', '--issuer', copy, '--now', NOW);
  assert.equal(past.code, 2, past.err);
  assert.match(past.err, new RegExp(`at /issued/${last}/statusIndex: the status index is not a whole number below 131072`));
  ledger.issued[last] = { id: 'urn:uuid:edited', statusIndex: 5, revoked: 'yes' };
  writeFileSync(ledgerPath, JSON.stringify(ledger));
  const typed = tessera('revoke', 'urn:uuid:edited', '--issuer', copy);
  assert.equal(typed.code, 2, typed.err);
  assert.match(typed.err, new RegExp(`ledger.json: /issued/${last}/revoked must be true or false`));
});

test('a revoked, expired badge stays so when its keys are re-spelled as full IRIs (the signed RDF is unchanged)', () => {
  const badge = JSON.parse(readFileSync(credentialPath, 'utf8'));
  assert.equal(badge.proof.cryptosuite, 'eddsa-rdfc-2022');
  // validUntil's term gives its value the type xsd:dateTime; under the full IRI the value says so itself.
  badge['https://www.w3.org/2018/credentials#validUntil'] =
    { '@value': badge.validUntil, '@type': 'http://www.w3.org/2001/XMLSchema#dateTime' };
  badge['https://www.w3.org/2018/credentials#credentialStatus'] = badge.credentialStatus;
  delete badge.validUntil;
  delete badge.credentialStatus;
  const respelled = join(work, 'badge.respelled.json');
  writeFileSync(respelled, JSON.stringify(badge));
  const list = join(issuerDir, 'status/1.json');
  const run = tessera('verify', respelled, '--status-list', list, '--now', '2029-06-01T00:00:00Z');
  assert.equal(run.code, 1, run.out);
  assert.match(run.out, /^pass +proof /m);
  assert.match(run.out, /^fail +validity +Expired on 2029-01-02T00:00:00Z/m);
  assert.match(run.out, /^fail +status +Revoked/m);
});

test('status lists: ours gunzip in node; a node-gzipped list reads in tessera', () => {
  const list = JSON.parse(readFileSync(join(issuerDir, 'status/1.json'), 'utf8'));
  const encoded = list.credentialSubject.encodedList;
  assert.equal(encoded[0], 'u');
  const bits = gunzipSync(Buffer.from(encoded.slice(1), 'base64url'));
  assert.equal(bits.length * 8, 131072);
  const badge = JSON.parse(readFileSync(credentialPath, 'utf8'));
  const index = Number(badge.credentialStatus.statusListIndex);
  const bit = (buffer, i) => (buffer[i >> 3] >> (7 - (i & 7))) & 1;
  assert.equal(bit(bits, index), 1);
  assert.equal([...bits].reduce((n, b) => n + (b ? 1 : 0), 0), 1);

  // node's zlib (dynamic Huffman) writes a list with the bit clear; signed with the issuer's key it un-revokes.
  const clear = Buffer.alloc(16384);
  clear[100] = 0xff;  // some other revocations, so the stream is not trivial
  list.credentialSubject.encodedList = 'u' + gzipSync(clear, { level: 9 }).toString('base64url');
  delete list.proof;
  writeFileSync(join(work, 'node-list.json'), JSON.stringify(list));
  const signedList = join(work, 'node-list.signed.json');
  assert.equal(tessera('sign', join(work, 'node-list.json'), '--key', join(issuerDir, 'issuer.key'), '--out', signedList).code, 0);
  const verified = tessera('verify', credentialPath, '--status-list', signedList, '--now', '2028-01-01T00:00:00Z');
  assert.equal(verified.code, index >> 3 === 100 ? 1 : 0, verified.out);
  // Signed by anyone else, the list is refused.
  const forged = join(work, 'node-list.forged.json');
  assert.equal(tessera('sign', join(work, 'node-list.json'), '--seed', '55'.repeat(32), '--out', forged).code, 0);
  assert.match(tessera('verify', credentialPath, '--status-list', forged, '--now', '2028-01-01T00:00:00Z').out,
    /^fail +status /m);
});
