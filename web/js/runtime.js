// Loads the Wasm runtime once, lazily, behind a promise; every page and worker shares this loader.
let runtimePromise = null;

export function loadRuntime() {
  if (!runtimePromise) {
    runtimePromise = import('../modules/runtime.mjs')
      .then(({ default: createTesseraRuntime }) => createTesseraRuntime())
      .catch((error) => {
        runtimePromise = null; // a later call may retry, e.g. after the network comes back
        throw error;
      });
  }
  return runtimePromise;
}
