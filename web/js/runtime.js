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
