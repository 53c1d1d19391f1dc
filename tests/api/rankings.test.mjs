// 单位排名 over HTTP: GET /api/v1/rankings scores units by the Wilson lower bound of their rates, so
// a department with one matter solved to everyone's satisfaction is listed but not ranked above
// one that solved five of six; areas are the districts under the asker's city, out of 150; the
// method and weights are stated in the answer; a handler may not read it; a bad level is a 422.
import { describe, test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { BACKENDS, ORGS, setup, loginAs, intake, assertProblem } from './lib.mjs'

for (const backend of BACKENDS) {
  describe(`rankings (${backend})`, () => {
    let ctx, dispatcher, supervisor
    before(async () => {
      ctx = await setup(backend, 'rank')
      dispatcher = await loginAs(ctx.base, 'dispatcher')
      supervisor = await loginAs(ctx.base, 'supervisor')
    })
    after(async () => { await ctx?.teardown() })

    async function handled(lead, handlerKey, solved) {
      const r = await intake(ctx.base, { title: `排名测试${Math.random().toString(36).slice(2, 8)}` })
      assert.equal(r.status, 201, r.text())
      const { code } = r.json
      const handler = await loginAs(ctx.base, handlerKey)
      assert.equal((await dispatcher.act(code, 'accept')).status, 200)
      assert.equal((await dispatcher.act(code, 'assign', { lead_org: lead, handling_class: 'immediate' })).status, 200)
      assert.equal((await handler.act(code, 'sign')).status, 200)
      assert.equal((await handler.act(code, 'resolve', { reply: '已处理完毕,现场已恢复。' })).status, 200)
      const v = await supervisor.act(code, 'verify', { solved, satisfaction: solved ? 'satisfied' : 'dissatisfied' })
      assert.equal(v.status, 200, v.text())
    }

    test('a lucky unit with one matter is listed unranked; the steady one ranks first', async () => {
      for (let i = 0; i < 6; i++) await handled(ORGS.zjj, 'handler', i < 5)
      await handled(ORGS.cgj, 'handler_cgj', true)

      const r = await supervisor.get('/api/v1/rankings')
      assert.equal(r.status, 200, r.text())
      assert.deepEqual(r.json.weights, { response: 30, resolution: 35, satisfaction: 35 })
      assert.equal(r.json.min_volume, 5)
      assert.match(r.json.method, /威尔逊/)
      const depts = r.json.items.filter(i => i.level === 'dept')
      assert.deepEqual(depts.map(i => i.org.code), [ORGS.zjj, ORGS.cgj])
      const [zjj, cgj] = depts
      assert.equal(zjj.rank, 1)
      assert.equal(zjj.volume, 6)
      assert.equal(zjj.full, 100)
      assert.ok(zjj.score > 0 && zjj.score < 100, String(zjj.score))
      assert.equal(cgj.rank, null, 'one matter is too few to rank')
      assert.equal(cgj.resolution_rate, 1)
      assert.ok(cgj.score < zjj.score, `${cgj.score} < ${zjj.score}`)

      const areas = r.json.items.filter(i => i.level === 'area')
      const hetang = areas.find(i => i.org.code === ORGS.district)
      assert.ok(hetang, JSON.stringify(areas))
      assert.equal(hetang.volume, 7)
      assert.equal(hetang.full, 150)
      assert.equal(hetang.rank, 1)
      const lusong = areas.find(i => i.org.code === ORGS.otherDistrict)
      assert.equal(lusong.volume, 0)
      assert.equal(lusong.rank, null)

      const onlyDepts = await supervisor.get('/api/v1/rankings?level=dept')
      assert.ok(onlyDepts.json.items.every(i => i.level === 'dept'))
      assertProblem(assert, await supervisor.get('/api/v1/rankings?level=street'), 422, { field: 'level' })
      assertProblem(assert, await (await loginAs(ctx.base, 'handler')).get('/api/v1/rankings'), 403)
    })

    // Regression: a unit leader saw 领导驾驶舱 in the menu and got 403 for every figure.
    test('regression: a unit leader reads their own unit’s figures and its place in the ranking', async () => {
      const lead = await loginAs(ctx.base, 'leader_zjj')
      const o = await lead.get('/api/v1/stats/overview')
      assert.equal(o.status, 200, o.text())
      assert.equal(o.json.collected, 6, 'the six matters 市住建局 leads, not the city’s seven')
      const g = await lead.get('/api/v1/stats/grouped?by=org')
      assert.deepEqual(g.json.map(r => r.key), [ORGS.zjj])
      assertProblem(assert, await lead.get(`/api/v1/stats/overview?org=${ORGS.cgj}`), 403)
      const r = await lead.get('/api/v1/rankings?level=dept')
      assert.equal(r.status, 200, r.text())
      assert.equal(r.json.own_unit, ORGS.zjj)
      assert.deepEqual(r.json.items.map(i => i.org.code), [ORGS.zjj, ORGS.cgj], 'the ranking their unit stands in')
    })
  })
}
