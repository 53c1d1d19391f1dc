// Who may do what: every role × every action on a matter in the status the action needs, with
// out-of-scope units getting 404 and in-scope roles without the right getting 403; sessions and
// CSRF; masking of the reporter's contact and the subject unit never seeing it.
import { describe, test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { BACKENDS, ORGS, USERS, Client, setup, loginAs, intake, addUser, assertProblem, localDate } from './lib.mjs'

// Which roles the defaults allow per action (admin may do everything).
const ALLOWED = {
  accept: ['dispatcher', 'admin'],
  reject: ['dispatcher', 'admin'],
  merge: ['dispatcher', 'admin'],
  assign: ['dispatcher', 'admin'],
  sign: ['handler', 'leader_zjj', 'admin'],
  return: ['handler', 'leader_zjj', 'admin'],
  resolve: ['handler', 'leader_zjj', 'admin'],
  extend_request: ['handler', 'leader_zjj', 'admin'],
  extend_decide: ['supervisor', 'admin'],
  verify: ['dispatcher', 'supervisor', 'admin'],
  close: ['dispatcher', 'supervisor', 'admin'],
  reopen: ['dispatcher', 'supervisor', 'admin'],
}

// Roles whose org subtree never contains the test matter (it lies in 荷塘区 and is led by 市住建局).
const OUT_OF_SCOPE = ['handler_cgj', 'dispatcher_other']
// The lead unit's people see the matter only once it has been assigned to them.
const LEAD_UNIT = ['handler', 'leader_zjj']

const INPUT = {
  reject: { reason: '不属于受理范围' },
  merge: null, // filled with the code of another matter
  assign: { lead_org: ORGS.zjj, handling_class: 'phased', deadline: localDate(10) },
  return: { reason: '不属于本单位职责' },
  resolve: { reply: '已处理完毕' },
  extend_request: { reason: '需要协调施工单位', extend_days: 5 },
  extend_decide: { approve: true },
  verify: { solved: true, satisfaction: 'satisfied' },
  reopen: { reason: '回访发现未解决' },
}

for (const backend of BACKENDS) {
  describe(`authorisation (${backend})`, () => {
    let ctx
    const clients = {}
    before(async () => {
      ctx = await setup(backend, 'authz')
      for (const key of Object.keys(USERS)) clients[key] = await loginAs(ctx.base, key)
    })
    after(async () => { await ctx?.teardown() })

    // Drives a fresh matter to the status `action` needs, as the people allowed to.
    async function prepare(action) {
      const d = clients.dispatcher
      const h = clients.handler
      const { code } = (await intake(ctx.base)).json
      const step = async (c, a, f) => {
        const r = await c.act(code, a, f)
        assert.equal(r.status, 200, `prepare ${action}: ${a} → ${r.status} ${r.text()}`)
      }
      if (['accept', 'reject', 'merge'].includes(action)) return code
      await step(d, 'accept')
      if (action === 'assign') return code
      await step(d, 'assign', INPUT.assign)
      if (['sign', 'return'].includes(action)) return code
      await step(h, 'sign')
      if (action === 'resolve' || action === 'extend_request') return code
      if (action === 'extend_decide') {
        await step(h, 'extend_request', INPUT.extend_request)
        return code
      }
      await step(h, 'resolve', INPUT.resolve)
      if (action === 'verify' || action === 'reopen') return code
      await step(d, 'verify', INPUT.verify)
      return code // close
    }

    for (const action of Object.keys(ALLOWED)) {
      test(`${action}: allowed roles act, others get 403 in scope and 404 out of it`, async () => {
        const assigned = !['accept', 'reject', 'merge', 'assign'].includes(action)
        for (const role of Object.keys(USERS)) {
          const code = await prepare(action)
          let fields = INPUT[action] ?? {}
          if (action === 'merge') fields = { into: (await intake(ctx.base)).json.code }
          const r = await clients[role].act(code, action, fields, await versionOf(code))
          let expected
          if (ALLOWED[action].includes(role)) expected = 200
          else if (OUT_OF_SCOPE.includes(role) || (LEAD_UNIT.includes(role) && !assigned)) expected = 404
          else expected = 403
          assert.equal(r.status, expected, `${role} ${action}: ${r.status} ${r.text()}`)
          if (expected !== 200) assertProblem(assert, r, expected)
        }
      })
    }

    async function versionOf(code) {
      return (await clients.admin.get(`/api/v1/matters/${code}`)).json.version
    }

    test('no session gets 401 on every staff endpoint', async () => {
      const anon = new Client(ctx.base)
      const { code } = (await intake(ctx.base)).json
      for (const [method, p] of [['GET', '/api/v1/matters'], ['GET', `/api/v1/matters/${code}`],
        ['GET', '/api/v1/stats/overview'], ['GET', '/api/v1/ledger.xlsx'], ['GET', '/api/v1/orgs'], ['GET', '/api/v1/workbench'],
        ['GET', '/api/v1/admin/users'], ['POST', `/api/v1/matters/${code}/actions`], ['POST', `/api/v1/matters/${code}/reveal`]]) {
        const r = await anon.request(method, p, method === 'POST' ? { body: { action: 'accept' }, headers: { 'if-match': '"1"' } } : {})
        assertProblem(assert, r, 401)
      }
      const bogus = new Client(ctx.base)
      bogus.cookie = 'huiyin_session=not-a-real-session'
      assertProblem(assert, await bogus.get('/api/v1/matters'), 401)
    })

    // Issue 9: the login page's check showed as a console error on every visit.
    test('session without login answers 200 user null', async () => {
      const anon = new Client(ctx.base)
      const r = await anon.get('/api/v1/session')
      assert.equal(r.status, 200, r.text())
      assert.deepEqual(r.json, { user: null })
      assert.equal(r.headers.get('set-cookie'), null, 'no cookie is set')
      // A cookie whose session has ended is told so (and cleared); staff endpoints keep 401.
      const stale = new Client(ctx.base)
      stale.cookie = 'huiyin_session=not-a-real-session'
      assertProblem(assert, await stale.get('/api/v1/session'), 401)
      assertProblem(assert, await anon.get('/api/v1/matters'), 401)
      assertProblem(assert, await anon.del('/api/v1/session'), 401)
    })

    test('a staff write without the right CSRF token is refused and changes nothing', async () => {
      const { code } = (await intake(ctx.base)).json
      const d = clients.dispatcher
      const v = await versionOf(code)
      const noToken = await d.request('POST', `/api/v1/matters/${code}/actions`, { body: { action: 'accept' }, headers: { 'if-match': `"${v}"` }, csrf: false })
      assertProblem(assert, noToken, 403)
      const wrong = await d.request('POST', `/api/v1/matters/${code}/actions`, { body: { action: 'accept' }, headers: { 'if-match': `"${v}"`, 'x-csrf-token': 'x'.repeat(d.csrf.length) } })
      assertProblem(assert, wrong, 403)
      const other = clients.supervisor.csrf
      const foreign = await d.request('POST', `/api/v1/matters/${code}/actions`, { body: { action: 'accept' }, headers: { 'if-match': `"${v}"`, 'x-csrf-token': other } })
      assertProblem(assert, foreign, 403)
      const after = await d.get(`/api/v1/matters/${code}`)
      assert.equal(after.json.status, 'submitted')
      assert.equal(after.json.version, v)
      // Reads need no token.
      assert.equal((await d.get('/api/v1/matters', { csrf: false })).status, 200)
    })

    test('non-admins cannot reach administration', async () => {
      assertProblem(assert, await clients.dispatcher.get('/api/v1/admin/users'), 403)
      assertProblem(assert, await clients.handler.post('/api/v1/admin/orgs', { code: 'X1', name: '某单位', kind: 'dept', level: 2, parent: ORGS.city }), 403)
      const ok = await clients.admin.get('/api/v1/admin/users')
      assert.equal(ok.status, 200)
      assert.ok(ok.json.some((u) => u.username === 'dispatcher'))
    })

    test('lists are scoped: a unit sees what it leads, not other units\' matters', async () => {
      const { code } = (await intake(ctx.base, { title: '范围测试' })).json
      await clients.dispatcher.act(code, 'accept')
      await clients.dispatcher.act(code, 'assign', INPUT.assign)
      const mine = await clients.handler.get('/api/v1/matters?limit=1000')
      assert.ok(mine.json.items.some((m) => m.code === code))
      const theirs = await clients.handler_cgj.get('/api/v1/matters?limit=1000')
      assert.ok(!theirs.json.items.some((m) => m.code === code))
      assertProblem(assert, await clients.handler_cgj.get(`/api/v1/matters/${code}`), 404)
      assertProblem(assert, await clients.dispatcher_other.get(`/api/v1/matters/${code}`), 404)
    })

    test('contact details are masked, revealed only to those who need them, never to the subject unit', async () => {
      addUser(ctx.db, 'handler_subject', 'handler', ORGS.districtDept)
      const subject = await new Client(ctx.base).login('handler_subject')
      const { code } = (await intake(ctx.base, { title: '投诉区住建局不作为', kind: 'complaint' })).json
      const d = clients.dispatcher
      await d.act(code, 'accept')
      const a = await d.act(code, 'assign', { ...INPUT.assign, subject_orgs: [ORGS.districtDept] })
      assert.equal(a.status, 200, a.text())

      const seen = await d.get(`/api/v1/matters/${code}`)
      assert.equal(seen.json.reporter.masked, true)
      assert.ok(!seen.text().includes('13812345678'), 'phone masked by default')
      assert.ok(!seen.text().includes('张三'), 'name masked by default')
      assert.match(seen.json.reporter.phone, /^138\*+5678$/)

      const reveal = await d.post(`/api/v1/matters/${code}/reveal`)
      assert.equal(reveal.status, 200, reveal.text())
      assert.equal(reveal.json.phone, '13812345678')
      assert.equal(reveal.json.name, '张三')
      const lead = await clients.handler.post(`/api/v1/matters/${code}/reveal`)
      assert.equal(lead.status, 200, lead.text())

      const events = (await clients.admin.get(`/api/v1/matters/${code}`)).json.events
      assert.ok(events.filter((e) => /reveal/.test(e.type)).length >= 2, 'every reveal is an audit event')

      assertProblem(assert, await clients.collector.post(`/api/v1/matters/${code}/reveal`), 403)
      assertProblem(assert, await clients.handler_cgj.post(`/api/v1/matters/${code}/reveal`), 404)

      const subj = await subject.get(`/api/v1/matters/${code}`)
      if (subj.status === 200) {
        assert.ok(!subj.text().includes('13812345678') && !subj.text().includes('5678'), 'the subject unit sees no phone digits')
        assert.ok(!subj.text().includes('张'), 'the subject unit sees no part of the name')
      } else {
        assert.equal(subj.status, 404)
      }
      const sr = await subject.post(`/api/v1/matters/${code}/reveal`)
      assert.ok([403, 404].includes(sr.status), `subject reveal → ${sr.status}`)
    })
  })
}
