// The phone's offline queue over HTTP: GET /api/v1/session/device-key gives each signed-in user
// one key, the same after a re-login and after a restart (derived from the server's persistent
// secret), another for another user, nothing without a session; and a photo upload retried with
// the same Idempotency-Key answers the same handle, so a record sent again links its photos once.
import { describe, test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { BACKENDS, ORGS, Client, setup, startServer, loginAs, assertProblem } from './lib.mjs'

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), Buffer.from('IHDR'), Buffer.from('a photo taken offline')])
const PNG2 = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), Buffer.from('IHDR'), Buffer.from('another photo')])

const upload = (client, bytes, key) =>
  client.request('POST', '/api/v1/attachments', { raw: bytes, headers: { 'content-type': 'image/png', ...(key ? { 'idempotency-key': key } : {}) } })

async function deviceKey(client) {
  const r = await client.get('/api/v1/session/device-key')
  assert.equal(r.status, 200, r.text())
  assert.equal(r.headers.get('cache-control'), 'no-store')
  assert.equal(Buffer.from(r.json.key, 'base64').length, 32, r.json.key)
  return r.json.key
}

for (const backend of BACKENDS) {
  describe(`device key and idempotent uploads (${backend})`, () => {
    let ctx, restarted
    before(async () => { ctx = await setup(backend, 'devkey') })
    after(async () => {
      await restarted?.stop()
      await ctx?.teardown()
    })

    test('one key per user: the same after a re-login and a restart, another for another user, 401 without a session', async () => {
      const first = await deviceKey(await loginAs(ctx.base, 'dispatcher'))
      const relogin = await loginAs(ctx.base, 'dispatcher')
      assert.equal(await deviceKey(relogin), first)
      const other = await deviceKey(await loginAs(ctx.base, 'collector'))
      assert.notEqual(other, first)

      assertProblem(assert, await new Client(ctx.base).get('/api/v1/session/device-key'), 401)
      const out = await loginAs(ctx.base, 'dispatcher')
      const ended = out.cookie
      assert.equal((await out.del('/api/v1/session')).status, 204)
      out.cookie = ended  // the cookie of the session that ended at 退出
      assertProblem(assert, await out.get('/api/v1/session/device-key'), 401)

      await ctx.server.stop()  // the same data directory, a new process
      restarted = await startServer(ctx.db)
      ctx.base = restarted.base
      assert.equal(await deviceKey(await loginAs(ctx.base, 'dispatcher')), first, 'after a restart')
      assert.equal(await deviceKey(await loginAs(ctx.base, 'collector')), other)
    })

    test('a retried photo upload with the same Idempotency-Key answers the same handle and is linked once', async () => {
      const d = await loginAs(ctx.base, 'dispatcher')
      const a = await upload(d, PNG, 'outbox-http-photo-1')
      assert.equal(a.status, 201, a.text())
      const b = await upload(d, PNG, 'outbox-http-photo-1')
      assert.equal(b.status, 201, b.text())
      assert.equal(b.json.id, a.json.id)
      const plain = await upload(d, PNG)
      assert.notEqual(plain.json.id, a.json.id, 'without a key each upload is its own')

      assertProblem(assert, await upload(d, PNG2, 'outbox-http-photo-1'), 422, { field: 'Idempotency-Key' })
      const colleague = await loginAs(ctx.base, 'collector')
      assertProblem(assert, await upload(colleague, PNG, 'outbox-http-photo-1'), 422, { field: 'Idempotency-Key' })
      assertProblem(assert, await upload(new Client(ctx.base), PNG, 'outbox-http-photo-1'), 422, { field: 'Idempotency-Key' })

      const record = {
        kind: 'visit', method: 'random', date: '2026-11-30',
        place: { org: ORGS.street }, leaders: ['dispatcher'], topic: '离线走访',
        attachments: [a.json.id],
        matters: [{ title: '井盖缺失', content: '建设路口井盖缺失,夜间危险' }],
      }
      const key = { headers: { 'idempotency-key': 'outbox-http-record-1' } }
      const sent = await d.post('/api/v1/records', record, key)
      assert.equal(sent.status, 201, sent.text())
      // The phone never saw the answer: it uploads again (same handle) and posts again (same record).
      const again = await upload(d, PNG, 'outbox-http-photo-1')
      assert.equal(again.json.id, a.json.id)
      const resent = await d.post('/api/v1/records', { ...record, attachments: [again.json.id] }, key)
      assert.equal(resent.status, 201, resent.text())
      assert.equal(resent.json.code, sent.json.code)
      assert.deepEqual(resent.json.matters, sent.json.matters)
      const list = await d.get('/api/v1/records?kind=visit')
      assert.equal(list.json.items.filter((x) => x.topic === '离线走访').length, 1)
      const rec = await d.get(`/api/v1/records/${sent.json.code}`)
      assert.deepEqual(rec.json.attachments.map((p) => p.id), [a.json.id])
    })
  })
}
