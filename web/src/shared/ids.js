// Random identifiers made in the browser: the Idempotency-Key of one submission. Uses
// crypto.randomUUID where the page is a secure context and getRandomValues elsewhere (plain
// http on a LAN address has no randomUUID). Pure, no state.
export function newUuid() {
  if (globalThis.crypto && typeof crypto.randomUUID === 'function') return crypto.randomUUID()
  const b = crypto.getRandomValues(new Uint8Array(16))
  b[6] = (b[6] & 0x0f) | 0x40
  b[8] = (b[8] & 0x3f) | 0x80
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
}
