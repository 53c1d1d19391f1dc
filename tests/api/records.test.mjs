// Field records over HTTP (the contract of POST /api/v1/records): a 走访调研 visit with its
// matters, each raised through the one intake path with the record as its source; a retry with
// the same Idempotency-Key makes nothing twice; another district neither reads nor lists it;
// bad input names its field and stores nothing; the chain still verifies.
import { describe, test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { BACKENDS, ORGS, setup, loginAs, assertProblem, huiyin } from './lib.mjs'

const visit = (matters = 3) => ({
  kind: 'visit',
  method: 'unannounced',
  date: '2026-11-30',
  place: { org: ORGS.street, address: '月塘街道建设路社区' },
  leaders: ['dispatcher', { name: '王五', post: '街道办主任' }],
  participants: [{ name: '李四', post: '社区书记' }],
  units: [ORGS.districtDept],
  topic: '老旧小区改造四不两直走访',
  summary: '走访三个小区,现场发现问题',
  counts: { attendees: 8 },
  matters: Array.from({ length: matters }, (_, i) => ({
    title: `楼道灯不亮${i + 1}`,
    content: '3栋楼道灯坏了一个月,老人晚上下楼不便',
  })),
})

for (const backend of BACKENDS) {
  describe(`field records (${backend})`, () => {
    let ctx, d, other
    before(async () => {
      ctx = await setup(backend, 'records')
      d = await loginAs(ctx.base, 'dispatcher')
      other = await loginAs(ctx.base, 'dispatcher_other')
    })
    after(async () => { await ctx?.teardown() })

    test('a visit with three problems answers its code and three matter codes', async () => {
      const r = await d.post('/api/v1/records', visit(3), { headers: { 'idempotency-key': 'visit-http-1' } })
      assert.equal(r.status, 201, r.text())
      assert.match(r.json.code, /^ZZ-ZF-\d{8}-\d{4}$/)
      assert.equal(r.json.matters.length, 3)
      for (const { code } of r.json.matters) {
        const m = await d.get(`/api/v1/matters/${code}`)
        assert.equal(m.status, 200, m.text())
        assert.deepEqual(m.json.source, { kind: 'visit', code: r.json.code })
        assert.equal(m.json.channel, 'visit')
      }
      const rec = await d.get(`/api/v1/records/${r.json.code}`)
      assert.equal(rec.status, 200, rec.text())
      assert.equal(rec.json.kind_label, '走访调研')
      assert.equal(rec.json.method_label, '四不两直暗访')
      assert.equal(rec.json.place.org, ORGS.street)
      assert.deepEqual(rec.json.leaders.map((p) => p.name).length, 2)
      assert.equal(rec.json.leaders[0].username, 'dispatcher')
      assert.deepEqual(rec.json.units.map((u) => u.code), [ORGS.districtDept])
      assert.deepEqual(rec.json.matters.map((m) => m.code), r.json.matters.map((m) => m.code))
      assert.deepEqual(rec.json.events.map((e) => e.type), ['record_create'])

      // The retry answers the same codes and makes nothing new.
      const again = await d.post('/api/v1/records', visit(3), { headers: { 'idempotency-key': 'visit-http-1' } })
      assert.equal(again.status, 201, again.text())
      assert.deepEqual(again.json, r.json)
      const list = await d.get('/api/v1/records?kind=visit')
      assert.equal(list.status, 200)
      assert.equal(list.json.items.filter((x) => x.topic === visit().topic).length, 1)
    })

    test('another district neither reads nor lists the record', async () => {
      const r = await d.post('/api/v1/records', visit(1))
      assert.equal(r.status, 201, r.text())
      assert.equal((await other.get(`/api/v1/records/${r.json.code}`)).status, 404)
      const list = await other.get('/api/v1/records')
      assert.equal(list.status, 200)
      assert.ok(!list.json.items.some((x) => x.code === r.json.code))
    })

    test('bad input names the field and stores nothing', async () => {
      const before = (await d.get('/api/v1/records')).json.items.length
      assertProblem(assert, await d.post('/api/v1/records', { ...visit(1), method: 'teleport' }), 422, { field: 'method' })
      assertProblem(assert, await d.post('/api/v1/records', { ...visit(1), place: { org: '999999' } }), 422, { field: 'place.org' })
      const noTitle = visit(1)
      noTitle.matters[0].title = ''
      assertProblem(assert, await d.post('/api/v1/records', noTitle), 422, { field: 'matters[0].title' })
      assertProblem(assert, await d.post('/api/v1/records', { ...visit(1), counts: { batches: 3 } }), 422, { field: 'counts.batches' })
      assert.equal((await d.get('/api/v1/records')).json.items.length, before)
    })

    test('a decision on the spot is a measure the record owns', async () => {
      const r = await d.post('/api/v1/records', visit(0))
      assert.equal(r.status, 201, r.text())
      const m = await d.post(`/api/v1/records/${r.json.code}/measures`, { content: '两周内完成楼道灯改造', owner_org: ORGS.districtDept, deadline: '2026-12-15' })
      assert.equal(m.status, 201, m.text())
      assert.equal(m.json.owner.code, ORGS.districtDept)
      const rec = await d.get(`/api/v1/records/${r.json.code}`)
      assert.deepEqual(rec.json.measures.map((x) => x.content), ['两周内完成楼道灯改造'])
      assert.deepEqual(rec.json.events.map((e) => e.type), ['record_create', 'measure_add'])
      assertProblem(assert, await d.post(`/api/v1/records/${r.json.code}/measures`, { content: '' }), 422, { field: 'content' })
      assert.equal((await other.post(`/api/v1/records/${r.json.code}/measures`, { content: '越权' })).status, 404)
    })

    test('the audit chain with record events verifies', async () => {
      const r = huiyin(['audit', 'verify', '--db', ctx.db.url])
      assert.equal(r.status, 0, r.stdout + r.stderr)
    })
  })
}
