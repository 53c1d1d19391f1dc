// Rotas of joint inspections over HTTP (轮值联合巡查 "4+1", /api/v1/rotas): a weekly rota shows
// who leads this period and the next and which periods were inspected; a joint inspection naming
// the rota takes its period, lead and supporting unit, and one led out of turn is a 422 naming
// lead_dept; a rota is changed only with its version; another district does not see it. And a
// joint meeting continuing an earlier one takes its parties and lists with its series.
import { describe, test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { BACKENDS, ORGS, setup, loginAs, assertProblem } from './lib.mjs'

// Today in Asia/Shanghai, and `n` days before it (YYYY-MM-DD).
const day = (n = 0) => new Date(Date.now() + 8 * 3600e3 - n * 86400e3).toISOString().slice(0, 10)

const rota = () => ({
  name: '荷塘区“4+1”轮值联合巡查',
  org: ORGS.district,
  period: 'week',
  start: day(14),
  leads: [ORGS.districtDept, ORGS.zjj, ORGS.cgj],
  support: ORGS.cgj,
  route: '月塘街道主次干道',
})

const inspection = (code, date, lead) => ({
  kind: 'joint_inspection',
  date,
  place: { org: ORGS.street },
  leaders: ['dispatcher'],
  topic: '轮值联合巡查',
  detail: { rota: code, ...(lead ? { lead_dept: lead } : {}) },
})

for (const backend of BACKENDS) {
  describe(`rotas (${backend})`, () => {
    let ctx, d, other, handler
    before(async () => {
      ctx = await setup(backend, 'rotas')
      d = await loginAs(ctx.base, 'dispatcher')
      other = await loginAs(ctx.base, 'dispatcher_other')
      handler = await loginAs(ctx.base, 'handler')
    })
    after(async () => { await ctx?.teardown() })

    test('the rota shows who leads now and next, and which periods were inspected', async () => {
      const c = await d.post('/api/v1/rotas', rota())
      assert.equal(c.status, 201, c.text())
      assert.match(c.json.code, /^ZZ-LB-\d{8}-\d{3}$/)
      const done = await d.post('/api/v1/records', inspection(c.json.code, day(7)))
      assert.equal(done.status, 201, done.text())

      const r = await d.get(`/api/v1/rotas/${c.json.code}`)
      assert.equal(r.status, 200, r.text())
      assert.equal(r.json.current.lead.code, ORGS.cgj)
      assert.equal(r.json.current.state, 'due')
      assert.equal(r.json.next.lead.code, ORGS.districtDept)
      assert.deepEqual(r.json.periods.map((p) => p.state), ['missed', 'done', 'due'])
      assert.deepEqual(r.json.periods[1].records, [done.json.code])
      assert.equal(r.json.periods[0].from, day(14))
      assert.match(r.json.current.period, /^\d{4}年第\d+周$/)

      const rec = await d.get(`/api/v1/records/${done.json.code}`)
      assert.equal(rec.json.detail.lead_dept.code, ORGS.zjj)
      assert.equal(rec.json.detail.support_unit.code, ORGS.cgj)
      assert.equal(rec.json.detail.period, r.json.periods[1].period)
      assert.deepEqual(rec.json.detail.rota, { code: c.json.code, name: rota().name })

      const list = await d.get('/api/v1/rotas')
      assert.equal(list.status, 200)
      assert.ok(list.json.items.some((x) => x.code === c.json.code))
    })

    test('a joint inspection led out of turn is refused naming lead_dept', async () => {
      const c = await d.post('/api/v1/rotas', rota())
      const r = await d.post('/api/v1/records', inspection(c.json.code, day(0), ORGS.zjj))
      assertProblem(assert, r, 422, { field: 'lead_dept' })
      assert.match(r.json.detail, /^本期\(.+\)轮值牵头部门为市城市管理和综合执法局$/)
    })

    test('only dispatchers, leaders and admins in scope change a rota, with its version', async () => {
      const c = await d.post('/api/v1/rotas', rota())
      assert.equal((await handler.post('/api/v1/rotas', rota())).status, 403)
      assert.equal((await other.get(`/api/v1/rotas/${c.json.code}`)).status, 404)
      assert.ok(!(await other.get('/api/v1/rotas')).json.items.some((x) => x.code === c.json.code))
      assertProblem(assert, await d.post('/api/v1/rotas', { ...rota(), period: 'day' }), 422, { field: 'period' })
      const body = { leads: [ORGS.cgj, ORGS.zjj, ORGS.districtDept] }
      assert.equal((await d.patch(`/api/v1/rotas/${c.json.code}`, body)).status, 428)
      const p = await d.patch(`/api/v1/rotas/${c.json.code}`, body, { headers: { 'if-match': '"1"' } })
      assert.equal(p.status, 200, p.text())
      assert.equal(p.json.version, 2)
      assert.equal(p.json.current.lead.code, ORGS.districtDept)
      assert.equal((await d.patch(`/api/v1/rotas/${c.json.code}`, body, { headers: { 'if-match': '"1"' } })).status, 409)
    })

    test('a joint meeting continuing an earlier one takes its parties and lists with its series', async () => {
      const meeting = (extra) => ({
        kind: 'joint_meeting', date: day(30), place: { org: ORGS.street }, leaders: ['dispatcher'],
        topic: '六方联席会议', ...extra,
      })
      const first = await d.post('/api/v1/records', meeting({
        detail: { convener: ORGS.street, parties: [ORGS.districtDept, { name: '业委会' }, { name: '物业公司' }] },
      }))
      assert.equal(first.status, 201, first.text())
      const second = await d.post('/api/v1/records', meeting({ date: day(0), detail: { series: first.json.code } }))
      assert.equal(second.status, 201, second.text())
      const rec = await d.get(`/api/v1/records/${second.json.code}`)
      assert.equal(rec.json.detail.convener.code, ORGS.street)
      assert.deepEqual(rec.json.detail.parties.map((p) => p.name), ['荷塘区住房和城乡建设局', '业委会', '物业公司'])
      assert.deepEqual(rec.json.series.map((s) => s.code), [first.json.code, second.json.code])
      const list = await d.get(`/api/v1/records?kind=joint_meeting&series=${first.json.code}`)
      assert.equal(list.status, 200)
      assert.equal(list.json.items.length, 2)
      assertProblem(assert, await d.post('/api/v1/records', meeting({ detail: { series: 'ZZ-LH-20200101-0001' } })), 422, { field: 'series' })
    })
  })
}
