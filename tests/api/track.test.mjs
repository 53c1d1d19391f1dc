// Following a matter with the short 查询码 (issue 9): intake answers `query_code` beside `code` and
// `token`; `GET /track/{code}?query_code=` and the evaluation read it like `?token=`; a wrong
// 查询码 answers like a missing matter; wrong guesses are throttled per source address, never per
// matter. And the 回音壁's 已解决 counts only matters verified as solved.
import { describe, test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { BACKENDS, ORGS, Client, makeDb, dropDb, seedCity, seedUsers, startServer, loginAs, intake, localDate, assertProblem } from './lib.mjs'

const READABLE = /^[2-9A-HJKMNP-Z]{6}$/  // no 0/O, 1/I/L

for (const backend of BACKENDS) {
  describe(`查询码 and the wall figure (${backend})`, () => {
    let db, server, base, dispatcher, handler, leader
    before(async () => {
      db = makeDb(backend, 'track')
      seedCity(db)
      seedUsers(db)
      // A trusted proxy on loopback, so each test can speak from its own client address.
      server = await startServer(db, { args: ['--trusted-proxies', '127.0.0.1'] })
      base = server.base
      dispatcher = await loginAs(base, 'dispatcher')
      handler = await loginAs(base, 'handler')
      leader = await loginAs(base, 'leader')
    })
    after(async () => {
      await server?.stop()
      if (db) dropDb(db)
    })

    const from = (ip) => ({ headers: { 'x-forwarded-for': ip } })

    async function resolved(fields = {}) {
      const r = await intake(base, fields)
      assert.equal(r.status, 201, r.text())
      const { code } = r.json
      assert.equal((await dispatcher.act(code, 'accept')).status, 200)
      const a = await dispatcher.act(code, 'assign', { lead_org: ORGS.zjj, handling_class: 'immediate', deadline: localDate(5) })
      assert.equal(a.status, 200, a.text())
      assert.equal((await handler.act(code, 'sign')).status, 200)
      const res = await handler.act(code, 'resolve', { reply: '已更换路灯灯泡,现已恢复照明。' })
      assert.equal(res.status, 200, res.text())
      return r.json
    }

    test('intake answers a short readable 查询码 that follows and evaluates the matter like the token', async () => {
      const { code, token, query_code } = await resolved()
      assert.match(query_code, READABLE)
      const citizen = new Client(base)
      const byToken = await citizen.get(`/api/v1/track/${code}?token=${encodeURIComponent(token)}`, from('198.51.100.1'))
      const byCode = await citizen.get(`/api/v1/track/${code}?query_code=${query_code}`, from('198.51.100.1'))
      assert.equal(byCode.status, 200, byCode.text())
      assert.deepEqual(byCode.json, byToken.json)
      assert.equal(byCode.json.can_evaluate, true)
      const typed = `${query_code.slice(0, 3)} ${query_code.slice(3)}`.toLowerCase()
      assert.equal((await citizen.get(`/api/v1/track/${code}?query_code=${encodeURIComponent(typed)}`, from('198.51.100.1'))).status, 200)
      const ev = await citizen.post(`/api/v1/track/${code}/evaluation?query_code=${query_code}`, { solved: true, satisfaction: 'satisfied' }, from('198.51.100.1'))
      assert.equal(ev.status, 200, ev.text())
      assert.equal(ev.json.status, 'verified')
    })

    test('a wrong 查询码 answers exactly like a matter that does not exist', async () => {
      const r = await intake(base)
      const { code, query_code } = r.json
      const wrong = (query_code[0] === 'A' ? 'B' : 'A') + query_code.slice(1)
      const c = new Client(base)
      const w = await c.get(`/api/v1/track/${code}?query_code=${wrong}`, from('198.51.100.2'))
      const missing = await c.get(`/api/v1/track/ZZ-20991231-999999?query_code=${query_code}`, from('198.51.100.2'))
      assertProblem(assert, w, 404)
      assertProblem(assert, missing, 404)
      assert.equal(w.text(), missing.text())
      const ev = await c.post(`/api/v1/track/${code}/evaluation?query_code=${wrong}`, { solved: true, satisfaction: 'satisfied' }, from('198.51.100.2'))
      assertProblem(assert, ev, 404)
      assert.equal(ev.json.detail, missing.json.detail)
    })

    test('wrong 查询码 guesses are throttled per source address, never per matter', async () => {
      const r = await intake(base)
      const { code, token, query_code } = r.json
      const c = new Client(base)
      const guesser = '203.0.113.5'
      let n = 0
      for (; n < 100; n++) {
        const target = n % 2 ? code : `ZZ-20991231-0000${String(n).padStart(2, '0')}`
        const g = await c.get(`/api/v1/track/${target}?query_code=ZZZZZZ`, from(guesser))
        if (g.status === 429) break
        assert.equal(g.status, 404, g.text())
      }
      assert.ok(n >= 5 && n < 100, `throttled after ${n} wrong guesses`)
      const refused = await c.get(`/api/v1/track/${code}?query_code=${query_code}`, from(guesser))
      assertProblem(assert, refused, 429)
      assert.ok(Number(refused.headers.get('retry-after')) > 0)
      const refusedEval = await c.post(`/api/v1/track/${code}/evaluation?query_code=${query_code}`, { solved: true, satisfaction: 'satisfied' }, from(guesser))
      assertProblem(assert, refusedEval, 429)
      // The citizen at another address is not locked out of their matter, and the saved link works anywhere.
      assert.equal((await c.get(`/api/v1/track/${code}?query_code=${query_code}`, from('203.0.113.77'))).status, 200)
      assert.equal((await c.get(`/api/v1/track/${code}?token=${encodeURIComponent(token)}`, from(guesser))).status, 200)
    })

    test('the 回音壁 counts as 已解决 only matters verified as solved, never more than the statistics', async () => {
      await resolved({ public_consent: true })  // answered by the unit, not verified: not solved
      const unsolved = await resolved({ public_consent: true })
      const ev = await new Client(base).post(`/api/v1/track/${unsolved.code}/evaluation?query_code=${unsolved.query_code}`, { solved: false, satisfaction: 'dissatisfied' }, from('198.51.100.3'))
      assert.equal(ev.status, 200, ev.text())
      const wall = await new Client(base).get('/api/v1/wall')
      assert.equal(wall.status, 200, wall.text())
      const o = await leader.get(`/api/v1/stats/overview?from=${localDate(-30)}&to=${localDate(0)}`)
      assert.equal(o.status, 200, o.text())
      assert.equal(wall.json.totals.collected, o.json.collected)
      assert.equal(wall.json.totals.resolved, o.json.solved, 'the wall figure is the verified-solved count')
      assert.ok(o.json.resolved > o.json.solved, `handlers' 办结 (${o.json.resolved}) is more than the solved (${o.json.solved})`)
      assert.equal(wall.json.totals.resolved, 1, 'only the matter the citizen confirmed in the first test')
    })
  })
}
