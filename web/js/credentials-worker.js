// The credentials module in a worker (runtime.js, credentialsInWorker): runs one named call per message and
// posts back its result or its error, so slow cryptography never blocks the page's main thread.
import { CREDENTIAL_CALLS, loadCredentials } from './runtime.js';

const CALLS = new Set(CREDENTIAL_CALLS);

self.onmessage = async ({ data: { id, method, args } }) => {
  try {
    if (!CALLS.has(method)) throw new Error(`the credentials worker has no call "${method}"`);
    const credentials = await loadCredentials();
    self.postMessage({ id, result: credentials[method](...args) });
  } catch (error) {
    self.postMessage({ id, error: error?.message || String(error) });
  }
};
