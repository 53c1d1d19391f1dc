// The 四下基层 figures over HTTP (GET /api/v1/stats/grassroots): each number equals the length of
// the list behind it, the summary text reads as offices write it; and 干部纪实 (GET
// /api/v1/dossier/{username}, JSON and .xlsx) is for the official, their unit's leaders,
// supervisors and admins only.
import { describe, test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { BACKENDS, ORGS, setup, loginAs } from './lib.mjs'

const day = '2026-11-28'
const record = (kind, extra = {}) => ({
  kind, date: day, place: { org: ORGS.street, address: '月塘街道' }, leaders: ['dispatcher'], topic: '四下基层', ...extra,
})

for (const backend of BACKENDS) {
  describe(`grassroots figures and dossier (${backend})`, () => {
    let ctx, d, other, handler, leaderZjj, sup, rec
    before(async () => {
      ctx = await setup(backend, 'grassroots')
      d = await loginAs(ctx.base, 'dispatcher')
      other = await loginAs(ctx.base, 'dispatcher_other')
      handler = await loginAs(ctx.base, 'handler')
      leaderZjj = await loginAs(ctx.base, 'leader_zjj')
      sup = await loginAs(ctx.base, 'supervisor')
      const m = (t) => ({ title: t, content: `${t},群众反映强烈` })
      rec = []
      for (const body of [
        record('visit', { method: 'unannounced', participants: ['handler_zjj'], matters: [m('路灯不亮'), m('井盖缺失')] }),
        record('visit', { method: 'forum', matters: [m('停车难')] }),
        record('reception', { method: 'regular', counts: { batches: 3, persons: 7 }, matters: [m('工资拖欠')] }),
        record('onsite_office', { decisions: [{ content: '两周内修复', owner_org: ORGS.districtDept, deadline: '2026-12-31' }] }),
      ]) {
        const r = await d.post('/api/v1/records', body)
        assert.equal(r.status, 201, r.text())
        rec.push(r.json)
      }
    })
    after(async () => { await ctx?.teardown() })

    test('every figure equals the list behind it, and the summary reads as offices write it', async () => {
      const g = await d.get(`/api/v1/stats/grassroots?from=${day}&to=${day}`)
      assert.equal(g.status, 200, g.text())
      for (const [kind, n] of Object.entries(g.json.records)) {
        const list = await d.get(`/api/v1/records?kind=${kind}&from=${day}&to=${day}`)
        assert.equal(list.json.items.length, n, kind)
      }
      const un = await d.get(`/api/v1/records?method=unannounced&from=${day}&to=${day}`)
      assert.equal(g.json.methods.unannounced, un.json.items.length)
      assert.equal(g.json.records.visit, 2)
      assert.equal(g.json.records.joint_meeting, 0)
      assert.deepEqual(g.json.receptions, { batches: 3, persons: 7 })
      const all = await d.get(`/api/v1/records?from=${day}&to=${day}`)
      assert.equal(g.json.matters_raised, all.json.items.reduce((n, r) => n + r.matters.length, 0))
      assert.equal(g.json.matters_raised, 4)
      assert.deepEqual(g.json.measures, { proposed: 1, done: 0 })
      assert.equal(g.json.solved, 0)
      assert.equal(g.json.resolution_rate, 0)
      assert.equal(g.json.channels.visit, 3)
      assert.equal(g.json.channels.petition, 1)
      assert.equal(g.json.summary_text,
        '本期共开展调研走访2次,其中四不两直1次;接待群众3批7人次;开展现场办公1次;收集意见建议4条,提出办法举措1条,已解决0件,解决率0.00%')
      // Another district sees none of it; an unknown org is named.
      const o = await other.get(`/api/v1/stats/grassroots?from=${day}&to=${day}`)
      assert.equal(o.status, 200)
      assert.equal(o.json.matters_raised, 0)
      assert.equal(o.json.resolution_rate, null)
      assert.equal((await d.get('/api/v1/stats/grassroots?org=nope')).status, 422)
    })

    test('a dossier: the official, their unit leader, supervisors and admins; 403 for others', async () => {
      for (const c of [handler, leaderZjj, sup]) {
        const r = await c.get('/api/v1/dossier/handler_zjj?from=2026-11-01&to=2026-11-30')
        assert.equal(r.status, 200, r.text())
        assert.deepEqual(r.json.records.map((x) => x.code), [rec[0].code])
        assert.deepEqual(r.json.matters.map((x) => x.code).sort(), rec[0].matters.map((x) => x.code).sort())
        assert.ok(r.json.matters.every((x) => x.record === rec[0].code))
      }
      const mine = await d.get('/api/v1/dossier/dispatcher')
      assert.equal(mine.status, 200)
      assert.equal(mine.json.records.length, 4)
      assert.equal(mine.json.measures.length, 1)
      const cgj = await loginAs(ctx.base, 'handler_cgj')
      assert.equal((await cgj.get('/api/v1/dossier/handler_zjj')).status, 403)
      assert.equal((await other.get('/api/v1/dossier/handler_zjj')).status, 403)
      assert.equal((await cgj.get('/api/v1/dossier/nobody')).status, 403)
      const x = await leaderZjj.get('/api/v1/dossier/handler_zjj.xlsx')
      assert.equal(x.status, 200)
      assert.match(x.headers.get('content-type'), /spreadsheetml/)
      assert.equal(x.buf.subarray(0, 2).toString(), 'PK')
    })
  })
}
