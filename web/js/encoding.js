// Encodings the pages share: bytes as hex and as base64url (both ways), and "now" as the runtime writes times.

export function toHex(bytes) {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

// RFC 4648 §5, without padding. In chunks: String.fromCharCode takes at most ~64k arguments.
export function base64url(bytes) {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

// The bytes of base64url text (padding optional); throws on a character outside the alphabet.
export function fromBase64url(text) {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/');
  return Uint8Array.from(atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4)), (c) => c.charCodeAt(0));
}

// Now as the runtime writes times: whole seconds, UTC.
export function isoNow() {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}
