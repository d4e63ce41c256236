// Loads the Wasm modules once, lazily, behind promises; every page and worker shares these loaders.
// runtime: sessions, scoring, packages, Markdown (every player page). credentials: learner keys,
// completion proofs and the verifier core (the verifier page, the wallet, key backup, a completed course).
const loading = new Map();

function loadModule(file) {
  if (!loading.has(file)) {
    loading.set(file, import(`../modules/${file}`)
      .then(({ default: create }) => create())
      .catch((error) => {
        loading.delete(file);  // a later call may retry, e.g. after the network comes back
        throw error;
      }));
  }
  return loading.get(file);
}

export function loadRuntime() {
  return loadModule('runtime.mjs');
}

export function loadCredentials() {
  return loadModule('credentials.mjs');
}

// The credentials module's calls, each run in a module worker of its own (started on first use, as Squoosh
// does) and returning a promise of what the call returns: Argon2id key backup, signing a completion proof and
// verifying a credential (with its status list) take from tens of milliseconds to seconds, and on the page's
// main thread they would freeze it (a long task). Every page that signs, backs up or verifies uses this.
export const CREDENTIAL_CALLS = ['learnerKeyGenerate', 'learnerKeyExport', 'learnerKeyImport', 'completionProof', 'signedFacts', 'verifyCredential', 'checkEndorsement', 'unbakeImage', 'bakeImage', 'qrCode'];
let credentialsProxy = null;

export function credentialsInWorker() {
  if (credentialsProxy) return credentialsProxy;
  const worker = new Worker(new URL('./credentials-worker.js', import.meta.url), { type: 'module', name: 'tessera-credentials' });
  const waiting = new Map();
  let nextId = 0;
  const settleAll = (error) => {
    for (const { reject } of waiting.values()) reject(error);
    waiting.clear();
    credentialsProxy = null;  // the next call starts a new worker
  };
  worker.onmessage = ({ data }) => {
    const call = waiting.get(data.id);
    if (!call) return;
    waiting.delete(data.id);
    if ('error' in data) call.reject(new Error(data.error));
    else call.resolve(data.result);
  };
  worker.onerror = (event) => {
    event.preventDefault();
    settleAll(new Error(`The credentials worker stopped: ${event.message || 'it could not load'}`));
    worker.terminate();
  };
  credentialsProxy = Object.fromEntries(CREDENTIAL_CALLS.map((method) => [method, (...args) => new Promise((resolve, reject) => {
    nextId += 1;
    waiting.set(nextId, { resolve, reject });
    worker.postMessage({ id: nextId, method, args });
  })]));
  return credentialsProxy;
}
