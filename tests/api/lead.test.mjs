// Units leading their work over HTTP: a leader's 批示 shown to the unit and answered, 分办 to a
// handler of the unit (422 outside it) and that handler's 分办给我, 审核答复 switched on for the
// unit (PUT /api/v1/units/{code}/settings) so the handler's reply waits (the public tracking page
// shows no reply) until the unit leader approves it or sends it back, and the printable 交办单.
import { describe, test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { BACKENDS, ORGS, setup, loginAs, intake, assertProblem, Client } from './lib.mjs'

async function assigned(ctx, title, note) {
  const dispatcher = await loginAs(ctx.base, 'dispatcher')
  const r = await intake(ctx.base, { title })
  assert.equal(r.status, 201, r.text())
  const { code, token } = r.json
  assert.equal((await dispatcher.act(code, 'accept')).status, 200)
  const a = await dispatcher.act(code, 'assign', { lead_org: ORGS.zjj, co_orgs: [ORGS.cgj], handling_class: 'immediate', note })
  assert.equal(a.status, 200, a.text())
  return { code, token }
}

const cardCount = async (c, key) => (await c.get('/api/v1/workbench')).json.counts[key]

for (const backend of BACKENDS) {
  describe(`units lead their work (${backend})`, () => {
    let ctx
    before(async () => { ctx = await setup(backend, 'lead') })
    after(async () => { await ctx?.teardown() })

    test('a 批示 waits for the unit’s answer, and the citizen never sees it', async () => {
      const { code, token } = await assigned(ctx, '老旧小区加装电梯')
      const handler = await loginAs(ctx.base, 'handler')
      const leader = await loginAs(ctx.base, 'leader')
      const supervisor = await loginAs(ctx.base, 'supervisor')
      assertProblem(assert, await supervisor.act(code, 'instruct', { reason: '请加快' }), 403)
      assertProblem(assert, await leader.act(code, 'instruct', {}), 422, { field: 'reason' })
      const i = await leader.act(code, 'instruct', { reason: '请本周内拿出方案' })
      assert.equal(i.status, 200, i.text())
      assert.equal(i.json.status, 'assigned')
      let m = (await handler.get(`/api/v1/matters/${code}`)).json
      assert.equal(m.instructions.length, 1)
      assert.equal(m.instructions[0].text, '请本周内拿出方案')
      assert.equal(m.instructions[0].answered_at, null)
      assert.ok(m.available_actions.includes('answer'))
      assert.equal(await cardCount(handler, 'awaiting_answer'), 1)
      const listed = await handler.get('/api/v1/matters?card=awaiting_answer')
      assert.deepEqual(listed.json.items.map((x) => x.code), [code])
      const a = await handler.act(code, 'answer', { reply: '方案已拟定' })
      assert.equal(a.status, 200, a.text())
      assert.equal(a.json.instructions[0].answer, '方案已拟定')
      assert.ok(a.json.instructions[0].answered_at)
      assert.equal(await cardCount(handler, 'awaiting_answer'), 0)
      const t = await new Client(ctx.base).get(`/api/v1/track/${code}?token=${token}`)
      assert.equal(t.status, 200, t.text())
      assert.ok(!JSON.stringify(t.json).includes('请本周内拿出方案'), 'the tracking page has no 批示')
    })

    test('a unit leader delegates to a handler of the unit only', async () => {
      const { code } = await assigned(ctx, '人行道地砖破损')
      const unitLeader = await loginAs(ctx.base, 'leader_zjj')
      const handler = await loginAs(ctx.base, 'handler')
      const waiting = await cardCount(unitLeader, 'to_delegate')
      assert.ok((await unitLeader.get('/api/v1/matters?card=to_delegate')).json.items.some((x) => x.code === code))
      const hs = await unitLeader.get(`/api/v1/matters/${code}/handlers`)
      assert.equal(hs.status, 200, hs.text())
      assert.deepEqual(hs.json.items.map((h) => h.username), ['handler_zjj'])
      assertProblem(assert, await handler.get(`/api/v1/matters/${code}/handlers`), 403)
      assertProblem(assert, await handler.act(code, 'delegate', { handler: 'handler_zjj' }), 403)
      assertProblem(assert, await unitLeader.act(code, 'delegate', { handler: 'handler_cgj' }), 422, { field: 'handler' })
      assertProblem(assert, await unitLeader.act(code, 'delegate', { handler: 'leader_zjj' }), 422, { field: 'handler' })
      const d = await unitLeader.act(code, 'delegate', { handler: 'handler_zjj' })
      assert.equal(d.status, 200, d.text())
      assert.equal(d.json.handler.username, 'handler_zjj')
      assert.equal(d.json.status, 'assigned')
      assert.equal(await cardCount(unitLeader, 'to_delegate'), waiting - 1)
      assert.deepEqual((await handler.get('/api/v1/matters?card=mine')).json.items.map((x) => x.code), [code])
    })

    test('with 审核答复 on, a handler’s reply waits for the unit leader', async () => {
      const unitLeader = await loginAs(ctx.base, 'leader_zjj')
      const handler = await loginAs(ctx.base, 'handler')
      const admin = await loginAs(ctx.base, 'admin')
      let s = await handler.get(`/api/v1/units/${ORGS.zjj}/settings`)
      assert.equal(s.status, 200, s.text())
      assert.deepEqual(s.json, { org: { code: ORGS.zjj, name: '市住房和城乡建设局' }, review_reply: false, editable: false })
      assertProblem(assert, await handler.put(`/api/v1/units/${ORGS.zjj}/settings`, { review_reply: true }), 403)
      assertProblem(assert, await unitLeader.put(`/api/v1/units/${ORGS.zjj}/settings`, {}), 422, { field: 'review_reply' })
      assertProblem(assert, await unitLeader.put(`/api/v1/units/${ORGS.cgj}/settings`, { review_reply: true }), 404)
      s = await unitLeader.put(`/api/v1/units/${ORGS.zjj}/settings`, { review_reply: true })
      assert.equal(s.status, 200, s.text())
      assert.equal(s.json.review_reply, true)
      assert.equal((await admin.put(`/api/v1/units/${ORGS.cgj}/settings`, { review_reply: false })).status, 200)

      const { code, token } = await assigned(ctx, '小区垃圾清运不及时')
      assert.equal((await handler.act(code, 'sign')).status, 200)
      const held = await handler.act(code, 'resolve', { reply: '已安排清运' })
      assert.equal(held.status, 200, held.text())
      assert.equal(held.json.status, 'signed')
      assert.equal(held.json.review.pending, true)
      assert.equal(held.json.review.reply, '已安排清运')
      let t = await new Client(ctx.base).get(`/api/v1/track/${code}?token=${token}`)
      assert.ok(!JSON.stringify(t.json).includes('已安排清运'), 'not on the tracking page yet')
      assert.equal(await cardCount(unitLeader, 'to_review'), 1)
      assertProblem(assert, await unitLeader.act(code, 'review_reply', { approve: false }), 422, { field: 'reason' })
      const back = await unitLeader.act(code, 'review_reply', { approve: false, reason: '请写明清运时间' })
      assert.equal(back.status, 200, back.text())
      let m = (await handler.get(`/api/v1/matters/${code}`)).json
      assert.equal(m.review.pending, false)
      assert.equal(m.review.returned_note, '请写明清运时间')
      assert.ok(m.available_actions.includes('resolve'))
      assert.equal((await handler.act(code, 'resolve', { reply: '每日7时、18时清运' })).status, 200)
      assertProblem(assert, await handler.act(code, 'resolve', { reply: '再次' }), 409)
      const ok = await unitLeader.act(code, 'review_reply', { approve: true })
      assert.equal(ok.status, 200, ok.text())
      assert.equal(ok.json.status, 'resolved')
      assert.equal(ok.json.reply, '每日7时、18时清运')
      t = await new Client(ctx.base).get(`/api/v1/track/${code}?token=${token}`)
      assert.equal(t.json.reply, '每日7时、18时清运')
      assert.equal(await cardCount(unitLeader, 'to_review'), 0)
    })

    test('the 交办单 prints the assignment', async () => {
      const { code } = await assigned(ctx, '背街小巷路面坑洼', '请会同城管局先行围挡')
      const handler = await loginAs(ctx.base, 'handler')
      const r = await handler.get(`/api/v1/matters/${code}/assignment.html`)
      assert.equal(r.status, 200, r.text())
      assert.match(r.headers.get('content-type'), /text\/html/)
      const html = r.text()
      for (const s of ['<h1>交办单</h1>', '市住房和城乡建设局', '市城市管理和综合执法局', '请会同城管局先行围挡', '立行立改'])
        assert.ok(html.includes(s), s)
      const fresh = (await intake(ctx.base, { title: '未交办' })).json.code
      const dispatcher = await loginAs(ctx.base, 'dispatcher')
      assertProblem(assert, await dispatcher.get(`/api/v1/matters/${fresh}/assignment.html`), 409)
    })
  })
}
