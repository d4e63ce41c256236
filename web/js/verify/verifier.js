// The verifier's one entry point: the runtime's verifier core (Wasm) checks a completion proof or an
// Open Badges credential on this page, offline once loaded; only the course package (from this site) and
// the issuer's status lists (and a 1EdTech revocation list) are fetched.
//
// Contract (what the page renders):
//   verifyDocument(text) → Promise<{
//     verified: boolean,                       // every check passed (warnings allowed)
//     checks: [{ ok: boolean, warning?: boolean, sentence: string }],   // each check as a plain sentence,
//                                              // in the page's language (the runtime's verify.* strings)
//     assessed: { course?, score?, passed?, competencies?, outcomes? (each learning outcome in plain words:
//                 "Can … : met (2 of 2 points)"), level?, timeOnTask?, learner?, completed?,
//                 withheld? (what the learner kept out of the proof, e.g. "1 reflection text, 1 survey's answers"),
//                 achievement?, issuer?, recipient?, issued?, validUntil? },
//     verdict: 'verified' | 'not-verified' | 'could-not-check',   // the runtime's Report::verdict
//     undecided: string[],                     // with could-not-check: what was not checked here, as sentences
//     endorsements: [{ endorser, endorserName?, comment?, verified, reason? }],  // those an Open Badge carries
//     trust: string,                           // the trust statement shown under the result
//   }>
// in the page's words (js/words.js: loaded here, in the browser's language on the verifier page).
// It rejects with an Error whose message is for people when the text is not a proof or credential.
// A baked badge image (Open Badges 3.0 §5.3: PNG or SVG) is unbaked first by unbakeImage(bytes), in the
// runtime; verifyDocument(text, { unbakedFrom: 'PNG' }) then says so in the first check.
import { credentialsInWorker } from '../runtime.js';
import { siteUrl } from '../shell.js';
import { base64url, isoNow } from '../encoding.js';
import { loadPageWords, say, wordsLanguage } from '../words.js';

// The 1EdTech revocation list's entry type as the runtime reads it (status_check.cpp): short or expanded.
const EDTECH_LIST_TYPES = ['1EdTechRevocationList', 'https://purl.imsglobal.org/spec/vcrl/v1p0/context.json#1EdTechRevocationList'];

// The package a completion proof names, when this site publishes it signed: manifest.json and course.json
// (enough to re-score; media are not needed). Nothing about the document itself is sent anywhere.
async function sitePackage(course) {
  if (!course || typeof course.id !== 'string') return null;
  try {
    const catalog = await (await fetch(siteUrl('courses/catalog.json'))).json();
    const entry = (catalog.courses || []).find((c) => c.id === course.id);
    if (!entry) return null;
    const base = new URL(`courses/${(entry.path || entry.id).replace(/\/?$/, '/')}`, siteUrl('./'));
    const manifest = await fetch(new URL('manifest.json', base));
    if (!manifest.ok) return null;  // an unsigned preview folder: the verifier says it could not re-score
    const courseJson = await fetch(new URL('course.json', base));
    if (!courseJson.ok) return null;
    return {
      manifest: await manifest.text(),
      files: { 'course.json': base64url(new Uint8Array(await courseJson.arrayBuffer())) },
      complete: false,
      publisher: typeof entry.publisher === 'string' ? entry.publisher : '',
    };
  } catch {
    return null;
  }
}

// One list the credential names, downloaded: its JSON, or null when it could not be (offline, or the
// issuer's host refuses cross-origin reads). The request carries nothing about the credential but the URL.
async function download(address) {
  let url;
  try {
    url = new URL(address);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.origin !== location.origin) return null;
  try {
    const response = await fetch(url, { credentials: 'omit', referrerPolicy: 'no-referrer', cache: 'no-cache' });
    return response.ok ? await response.json() : null;
  } catch {
    return null;
  }
}

// The lists the credential's credentialStatus names: its Bitstring Status Lists (revocation, suspension: a
// credential may name several) and a 1EdTech revocation list, downloaded side by side. { statusLists,
// revocationList?, unreachable: [url] }; the runtime says "could not be checked" for each list missing (and
// "could not be downloaded" for those in `unreachable`), never "not revoked".
// `facts` is what the signature covers (credentials.signedFacts): an entry re-spelled in the JSON is still found.
async function issuerStatusLists(facts) {
  const entries = Array.isArray(facts.credentialStatus) ? facts.credentialStatus : [facts.credentialStatus];
  const wanted = new Map();  // url → whether it is the 1EdTech list
  for (const entry of entries.filter((e) => e && typeof e === 'object')) {
    // The type names the runtime reads (status_check.cpp), exactly.
    const edtech = [entry.type].flat().some((t) => EDTECH_LIST_TYPES.includes(t));
    const url = edtech ? entry.id : entry.statusListCredential;
    if (typeof url === 'string' && !wanted.has(url)) wanted.set(url, edtech);
  }
  const found = { statusLists: [], unreachable: [] };
  const lists = await Promise.all([...wanted.keys()].map((url) => download(url)));
  [...wanted].forEach(([url, edtech], i) => {
    if (!lists[i]) found.unreachable.push(url);
    else if (edtech) found.revocationList = lists[i];
    else found.statusLists.push(lists[i]);
  });
  return found;
}

function minutes(seconds) {
  return typeof seconds === 'number' ? say('page.verify.minutes', { minutes: Math.round(seconds / 60) }) : undefined;
}

// An Open Badges result value "2/3" as people read it ("2 of 3"); any other value as it is.
function fractionText(value) {
  const fraction = /^(\d+(?:\.\d+)?)\/(\d+(?:\.\d+)?)$/.exec(value);
  return fraction ? say('page.verify.score', { score: fraction[1], max: fraction[2] }) : value;
}

// An outcome's statement after "Can …": its closing full stop dropped, and its first letter in lower case unless
// the first word is an acronym or a name written in capitals ("Find every error." → "find every error").
function canDo(statement) {
  const text = String(statement || '').trim().replace(/[.。]$/u, '');
  const [first, second] = [...text];
  return second && second === second.toLowerCase() ? first.toLowerCase() + text.slice(first.length) : text;
}

// An exact fraction as text ("11/4", "-2", "0.5") → [numerator, denominator] as BigInts; null when it is not one.
function fraction(text) {
  const match = /^(-?\d+)(?:\/(\d+)|\.(\d+))?$/.exec(String(text ?? ''));
  if (!match) return null;
  if (match[3] !== undefined) return [BigInt(match[1] + match[3]), 10n ** BigInt(match[3].length)];
  return [BigInt(match[1]), BigInt(match[2] ?? 1)];
}

// The whole percent (rounded down, as the outcome rule compares: 80% is met, 79.9% is not) of a share given as
// one fraction ("11/16") or as score and max ("11/4", "4"); undefined when it cannot be read.
function wholePercent(share, max) {
  const a = fraction(share);
  const b = max === undefined ? [1n, 1n] : fraction(max);
  if (!a || !b || b[0] <= 0n || a[1] <= 0n) return undefined;
  const [n, d] = [100n * a[0] * b[1], a[1] * b[0]];
  const floor = n / d - (n % d < 0n ? 1n : 0n);
  return new Intl.NumberFormat(document.documentElement.lang || 'en', { style: 'percent' }).format(Number(floor) / 100);
}

// Each learning outcome in plain words, "Can find every error in a course package: met (100% of its points)":
// from a proof's result.outcomes ({statement, met, score, max}) or an Open Badge's ({name, met, level, value: the
// share of its points}).
function outcomeLines(outcomes) {
  if (!Array.isArray(outcomes) || !outcomes.length) return undefined;
  return outcomes.filter((o) => o && typeof o === 'object').map((o) => {
    const percent = o.score !== undefined ? wholePercent(o.score, o.max) : wholePercent(o.value);
    const verdict = o.met === true ? say('page.verify.outcome.met')
      : o.level && o.level !== 'Not met' ? String(o.level) : say('page.verify.outcome.not-met');
    const outcome = canDo(o.statement ?? o.name);
    return percent === undefined ? say('page.verify.outcome', { outcome, verdict })
      : say('page.verify.outcome-points', { outcome, verdict, percent });
  });
}

function assessedFrom(report) {
  const s = report.subject || {};
  if (report.kind === 'completion-proof') {
    const result = s.result || {};
    const competencies = (Array.isArray(result.competencies) ? result.competencies : [])
      .filter((c) => c && c.assessed)
      .map((c) => say(c.mastered ? 'page.verify.mastered' : 'page.verify.not-mastered', { name: c.name || c.id }));
    return {
      course: s.course ? `${s.course.id} ${s.course.version}` : undefined,
      score: result.score === undefined ? undefined
        : result.max === undefined ? String(result.score) : say('page.verify.score', { score: result.score, max: result.max }),
      passed: result.passed === undefined ? undefined : say(result.passed ? 'page.verify.yes' : 'page.verify.no'),
      level: result.level,
      competencies: competencies.length ? competencies : undefined,
      outcomes: outcomeLines(result.outcomes),
      timeOnTask: minutes(s.timeOnTaskSeconds),
      learner: s.learner,
      completed: s.completedAt,
      withheld: report.withheldSummary || undefined,
    };
  }
  return {
    achievement: s.achievement, issuer: s.issuer, recipient: s.recipient, issued: s.validFrom, validUntil: s.validUntil,
    score: typeof s.score === 'string' ? fractionText(s.score) : undefined,
    competencies: Array.isArray(s.competencies) && s.competencies.length ? s.competencies : undefined,
    outcomes: outcomeLines(s.outcomes),
    renewedFrom: typeof s.renewedFrom?.id === 'string' ? s.renewedFrom.id : undefined,  // docs/credentials.md, "Renewal"
  };
}

// 'PNG' or 'SVG' when `bytes` are a badge image by their content (the PNG signature, or '<' first after a byte
// order mark and white space: XML), null for anything else (a JSON file). The runtime decides the same way.
export function imageKind(bytes) {
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length >= png.length && png.every((b, i) => bytes[i] === b)) return 'PNG';
  let at = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while ([0x20, 0x09, 0x0d, 0x0a].includes(bytes[at])) at += 1;
  return bytes[at] === 0x3c ? 'SVG' : null;
}

// The credential text a baked badge image carries, read by the runtime (every PNG chunk's CRC, the SVG's
// XML); rejects with an Error for people that says why none could be read, and where.
export async function unbakeImage(bytes, kind) {
  await loadPageWords();
  const result = JSON.parse(await credentialsInWorker().unbakeImage(base64url(bytes)));
  if (!result.ok) {
    const problem = result.problems[0];
    const reason = problem.message + (problem.where ? ` (${problem.where})` : '');
    throw new Error(say('page.verify.unbake-failed', { format: kind, reason }));
  }
  return result.credential;
}

export async function verifyDocument(text, { unbakedFrom } = {}) {
  const words = await loadPageWords();
  let document;
  try {
    document = JSON.parse(text);
  } catch {
    throw new Error(say('page.verify.not-json-short'));
  }
  if (!document || typeof document !== 'object' || Array.isArray(document) || !document.proof) {
    throw new Error(say('page.verify.no-proof'));
  }
  const credentials = credentialsInWorker();
  // The runtime words its checks in the page's language (its catalogue is the page's: runtime/strings).
  const options = { now: isoNow(), language: wordsLanguage(words) };
  const pkg = await sitePackage(document.credentialSubject && document.credentialSubject.course);
  if (pkg) options.package = pkg;
  const signed = JSON.parse(await credentials.signedFacts(text));
  const status = signed.ok ? await issuerStatusLists(signed.facts) : { statusLists: [], unreachable: [] };
  options.statusLists = status.statusLists;
  options.unreachable = status.unreachable;
  if (status.revocationList) options.revocationList = status.revocationList;
  const report = JSON.parse(await credentials.verifyCredential(text, JSON.stringify(options)));
  const course = document.credentialSubject && document.credentialSubject.course;
  const sentence = (c) => {
    // Re-scoring is what this site could not do, and the first thing the banner names: say why there.
    if (c.id === 'rescore' && c.status === 'warning' && !pkg && course && typeof course.id === 'string') {
      return say('page.verify.not-rescored', { course: course.id });
    }
    return c.sentence;
  };
  const checks = (report.checks || []).map((c) => ({ ok: c.status !== 'fail', warning: c.status === 'warning', sentence: sentence(c) }));
  if (unbakedFrom) checks.unshift({ ok: true, sentence: say('page.verify.unbaked', { format: unbakedFrom }) });
  // The verdict is the runtime's (Report::verdict), as the CLI says it; the page words what it rests on.
  return {
    verified: report.ok === true,
    verdict: report.verdict,
    undecided: (report.undecided || []).map((at) => sentence(report.checks[at])),
    checks,
    assessed: assessedFrom(report),
    endorsements: report.endorsements || [],  // each endorsement the credential carries, as the runtime checked it
    subject: report.subject || {},  // the runtime's summary of the signed subject, for a certificate
    // What a verified document proves, and what it cannot: a learner's proof and an issuer's badge differ.
    trust: say(report.kind === 'completion-proof' ? 'page.verify.trust' : 'page.verify.trust-issued'),
  };
}
