// What a certificate and a share link say about a verified credential, and LinkedIn's add-to-profile link.
// Facts come from the verifier's result: what it established, read from the signed view.

// { kind, id, title, description, issuer, date, validUntil, score, time, competencies, policies? } for a certificate,
// from what the verifier established of a document it did not refuse (`result`: verifyDocument's): it reads
// the signed view, so nothing the signature leaves out reaches a certificate.
export function certificateFacts(document, result) {
  const assessed = result.assessed || {};
  const subject = result.subject || {};
  if (assessed.achievement !== undefined) {
    return {
      kind: 'credential', id: document.id, title: assessed.achievement, description: subject.description || undefined,
      issuer: assessed.issuer, date: assessed.issued, validUntil: assessed.validUntil, score: assessed.score,
      time: undefined, competencies: assessed.competencies || [], policies: subject.policies || {},
    };
  }
  const competencies = Array.isArray(subject.result?.competencies) ? subject.result.competencies : [];
  return {
    kind: 'completion-proof', id: document.id, title: subject.course?.title || assessed.course, description: undefined,
    issuer: undefined, date: assessed.completed, validUntil: undefined, score: assessed.score, time: assessed.timeOnTask,
    competencies: competencies.filter((c) => c && c.assessed && c.mastered).map((c) => c.name || c.id),
  };
}

// LinkedIn's "Add to profile" link for a certification, with the fields its documentation names (kept with
// their source in tests/golden/linkedin): name, organisation, issue and expiry year and month (UTC), the
// credential's URL and id.
export function linkedInAddUrl(facts, certUrl) {
  const parameters = new URLSearchParams({ startTask: 'CERTIFICATION_NAME', name: facts.title });
  if (facts.issuer) parameters.set('organizationName', facts.issuer);
  for (const [prefix, iso] of [['issue', facts.date], ['expiration', facts.validUntil]]) {
    if (!iso) continue;
    const date = new Date(iso);
    parameters.set(`${prefix}Year`, String(date.getUTCFullYear()));
    parameters.set(`${prefix}Month`, String(date.getUTCMonth() + 1));
  }
  parameters.set('certUrl', certUrl);
  if (facts.id) parameters.set('certId', facts.id);
  return `https://www.linkedin.com/profile/add?${parameters}`;
}
