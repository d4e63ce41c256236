// `tessera verify` and a credential's status: a revocation and a suspension list (W3C Bitstring Status List,
// each signed by the issuer with `tessera sign`, the bitstring GZIP'd by node's zlib), the 1EdTech revocation
// list (--revocation-list), and a list not given: "could not be checked", never "not revoked".
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ok, tessera } from '../lib/cli.mjs';

const SEED = '44'.repeat(32);
const NOW = '2028-01-01T00:00:00Z';
const REVOCATION = 'https://issuer.example/status/revocation.json';
const SUSPENSION = 'https://issuer.example/status/suspension.json';
const REVOCATIONS = 'https://issuer.example/revocations';
const ID = 'urn:uuid:0b9a4f4e-2f1c-4d4e-8c1a-6d3e5f7a9b10';

let work, issuer;
function file(name, value) {
  const path = join(work, name);
  writeFileSync(path, JSON.stringify(value));
  return path;
}
function signed(name, document) {
  return file(name, JSON.parse(ok('sign', file(`${name}.unsigned`, document), '--seed', SEED, '--cryptosuite', 'eddsa-jcs-2022').out));
}
// The issuer's signed list for `purpose`, 131,072 bits with `set` set (bit 0 the first byte's highest).
function list(name, id, purpose, set = []) {
  const bits = Buffer.alloc(16384);
  for (const index of set) bits[index >> 3] |= 0x80 >> (index & 7);
  return signed(name, {
    '@context': ['https://www.w3.org/ns/credentials/v2'], id, type: ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer, validFrom: '2027-01-01T00:00:00Z',
    credentialSubject: { id: `${id}#list`, type: 'BitstringStatusList', statusPurpose: purpose,
      encodedList: `u${gzipSync(bits).toString('base64url')}` },
  });
}
function credential(name, credentialStatus) {
  return signed(name, {
    '@context': ['https://www.w3.org/ns/credentials/v2'], id: ID, type: ['VerifiableCredential'], issuer,
    validFrom: '2027-01-01T00:00:00Z', credentialSubject: { id: 'did:example:learner' }, credentialStatus,
  });
}
function entry(listId, index, purpose) {
  return { id: `${listId}#${index}`, type: 'BitstringStatusListEntry', statusPurpose: purpose, statusListIndex: String(index), statusListCredential: listId };
}
const statusLines = (out) => out.split('\n').filter((line) => /^\w+ +status /.test(line));

before(() => {
  work = mkdtempSync(join(tmpdir(), 'tessera-status-'));
  // The issuer is the seed's did:key: what `tessera sign` names as the verification method's controller.
  const probe = JSON.parse(ok('sign', file('probe.json', { a: 1 }), '--seed', SEED, '--cryptosuite', 'eddsa-jcs-2022').out);
  issuer = probe.proof.verificationMethod.split('#')[0];
});
after(() => rmSync(work, { recursive: true, force: true }));

test('a revocation and a suspension list: each entry checked, a suspended credential refused', () => {
  const badge = credential('both.json', [entry(REVOCATION, 5, 'revocation'), entry(SUSPENSION, 9, 'suspension')]);
  const revocation = list('revocation.json', REVOCATION, 'revocation', [4, 6]);
  const clear = ok('verify', badge, '--status-list', revocation, '--status-list', list('suspension.json', SUSPENSION, 'suspension'), '--now', NOW);
  assert.deepEqual(statusLines(clear.out).map((line) => line.replace(/ +/g, ' ')), [
    'pass status Not revoked (bit 5 of the issuer\'s signed list is clear).',
    'pass status Not suspended (bit 9 of the issuer\'s signed suspension list is clear).',
  ]);
  const suspended = tessera('verify', badge, '--status-list', revocation, '--status-list', list('suspended.json', SUSPENSION, 'suspension', [9]), '--now', NOW);
  assert.equal(suspended.code, 1, suspended.out);
  assert.match(suspended.out, new RegExp(`^fail +status +Suspended: bit 9 of ${SUSPENSION.replaceAll('.', '\\.')} is set\\.$`, 'm'));
  assert.match(suspended.out, /NOT VERIFIED/);
});

test('a list not given is "could not be checked", never "not revoked"', () => {
  const badge = credential('both-unchecked.json', [entry(REVOCATION, 5, 'revocation'), entry(SUSPENSION, 9, 'suspension')]);
  const run = tessera('verify', badge, '--status-list', list('revocation-only.json', REVOCATION, 'revocation'), '--now', NOW);
  assert.equal(run.code, 0, run.out);  // nothing failed, but the verdict is not "verified"
  assert.match(run.out, /^warning +status +Suspension could not be checked: the credential names the status list https:\/\/issuer\.example\/status\/suspension\.json, which was not supplied/m);
  assert.match(run.out, /NOT FULLY CHECKED/);
  const none = tessera('verify', badge, '--now', NOW);
  assert.match(none.out, /^warning +status +Revocation could not be checked/m);
  assert.doesNotMatch(none.out, /Not revoked/);
});

test('the 1EdTech revocation list a credential names, offline with --revocation-list', () => {
  const badge = credential('edtech.json', { id: REVOCATIONS, type: '1EdTechRevocationList' });
  const unchecked = tessera('verify', badge, '--now', NOW);
  assert.equal(unchecked.code, 0, unchecked.out);
  assert.match(unchecked.out, /^warning +status +Revocation could not be checked: the credential names the 1EdTech revocation list https:\/\/issuer\.example\/revocations/m);
  assert.match(unchecked.out, /NOT FULLY CHECKED/);
  const others = file('others.json', { id: REVOCATIONS, issuer, revokedCredentials: [{ id: 'urn:uuid:someone-else' }] });
  const passed = ok('verify', badge, '--revocation-list', others, '--now', NOW);
  assert.match(passed.out, /^pass +status +Not revoked: the issuer's revocation list https:\/\/issuer\.example\/revocations does not name this credential/m);
  const naming = file('naming.json', { id: REVOCATIONS, issuer, revokedCredentials: [{ id: ID, revocationReason: 'Issued in error' }] });
  const revoked = tessera('verify', badge, '--revocation-list', naming, '--now', NOW);
  assert.equal(revoked.code, 1, revoked.out);
  assert.match(revoked.out, /^fail +status +Revoked: the issuer's revocation list https:\/\/issuer\.example\/revocations names this credential \(“Issued in error”\)\.$/m);
  // Another issuer's list neither clears nor revokes it.
  const stranger = file('stranger.json', { id: REVOCATIONS, issuer: 'did:example:stranger', revokedCredentials: [] });
  assert.match(tessera('verify', badge, '--revocation-list', stranger, '--now', NOW).out, /^fail +status +The status list was not published by the credential's issuer/m);
});

test('an expired credential says so, and when', () => {
  const badge = signed('expired.json', {
    '@context': ['https://www.w3.org/ns/credentials/v2'], id: ID, type: ['VerifiableCredential'], issuer,
    validFrom: '2027-01-01T00:00:00Z', validUntil: '2027-06-01T00:00:00Z', credentialSubject: { id: 'did:example:learner' },
  });
  const run = tessera('verify', badge, '--now', NOW);
  assert.equal(run.code, 1);
  assert.match(run.out, /^fail +validity +Expired on 2027-06-01T00:00:00Z\.$/m);
  assert.match(tessera('verify', badge, '--now', '2026-01-01T00:00:00Z').out, /^fail +validity +Not valid yet: valid from 2027-01-01T00:00:00Z\.$/m);
});
