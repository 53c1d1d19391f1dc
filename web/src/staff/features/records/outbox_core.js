// The pure parts of the 待上传 queue (outbox.js): AES-GCM sealing with the user's device key,
// the owner tag entries are filed under, the idempotency keys of an entry's photos, and the
// state an entry moves to after each try. WebCrypto only (window.crypto in the browser,
// globalThis.crypto in Node), no DOM, no state; tested in outbox_core.test.mjs.

const subtle = () => globalThis.crypto.subtle
const utf8 = new TextEncoder()
const fromUtf8 = new TextDecoder()

function fromBase64(b64) {
  const bin = atob(b64)
  const out = new Uint8Array(bin.length)
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i)
  return out
}

// The key of GET /api/v1/session/device-key (base64 of 32 bytes) as a CryptoKey that can
// encrypt and decrypt but never be exported: it lives in memory only, never in storage.
export async function importDeviceKey(b64) {
  const raw = fromBase64(b64 || '')
  if (raw.length !== 32) throw new Error('设备密钥无效')
  try {
    return await subtle().importKey('raw', raw, { name: 'AES-GCM' }, false, ['encrypt', 'decrypt'])
  } finally {
    raw.fill(0)
  }
}

// Bytes → {iv, data}: AES-256-GCM with a fresh 96-bit nonce. `aad` (text) binds the ciphertext
// to where it is kept (owner, entry and part), so a part moved to another entry fails to open.
export async function seal(key, bytes, aad) {
  const iv = globalThis.crypto.getRandomValues(new Uint8Array(12))
  const data = await subtle().encrypt({ name: 'AES-GCM', iv, additionalData: utf8.encode(aad) }, key, bytes)
  return { iv, data }
}

// {iv, data} → ArrayBuffer; throws when the key or `aad` is not the one it was sealed with.
export async function open(key, sealed, aad) {
  return subtle().decrypt({ name: 'AES-GCM', iv: sealed.iv, additionalData: utf8.encode(aad) }, key, sealed.data)
}

export const sealJson = (key, value, aad) => seal(key, utf8.encode(JSON.stringify(value)), aad)
export const openJson = async (key, sealed, aad) => JSON.parse(fromUtf8.decode(await open(key, sealed, aad)))

// The tag a user's entries are filed under: a hash of the username, so the store names nobody.
export async function ownerOf(username) {
  const h = await subtle().digest('SHA-256', utf8.encode(`huiyin-outbox:${username}`))
  return [...new Uint8Array(h)].map((b) => b.toString(16).padStart(2, '0')).join('')
}

// The Idempotency-Key of each photo upload of an entry: derived from the entry's own key, so a
// retry sends every photo under the key it was sent with the first time. `slot`: 'r<i>' for
// the record's i-th photo, 'm<i>' for matter i's.
export const photoKey = (entryKey, slot) => `${entryKey}:photo:${slot}`

// How a try ended → what the entry becomes. 'sent': the server answered the record (201).
// An error with a status: the network (0), the server (5xx), an ended session (401), a
// throttle (429) or a competing send of the same key (409) leave it to be sent again; any
// other refusal (422 bad input, 403, 413) will not change by retrying.
export function outcomeOf(err) {
  if (!err) return 'sent'
  const s = Number(err.status) || 0
  if (s === 0 || s >= 500 || s === 401 || s === 408 || s === 409 || s === 429) return 'retry'
  return 'refused'
}

// The entry's next state: pending --sent--> sent, pending --retry--> pending,
// pending --refused--> failed; a failed entry is put back to pending by 立即上传 ('requeue').
// Sent is final. Anything else is a bug and throws.
const MOVES = {
  pending: { sent: 'sent', retry: 'pending', refused: 'failed' },
  failed: { requeue: 'pending' },
  sent: {},
}
export function nextState(state, outcome) {
  const to = MOVES[state]?.[outcome]
  if (!to) throw new Error(`outbox: no move from ${state} on ${outcome}`)
  return to
}

// The body of POST /api/v1/records: the stored payload with the handles of the uploaded photos
// added to the record's `attachments` and to each matter's (matterHandles[i] for matter i).
export function withPhotos(payload, recordHandles, matterHandles) {
  const body = { ...payload }
  if (recordHandles.length) body.attachments = [...(payload.attachments || []), ...recordHandles]
  if (Array.isArray(payload.matters)) {
    body.matters = payload.matters.map((m, i) => {
      const h = matterHandles[i]
      return h ? { ...m, attachments: [...(m.attachments || []), h] } : m
    })
  }
  return body
}
