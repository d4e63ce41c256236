// Interoperability of Tessera's eddsa-rdfc-2022 with an independent implementation (Digital Bazaar's
// jsonld, data-integrity and eddsa-rdfc-2022-cryptosuite from npm), offline: a fixed document loader
// serves the same contexts Tessera ships (from the same npm packages) and did:key documents.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import jsigs from 'jsonld-signatures';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { makeGoldenCredentialPath } from '../lib/golden-credential.mjs';
import { documentLoader } from '../lib/peer-credentials.mjs';
import { tessera } from '../lib/cli.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const GOLDEN = join(ROOT, 'tests/golden');
const SEED_HEX = '2a'.repeat(32);
const CREATED = '2024-05-01T12:00:00Z';


async function dbVerify(credential) {
  return jsigs.verify(credential, {
    suite: new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 }),
    purpose: new jsigs.purposes.AssertionProofPurpose(),
    documentLoader,
  });
}

async function dbKey() {
  const key = await Ed25519Multikey.generate({ seed: Buffer.from(SEED_HEX, 'hex') });
  key.controller = `did:key:${key.publicKeyMultibase}`;
  key.id = `${key.controller}#${key.publicKeyMultibase}`;
  return key;
}

let work;
let unsigned;
before(() => {
  work = mkdtempSync(join(tmpdir(), 'tessera-rdfc-'));
  unsigned = JSON.parse(readFileSync(join(GOLDEN, 'ob3-ldp/unsigned.json'), 'utf8'));
  writeFileSync(join(work, 'unsigned.json'), JSON.stringify(unsigned));
});
after(() => rmSync(work, { recursive: true, force: true }));

test('a credential signed by tessera rdfc-sign verifies with the Digital Bazaar libraries', async () => {
  const run = tessera('rdfc-sign', join(work, 'unsigned.json'), '--seed', SEED_HEX, '--created', CREATED);
  assert.equal(run.code, 0, run.err);
  const signed = JSON.parse(run.out);
  const result = await dbVerify(signed);
  assert.equal(result.verified, true, JSON.stringify(result.error ?? result, null, 1));

  const changed = structuredClone(signed);
  changed.credentialSubject.achievement.name = 'Something else';
  assert.equal((await dbVerify(changed)).verified, false);
});

test('a credential signed by the Digital Bazaar libraries verifies with tessera rdfc-verify, same bytes', async () => {
  const key = await dbKey();
  const suite = new DataIntegrityProof({ signer: key.signer(), cryptosuite: eddsaRdfc2022, date: CREATED });
  const signed = await jsigs.sign(structuredClone(unsigned), {
    suite, purpose: new jsigs.purposes.AssertionProofPurpose(), documentLoader,
  });
  writeFileSync(join(work, 'db-signed.json'), JSON.stringify(signed, null, 2));
  const run = tessera('rdfc-verify', join(work, 'db-signed.json'));
  assert.equal(run.code, 0, run.err);
  assert.match(run.out, /verified \(eddsa-rdfc-2022/);

  // Ed25519 is deterministic: both implementations sign the same canonical bytes, so the proofs match.
  const ours = JSON.parse(tessera('rdfc-sign', join(work, 'unsigned.json'), '--seed', SEED_HEX, '--created', CREATED).out);
  assert.equal(ours.proof.proofValue, signed.proof.proofValue);
  assert.equal(ours.proof.verificationMethod, signed.proof.verificationMethod);

  const changed = structuredClone(signed);
  changed.issuer.name = 'Another Corp';
  writeFileSync(join(work, 'db-changed.json'), JSON.stringify(changed));
  const refused = tessera('rdfc-verify', join(work, 'db-changed.json'));
  assert.equal(refused.code, 1);
  assert.match(refused.err, /\/proof\/proofValue: the signature does not verify/);
});

test('tessera canon gives the same canonical N-Quads as jsonld.canonize', async () => {
  const jsonld = (await import('jsonld')).default;
  const expected = await jsonld.canonize(unsigned, { algorithm: 'RDFC-1.0', format: 'application/n-quads', documentLoader, safe: true });
  const run = tessera('canon', join(work, 'unsigned.json'));
  assert.equal(run.code, 0, run.err);
  assert.equal(run.out, expected);
});

test('tessera canon refuses an unknown context and an undefined term, naming the place', () => {
  writeFileSync(join(work, 'unknown.json'), JSON.stringify({ ...unsigned, '@context': [...unsigned['@context'], 'https://example.org/ctx.json'] }));
  const unknown = tessera('canon', join(work, 'unknown.json'));
  assert.equal(unknown.code, 1);
  assert.match(unknown.err, /error \/@context\/2: unknown context "https:\/\/example.org\/ctx.json"/);
  writeFileSync(join(work, 'undefined.json'), JSON.stringify({ ...unsigned, colour: 'red' }));
  const undefinedTerm = tessera('canon', join(work, 'undefined.json'));
  assert.equal(undefinedTerm.code, 1);
  assert.match(undefinedTerm.err, /error \/colour: undefined term "colour"/);
});

test('an Open Badges 3.0 credential issued by tessera issue verifies with the Digital Bazaar libraries', async () => {
  // The whole issuer path: a packed course, a learner's completion proof, an issuer, then `tessera issue`,
  // whose default proof is eddsa-rdfc-2022.
  const { pkg, proof, issuer } = makeGoldenCredentialPath(work);
  const badgePath = join(work, 'badge.json');
  const issued = tessera('issue', proof, '--issuer', issuer, '--package', pkg, '--now', '2027-01-02T00:00:00Z', '--out', badgePath);
  assert.equal(issued.code, 0, issued.err);
  const badge = JSON.parse(readFileSync(badgePath, 'utf8'));
  assert.equal(badge.proof.cryptosuite, 'eddsa-rdfc-2022');
  const result = await dbVerify(badge);
  assert.equal(result.verified, true, JSON.stringify(result.error ?? result, null, 1));
  const changed = structuredClone(badge);
  changed.credentialSubject.result[0].value = '0';
  assert.equal((await dbVerify(changed)).verified, false);
});

test('a proof set made by Tessera (the issuer, then a countersigner with rdfc-sign --add) verifies with the Digital Bazaar libraries, proof by proof', async () => {
  const { pkg, proof, issuer } = makeGoldenCredentialPath(join(work, 'proof-set'));
  const badgePath = join(work, 'badge-for-set.json');
  const issued = tessera('issue', proof, '--issuer', issuer, '--package', pkg, '--now', '2027-01-02T00:00:00Z', '--out', badgePath);
  assert.equal(issued.code, 0, issued.err);
  const added = tessera('rdfc-sign', badgePath, '--seed', SEED_HEX, '--created', CREATED, '--add');
  assert.equal(added.code, 0, added.err);
  const set = JSON.parse(added.out);
  assert.equal(set.proof.length, 2);
  // The issuer's proof is kept as it was; the countersigner's is what Digital Bazaar's signer makes.
  assert.deepEqual(set.proof[0], JSON.parse(readFileSync(badgePath, 'utf8')).proof);
  const key = await dbKey();
  const theirs = await jsigs.sign(structuredClone(JSON.parse(readFileSync(badgePath, 'utf8'))), {
    suite: new DataIntegrityProof({ signer: key.signer(), date: CREATED, cryptosuite: eddsaRdfc2022 }),
    purpose: new jsigs.purposes.AssertionProofPurpose(), documentLoader,
  });
  assert.deepEqual(theirs.proof, set.proof, 'jsonld-signatures adds the same second proof to the set');
  const result = await dbVerify(set);
  assert.deepEqual(result.results.map((r) => r.verified), [true, true], JSON.stringify(result, null, 1));
  const setPath = join(work, 'proof-set.json');
  writeFileSync(setPath, added.out);
  const ours = tessera('verify', setPath, '--json', '--now', '2027-01-03T00:00:00Z');
  const report = JSON.parse(ours.out);
  assert.deepEqual(report.proofs.map((p) => p.verdict), ['verified', 'verified'], ours.out);
  // A changed fact breaks both proofs, for them and for Tessera.
  const changed = structuredClone(set);
  changed.credentialSubject.result[0].value = '0';
  assert.deepEqual((await dbVerify(changed)).results.map((r) => r.verified), [false, false]);
  // Without --add a signed document is refused, as before.
  const refused = tessera('rdfc-sign', badgePath, '--seed', SEED_HEX);
  assert.equal(refused.code, 1);
  assert.match(refused.err, /already has a proof/);
});
