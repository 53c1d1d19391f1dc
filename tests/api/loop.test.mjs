// The closed loop end to end against the real binary: intake → accept → assign → sign →
// measures → resolve → citizen evaluation → close; unsolved → reopened; return; reject;
// stale and missing If-Match; two concurrent writers.
import { describe, test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { BACKENDS, ORGS, Client, setup, loginAs, intake, localDate, assertProblem } from './lib.mjs'

for (const backend of BACKENDS) {
  describe(`closed loop (${backend})`, () => {
    let ctx, dispatcher, handler, supervisor
    before(async () => {
      ctx = await setup(backend, 'loop')
      dispatcher = await loginAs(ctx.base, 'dispatcher')
      handler = await loginAs(ctx.base, 'handler')
      supervisor = await loginAs(ctx.base, 'supervisor')
    })
    after(async () => { await ctx?.teardown() })

    async function toResolved() {
      const r = await intake(ctx.base)
      assert.equal(r.status, 201, r.text())
      const { code, token } = r.json
      assert.equal((await dispatcher.act(code, 'accept')).status, 200)
      const a = await dispatcher.act(code, 'assign', { lead_org: ORGS.zjj, handling_class: 'phased', deadline: localDate(10) })
      assert.equal(a.status, 200, a.text())
      assert.equal((await handler.act(code, 'sign')).status, 200)
      const res = await handler.act(code, 'resolve', { reply: '已更换路灯灯泡并检修线路,现已恢复照明。' })
      assert.equal(res.status, 200, res.text())
      return { code, token }
    }

    test('the whole loop ends closed, with every step on the record', async () => {
      const r = await intake(ctx.base)
      assert.equal(r.status, 201, r.text())
      const { code, token, status, track_url } = r.json
      assert.match(code, /^[A-Z]+-\d{8}-\d{6}$/)
      assert.ok(token.length >= 20, 'the tracking token is long enough to be unguessable')
      assert.equal(status, 'submitted')
      assert.equal(track_url, `/track/${code}?token=${token}`)

      const citizen = new Client(ctx.base)
      let t = await citizen.get(`/api/v1/track/${code}?token=${encodeURIComponent(token)}`)
      assert.equal(t.status, 200)
      assert.equal(t.json.status, 'submitted')
      assert.equal(t.json.status_label, '待受理')
      assert.ok(!t.text().includes('13812345678') && !t.text().includes('张三'), 'no personal data on the tracking page')
      assert.equal((await citizen.get(`/api/v1/track/${code}?token=wrong`)).status, 404)

      const list = await dispatcher.get('/api/v1/matters?status=submitted')
      assert.equal(list.status, 200)
      assert.ok(list.json.items.some((m) => m.code === code))

      let m = await dispatcher.get(`/api/v1/matters/${code}`)
      assert.equal(m.status, 200)
      assert.equal(m.headers.get('etag'), `"${m.json.version}"`)
      assert.ok(m.json.available_actions.includes('accept'))
      assert.match(m.json.created_at, /\+08:00$/)

      let a = await dispatcher.act(code, 'accept', {}, m.json.version)
      assert.equal(a.status, 200, a.text())
      assert.equal(a.json.status, 'accepted')
      assert.equal(a.json.status_label, '已受理')
      assert.equal(a.headers.get('etag'), `"${a.json.version}"`)
      assert.ok(a.json.version > m.json.version)

      a = await dispatcher.act(code, 'assign', { lead_org: ORGS.zjj, handling_class: 'phased', deadline: localDate(10) })
      assert.equal(a.status, 200, a.text())
      assert.equal(a.json.status, 'assigned')
      assert.equal(a.json.lead_org.code, ORGS.zjj)
      assert.equal(a.json.handling_class_label, '限期整改')
      assert.ok(a.json.deadline)

      a = await handler.act(code, 'sign')
      assert.equal(a.status, 200, a.text())
      assert.equal(a.json.status, 'signed')

      const ms = await handler.post(`/api/v1/matters/${code}/measures`, { content: '更换损坏灯泡并检修线路', owner_name: '李工', deadline: localDate(5), progress: 30, status: 'in_progress' })
      assert.equal(ms.status, 201, ms.text())
      assert.equal(ms.json.progress, 30)
      assert.equal(ms.json.status_label, '推进中')
      const mid = ms.json.id
      const stale = ms.json.version
      let up = await handler.patch(`/api/v1/measures/${mid}`, { progress: 100, status: 'done', evidence: '现场照片已上传' }, { headers: { 'if-match': `"${stale}"` } })
      assert.equal(up.status, 200, up.text())
      assert.equal(up.json.progress, 100)
      up = await handler.patch(`/api/v1/measures/${mid}`, { progress: 50 }, { headers: { 'if-match': `"${stale}"` } })
      assertProblem(assert, up, 409)
      up = await handler.patch(`/api/v1/measures/${mid}`, { progress: 50 })
      assertProblem(assert, up, 428)
      const measures = await handler.get(`/api/v1/matters/${code}/measures`)
      assert.equal(measures.json.length, 1)
      assert.equal(measures.json[0].progress, 100, 'the stale update changed nothing')

      a = await handler.act(code, 'resolve', { reply: '已更换路灯灯泡并检修线路,现已恢复照明。' })
      assert.equal(a.status, 200, a.text())
      assert.equal(a.json.status, 'resolved')

      t = await citizen.get(`/api/v1/track/${code}?token=${encodeURIComponent(token)}`)
      assert.equal(t.json.status, 'resolved')
      assert.equal(t.json.can_evaluate, true)
      assert.match(t.json.reply, /恢复照明/)
      const ev = await citizen.post(`/api/v1/track/${code}/evaluation?token=${encodeURIComponent(token)}`, { solved: true, satisfaction: 'satisfied', comment: '修得很快,谢谢' })
      assert.equal(ev.status, 200, ev.text())
      assert.equal(ev.json.status, 'verified')
      assert.equal(ev.json.can_evaluate, false)
      assert.equal(ev.json.evaluation.satisfaction_label, '满意')

      a = await dispatcher.act(code, 'close')
      assert.equal(a.status, 200, a.text())
      assert.equal(a.json.status, 'closed')
      assert.equal(a.json.status_label, '已销号')
      const types = a.json.events.map((e) => e.type)
      for (const step of ['accept', 'assign', 'sign', 'resolve', 'close']) assert.ok(types.includes(step), `event ${step} recorded: ${types}`)
      assert.ok(a.json.events.length >= 8, `events: ${types}`)
      for (const e of a.json.events) assert.ok(e.type_label && e.at.endsWith('+08:00'))

      t = await citizen.get(`/api/v1/track/${code}?token=${encodeURIComponent(token)}`)
      assert.equal(t.json.status, 'closed')
      assert.ok(t.json.timeline.length >= 4)
    })

    test('an unsolved evaluation reopens the matter for the lead unit to sign again', async () => {
      const { code, token } = await toResolved()
      const ev = await new Client(ctx.base).post(`/api/v1/track/${code}/evaluation?token=${encodeURIComponent(token)}`, { solved: false, satisfaction: 'dissatisfied', comment: '晚上还是不亮' })
      assert.equal(ev.status, 200, ev.text())
      assert.equal(ev.json.status, 'reopened')
      const m = await handler.get(`/api/v1/matters/${code}`)
      assert.equal(m.json.status, 'reopened')
      assert.ok(m.json.available_actions.includes('sign'))
      const s = await handler.act(code, 'sign')
      assert.equal(s.status, 200, s.text())
      assert.equal(s.json.status, 'signed')
    })

    test('a supervisor can reopen a closed matter with a reason', async () => {
      const { code } = await toResolved()
      assert.equal((await supervisor.act(code, 'verify', { solved: true, satisfaction: 'basically_satisfied' })).status, 200)
      assert.equal((await supervisor.act(code, 'close')).status, 200)
      assertProblem(assert, await supervisor.act(code, 'reopen', {}), 422)
      const r = await supervisor.act(code, 'reopen', { reason: '回头看发现问题反弹' })
      assert.equal(r.status, 200, r.text())
      assert.equal(r.json.status, 'reopened')
    })

    test('the unit returns a matter that is not theirs, with a reason', async () => {
      const r = await intake(ctx.base, { title: '占道经营' })
      const { code } = r.json
      await dispatcher.act(code, 'accept')
      await dispatcher.act(code, 'assign', { lead_org: ORGS.zjj, handling_class: 'immediate' })
      const before = await handler.get(`/api/v1/matters/${code}`)
      const noReason = await handler.act(code, 'return', {}, before.json.version)
      assertProblem(assert, noReason, 422)
      const ret = await handler.act(code, 'return', { reason: '占道经营属城管执法职责,请改派城管局' }, before.json.version)
      assert.equal(ret.status, 200, ret.text())
      assert.equal(ret.json.status, 'returned')
      assert.equal(ret.json.return_count, 1)
      const re = await dispatcher.act(code, 'assign', { lead_org: ORGS.cgj, handling_class: 'immediate' })
      assert.equal(re.status, 200, re.text())
      assert.equal(re.json.lead_org.code, ORGS.cgj)
      // The first unit no longer leads it.
      const again = await handler.act(code, 'sign', {}, re.json.version)
      assert.ok([403, 404].includes(again.status), `${again.status}`)
    })

    test('a dispatcher rejects with a reason the citizen can read', async () => {
      const r = await intake(ctx.base, { title: '咨询社保缴费' })
      const { code, token } = r.json
      assertProblem(assert, await dispatcher.act(code, 'reject', { reason: '   ' }), 422)
      const rej = await dispatcher.act(code, 'reject', { reason: '属于咨询类事项,已电话答复' })
      assert.equal(rej.status, 200, rej.text())
      assert.equal(rej.json.status, 'rejected')
      const t = await new Client(ctx.base).get(`/api/v1/track/${code}?token=${encodeURIComponent(token)}`)
      assert.equal(t.json.status, 'rejected')
      assert.equal(t.json.status_label, '不予受理')
      // A rejected matter cannot be accepted.
      assertProblem(assert, await dispatcher.act(code, 'accept'), 409)
    })

    test('a stale If-Match gets 409 and a missing one 428, changing nothing', async () => {
      const r = await intake(ctx.base)
      const { code } = r.json
      const m = await dispatcher.get(`/api/v1/matters/${code}`)
      const v = m.json.version
      assert.equal((await dispatcher.act(code, 'accept', {}, v)).status, 200)
      const stale = await dispatcher.act(code, 'assign', { lead_org: ORGS.zjj, handling_class: 'phased' }, v)
      assertProblem(assert, stale, 409)
      const missing = await dispatcher.post(`/api/v1/matters/${code}/actions`, { action: 'assign', lead_org: ORGS.zjj, handling_class: 'phased' })
      assertProblem(assert, missing, 428)
      const after = await dispatcher.get(`/api/v1/matters/${code}`)
      assert.equal(after.json.status, 'accepted')
      assert.equal(after.json.version, v + 1)
    })

    test('two concurrent actions from the same version: exactly one wins, the other gets 409', async () => {
      for (let round = 0; round < 3; round++) {
        const r = await intake(ctx.base)
        const { code } = r.json
        const m = await dispatcher.get(`/api/v1/matters/${code}`)
        const v = m.json.version
        const other = await loginAs(ctx.base, 'dispatcher')
        const [x, y] = await Promise.all([
          dispatcher.act(code, 'accept', {}, v),
          other.act(code, 'reject', { reason: '重复反映' }, v),
        ])
        const statuses = [x.status, y.status].sort()
        assert.deepEqual(statuses, [200, 409], `${x.status} ${x.text()} / ${y.status} ${y.text()}`)
        const after = await dispatcher.get(`/api/v1/matters/${code}`)
        const winner = x.status === 200 ? x : y
        assert.equal(after.json.status, winner.json.status)
        assert.equal(after.json.version, v + 1)
      }
    })
  })
}
