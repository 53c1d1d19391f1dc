// Nothing acknowledged is lost: stream intakes, SIGKILL the server mid-stream, restart, and every
// 201-acknowledged matter is there with an intact audit chain.
import { describe, test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { BACKENDS, Client, makeDb, dropDb, seedCity, startServer, intake, huiyin } from './lib.mjs'

for (const backend of BACKENDS) {
  describe(`durability (${backend})`, () => {
    let db
    before(() => {
      db = makeDb(backend, 'kill')
      seedCity(db)
    })
    after(() => dropDb(db))

    test('every 201 survives kill -9', async () => {
      const server = await startServer(db)
      const acked = []
      let stop = false
      const worker = async (w) => {
        for (let i = 0; !stop; i++) {
          try {
            const r = await intake(server.base, { title: `持续提交 ${w}-${i}` })
            if (r.status === 201) acked.push(r.json)
          } catch {
            return // the server is gone
          }
        }
      }
      const workers = [0, 1, 2, 3].map(worker)
      while (acked.length < 40) await new Promise((r) => setTimeout(r, 20))
      server.child.kill('SIGKILL')
      stop = true
      await Promise.all(workers)
      await server.stop()
      assert.ok(acked.length >= 40)

      const again = await startServer(db)
      try {
        const c = new Client(again.base)
        for (const { code, token } of acked) {
          const t = await c.get(`/api/v1/track/${code}?token=${encodeURIComponent(token)}`)
          assert.equal(t.status, 200, `${code} acknowledged but lost`)
        }
        const audit = huiyin(['audit', 'verify', '--db', db.url])
        assert.equal(audit.status, 0, audit.stderr)
        // And the server still takes new work after the crash.
        assert.equal((await intake(again.base)).status, 201)
      } finally {
        await again.stop()
      }
    })
  })
}
