// Public intake is limited per source address against floods (--intake-per-source, 15-minute
// window): the source past the limit gets 429 with Retry-After and nothing is stored; another
// source, staff recording a call and loopback clients (benchmarks on the same machine) are not
// held. Source addresses come from X-Forwarded-For of the trusted proxy.
import { describe, test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { BACKENDS, makeDb, dropDb, seedCity, seedUsers, startServer, intake, loginAs, matterCount, assertProblem } from './lib.mjs'

for (const backend of BACKENDS) {
  describe(`public intake limit per source (${backend})`, () => {
    let db, server, admin
    before(async () => {
      db = makeDb(backend, 'intakelimit')
      seedCity(db)
      seedUsers(db)
      server = await startServer(db, { args: ['--intake-per-source', '3', '--trusted-proxies', '127.0.0.1'] })
      admin = await loginAs(server.base, 'admin')
    })
    after(async () => { await server?.stop(); if (db) dropDb(db) })

    test('a flood from one source is refused after the limit and stores nothing', async () => {
      const flood = { 'x-forwarded-for': '203.0.113.9' }
      for (let i = 0; i < 3; i++) assert.equal((await intake(server.base, { title: `路灯${i}` }, flood)).status, 201)
      const before = await matterCount(admin)
      const refused = await intake(server.base, { title: '路灯3' }, flood)
      assertProblem(assert, refused, 429)
      assert.ok(Number(refused.headers.get('retry-after')) > 0, 'Retry-After says when')
      assert.equal(await matterCount(admin), before, 'the refused intake stored nothing')
      // Another source, and a loopback client without a proxy header, are not held.
      assert.equal((await intake(server.base, {}, { 'x-forwarded-for': '198.51.100.7' })).status, 201)
      for (let i = 0; i < 4; i++) assert.equal((await intake(server.base, { title: `本机${i}` })).status, 201)
    })
  })
}
