// The verifier's one entry point, behind which the Wasm verifier core goes. The page calls only
// verifyDocument(text); the credentials work replaces this module's body with the runtime's verifier.
//
// Contract (what the page renders):
//   verifyDocument(text) → Promise<{
//     verified: boolean,                       // every check passed
//     checks: [{ ok: boolean, sentence: string }],   // each check as a plain sentence
//     assessed: { outcomes?: [string], competencies?: [string], level?: string, timeOnTask?: string,
//                 issuer?: string, issued?: string, validUntil?: string, course?: string, score?: string },
//     trust: string,                           // the trust statement shown under the result
//   }>
// It rejects with an Error whose message is for people when the text is not a proof or credential.

export class VerifierUnavailableError extends Error {
  constructor() {
    super('verifier not available in this build');
    this.name = 'VerifierUnavailableError';
  }
}

export async function verifyDocument(text) {
  void text;
  throw new VerifierUnavailableError();
}
