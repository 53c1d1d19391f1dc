// The pure parts of the 待上传 queue: sealing round trips under the device key (Node's WebCrypto),
// what a wrong key, user or entry gets, the owner tag, and each state move after a try.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { importDeviceKey, nextState, open, openJson, outcomeOf, ownerOf, photoKey, seal, sealJson, withPhotos } from './outbox_core.js'

const keyB64 = (fill) => Buffer.alloc(32, fill).toString('base64')
const record = {
  kind: 'visit',
  topic: '建设路社区老旧小区走访',
  matters: [{ title: '楼道灯不亮', content: '3栋楼道灯坏了', contact: { name: '张秀英', phone: '13812345678' } }],
}

test('a sealed record opens with the same key and the same place, and shows none of its text', async () => {
  const key = await importDeviceKey(keyB64(7))
  const sealed = await sealJson(key, record, 'owner|e1|meta')
  assert.equal(sealed.iv.length, 12)
  const text = Buffer.from(sealed.data).toString('latin1') + Buffer.from(sealed.data).toString('utf8')
  for (const plain of ['13812345678', '张秀英', '老旧小区', 'visit']) assert.ok(!text.includes(plain), plain)
  assert.deepEqual(await openJson(key, sealed, 'owner|e1|meta'), record)
  // The same input twice gives two ciphertexts (a fresh nonce each time).
  const again = await sealJson(key, record, 'owner|e1|meta')
  assert.notDeepEqual(Buffer.from(again.data), Buffer.from(sealed.data))
})

test('another user’s key, another entry or a changed byte does not open it', async () => {
  const mine = await importDeviceKey(keyB64(7))
  const theirs = await importDeviceKey(keyB64(8))
  const sealed = await sealJson(mine, record, 'owner|e1|meta')
  await assert.rejects(openJson(theirs, sealed, 'owner|e1|meta'))
  await assert.rejects(openJson(mine, sealed, 'owner|e2|meta'), 'moved to another entry')
  const bytes = new Uint8Array(sealed.data.slice(0))
  bytes[0] ^= 1
  await assert.rejects(open(mine, { iv: sealed.iv, data: bytes.buffer }, 'owner|e1|meta'))
})

test('photo bytes round-trip; the key never leaves WebCrypto', async () => {
  const key = await importDeviceKey(keyB64(9))
  const photo = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3, 250])
  const sealed = await seal(key, photo, 'o|e|photo:0')
  assert.deepEqual(new Uint8Array(await open(key, sealed, 'o|e|photo:0')), photo)
  assert.equal(key.extractable, false)
  await assert.rejects(globalThis.crypto.subtle.exportKey('raw', key))
  await assert.rejects(importDeviceKey(Buffer.alloc(16).toString('base64')), /设备密钥无效/)
})

test('entries are filed under a hash of the username, one per user', async () => {
  const a = await ownerOf('collector_yt')
  assert.match(a, /^[0-9a-f]{64}$/)
  assert.ok(!a.includes('collector'))
  assert.equal(await ownerOf('collector_yt'), a)
  assert.notEqual(await ownerOf('dispatcher'), a)
})

test('a try’s outcome: network, server, session, throttle and a competing send are tried again; refusals are final', () => {
  assert.equal(outcomeOf(null), 'sent')
  for (const status of [0, 500, 502, 503, 401, 408, 409, 429]) assert.equal(outcomeOf({ status }), 'retry', String(status))
  for (const status of [400, 403, 404, 413, 422]) assert.equal(outcomeOf({ status }), 'refused', String(status))
})

test('state moves: pending → sent | pending | failed, failed → pending on 立即上传, sent is final', () => {
  assert.equal(nextState('pending', 'sent'), 'sent')
  assert.equal(nextState('pending', 'retry'), 'pending')
  assert.equal(nextState('pending', 'refused'), 'failed')
  assert.equal(nextState('failed', 'requeue'), 'pending')
  assert.throws(() => nextState('sent', 'retry'))
  assert.throws(() => nextState('sent', 'sent'), 'a sent entry is never sent again')
  assert.throws(() => nextState('failed', 'sent'))
})

test('the record body gets the photos’ handles, record and matter each their own; keys derive from the entry’s', () => {
  const body = withPhotos({ ...record, attachments: ['old'], matters: [...record.matters, { title: '井盖', content: '缺失' }] }, ['h1', 'h2'], [undefined, 'hm1'])
  assert.deepEqual(body.attachments, ['old', 'h1', 'h2'])
  assert.equal(body.matters[0].attachments, undefined)
  assert.deepEqual(body.matters[1].attachments, ['hm1'])
  assert.deepEqual(withPhotos({ kind: 'visit' }, [], []), { kind: 'visit' })
  assert.equal(photoKey('k-1', 'r0'), 'k-1:photo:r0')
  assert.notEqual(photoKey('k-1', 'm0'), photoKey('k-1', 'r0'))
})
