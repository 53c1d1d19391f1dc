// Bad input gets a 4xx problem in Chinese and changes nothing; an Idempotency-Key retry makes
// one matter.
import { describe, test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { BACKENDS, ORGS, Client, setup, loginAs, intake, assertProblem, matterCount } from './lib.mjs'

for (const backend of BACKENDS) {
  describe(`bad input and retries (${backend})`, () => {
    let ctx, admin
    before(async () => {
      ctx = await setup(backend, 'input')
      admin = await loginAs(ctx.base, 'admin')
    })
    after(async () => { await ctx?.teardown() })

    const count = () => matterCount(admin)

    const raw = (body, headers = { 'content-type': 'application/json' }) =>
      new Client(ctx.base).request('POST', '/api/v1/intake', { raw: body, headers })

    test('malformed, mistyped, too long, unknown or too large intakes are refused', async () => {
      const before = await count()
      let r = await raw('{"title": "路灯", "content": ')
      assertProblem(assert, r, 400)
      assert.equal(r.json.detail, '请求内容不是有效的JSON')

      r = await raw(Buffer.concat([Buffer.from('{"title":"'), Buffer.from([0xe8, 0xb7, 0xff, 0xfe]), Buffer.from('","content":"内容"}')]))
      assertProblem(assert, r, 400)
      assert.match(r.json.detail, /UTF-8/)

      r = await raw('[1,2,3]')
      assertProblem(assert, r, 400)

      r = await intake(ctx.base, { title: 123 })
      assertProblem(assert, r, 422, { field: 'title' })
      r = await intake(ctx.base, { anonymous: 'yes' })
      assertProblem(assert, r, 422, { field: 'anonymous' })
      r = await intake(ctx.base, { location: { address: '某路', lat: '北纬' } })
      assertProblem(assert, r, 422)
      assert.match(r.json.field, /lat/)

      r = await intake(ctx.base, { title: '路'.repeat(101) })
      assertProblem(assert, r, 422, { field: 'title' })
      r = await intake(ctx.base, { title: '' })
      assertProblem(assert, r, 422, { field: 'title' })
      r = await intake(ctx.base, { content: '字'.repeat(5001) })
      assertProblem(assert, r, 422, { field: 'content' })
      r = await intake(ctx.base, { category: 'no-such-category' })
      assertProblem(assert, r, 422, { field: 'category' })
      r = await intake(ctx.base, { location: { address: '某路', district: '999999' } })
      assertProblem(assert, r, 422)
      r = await intake(ctx.base, { contact: { name: '王五', phone: '12345' } })
      assertProblem(assert, r, 422)

      r = await raw(JSON.stringify({ title: '很大', content: 'x'.repeat((1 << 20) + 10) }))
      assertProblem(assert, r, 413)
      assert.equal(r.json.title, '请求内容过大')

      assert.equal(await count(), before, 'nothing was created')

      // The limits themselves are accepted.
      r = await intake(ctx.base, { title: '路'.repeat(100), content: '字'.repeat(5000) })
      assert.equal(r.status, 201, r.text())
      assert.equal(await count(), before + 1)
    })

    // Issue 9: the form cut a pasted "138 1234 5678" or "+86 138…" and the server refused it.
    test('a phone pasted with spaces, dashes or +86 is accepted and stored as its 11 digits; landlines as before', async () => {
      const d = await loginAs(ctx.base, 'dispatcher')
      const stored = async (phone) => {
        const r = await intake(ctx.base, { contact: { name: '王五', phone } })
        assert.equal(r.status, 201, `${phone}: ${r.text()}`)
        const reveal = await d.post(`/api/v1/matters/${r.json.code}/reveal`)
        assert.equal(reveal.status, 200, reveal.text())
        return reveal.json.phone
      }
      for (const typed of ['138 1234 5678', '+86 138 1234 5678', '+86-138-1234-5678', '0086 13812345678', '(138) 1234-5678', ' 13812345678 ', '＋８６１３８１２３４５６７８'])
        assert.equal(await stored(typed), '13812345678', typed)
      assert.equal(await stored('0731-12345678'), '073112345678')
      assert.equal(await stored('073112345678'), '073112345678')
      assert.equal(await stored('0731 1234 5678'), '073112345678')
      const before = await count()
      for (const bad of ['138 1234 567', '+86 12912345678', '12345', '138-1234-567x']) {
        const r = await intake(ctx.base, { contact: { name: '王五', phone: bad } })
        assertProblem(assert, r, 422, { field: 'contact.phone' })
      }
      assert.equal(await count(), before, 'nothing was created')
    })

    test('a bad action changes nothing', async () => {
      const { code } = (await intake(ctx.base)).json
      const d = await loginAs(ctx.base, 'dispatcher')
      const m = await d.get(`/api/v1/matters/${code}`)
      const v = m.json.version
      assertProblem(assert, await d.act(code, 'accept', {}, v).then(async (r) => {
        assert.equal(r.status, 200)
        return d.act(code, 'assign', { lead_org: 'NO-SUCH-ORG', handling_class: 'phased' }, v + 1)
      }), 422)
      assertProblem(assert, await d.act(code, 'assign', { lead_org: ORGS.zjj, handling_class: 'someday' }, v + 1), 422)
      assertProblem(assert, await d.act(code, 'assign', { lead_org: ORGS.zjj, handling_class: 'phased', deadline: '2026-02-30' }, v + 1), 422)
      assertProblem(assert, await d.act(code, 'fly', {}, v + 1), 422)
      assertProblem(assert, await d.act(code, 'assign', { lead_org: ORGS.zjj, co_orgs: 'x' }, v + 1), 422, { field: 'co_orgs' })
      const bad = await d.request('POST', `/api/v1/matters/${code}/actions`, { raw: '{"action":', headers: { 'content-type': 'application/json', 'if-match': `"${v + 1}"` } })
      assertProblem(assert, bad, 400)
      const after = await d.get(`/api/v1/matters/${code}`)
      assert.equal(after.json.version, v + 1)
      assert.equal(after.json.status, 'accepted')
    })

    test('a retry with the same Idempotency-Key returns the first receipt and makes one matter', async () => {
      const before = await count()
      const key = `retry-${Date.now()}`
      const first = await intake(ctx.base, { title: '重复提交测试' }, { 'idempotency-key': key })
      assert.equal(first.status, 201, first.text())
      const second = await intake(ctx.base, { title: '重复提交测试' }, { 'idempotency-key': key })
      assert.equal(second.status, 201, second.text())
      assert.equal(second.json.code, first.json.code)
      assert.equal(second.json.token, first.json.token)
      assert.equal(await count(), before + 1)
      const third = await intake(ctx.base, { title: '重复提交测试' }, { 'idempotency-key': key + '-other' })
      assert.notEqual(third.json.code, first.json.code)
      assert.equal(await count(), before + 2)
    })

    test('unknown paths and methods get problems; pages and headers are right', async () => {
      const c = new Client(ctx.base)
      assertProblem(assert, await c.get('/api/v1/nothing-here'), 404)
      const m = await c.request('PUT', '/api/v1/session', { body: {} })
      assertProblem(assert, m, 405)
      assert.match(m.headers.get('allow'), /POST/)
      assertProblem(assert, await c.request('PATCH', '/api/v1/measures/abc', { body: {} }), 404)
      const h = await c.get('/healthz')
      assert.deepEqual(h.json, { status: 'ok', db: backend })
      for (const r of [h, await c.get('/')]) {
        assert.equal(r.headers.get('x-content-type-options'), 'nosniff')
        assert.equal(r.headers.get('x-frame-options'), 'DENY')
        assert.ok(r.headers.get('referrer-policy'))
        assert.match(r.headers.get('content-security-policy'), /default-src 'self'/)
      }
      const home = await c.get('/')
      assert.equal(home.status, 200)
      assert.match(home.text(), /尚未构建/)
      const login = await fetch(ctx.base + '/api/v1/session', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'Test-Passw0rd' }) })
      const cookie = login.headers.getSetCookie().find((x) => x.startsWith('huiyin_session='))
      assert.match(cookie, /HttpOnly/)
      assert.match(cookie, /SameSite=Strict/)
      assert.match(cookie, /Path=\//)
      const wrong = await new Client(ctx.base).post('/api/v1/session', { username: 'admin', password: 'nope-nope' })
      assertProblem(assert, wrong, 401)
      const metrics = await c.get('/metrics')
      assert.equal(metrics.status, 200)
      assert.match(metrics.text(), /huiyin_http_requests_total\{.*route="\/api\/v1\/intake"/)
      assert.match(metrics.text(), /huiyin_matters_created_total \d+/)
      assert.match(metrics.text(), /huiyin_http_request_duration_seconds_bucket/)
    })

    test('logout ends the session', async () => {
      const c = await loginAs(ctx.base, 'leader')
      assert.equal((await c.get('/api/v1/session')).status, 200)
      const cookie = c.cookie
      const out = await c.del('/api/v1/session')
      assert.equal(out.status, 204)
      c.cookie = cookie
      assertProblem(assert, await c.get('/api/v1/session'), 401)
    })
  })
}
