// The learner's wallet: the completion proofs this device signed and the credentials the learner added
// (IndexedDB store "wallet"). A proof is signed by the runtime with the learner's key when a course from a
// signed package is completed; a credential is added only after the verifier core has checked it here.
import { allRows, deleteRow, putRow } from './store/db.js';
import { ensureLearnerKey, withSeed } from './store/keys.js';
import { siteUrl } from './shell.js';
import { base64url, deflateRaw, fromBase64url, isoNow, toHex } from './encoding.js';
import { loadPageWords, say } from './words.js';

export class WalletError extends Error {
  constructor(message) {
    super(message);
    this.name = 'WalletError';
  }
}

async function sha256Hex(text) {
  return toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))));
}

export async function walletRows() {
  const rows = await allRows('wallet');
  return rows.filter((row) => row && row.document).sort((a, b) => String(b.added).localeCompare(String(a.added)));
}

// The completion proof stored for this course's record as it stands (the record's length), or null.
export async function storedProof(courseId, eventCount) {
  return (await walletRows()).find((row) => row.kind === 'completion-proof' && row.course === courseId && row.basis === eventCount) || null;
}

// How many events of a completion proof travel without what the learner wrote for themself (their reflections,
// survey answers and unscored answers, withheld unless they include them).
export function withheldEvents(proof) {
  const events = proof?.evidence?.[0]?.events;
  return Array.isArray(events) ? events.filter((event) => event && event.redacted).length : 0;
}

// Signs and stores the completion proof of a completed course. options: { credentials (the credentials
// module), learner, courseId, courseText, events, manifestText, title, includePrivate }. includePrivate is
// the learner's choice for this course: true puts their reflections, survey answers and unscored answers in
// the proof; false leaves them out; undefined keeps the stored proof's choice (out when there is none).
// Resolves to the wallet row (the stored one when this record already has its proof, made with that choice;
// otherwise the new proof replaces it: same record, same id). Throws WalletError when the package is
// unsigned (a preview: nothing to prove against) or the runtime refuses (the course is not complete).
export async function signCompletionProof({ credentials, learner, courseId, courseText, events, manifestText, title, includePrivate }) {
  await loadPageWords();
  if (!manifestText) throw new WalletError(say('page.wallet.preview'));
  const existing = await storedProof(courseId, events.length);
  if (existing && (includePrivate === undefined || Boolean(existing.includesPrivate) === includePrivate)) return existing;
  const include = Boolean(includePrivate);
  await ensureLearnerKey(credentials, learner);
  const manifestSha256 = await sha256Hex(manifestText);
  const created = isoNow();
  const result = await withSeed(learner, async (seedHex) =>
    JSON.parse(await credentials.completionProof(courseText, JSON.stringify(events), seedHex, manifestSha256, created, include)));
  if (!result.ok) throw new WalletError(say('page.wallet.refused', { problem: result.problems?.[0]?.message || say('page.wallet.runtime-refused') }));
  const row = {
    id: result.proof.id, kind: 'completion-proof', course: courseId, basis: events.length, includesPrivate: include,
    name: say('page.wallet.proof-name', { title }), added: created, document: result.proof,
  };
  await putRow('wallet', row);
  // A proof of a shorter record of this course (signed before an optional survey, say) is superseded: the
  // longer record holds every event it proved, so the wallet keeps one proof per course.
  for (const older of await walletRows()) {
    if (older.kind === 'completion-proof' && older.course === courseId && older.basis < row.basis) await deleteRow('wallet', older.id);
  }
  return row;
}

// Adds a credential file the learner was given (an Open Badges 3.0 credential, or a completion proof from
// another device) after the verifier core passed it. Resolves to the row; throws WalletError naming the
// first failed check, and stores nothing then.
export async function addCredential(credentials, text) {
  await loadPageWords();
  let document;
  try {
    document = JSON.parse(text);
  } catch {
    throw new WalletError(say('page.wallet.not-json'));
  }
  if (!document || typeof document !== 'object' || !document.proof) {
    throw new WalletError(say('page.wallet.no-proof'));
  }
  const report = JSON.parse(await credentials.verifyCredential(text, JSON.stringify({ now: isoNow() })));
  const failed = (report.checks || []).find((check) => check.status === 'fail');
  if (failed) throw new WalletError(say('page.wallet.failed-check', { sentence: failed.sentence }));
  const completion = report.kind === 'completion-proof';
  // What the wallet shows comes from the verifier's report, which reads what the signature covers (an
  // eddsa-rdfc-2022 credential can spell its JSON keys many ways); a completion proof's JSON is what it signs.
  const subject = report.subject || {};
  const achievement = completion ? undefined : subject.achievement;
  const issuer = completion ? document.issuer : subject.issuer;
  const row = {
    id: typeof document.id === 'string' ? document.id : `urn:tessera:wallet:${await sha256Hex(text)}`,
    kind: completion ? 'completion-proof' : 'credential',
    course: document.credentialSubject?.course?.id,
    name: (typeof achievement === 'string' && achievement) || (typeof document.name === 'string' && document.name) || say('page.wallet.kind.credential'),
    issuer: typeof issuer === 'string' ? issuer : issuer?.name || issuer?.id,
    validUntil: completion ? document.validUntil : subject.validUntil,
    validFrom: completion ? document.validFrom : subject.validFrom,
    added: isoNow(),
    document,
  };
  await putRow('wallet', row);
  return row;
}

// A link to this site's verifier page that carries the document itself (#doc=base64url JSON). The fragment
// never reaches a server.
export function verifierLink(credential) {
  return `${siteUrl('verify/')}#doc=${base64url(new TextEncoder().encode(JSON.stringify(credential)))}`;
}

// The same, compressed (#z=base64url of raw deflate): about a third of the length, short enough for a QR
// code that a phone reads off paper.
export async function shortVerifierLink(credential) {
  return `${siteUrl('verify/')}#z=${base64url(await deflateRaw(new TextEncoder().encode(JSON.stringify(credential))))}`;
}

// The id a Tessera-issued credential's achievement names after `urn:tessera:KIND:` (course: ID:VERSION, as
// `tessera issue` names it; pathway: ID), or null for another issuer's or another kind. `end`: what follows it.
function achievementPart(row, kind, end) {
  const id = row?.document?.credentialSubject?.achievement?.id;
  const match = typeof id === 'string' ? new RegExp(`^urn:tessera:${kind}:([A-Za-z0-9._-]+)${end}`).exec(id) : null;
  return match ? match[1] : null;
}

// The course a Tessera-issued credential is for: which badge art this site has for it.
export function credentialCourse(row) {
  return achievementPart(row, 'course', ':');
}

// The pathway of a pathway certificate: whose renewal rule the catalog gives.
export function credentialPathway(row) {
  return achievementPart(row, 'pathway', '$');
}

// The credential baked into its course's badge art (the site's courses/ID/badge.png), as PNG bytes: the badge
// image Open Badges 3.0 tools read the credential from. Throws WalletError when the site has no art for it or
// the runtime refuses.
export async function bakedBadge(credentials, row) {
  await loadPageWords();
  const course = credentialCourse(row);
  const response = course ? await fetch(siteUrl(`courses/${course}/badge.png`)).catch(() => null) : null;
  if (!response?.ok) throw new WalletError(say('page.wallet.no-badge-art'));
  const art = new Uint8Array(await response.arrayBuffer());
  const result = JSON.parse(await credentials.bakeImage(JSON.stringify(row.document), base64url(art)));
  if (!result.ok) throw new WalletError(say('page.wallet.refused', { problem: result.problems?.[0]?.message || say('page.wallet.runtime-refused') }));
  return fromBase64url(result.image);
}
