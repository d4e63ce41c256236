// An issuer's policy links (eligibility, verification, appeal) as the verifier report gives them, read from
// the credential's signed issuer profile: shown on the verifier page and on a certificate. Only https links
// become links; anything else is shown as text, never followed (a javascript: URL would run on the page).
import { element } from './shell.js';
import { say } from './words.js';

const KINDS = ['eligibility', 'verification', 'appeal'];

// A <ul> of the links, or null when the issuer gives none.
export function policyLinkList(policies) {
  const given = KINDS.filter((kind) => typeof policies?.[kind] === 'string');
  if (given.length === 0) return null;
  return element('ul', { className: 'policy-links' }, given.map((kind) => {
    const url = policies[kind];
    const label = say(`page.policy.${kind}`);
    return element('li', { 'data-policy': kind }, /^https:\/\//.test(url)
      ? element('a', { href: url, rel: 'noopener noreferrer', text: label })
      : `${label}: ${url}`);
  }));
}
