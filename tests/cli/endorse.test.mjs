// Tests of `tessera endorse` and of endorsements on the way through `tessera issue` and `tessera verify`: a
// partner signs an Open Badges 3.0 EndorsementCredential for the golden course's achievement (and for an
// issuer); a course that declares it gets it on the achievement of every credential issued; the verifier
// checks and shows it; a forged one is refused with its reason — by the issuer before issuing, and by the
// verifier in a credential that carries it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeGoldenCredentialPath } from '../lib/golden-credential.mjs';
import { tessera } from '../lib/cli.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const GOLDEN = join(ROOT, 'tests/golden');
const NOW = '2027-01-02T00:00:00Z';
const ACHIEVEMENT = 'urn:tessera:course:golden-course:1.0.0';


let work, issuerDir, partnerDir;
before(() => {
  work = mkdtempSync(join(tmpdir(), 'tessera-endorse-'));
  ({ issuer: issuerDir } = makeGoldenCredentialPath(work));
  partnerDir = join(work, 'partner');
  assert.equal(tessera('issuer', 'init', partnerDir, '--name', 'Partner Guild', '--url', 'https://guild.example/',
    '--seed', '61'.repeat(32)).code, 0);
});
after(() => rmSync(work, { recursive: true, force: true }));

// A copy of the golden course declaring `endorsement` (its text) as endorsements/partner.json, packed, proved
// and issued; returns the issue run and the credential's path.
function issueWithEndorsement(name, endorsementText) {
  const src = join(work, `${name}-src`);
  cpSync(join(work, 'src'), src, { recursive: true });
  mkdirSync(join(src, 'endorsements'));
  writeFileSync(join(src, 'endorsements/partner.json'), endorsementText);
  const course = JSON.parse(readFileSync(join(src, 'course.json'), 'utf8'));
  course.credential.endorsements = ['endorsements/partner.json'];
  writeFileSync(join(src, 'course.json'), JSON.stringify(course, null, 2));
  assert.equal(tessera('pack', src, '--key', join(work, 'keys/publisher.key'), '--out', join(work, `${name}-dist`)).code, 0);
  const pkg = join(work, `${name}-dist/golden-course/1.0.0`);
  const proof = join(work, `${name}-proof.json`);
  const proved = tessera('prove', pkg, join(GOLDEN, 'credential/completed-record.jsonl'), '--seed', '11'.repeat(32),
    '--created', '2027-01-01T10:00:00Z', '--now', '2027-01-01T10:00:00Z', '--out', proof);
  assert.equal(proved.code, 0, proved.err);
  const out = join(work, `${name}-badge.json`);
  return { run: tessera('issue', proof, '--issuer', issuerDir, '--package', pkg, '--now', NOW, '--out', out), out };
}

test('endorse signs an Open Badges 3.0 EndorsementCredential for a course, which verifies on its own', () => {
  const out = join(work, 'endorsement.json');
  const run = tessera('endorse', join(work, 'src'), '--issuer', partnerDir, '--comment', 'Meets the guild standard.',
    '--now', NOW, '--out', out);
  assert.equal(run.code, 0, run.err);
  const e = JSON.parse(readFileSync(out, 'utf8'));
  assert.deepEqual(e.type, ['VerifiableCredential', 'EndorsementCredential']);
  assert.deepEqual(e['@context'], ['https://www.w3.org/ns/credentials/v2',
    'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json']);
  assert.deepEqual(e.credentialSubject, { id: ACHIEVEMENT, type: ['EndorsementSubject'],
    endorsementComment: 'Meets the guild standard.' });
  assert.equal(e.issuer.name, 'Partner Guild');
  assert.equal(e.proof.cryptosuite, 'eddsa-rdfc-2022');
  assert.equal(e.validFrom, NOW);
  const verified = tessera('verify', out, '--now', NOW);
  assert.equal(verified.code, 0, verified.out);
  assert.match(verified.out, /pass {4}type {7}An Open Badges 3\.0 EndorsementCredential endorsing urn:tessera:course:golden-course:1\.0\.0\./);
  assert.match(verified.out, /^VERIFIED/m);
  const report = JSON.parse(tessera('verify', out, '--now', NOW, '--json').out);
  assert.equal(report.kind, 'endorsement-credential');
  assert.equal(report.subject.comment, 'Meets the guild standard.');
  assert.equal(report.subject.endorsed, ACHIEVEMENT);
});

test('endorse takes an issuer folder, an issued credential or an id as its target', () => {
  const ofIssuer = join(work, 'of-issuer.json');
  assert.equal(tessera('endorse', issuerDir, '--issuer', partnerDir, '--now', NOW, '--out', ofIssuer).code, 0);
  const issuerId = JSON.parse(readFileSync(join(issuerDir, 'issuer.json'), 'utf8')).id;
  assert.equal(JSON.parse(readFileSync(ofIssuer, 'utf8')).credentialSubject.id, issuerId);
  const byId = join(work, 'by-id.json');
  assert.equal(tessera('endorse', 'urn:example:thing', '--issuer', partnerDir, '--now', NOW, '--out', byId).code, 0);
  assert.equal(JSON.parse(readFileSync(byId, 'utf8')).credentialSubject.id, 'urn:example:thing');
  // Wrong use: no --out, no target, an unknown option.
  assert.equal(tessera('endorse', join(work, 'src'), '--issuer', partnerDir).code, 2);
  const missing = tessera('endorse', join(work, 'nowhere'), '--issuer', partnerDir, '--out', byId);
  assert.equal(missing.code, 2);
  assert.match(missing.err, /is not a file, a folder or an id/);
  assert.equal(tessera('endorse', join(work, 'src'), '--issuer', join(work, 'no-issuer'), '--out', byId).code, 2);
});

test('a course\'s endorsement is attached to the credential issued, and the verifier checks and shows it', () => {
  const out = join(work, 'for-course.json');
  assert.equal(tessera('endorse', join(work, 'src'), '--issuer', partnerDir, '--comment', 'A sound course.',
    '--now', NOW, '--out', out).code, 0);
  const { run, out: badgePath } = issueWithEndorsement('endorsed', readFileSync(out, 'utf8'));
  assert.equal(run.code, 0, run.err);
  const badge = JSON.parse(readFileSync(badgePath, 'utf8'));
  const attached = badge.credentialSubject.achievement.endorsement;
  assert.equal(attached.length, 1);
  assert.deepEqual(attached[0], JSON.parse(readFileSync(out, 'utf8')));
  const verified = tessera('verify', badgePath, '--now', NOW);
  assert.equal(verified.code, 0, verified.out);
  assert.match(verified.out, /pass {4}endorsement Endorsed by Partner Guild \(did:key:z6Mk[^)]+\): “A sound course\.” \(the endorsement verifies\)\./);
  const report = JSON.parse(tessera('verify', badgePath, '--now', NOW, '--json').out);
  assert.equal(report.endorsements.length, 1);
  assert.equal(report.endorsements[0].verified, true);
  assert.equal(report.endorsements[0].endorserName, 'Partner Guild');
  assert.equal(report.endorsements[0].comment, 'A sound course.');
});

test('a forged endorsement is refused with its reason: by the issuer, and by the verifier', () => {
  const out = join(work, 'to-forge.json');
  assert.equal(tessera('endorse', join(work, 'src'), '--issuer', partnerDir, '--comment', 'A sound course.',
    '--now', NOW, '--out', out).code, 0);
  const forged = JSON.parse(readFileSync(out, 'utf8'));
  forged.credentialSubject.endorsementComment = 'The best course there is.';
  const { run } = issueWithEndorsement('forged', JSON.stringify(forged, null, 2));
  assert.equal(run.code, 1);
  assert.match(run.err, /course\.json \/credential\/endorsements\/0 \(endorsements\/partner\.json\): the endorsement is refused: The proof \(eddsa-rdfc-2022\) does not verify/);

  // An issuer that signs a credential carrying it anyway: the credential verifies, the endorsement does not count.
  const good = JSON.parse(readFileSync(join(work, 'endorsed-badge.json'), 'utf8'));
  delete good.proof;
  good.credentialSubject.achievement.endorsement = [forged];
  writeFileSync(join(work, 'carrying.json'), JSON.stringify(good));
  const signed = join(work, 'carrying.signed.json');
  assert.equal(tessera('sign', join(work, 'carrying.json'), '--key', join(issuerDir, 'issuer.key'),
    '--cryptosuite', 'eddsa-rdfc-2022', '--out', signed).code, 0);
  const verified = tessera('verify', signed, '--now', NOW);
  assert.match(verified.out, /warning endorsement An endorsement said to be by Partner Guild \(did:key:[^)]+\) is refused and not counted: The proof \(eddsa-rdfc-2022\) does not verify/);
  const report = JSON.parse(tessera('verify', signed, '--now', NOW, '--json').out);
  assert.equal(report.endorsements[0].verified, false);
  assert.match(report.endorsements[0].reason, /does not verify/);
});

test('an issuer\'s policy links travel in its credentials\' profile; verify and the certificate PDF show them', () => {
  const academy = join(work, 'academy');
  const policy = (kind) => `https://academy.example/policies/${kind}`;
  const wrong = tessera('issuer', 'init', join(work, 'insecure'), '--appeal-policy', 'http://academy.example/appeal');
  assert.equal(wrong.code, 2);
  assert.match(wrong.err, /--appeal-policy takes an https:\/\/ URL/);
  assert.equal(tessera('issuer', 'init', academy, '--name', 'Example Academy', '--seed', '45'.repeat(32),
    '--eligibility-policy', policy('eligibility'), '--verification-policy', policy('verification'),
    '--appeal-policy', policy('appeal')).code, 0);
  assert.deepEqual(JSON.parse(readFileSync(join(academy, 'issuer.json'), 'utf8')).policyLinks,
    { eligibility: policy('eligibility'), verification: policy('verification'), appeal: policy('appeal') });
  const badgePath = join(work, 'policy-badge.json');
  const issued = tessera('issue', join(work, 'proof.json'), '--issuer', academy, '--package',
    join(work, 'dist/golden-course/1.0.0'), '--now', NOW, '--out', badgePath);
  assert.equal(issued.code, 0, issued.err);
  const badge = JSON.parse(readFileSync(badgePath, 'utf8'));
  assert.equal(badge.issuer.eligibilityPolicy, policy('eligibility'));
  assert.equal(badge['@context'][2].appealPolicy['@id'], 'https://www.w3.org/ns/credentials/issuer-dependent#appealPolicy');
  const report = JSON.parse(tessera('verify', badgePath, '--now', NOW, '--json').out);
  assert.equal(report.ok, true, JSON.stringify(report.checks));
  assert.deepEqual(report.subject.policies,
    { eligibility: policy('eligibility'), verification: policy('verification'), appeal: policy('appeal') });
  // Changing a link after signing breaks the issuer's signature: the links are signed facts.
  badge.issuer.appealPolicy = 'https://elsewhere.example/appeal';
  writeFileSync(join(work, 'policy-changed.json'), JSON.stringify(badge));
  assert.equal(tessera('verify', join(work, 'policy-changed.json'), '--now', NOW).code, 1);

  const pdf = join(work, 'policy.pdf');
  const made = tessera('certificate', badgePath, '--name', 'Ada Lovelace', '--verifier', 'https://learn.example/verify/',
    '--now', NOW, '--out', pdf);
  assert.equal(made.code, 0, made.err);
  const text = spawnSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, ' ');
  for (const kind of ['eligibility', 'verification', 'appeal']) assert.ok(text.includes(policy(kind)), `${kind}: ${text}`);
  assert.match(text, /How to appeal a decision \(appeal policy\): https:\/\/academy\.example\/policies\/appeal/);
});
