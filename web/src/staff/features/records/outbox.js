// 待上传: field records kept on the phone until the network lets them go, each sent exactly once.
// An entry is the record's payload and its photos, stored in IndexedDB (the idb library) under a
// hash of the username and sealed with AES-GCM under the user's device key (GET
// /api/v1/session/device-key, held in memory only as a non-extractable CryptoKey, fetched after
// login and at app start, forgotten at 退出). In clear: only the entry's id, owner tag, state,
// created_at and Idempotency-Key. Sending uploads each photo under a key derived from the
// entry's (a retried upload answers the same handle), then POSTs the record under the entry's
// key (a retry makes neither the record nor its matters twice), so a lost answer costs nothing.
// Entries are sent at once when online, on the window `online` event, at app start and after
// login. At 退出 the sent entries (已上传) and their contents are deleted; unsent ones stay as
// ciphertext for the next login of the same user, and another user neither lists nor reads them.
// Browser-only; one module state per tab.
import { computed, reactive } from 'vue'
import { openDB } from 'idb'
import { ApiError, request } from '../../../shared/api.js'
import { preparePhoto } from '../../../shared/photo.js'
import { importDeviceKey, nextState, open, openJson, outcomeOf, ownerOf, photoKey, seal, sealJson, withPhotos } from './outbox_core.js'

const DB_NAME = 'huiyin-outbox'
const STORE = 'entries'

let dbPromise = null
const db = () =>
  (dbPromise ??= openDB(DB_NAME, 1, {
    upgrade(d) {
      const s = d.createObjectStore(STORE, { keyPath: 'id' })
      s.createIndex('owner', 'owner')
    },
  }))

// The signed-in user's key and owner tag; null when nobody is signed in.
let me = null // {username, owner, key}
let starting = null
const inflight = new Map() // entry id → the promise of its send
let flushing = null

const box = reactive({
  entries: [],
  pending: computed(() => box.entries.filter((e) => e.state === 'pending').length),
  flush: () => flush(),
})

const aad = (owner, id, part) => `huiyin-outbox|${owner}|${id}|${part}`

// ---- the store ----

async function readEntries(owner) {
  return (await db()).getAllFromIndex(STORE, 'owner', owner)
}

// What the page shows of a stored entry (decrypted with the user's key).
async function view(row, key) {
  const v = { id: row.id, state: row.state, created_at: row.created_at, kind: '', topic: '' }
  try {
    const meta = await openJson(key, row.meta, aad(row.owner, row.id, 'meta'))
    v.kind = meta.kind || ''
    v.topic = meta.topic || ''
    if (row.result) Object.assign(v, await openJson(key, row.result, aad(row.owner, row.id, 'result')))
  } catch {
    v.unreadable = true
  }
  return v
}

async function refresh() {
  if (!me) {
    box.entries = []
    return
  }
  const { owner, key } = me
  const rows = (await readEntries(owner)).sort((a, b) => (a.created_at < b.created_at ? -1 : 1))
  const list = []
  for (const r of rows) list.push(await view(r, key))
  if (me?.owner !== owner) return // signed out meanwhile
  for (const e of list) if (inflight.has(e.id)) e.sending = true
  box.entries = list
}

// ---- sending ----

async function uploadPhoto(key, row, slot, i, meta) {
  const bytes = await open(key, row.photos[i], aad(row.owner, row.id, `photo:${i}`))
  const type = meta.photos[i].type || 'application/octet-stream'
  const r = await request('POST', '/attachments', {
    raw: new Blob([bytes], { type }),
    contentType: type,
    headers: { 'Idempotency-Key': photoKey(row.idempotency_key, slot) },
  })
  return r.id
}

// One try of one entry: photos, then the record. Resolves to {state, code?, matters?, error?}.
async function sendRow(row) {
  const key = me.key // kept for this try even if 退出 comes meanwhile
  let result
  try {
    const meta = await openJson(key, row.meta, aad(row.owner, row.id, 'meta'))
    const recordHandles = []
    const matterHandles = []
    for (let i = 0; i < meta.photos.length; i++) {
      const p = meta.photos[i]
      const handle = await uploadPhoto(key, row, p.matter === null ? `r${i}` : `m${p.matter}`, i, meta)
      if (p.matter === null) recordHandles.push(handle)
      else matterHandles[p.matter] = handle
    }
    const body = withPhotos(meta.payload, recordHandles, matterHandles)
    const r = await request('POST', '/records', { body, headers: { 'Idempotency-Key': row.idempotency_key } })
    result = { state: nextState(row.state, 'sent'), code: r.code, matters: (r.matters || []).map((m) => m.code) }
    // Sent: what the page still shows (kind, topic, the record's code) stays; the payload with
    // its personal data and the photos go at once.
    const shown = await sealJson(key, { kind: meta.kind, topic: meta.topic }, aad(row.owner, row.id, 'meta'))
    const res = await sealJson(key, { code: result.code, matters: result.matters }, aad(row.owner, row.id, 'result'))
    await (await db()).put(STORE, { ...row, state: 'sent', meta: shown, photos: [], result: res, sent_at: new Date().toISOString() })
  } catch (e) {
    const err = e instanceof ApiError ? e : new ApiError({ status: 0, title: e?.message || '发送失败' })
    const state = nextState(row.state, outcomeOf(err))
    result = { state, error: err }
    if (state === 'failed') {
      const problem = { status: err.status, title: err.title, detail: err.detail, field: err.field, errors: err.errors }
      const res = await sealJson(key, { error: problem }, aad(row.owner, row.id, 'result'))
      await (await db()).put(STORE, { ...row, state, result: res })
    }
  }
  return result
}

// Sends one entry unless it is already on its way (a second caller waits for the same try).
function send(id) {
  if (inflight.has(id)) return inflight.get(id)
  const p = (async () => {
    const row = await (await db()).get(STORE, id)
    if (!row || !me || row.owner !== me.owner || row.state !== 'pending') return row ? { state: row.state } : null
    const shownEntry = box.entries.find((e) => e.id === id)
    if (shownEntry) shownEntry.sending = true
    return sendRow(row)
  })().finally(async () => {
    inflight.delete(id)
    await refresh()
  })
  inflight.set(id, p)
  return p
}

// Sends every pending entry of the signed-in user, oldest first; stops at the first network
// failure (the rest would fail the same way).
export function flush() {
  if (flushing) return flushing
  flushing = (async () => {
    if (!me?.key) return
    const rows = (await readEntries(me.owner)).filter((r) => r.state === 'pending').sort((a, b) => (a.created_at < b.created_at ? -1 : 1))
    for (const r of rows) {
      const res = await send(r.id)
      if (res?.state === 'pending' && !res.error?.status) break
    }
  })()
    .catch(() => {})
    .finally(() => {
      flushing = null
    })
  return flushing
}

// 立即上传 of a failed entry: back to pending, then sent with everything else.
export async function retryEntry(id) {
  const d = await db()
  const row = await d.get(STORE, id)
  if (row && me && row.owner === me.owner && row.state === 'failed') {
    await d.put(STORE, { ...row, state: nextState('failed', 'requeue'), result: undefined })
    await refresh()
  }
  return flush()
}

// Removes one of the user's entries (a refused one the user gives up on).
export async function discardEntry(id) {
  const d = await db()
  const row = await d.get(STORE, id)
  if (row && me && row.owner === me.owner && !inflight.has(id)) await d.delete(STORE, id)
  await refresh()
}

// ---- the form's call ----

async function keepable(blob) {
  try {
    return await preparePhoto(blob)
  } catch {
    return blob // not decodable here: the server decides on the bytes as they are
  }
}

// Stores the record (payload as for POST /api/v1/records, without the photos' handles) and its
// photos — `photos` for the record, matterPhotos[i] (or null) for matter i — sealed, then
// tries to send it at once when online. Resolves after that first try to {id, state, code?,
// matters?, error?}: 'sent' with the record's and matters' codes; 'pending' when the network or
// the server failed (it goes again later); 'failed' with `error` (an ApiError carrying the
// problem body) when the server refused it — the entry is then dropped, the form keeps its input.
export async function enqueueRecord(payload, { photos = [], matterPhotos = [] } = {}) {
  await ready()
  if (!me) throw new ApiError({ status: 401, title: '请先登录' })
  if (!me.key) throw new ApiError({ status: 0, title: '暂时无法离线保存,请联网后重试' })
  const { key, owner } = me
  const id = globalThis.crypto.randomUUID()
  const slots = [...photos.map((b) => ({ b, matter: null })), ...matterPhotos.map((b, i) => ({ b, matter: i })).filter((x) => x.b)]
  const metaPhotos = []
  const sealedPhotos = []
  for (let i = 0; i < slots.length; i++) {
    const blob = await keepable(slots[i].b)
    metaPhotos.push({ matter: slots[i].matter, type: blob.type || '' })
    sealedPhotos.push(await seal(key, await blob.arrayBuffer(), aad(owner, id, `photo:${i}`)))
  }
  const meta = { kind: payload.kind || '', topic: payload.topic || '', payload, photos: metaPhotos }
  const row = {
    id,
    owner,
    state: 'pending',
    created_at: new Date().toISOString(),
    idempotency_key: globalThis.crypto.randomUUID(),
    meta: await sealJson(key, meta, aad(owner, id, 'meta')),
    photos: sealedPhotos,
  }
  await (await db()).put(STORE, row)
  await refresh()
  if (typeof navigator !== 'undefined' && navigator.onLine === false) return { id, state: 'pending' }
  const r = (await send(id)) || { state: 'pending' }
  if (r.state === 'failed') {
    await (await db()).delete(STORE, id)
    await refresh()
    return { id, state: 'failed', error: r.error }
  }
  if (r.state === 'sent') return { id, state: 'sent', code: r.code, matters: r.matters }
  return { id, state: 'pending' }
}

// ---- the page's view ----

export function useOutbox() {
  return box
}

// ---- the session's hooks ----

async function fetchKey() {
  try {
    const r = await request('GET', '/session/device-key')
    return await importDeviceKey(r.key)
  } catch {
    return null
  }
}

// After login and at app start with a session: fetch the key, show the user's entries, send them.
export function outboxSignedIn(username) {
  if (!username) return Promise.resolve()
  starting = (async () => {
    const owner = await ownerOf(username)
    const key = await fetchKey()
    me = { username, owner, key }
    if (!key) {
      box.entries = []
      return
    }
    await refresh()
  })()
  return starting.then(() => {
    flush()
  })
}

async function ready() {
  if (starting) await starting.catch(() => {})
  if (me && !me.key) me.key = await fetchKey()
}

// The session ended without 退出 (expired): the key goes, every entry stays.
export function outboxSuspended() {
  me = null
  starting = null
  box.entries = []
}

// 退出: forget the key, delete the user's sent entries (已上传) and their contents; unsent ones
// stay sealed for the user's next login.
export async function outboxSignedOut(username) {
  me = null
  starting = null
  box.entries = []
  if (!username) return
  try {
    const owner = await ownerOf(username)
    const d = await db()
    const tx = d.transaction(STORE, 'readwrite')
    for (const row of await tx.store.index('owner').getAll(owner)) if (row.state === 'sent') await tx.store.delete(row.id)
    await tx.done
  } catch {
    /* nothing readable is left behind either way */
  }
}

if (typeof window !== 'undefined') window.addEventListener('online', () => flush())
