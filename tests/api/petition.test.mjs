// 信访工作条例 Art. 23 over HTTP: the unit a petition is forwarded to objects (action `object`,
// with a reason) within 5 working days of the assignment; only the lead unit may; the
// forwarding office's dispatcher decides (`object_decide` {approve, note}): approved, the
// matter goes back to be re-assigned; refused, it stays with the unit, which sees the refusal.
// Both labels are in /api/v1/codes; the events are in the audit chain, which still verifies.
import { describe, test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { BACKENDS, ORGS, setup, loginAs, assertProblem, huiyin, localDate } from './lib.mjs'

for (const backend of BACKENDS) {
  describe(`petition objections (${backend})`, () => {
    let ctx, d, h, lead, co, other, sup
    before(async () => {
      ctx = await setup(backend, 'petition')
      d = await loginAs(ctx.base, 'dispatcher')
      h = await loginAs(ctx.base, 'handler')
      lead = await loginAs(ctx.base, 'leader_zjj')
      co = await loginAs(ctx.base, 'handler_cgj')
      other = await loginAs(ctx.base, 'dispatcher_other')
      sup = await loginAs(ctx.base, 'supervisor')
    })
    after(async () => { await ctx?.teardown() })

    // A petition taken at a reception, assigned to 市住建局 with 市城管局 helping.
    async function petition() {
      const r = await d.post('/api/v1/records', {
        kind: 'reception', method: 'regular', date: localDate(0), place: { org: ORGS.street, address: '月塘街道' },
        leaders: ['dispatcher'], topic: '常态接访', counts: { batches: 1, persons: 1 },
        matters: [{ title: '加装电梯补贴未兑现', content: '申请加装电梯补贴半年未兑现' }],
      })
      assert.equal(r.status, 201, r.text())
      const code = r.json.matters[0].code
      assert.equal((await d.get(`/api/v1/matters/${code}`)).json.channel, 'petition')
      for (const [a, f] of [['accept', {}], ['assign', { lead_org: ORGS.zjj, co_orgs: [ORGS.cgj], handling_class: 'phased', deadline: localDate(20) }]]) {
        const s = await d.act(code, a, f)
        assert.equal(s.status, 200, `${a}: ${s.text()}`)
      }
      return code
    }

    test('the codes name both actions', async () => {
      const c = await d.get('/api/v1/codes')
      assert.equal(c.json.actions.find((e) => e.code === 'object').label, '异议')
      assert.equal(c.json.actions.find((e) => e.code === 'object_decide').label, '异议处理')
    })

    test('the lead unit objects within the period; the forwarding office approves and it goes back to be re-assigned', async () => {
      const code = await petition()
      assert.ok((await h.get(`/api/v1/matters/${code}`)).json.available_actions.includes('object'))
      assert.ok(!(await co.get(`/api/v1/matters/${code}`)).json.available_actions.includes('object'), 'a co-unit does not object')
      assert.ok(!(await d.get(`/api/v1/matters/${code}`)).json.available_actions.includes('object_decide'))

      assertProblem(assert, await h.act(code, 'object', {}), 422, { field: 'reason' })
      const reason = '加装电梯补贴由财政部门兑现,不属于本单位职责'
      assertProblem(assert, await co.act(code, 'object', { reason }), 403)
      const o = await lead.act(code, 'object', { reason })
      assert.equal(o.status, 200, o.text())
      assert.equal(o.json.status, 'assigned', 'it stays with the unit until decided')
      assert.ok(!o.json.available_actions.includes('object'))
      assertProblem(assert, await h.act(code, 'object', { reason }), 409)

      const page = await d.get(`/api/v1/matters/${code}`)
      assert.ok(page.json.available_actions.includes('object_decide'))
      assertProblem(assert, await h.act(code, 'object_decide', { approve: true }), 403)
      assertProblem(assert, await sup.act(code, 'object_decide', { approve: true }), 403)
      assertProblem(assert, await other.act(code, 'object_decide', { approve: true }, page.json.version), 404)
      assertProblem(assert, await d.act(code, 'object_decide', {}), 422, { field: 'approve' })
      const yes = await d.act(code, 'object_decide', { approve: true, note: '同意,重新交办' })
      assert.equal(yes.status, 200, yes.text())
      assert.equal(yes.json.status, 'returned')
      assert.ok(yes.json.available_actions.includes('assign'))
      const types = yes.json.events.map((e) => e.type)
      assert.deepEqual(types.slice(-2), ['object', 'object_decide'])
      assert.match(yes.json.events.at(-2).summary, /对交办提出异议/)
      assert.match(yes.json.events.at(-1).summary, /同意异议/)

      const v = huiyin(['audit', 'verify', '--db', ctx.db.url])
      assert.equal(v.status, 0, v.stderr + v.stdout)
    })

    test('a refused objection leaves the petition with the unit, which sees the refusal', async () => {
      const code = await petition()
      assert.equal((await h.act(code, 'object', { reason: '不属于本单位职责' })).status, 200)
      const no = await d.act(code, 'object_decide', { approve: false, note: '属于住建部门职责,请继续办理' })
      assert.equal(no.status, 200, no.text())
      assert.equal(no.json.status, 'assigned')
      const theirs = await h.get(`/api/v1/matters/${code}`)
      assert.equal(theirs.json.lead_org.code, ORGS.zjj)
      assert.match(theirs.json.events.at(-1).summary, /不同意异议/)
      assert.ok(!theirs.json.available_actions.includes('object'), 'one objection per assignment')
      assert.ok(theirs.json.available_actions.includes('sign'))
    })

    test('the 受理告知书 prints for staff in scope, naming the petitioner only for those who may reveal it', async () => {
      const code = await petition()
      const page = await d.get(`/api/v1/matters/${code}/notice.html`)
      assert.equal(page.status, 200, page.text())
      assert.match(page.headers.get('content-type'), /^text\/html/)
      const html = page.text()
      for (const part of ['受理告知书', '信访人', '受理机关', '受理日期', '办理期限', '60日', '《信访工作条例》', '加装电梯补贴未兑现'])
        assert.ok(html.includes(part), part)
      // A co-unit sees the petition (and may print the notice) but may not reveal who petitioned.
      const theirs = await co.get(`/api/v1/matters/${code}/notice.html`)
      assert.equal(theirs.status, 200, theirs.text())
      assert.match(theirs.text(), /不予显示/)
      assertProblem(assert, await other.get(`/api/v1/matters/${code}/notice.html`), 404)
    })

    test('a matter that is no petition has no objection', async () => {
      const r = await d.post('/api/v1/records', {
        kind: 'visit', method: 'random', date: localDate(0), place: { org: ORGS.street }, leaders: ['dispatcher'], topic: '走访',
        matters: [{ title: '路灯不亮', content: '小区路灯不亮' }],
      })
      const code = r.json.matters[0].code
      await d.act(code, 'accept')
      await d.act(code, 'assign', { lead_org: ORGS.zjj, handling_class: 'phased', deadline: localDate(20) })
      assert.ok(!(await h.get(`/api/v1/matters/${code}`)).json.available_actions.includes('object'))
      assertProblem(assert, await h.act(code, 'object', { reason: '不属于本单位职责' }), 409)
    })
  })
}
