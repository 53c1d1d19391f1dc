// The deadline scheduler from the operator's side: `huiyin sla run --db URL --at <instant>` runs
// one tick against the database a server is using; the matter page then shows where the matter
// stands on the ladder (escalation) and its deadlines (deadline_history), the timeline has the
// system's 督办 events, a second run changes nothing, and a bad --at is refused.
import { describe, test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { BACKENDS, ORGS, setup, loginAs, intake, huiyin, localDate, assertProblem } from './lib.mjs'

for (const backend of BACKENDS) {
  describe(`sla run (${backend})`, () => {
    let ctx
    before(async () => { ctx = await setup(backend, 'sla') })
    after(async () => { await ctx?.teardown() })

    test('a matter far past its deadline climbs to 约谈, once, and its page says so', async () => {
      const dispatcher = await loginAs(ctx.base, 'dispatcher')
      const handler = await loginAs(ctx.base, 'handler')
      const supervisor = await loginAs(ctx.base, 'supervisor')
      const r = await intake(ctx.base, { title: '人行道地砖松动' })
      assert.equal(r.status, 201, r.text())
      const { code } = r.json
      assert.equal((await dispatcher.act(code, 'accept')).status, 200)
      const a = await dispatcher.act(code, 'assign', { lead_org: ORGS.zjj, handling_class: 'immediate', deadline: localDate(1) })
      assert.equal(a.status, 200, a.text())
      assert.equal((await handler.act(code, 'sign')).status, 200)

      let m = await supervisor.get(`/api/v1/matters/${code}`)
      assert.deepEqual(m.json.escalation, { level: 'none', label: null, rule: null, since: null })
      assert.equal(m.json.deadline_history.length, 1)
      assert.equal(m.json.deadline_history[0].deadline, localDate(1))
      assert.equal(m.json.deadline_history[0].type, 'assign')
      assert.equal(m.json.deadline_history[0].reached, false)

      const at = `${localDate(45)}T09:00:00+08:00`
      const run = huiyin(['sla', 'run', '--db', ctx.db.url, '--at', at])
      assert.equal(run.status, 0, run.stderr)
      assert.match(run.stdout, /升级 1 件/)
      assert.match(run.stdout, /talk\t约谈\t1/)

      m = await supervisor.get(`/api/v1/matters/${code}`)
      assert.equal(m.json.escalation.level, 'talk')
      assert.equal(m.json.escalation.label, '约谈')
      assert.equal(m.json.escalation.rule, 'talk_20')
      assert.ok(m.json.escalation.since.startsWith(localDate(45)), m.json.escalation.since)
      const steps = m.json.events.filter(e => e.type === 'escalate')
      assert.equal(steps.length, 1)
      assert.equal(steps[0].actor_label, '系统')
      assert.match(steps[0].summary, /超期20个工作日提请约谈/)
      assert.deepEqual(steps[0].payload.rules, ['warn_80', 'warn_last_day', 'remind_1', 'supervise_3', 'circulate_10', 'talk_20'])
      assert.equal(steps[0].public, false, 'the citizen’s timeline does not show internal supervision')

      // The 约谈 proposal lists it, and the 督办台账 count is that list's length.
      const talk = await supervisor.get('/api/v1/matters?escalation=talk')
      assert.equal(talk.status, 200, talk.text())
      assert.deepEqual(talk.json.items.map(i => i.code), [code])
      assert.equal(talk.json.total, 1)
      assert.equal((await supervisor.get('/api/v1/matters?escalation=supervised')).json.total, 0, 'at exactly one step')
      const ladder = await supervisor.get('/api/v1/supervision/ladder')
      assert.equal(ladder.status, 200, ladder.text())
      assert.deepEqual(ladder.json.levels.map(s => [s.level, s.count]), [['warned', 0], ['reminded', 0], ['supervised', 0], ['circulated', 0], ['talk', 1]])
      assert.equal(ladder.json.levels[4].query, 'escalation=talk')
      assertProblem(assert, await supervisor.get('/api/v1/matters?escalation=red'), 422, { field: 'escalation' })

      const again = huiyin(['sla', 'run', '--db', ctx.db.url, '--at', at])
      assert.equal(again.status, 0, again.stderr)
      assert.match(again.stdout, /升级 0 件/)
      m = await supervisor.get(`/api/v1/matters/${code}`)
      assert.equal(m.json.events.filter(e => e.type === 'escalate').length, 1)

      const bad = huiyin(['sla', 'run', '--db', ctx.db.url, '--at', 'tomorrow'])
      assert.equal(bad.status, 2)
      assert.match(bad.stderr + bad.stdout, /--at 时刻无效/)
      // The chain with the system's events still verifies.
      const v = huiyin(['audit', 'verify', '--db', ctx.db.url])
      assert.equal(v.status, 0, v.stdout + v.stderr)
    })
  })
}
