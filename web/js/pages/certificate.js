// The certificate page (certificate.html?id=ID): one credential of the wallet, checked by the verifier core
// first, laid out to print on one A4 or US Letter page with the learner's own name (typed here, kept on this
// device, never put into the credential) and a QR code that opens the verifier on the credential itself.
// It also shares the credential: add to LinkedIn, copy the link, e-mail it, download the file.
import { element, localised, replaceContent } from '../shell.js';
import { credentialsInWorker } from '../runtime.js';
import { walletRows, shortVerifierLink } from '../wallet.js';
import { verifyDocument } from '../verify/verifier.js';
import { downloadJson } from '../store/transfer.js';
import { linkedInAddUrl, certificateFacts } from '../share.js';
import { policyLinkList } from '../policy-links.js';
import { loadPageWords, say } from '../words.js';

const NAME_KEY = 'tessera.certificate-name';
const status = document.getElementById('certificate-status');
const nameInput = document.getElementById('certificate-name');
const actions = document.getElementById('certificate-actions');
const certificate = document.getElementById('certificate');

function longDate(iso) {
  const language = document.documentElement.lang || 'en';
  return element('time', { datetime: iso, text: new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(iso)) });
}

// The QR code as SVG: one path of dark modules inside the four-module quiet zone the standard asks for.
function qrSvg(rows, label) {
  const size = rows.length + 8;
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', `0 0 ${size} ${size}`);
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', label);
  svg.setAttribute('class', 'qr-code');
  svg.setAttribute('shape-rendering', 'crispEdges');
  const back = document.createElementNS(svg.namespaceURI, 'rect');
  for (const [name, value] of [['width', size], ['height', size], ['fill', '#ffffff']]) back.setAttribute(name, value);
  let path = '';
  rows.forEach((row, y) => {
    // Runs of dark modules as one rectangle each: a fifth of the path a module per rectangle makes.
    for (const match of row.matchAll(/1+/g)) path += `M${match.index + 4} ${y + 4}h${match[0].length}v1h-${match[0].length}z`;
  });
  const modules = document.createElementNS(svg.namespaceURI, 'path');
  modules.setAttribute('d', path);
  modules.setAttribute('fill', '#000000');
  svg.append(back, modules);
  return svg;
}

function factList(facts) {
  return element('dl', { className: 'certificate-facts' }, facts.flatMap(([key, value]) => [
    element('dt', { text: say(key) }),
    element('dd', {}, value),
  ]));
}

// The certificate itself, from what the verifier established (facts) and the typed name.
function drawCertificate(row, facts, verdictLine, qr) {
  const language = document.documentElement.lang || 'en';
  const nameLine = element('p', { className: 'certificate-name', id: 'certificate-shown-name' });
  const showName = () => {
    nameLine.textContent = nameInput.value.trim() || say('page.certificate.no-name');
    nameLine.classList.toggle('placeholder', !nameInput.value.trim());
  };
  showName();
  nameInput.addEventListener('input', () => {
    localStorage.setItem(NAME_KEY, nameInput.value);
    showName();
  });
  const rows = [
    facts.issuer ? ['page.certificate.issuer', facts.issuer] : null,
    facts.date ? [facts.kind === 'credential' ? 'page.certificate.issued' : 'page.certificate.completed', longDate(facts.date)] : null,
    ['page.certificate.valid-until', facts.validUntil ? longDate(facts.validUntil) : say('page.certificate.no-expiry')],
    facts.score ? ['page.certificate.score', facts.score] : null,
    facts.time ? ['page.certificate.time', facts.time] : null,
  ].filter(Boolean);
  replaceContent(certificate, ...[
    element('p', { className: 'certificate-kind', text: say(facts.kind === 'credential' ? 'page.certificate.kind-credential' : 'page.certificate.kind-proof') }),
    element('p', { className: 'certificate-lead', text: say('page.certificate.certifies') }),
    nameLine,
    element('p', { className: 'certificate-lead', text: say(facts.kind === 'credential' ? 'page.certificate.earned' : 'page.certificate.completed-course') }),
    element('h2', { id: 'certificate-title', className: 'certificate-title', dir: 'auto', text: localised(facts.title, language) }),
    facts.description ? element('p', { className: 'certificate-description', dir: 'auto', text: facts.description }) : null,
    factList(rows),
    facts.competencies.length ? element('h3', { text: say('page.certificate.competencies') }) : null,
    facts.competencies.length ? element('ul', { className: 'certificate-competencies' }, facts.competencies.map((c) => element('li', { dir: 'auto', text: c }))) : null,
    policyLinkList(facts.policies) ? element('h3', { text: say('page.policy.heading') }) : null,
    policyLinkList(facts.policies),
    element('div', { className: 'certificate-check' },
      qr,
      element('p', { text: verdictLine })),
  ]);
  certificate.hidden = false;
}

function shareActions(row, facts, link) {
  const name = localised(row.name, document.documentElement.lang);
  const copy = element('button', { type: 'button', className: 'secondary', text: say('page.certificate.copy') });
  copy.onclick = async () => {
    await navigator.clipboard.writeText(link);
    status.textContent = say('page.certificate.copied');
  };
  const mail = `mailto:?subject=${encodeURIComponent(say('page.certificate.mail-subject', { name }))}&body=${encodeURIComponent(say('page.certificate.mail-body', { link }))}`;
  actions.replaceChildren(
    element('button', { type: 'button', className: 'primary', text: say('page.certificate.print'), onclick: () => window.print() }),
    facts.kind === 'credential' ? element('a', { id: 'certificate-linkedin', href: linkedInAddUrl(facts, link), rel: 'noopener', target: '_blank', text: say('page.certificate.linkedin') }) : null,
    copy,
    element('a', { id: 'certificate-mail', href: mail, text: say('page.certificate.mail') }),
    element('button', { type: 'button', className: 'secondary', text: say('page.wallet.download'), onclick: () => downloadJson(row.document, `${facts.kind}.json`) }),
  );
}

async function qrFor(link) {
  const made = JSON.parse(await credentialsInWorker().qrCode(link));
  if (!made.ok) return element('p', { className: 'qr-too-large', text: say('page.certificate.qr-too-large') });
  return qrSvg(made.rows, say('page.certificate.qr-label'));
}

async function main() {
  await loadPageWords();
  nameInput.value = localStorage.getItem(NAME_KEY) || '';
  const id = new URLSearchParams(location.search).get('id');
  const row = (await walletRows()).find((r) => r.id === id);
  if (!row) {
    status.textContent = say('page.certificate.missing');
    return;
  }
  const result = await verifyDocument(JSON.stringify(row.document));
  if (result.verdict === 'not-verified') {
    const failed = result.checks.find((c) => !c.ok);
    status.textContent = say('page.certificate.refused', { reason: failed ? failed.sentence : '' });
    return;
  }
  const facts = certificateFacts(row.document, result);
  const checkedOn = new Intl.DateTimeFormat(document.documentElement.lang || 'en', { dateStyle: 'long' }).format(new Date());
  const verdictLine = result.verdict === 'verified'
    ? say('page.certificate.verified', { date: checkedOn, host: location.host })
    : say('page.certificate.undecided', { date: checkedOn, what: result.undecided[0] });
  const link = await shortVerifierLink(row.document);
  drawCertificate(row, facts, verdictLine, await qrFor(link));
  shareActions(row, facts, link);
  status.textContent = say('page.certificate.ready');
}

main();
