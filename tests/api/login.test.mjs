// Logins as 等保2.0 asks: failed-login throttling (429 + Retry-After) that a stranger cannot use to
// lock out the real user, X-Forwarded-For only from trusted proxies, lifting by the security
// administrator, password rules in the API and the CLI, password change ending other sessions,
// 三员分立 (system / security / audit administrator), the audit log API and upload limits.
import { describe, test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { BACKENDS, ORGS, PASSWORD, Client, makeDb, dropDb, seedCity, seedUsers, addUser, huiyin, startServer, assertProblem } from './lib.mjs'

const from = (ip) => ({ headers: { 'x-forwarded-for': ip } })

async function tryLogin(base, username, password, ip) {
  return new Client(base).request('POST', '/api/v1/session', { body: { username, password }, ...(ip ? from(ip) : {}) })
}

for (const backend of BACKENDS) {
  describe(`logins and 三员分立 (${backend})`, () => {
    let db, server, base, untrusted
    const clients = {}
    before(async () => {
      db = makeDb(backend, 'login')
      seedCity(db)
      seedUsers(db)
      addUser(db, 'secadmin', 'security_admin', ORGS.city)
      addUser(db, 'auditor', 'audit_admin', ORGS.city)
      server = await startServer(db, { args: ['--trusted-proxies', '127.0.0.1'] })
      base = server.base
      for (const u of ['admin', 'secadmin', 'auditor', 'dispatcher']) clients[u] = await new Client(base).login(u)
    })
    after(async () => {
      await server?.stop()
      await untrusted?.stop()
      dropDb(db)
    })

    test('the 11th failed try from one address gets 429 with Retry-After; the real user elsewhere still logs in', async () => {
      for (let i = 0; i < 10; i++) {
        const r = await tryLogin(base, 'handler_zjj', `guess-${i}`, '203.0.113.5')
        assertProblem(assert, r, 401)
      }
      const eleventh = await tryLogin(base, 'handler_zjj', PASSWORD, '203.0.113.5')
      assertProblem(assert, eleventh, 429)
      const retry = Number(eleventh.headers.get('retry-after'))
      assert.ok(retry > 0 && retry <= 900, `Retry-After ${retry}`)
      const real = await tryLogin(base, 'handler_zjj', PASSWORD, '198.51.100.20')
      assert.equal(real.status, 200, real.text())
    })

    test('an unknown username is throttled the same way', async () => {
      for (let i = 0; i < 10; i++) assertProblem(assert, await tryLogin(base, 'no_such_user', `x${i}`, '203.0.113.6'), 401)
      const r = await tryLogin(base, 'no_such_user', 'x', '203.0.113.6')
      assertProblem(assert, r, 429)
      assert.ok(r.headers.get('retry-after'))
    })

    test('the security administrator sees and lifts a throttle; nobody else can', async () => {
      for (let i = 0; i < 10; i++) await tryLogin(base, 'supervisor', `bad${i}`, '203.0.113.7')
      assertProblem(assert, await tryLogin(base, 'supervisor', PASSWORD, '203.0.113.7'), 429)
      const list = await clients.secadmin.get('/api/v1/admin/throttles')
      assert.equal(list.status, 200, list.text())
      assert.ok(list.json.throttles.some((t) => t.account === 'supervisor' && t.source === '203.0.113.7'))
      assertProblem(assert, await clients.admin.get('/api/v1/admin/throttles'), 403)
      assertProblem(assert, await clients.admin.post('/api/v1/admin/throttles/lift', { account: 'supervisor' }), 403)
      const lift = await clients.secadmin.post('/api/v1/admin/throttles/lift', { account: 'supervisor' })
      assert.equal(lift.status, 200, lift.text())
      assert.ok(lift.json.lifted >= 1)
      assert.equal((await tryLogin(base, 'supervisor', PASSWORD, '203.0.113.7')).status, 200)
      const events = await clients.auditor.get('/api/v1/audit/events?type=throttle_lift')
      assert.equal(events.json.events.length, 1)
      assert.equal(events.json.events[0].actor, 'secadmin')
    })

    test('one audit event per throttle engaged, not one per failure', async () => {
      for (let i = 0; i < 15; i++) await tryLogin(base, 'leader', `bad${i}`, '203.0.113.8')
      const r = await clients.auditor.get('/api/v1/audit/events?type=login_throttled&limit=500')
      assert.equal(r.status, 200, r.text())
      const mine = r.json.events.filter((e) => e.payload.username === 'leader' && e.payload.client === '203.0.113.8')
      assert.equal(mine.length, 1)
      const failed = await clients.auditor.get('/api/v1/audit/events?type=login_failed')
      assert.equal(failed.json.events.length, 0)
    })

    test('X-Forwarded-For is believed only from a trusted proxy', async () => {
      untrusted = await startServer(db)  // same database, no trusted proxies
      for (let i = 0; i < 10; i++) assertProblem(assert, await tryLogin(untrusted.base, 'collector', `bad${i}`, `198.18.0.${i}`), 401)
      // Every try came from 127.0.0.1 whatever the header said: the pair is throttled.
      assertProblem(assert, await tryLogin(untrusted.base, 'collector', PASSWORD, '198.18.1.1'), 429)
      // Through the trusted server the header's address counts, so another address logs in.
      assert.equal((await tryLogin(base, 'collector', PASSWORD, '198.18.1.1')).status, 200)
    })

    test('password rules hold in the API and in `huiyin user add`', async () => {
      for (const weak of ['short1A!', 'alllowercase-only', 'Admin@12345', 'dispatcher-X1y']) {
        const r = await clients.secadmin.patch('/api/v1/admin/users/dispatcher', { password: weak })
        assertProblem(assert, r, 422, { field: 'password' })
      }
      const cli = huiyin(['user', 'add', '--db', db.url, '--username', 'weakling', '--role', 'handler', '--org', ORGS.zjj, '--password-stdin'], { input: 'password123\n' })
      assert.notEqual(cli.status, 0)
      assert.match(cli.stderr, /密码/)
      const good = huiyin(['user', 'add', '--db', db.url, '--username', 'strongling', '--role', 'handler', '--org', ORGS.zjj, '--password-stdin'], { input: 'Qing-Shan-7k\n' })
      assert.equal(good.status, 0, good.stderr)
    })

    test('changing a password ends the user\'s other sessions', async () => {
      const a = await new Client(base).login('strongling', 'Qing-Shan-7k')
      const b = await new Client(base).login('strongling', 'Qing-Shan-7k')
      const weak = await a.post('/api/v1/session/password', { current_password: 'Qing-Shan-7k', new_password: 'abc' })
      assertProblem(assert, weak, 422, { field: 'new_password' })
      const r = await a.post('/api/v1/session/password', { current_password: 'Qing-Shan-7k', new_password: 'Lan-Tian-42x' })
      assert.equal(r.status, 204, r.text())
      assert.equal((await a.get('/api/v1/session')).status, 200)
      assertProblem(assert, await b.get('/api/v1/session'), 401)
      assert.equal((await tryLogin(base, 'strongling', 'Lan-Tian-42x', '192.0.2.50')).status, 200)
    })

    test('三员分立: each administrator does their part and is refused the others\'', async () => {
      const { admin, secadmin, auditor } = clients
      // System administrator: orgs yes; roles, throttles, audit no; no petitioner contacts.
      assert.equal((await admin.post('/api/v1/admin/orgs', { code: 'X-LOGIN-1', name: '测试单位', kind: 'dept', level: 2, parent: ORGS.city })).status, 201)
      assertProblem(assert, await admin.patch('/api/v1/admin/users/handler_cgj', { roles: [{ role: 'supervisor', org: ORGS.city }] }), 403)
      assertProblem(assert, await admin.get('/api/v1/audit/events'), 403)
      assertProblem(assert, await admin.get('/api/v1/audit/verify'), 403)
      // Security administrator: roles yes; orgs, audit, matters no.
      const roles = await secadmin.patch('/api/v1/admin/users/handler_cgj', { roles: [{ role: 'handler', org: ORGS.zjj }] })
      assert.equal(roles.status, 200, roles.text())
      assertProblem(assert, await secadmin.post('/api/v1/admin/orgs', { code: 'X-LOGIN-2', name: '测试单位', kind: 'dept', level: 2, parent: ORGS.city }), 403)
      assertProblem(assert, await secadmin.get('/api/v1/audit/events'), 403)
      assertProblem(assert, await secadmin.get('/api/v1/matters'), 403)
      // Audit administrator: the audit log and verify, nothing else.
      const log = await auditor.get('/api/v1/audit/events?limit=5')
      assert.equal(log.status, 200, log.text())
      assert.ok(log.json.events.length > 0)
      const v = await auditor.get('/api/v1/audit/verify')
      assert.equal(v.status, 200, v.text())
      assert.equal(v.json.ok, true)
      for (const p of ['/api/v1/matters', '/api/v1/stats/overview', '/api/v1/workbench', '/api/v1/ledger.xlsx', '/api/v1/admin/users', '/api/v1/admin/calendar'])
        assertProblem(assert, await auditor.get(p), 403)
      assertProblem(assert, await clients.dispatcher.get('/api/v1/audit/events'), 403)
      // The role change is in the log; no API deletes an event.
      const changes = await auditor.get('/api/v1/audit/events?type=role_change')
      assert.ok(changes.json.events.some((e) => e.actor === 'secadmin'))
      assert.equal((await auditor.del('/api/v1/audit/events')).status, 405)
    })

    test('nobody can remove the last holder of any of the three administrator roles', async () => {
      assertProblem(assert, await clients.admin.patch('/api/v1/admin/users/secadmin', { active: false }), 409)
      assertProblem(assert, await clients.admin.patch('/api/v1/admin/users/auditor', { active: false }), 409)
      assertProblem(assert, await clients.secadmin.patch('/api/v1/admin/users/admin', { roles: [{ role: 'leader', org: ORGS.city }] }), 409)
      assertProblem(assert, await clients.secadmin.patch('/api/v1/admin/users/auditor', { roles: [{ role: 'leader', org: ORGS.city }] }), 409)
      assert.equal((await clients.auditor.get('/api/v1/session')).status, 200)
    })

    test('anonymous uploads are rate-limited per source address', async () => {
      const anon = new Client(base)
      const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000200a1e1a8e10000000049454e44ae426082', 'hex')
      let last
      for (let i = 0; i < 31; i++) {
        last = await anon.request('POST', '/api/v1/attachments', { raw: png, headers: { 'content-type': 'image/png', 'x-file-name': 'a.png', 'x-forwarded-for': '203.0.113.99' } })
        if (i < 30) assert.notEqual(last.status, 429, `upload ${i + 1}`)
      }
      assertProblem(assert, last, 429)
      assert.ok(Number(last.headers.get('retry-after')) > 0)
      const other = await anon.request('POST', '/api/v1/attachments', { raw: png, headers: { 'content-type': 'image/png', 'x-file-name': 'a.png', 'x-forwarded-for': '203.0.113.100' } })
      assert.notEqual(other.status, 429)
    })
  })
}
