// Verification and 回头看 over HTTP: `huiyin sla run` applies the 超时默认 rule to an answered matter
// nobody verified (labelled on the matter page, its timeline and the tracking page, left out of
// 解决率 and 满意率); a call-back that reaches nobody is recorded; a supervisor draws a 回头看
// sample with a seed, the same seed draws the same matters, a failure reopens the matter (重办)
// and a pass leaves it; only the supervisor's scope may draw, read or record.
import { describe, test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { BACKENDS, ORGS, Client, setup, loginAs, intake, huiyin, localDate, assertProblem } from './lib.mjs'

for (const backend of BACKENDS) {
  describe(`verification and 回头看 (${backend})`, () => {
    let ctx, dispatcher, handler, supervisor, leader
    before(async () => {
      ctx = await setup(backend, 'verify')
      dispatcher = await loginAs(ctx.base, 'dispatcher')
      handler = await loginAs(ctx.base, 'handler')
      supervisor = await loginAs(ctx.base, 'supervisor')
      leader = await loginAs(ctx.base, 'leader')
    })
    after(async () => { await ctx?.teardown() })

    async function resolved(title) {
      const r = await intake(ctx.base, { title })
      assert.equal(r.status, 201, r.text())
      const { code, token } = r.json
      assert.equal((await dispatcher.act(code, 'accept')).status, 200)
      const a = await dispatcher.act(code, 'assign', { lead_org: ORGS.zjj, handling_class: 'immediate' })
      assert.equal(a.status, 200, a.text())
      assert.equal((await handler.act(code, 'sign')).status, 200)
      const res = await handler.act(code, 'resolve', { reply: '已修复' })
      assert.equal(res.status, 200, res.text())
      return { code, token }
    }

    test('超时默认 by the scheduler, labelled, and in neither 解决率 nor 满意率', async () => {
      const silent = await resolved('无人评价的路灯')
      const miss = await dispatcher.act(silent.code, 'callback_failed', { reason: '匿名反映,无法回访' })
      assert.equal(miss.status, 200, miss.text())
      assert.equal(miss.json.status, 'resolved')
      const answered = await resolved('有人评价的路灯')
      const ev = await new Client(ctx.base).post(`/api/v1/track/${answered.code}/evaluation?token=${answered.token}`, { solved: true, satisfaction: 'satisfied' })
      assert.equal(ev.status, 200, ev.text())

      const run = huiyin(['sla', 'run', '--db', ctx.db.url, '--at', `${localDate(20)}T09:00:00+08:00`])
      assert.equal(run.status, 0, run.stderr)
      assert.match(run.stdout, /超时默认办结 1 件/)
      const m = await supervisor.get(`/api/v1/matters/${silent.code}`)
      assert.equal(m.json.status, 'verified')
      assert.equal(m.json.solved, null)
      assert.deepEqual(m.json.evaluations.map(e => [e.source, e.source_label]), [['timeout', '超时默认']])
      const step = m.json.events.find(e => e.type === 'verify_timeout')
      assert.equal(step.actor_label, '系统')
      assert.match(step.summary, /超时默认:办结后7个工作日内未收到评价.*不计入解决率、满意率/)
      assert.ok(m.json.events.some(e => e.type === 'callback_failed' && /回访无法联系:匿名反映/.test(e.summary)))
      const track = await new Client(ctx.base).get(`/api/v1/track/${silent.code}?token=${silent.token}`)
      assert.equal(track.json.evaluation.source, 'timeout')
      assert.ok(track.json.timeline.some(t => t.type === 'verify_timeout' && t.public_type_label === '超时未评价,默认办结'))
      assert.ok(!track.json.timeline.some(t => t.type === 'callback_failed'), 'the call-back attempts stay internal')

      const today = localDate(0)
      const s = (await leader.get(`/api/v1/stats/overview?from=${today}&to=${today}`)).json
      assert.equal(s.evaluated, 1, 'only the reporter’s own answer')
      assert.equal(s.solved, 1)
      assert.equal(s.satisfied, 1)
      const again = huiyin(['sla', 'run', '--db', ctx.db.url, '--at', `${localDate(20)}T09:00:00+08:00`])
      assert.doesNotMatch(again.stdout, /超时默认/)

      const setting = huiyin(['sla', 'verify-timeout', '--db', ctx.db.url, '--days', '5'])
      assert.equal(setting.status, 0, setting.stderr)
      assert.match(setting.stdout, /办结后 5 个工作日/)
    })

    test('回头看: seeded, reproducible, a failure reopens, scope is the supervisor’s', async () => {
      const codes = []
      for (const t of ['回头看一', '回头看二', '回头看三']) {
        const r = await resolved(t)
        const ev = await supervisor.act(r.code, 'verify', { solved: true, satisfaction: 'satisfied', comment: '电话回访,群众认可' })
        assert.equal(ev.status, 200, ev.text())
        assert.match(ev.json.events.at(-1).summary, /电话回访:已解决/)
        codes.push(r.code)
      }
      const body = { org: ORGS.zjj, from: localDate(-1), to: localDate(1), size: 2, seed: 'api-test' }
      const first = await supervisor.post('/api/v1/spot_checks', body)
      assert.equal(first.status, 201, first.text())
      assert.equal(first.json.seed, 'api-test')
      assert.equal(first.json.items.length, 2)
      assert.ok(first.json.population >= 3)
      assert.equal(first.headers.get('location'), `/api/v1/spot_checks/${first.json.code}`)
      const second = await supervisor.post('/api/v1/spot_checks', body)
      assert.deepEqual(second.json.items.map(i => i.matter), first.json.items.map(i => i.matter), 'the same seed draws the same matters')
      const unseeded = await supervisor.post('/api/v1/spot_checks', { ...body, seed: undefined })
      assert.ok(unseeded.json.seed.length >= 8, 'a seed is made and recorded')

      assertProblem(assert, await dispatcher.post('/api/v1/spot_checks', body), 403)
      assertProblem(assert, await supervisor.post('/api/v1/spot_checks', { ...body, size: 0 }), 422, { field: 'size' })
      assertProblem(assert, await handler.get(`/api/v1/spot_checks/${first.json.code}`), 404)
      assert.equal((await dispatcher.get('/api/v1/spot_checks')).json.items.length, 0)
      assert.equal((await supervisor.get('/api/v1/spot_checks')).json.items.length, 3)

      const [bad, good] = first.json.items.map(i => i.matter)
      const at = (m) => `/api/v1/spot_checks/${first.json.code}/items/${m}`
      assertProblem(assert, await supervisor.post(at(bad), { passed: false }), 422, { field: 'note' })
      const failed = await supervisor.post(at(bad), { passed: false, note: '现场复查仍未修复' })
      assert.equal(failed.status, 200, failed.text())
      assert.equal(failed.json.failed, 1)
      const item = failed.json.items.find(i => i.matter === bad)
      assert.equal(item.result, 'failed')
      assert.equal(item.status, 'reopened')
      assert.equal(item.lead_org.code, ORGS.zjj)
      const m = await supervisor.get(`/api/v1/matters/${bad}`)
      assert.equal(m.json.status, 'reopened')
      const e = m.json.events.at(-1)
      assert.equal(e.type, 'spot_check')
      assert.equal(e.payload.passed, false)
      assert.equal(e.payload.check, first.json.code)
      assert.equal(e.payload.note, '现场复查仍未修复')
      assert.ok(e.payload.deadline, 'a new deadline')
      assert.equal((await handler.act(bad, 'sign')).status, 200, 'back with the unit')
      assertProblem(assert, await supervisor.post(at(bad), { passed: true }), 409)

      const passed = await supervisor.post(at(good), { passed: true })
      assert.equal(passed.status, 200, passed.text())
      assert.equal((await supervisor.get(`/api/v1/matters/${good}`)).json.status, 'verified')
      assertProblem(assert, await supervisor.act(good, 'spot_check', { solved: false }), 422)
      const v = huiyin(['audit', 'verify', '--db', ctx.db.url])
      assert.equal(v.status, 0, v.stdout + v.stderr)
    })
  })
}
