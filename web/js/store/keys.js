// The learner's signing key on this device. The runtime makes it (from the browser's entropy) the first
// time a completion proof is signed; its 32-byte seed is kept in IndexedDB sealed with AES-GCM under a
// non-extractable WebCrypto key stored beside it, so no script can read the key material out of storage
// in plain form. It leaves the device only as a passphrase-encrypted key file (Argon2id + XChaCha20).
import { getRow, putRow } from './db.js';
import { toHex } from '../encoding.js';
import { say } from '../words.js';

export class KeyError extends Error {
  constructor(message) {
    super(message);
    this.name = 'KeyError';
  }
}

function fromHex(hex) {
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i += 1) bytes[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

function randomHex(length) {
  return toHex(crypto.getRandomValues(new Uint8Array(length)));
}

function subtle() {
  if (!globalThis.crypto?.subtle) {
    throw new KeyError(say('page.keys.insecure'));
  }
  return crypto.subtle;
}

// One tab at a time makes or replaces a learner's key (two tabs finishing courses at once keep one key).
function withKeyLock(learner, body) {
  if (!navigator.locks?.request) return body();
  return navigator.locks.request(`tessera-key:${learner}`, body);
}

// Seals a seed (hex) for storage: { wrapping, iv, sealed }.
async function seal(seedHex) {
  const wrapping = await subtle().generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const seed = fromHex(seedHex);
  const sealed = await subtle().encrypt({ name: 'AES-GCM', iv }, wrapping, seed);
  seed.fill(0);
  return { wrapping, iv, sealed };
}

async function unseal(row) {
  try {
    return toHex(new Uint8Array(await subtle().decrypt({ name: 'AES-GCM', iv: row.iv }, row.wrapping, row.sealed)));
  } catch {
    throw new KeyError(say('page.keys.damaged'));
  }
}

async function store(learner, key, origin) {
  const { wrapping, iv, sealed } = await seal(key.seedHex);
  const row = { learner, did: key.did, verificationMethod: key.verificationMethod, wrapping, iv, sealed, origin, created: new Date().toISOString() };
  await putRow('keys', row);
  return { did: row.did, verificationMethod: row.verificationMethod, origin };
}

// { did, verificationMethod, origin: 'made'|'restored', created } of the learner's key, or null.
export async function learnerKeyInfo(learner) {
  const row = await getRow('keys', learner);
  return row && row.sealed ? { did: row.did, verificationMethod: row.verificationMethod, origin: row.origin, created: row.created } : null;
}

// The learner's key, made now if there is none.
export function ensureLearnerKey(credentials, learner) {
  return withKeyLock(learner, async () => {
    const existing = await learnerKeyInfo(learner);
    if (existing) return existing;
    const made = JSON.parse(await credentials.learnerKeyGenerate(randomHex(32)));
    if (!made.ok) throw new KeyError('A signing key could not be made in this browser.');
    return store(learner, made, 'made');
  });
}

// Calls body(seedHex) with the learner's seed; the caller must not keep it.
export async function withSeed(learner, body) {
  const row = await getRow('keys', learner);
  if (!row || !row.sealed) throw new KeyError(say('page.keys.none'));
  return body(await unseal(row));
}

// A passphrase-encrypted key file (text) for the learner's key.
export async function backupKey(credentials, learner, passphrase) {
  if (typeof passphrase !== 'string' || passphrase.length < 10) {
    throw new KeyError(say('page.keys.short-passphrase'));
  }
  const result = await withSeed(learner, async (seedHex) => JSON.parse(await credentials.learnerKeyExport(seedHex, passphrase, randomHex(16), randomHex(24))));
  if (!result.ok) throw new KeyError(result.problems?.[0]?.message || say('page.keys.backup-failed'));
  return result.file;
}

// Restores a key file. Resolves to { did, replaced } (replaced: the did of the key it replaced, or null).
// A wrong passphrase or a damaged file changes nothing; a different key already here is replaced only
// when `replace` is true.
export async function restoreKey(credentials, learner, fileText, passphrase, { replace = false } = {}) {
  let parsed;
  try {
    parsed = JSON.parse(fileText);
  } catch {
    throw new KeyError(say('page.keys.not-json'));
  }
  if (parsed?.format !== 'tessera-learner-key') throw new KeyError(say('page.keys.not-backup'));
  const key = JSON.parse(await credentials.learnerKeyImport(fileText, passphrase));
  if (!key.ok) {
    const problem = key.problems?.[0];
    throw new KeyError(/passphrase|decrypt|authentic/i.test(problem?.message || '')
      ? say('page.keys.wrong-passphrase')
      : say('page.keys.backup-damaged', { problem: problem?.message || say('page.keys.unreadable') }));
  }
  return withKeyLock(learner, async () => {
    const previous = await learnerKeyInfo(learner);
    if (previous && previous.did !== key.did && !replace) {
      throw new KeyError(say('page.keys.different-key', { did: previous.did }));
    }
    const info = await store(learner, key, 'restored');
    return { did: info.did, replaced: previous && previous.did !== info.did ? previous.did : null };
  });
}

