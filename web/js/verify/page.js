// The verifier page: takes a proof or credential from a file (or a baked PNG or SVG badge image, unbaked
// first), a drop, a paste, or the URL fragment
// (#doc=<base64url JSON> as a link carries it, or #z=<the same deflated> as a certificate's QR code does), hands it to verifyDocument and shows each
// check as a sentence, what was assessed, and the trust statement. Nothing leaves the page: there is no
// network request with the document in it.
import { element, replaceContent } from '../shell.js';
import { imageKind, unbakeImage, verifyDocument } from './verifier.js';
import { loadPageWords, say } from '../words.js';
import { endorsementList } from '../endorsements.js';
import { policyLinkList } from '../policy-links.js';
import { fromBase64url, inflateRaw } from '../encoding.js';

const form = document.getElementById('verify-form');
const textArea = document.getElementById('verify-text');
const fileInput = document.getElementById('verify-file');
const drop = document.getElementById('verify-drop');
const resultSection = document.getElementById('verify-result');
const output = document.getElementById('verify-output');
const MAX_BYTES = 5 * 1024 * 1024;

// The document a link carries in its fragment: #doc=<base64url JSON>, or #z=<base64url raw deflate of it>
// (the certificate's QR code); '' when it cannot be read, null when there is none.
async function fromFragment() {
  const match = location.hash.match(/^#(doc|z)=([A-Za-z0-9_-]+)$/);
  if (!match) return null;
  try {
    const bytes = fromBase64url(match[2]);
    return new TextDecoder('utf-8', { fatal: true }).decode(match[1] === 'z' ? await inflateRaw(bytes, MAX_BYTES) : bytes);
  } catch {
    return '';
  }
}

// The one verdict a person reads first, from across a room: its mark, its word, and the sentence that
// decided it (the first failed check, or the first thing that could not be checked here).
function verdictBanner(result) {
  const failed = (result.checks || []).find((c) => !c.ok);
  const notes = (result.checks || []).some((c) => c.warning);
  const [mark, detail] = result.verdict === 'verified' ? ['✓', say(notes ? 'page.verify.passed-notes' : 'page.verify.passed')]
    : result.verdict === 'could-not-check' ? ['?', say('page.verify.undecided', { what: result.undecided[0] })]
      : ['✗', failed ? failed.sentence : ''];
  return element('div', { className: `verdict verdict-${result.verdict}`, 'data-verified': String(result.verified), 'data-verdict': result.verdict },
    element('span', { className: 'verdict-mark', 'aria-hidden': 'true', text: mark }),
    element('p', { className: 'verdict-word', text: say(`page.verify.verdict.${result.verdict}`) }),
    detail ? element('p', { className: 'verdict-detail', text: detail }) : null);
}

const DATE_FIELDS = new Set(['completed', 'issued', 'validUntil']);

// A fact as people read it: dates in the page's language (the exact time in <time datetime>), lists joined.
function factValue(field, value) {
  if (DATE_FIELDS.has(field) && typeof value === 'string' && !Number.isNaN(Date.parse(value))) {
    const local = new Intl.DateTimeFormat(document.documentElement.lang || 'en', { dateStyle: 'long' }).format(new Date(value));
    return element('time', { datetime: value, title: value, text: local });
  }
  // The learning outcomes are sentences of their own ("Can …: met"), one per line.
  if (field === 'outcomes' && Array.isArray(value)) return element('ul', { className: 'outcomes' }, value.map((line) => element('li', { text: line })));
  return Array.isArray(value) ? value.join(', ') : String(value);
}

function show(children) {
  replaceContent(output, children);
  resultSection.hidden = false;
  document.getElementById('verify-result-heading').focus();
}

async function verify(text, unbakedFrom) {
  await loadPageWords();
  if (!text || !text.trim()) {
    show([element('p', { text: say('page.verify.empty') })]);
    return;
  }
  if (text.length > MAX_BYTES) {
    show([element('p', { text: say('page.verify.too-large') })]);
    return;
  }
  try {
    JSON.parse(text);
  } catch {
    show([element('p', { text: say('page.verify.not-json') })]);
    return;
  }
  output.replaceChildren(element('p', { text: say('page.verify.checking') }));
  try {
    const result = await verifyDocument(text, { unbakedFrom });
    const assessed = Object.entries(result.assessed || {}).filter(([, v]) => v !== undefined && v !== null && v !== '');  // null: a fact the credential does not state (no validUntil)
    // Facts are results only under a "verified" verdict; otherwise they are what the document claims.
    const established = result.verdict === 'verified';
    show([
      verdictBanner(result),
      element('h3', { text: say('page.verify.checks') }),
      element('ul', { className: 'checks' }, (result.checks || []).map((c) => element('li', { 'data-ok': String(c.ok), text: `${!c.ok ? '✗' : c.warning ? '•' : '✓'} ${c.sentence}` }))),
      assessed.length ? element('h3', { text: say(established ? 'page.verify.assessed' : 'page.verify.claimed') }) : null,
      assessed.length ? element('dl', { className: `facts${established ? '' : ' claimed'}` }, assessed.flatMap(([k, v]) => [
        element('dt', { text: say(`page.verify.field.${k}`) }),
        element('dd', {}, factValue(k, v)),
      ])) : null,
      policyLinkList(result.subject.policies) ? element('h3', { text: say('page.policy.heading') }) : null,
      policyLinkList(result.subject.policies),
      result.endorsements.length ? element('h3', { text: say('page.endorsements.heading') }) : null,
      result.endorsements.length ? endorsementList(result.endorsements) : null,
      result.trust && result.verified ? element('p', { className: 'trust', text: result.trust }) : null,
    ]);
  } catch (error) {
    show([element('p', { 'data-verified': 'unavailable', text: error.name === 'VerifierUnavailableError'
      ? say('page.verify.unavailable')
      : error.message })]);
  }
}

// A file as bytes: a badge image is unbaked by the runtime, anything else read as text.
async function verifyFile(file) {
  await loadPageWords();
  const bytes = new Uint8Array(await file.arrayBuffer());
  const kind = imageKind(bytes);
  if (!kind) {
    verify(new TextDecoder().decode(bytes));
    return;
  }
  if (bytes.length > MAX_BYTES) {
    show([element('p', { text: say('page.verify.too-large') })]);
    return;
  }
  output.replaceChildren(element('p', { text: say('page.verify.checking') }));
  let credential;
  try {
    credential = await unbakeImage(bytes, kind);
  } catch (error) {
    show([verdictBanner({ verdict: 'not-verified', verified: false, checks: [{ ok: false, sentence: error.message }] })]);
    return;
  }
  verify(credential, kind);
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  verify(textArea.value);
});
fileInput.addEventListener('change', async () => {
  const file = fileInput.files?.[0];
  if (file) verifyFile(file);
});
drop.addEventListener('dragover', (event) => { event.preventDefault(); });
drop.addEventListener('drop', async (event) => {
  event.preventDefault();
  const file = event.dataTransfer?.files?.[0];
  if (file) verifyFile(file);
  else verify(event.dataTransfer?.getData('text/plain') || '');
});
async function verifyFragment() {
  const fragment = await fromFragment();
  if (fragment === null) return;
  textArea.value = fragment;
  verify(fragment);
}
window.addEventListener('hashchange', verifyFragment);
verifyFragment();
