// Tamper evidence end to end: `huiyin audit verify --db URL` finds the key where
// `serve` keeps it (the data directory), passes on an intact database, and catches a row
// changed behind the application, a tail cut after an anchor, and refuses to run a keyed
// database without its key instead of making a new one.
import { describe, test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { BACKENDS, ORGS, setup, loginAs, intake, localDate, huiyin, rawSql, hasSqlite3, dataDir, makeDb, dropDb, startServer } from './lib.mjs'

for (const backend of BACKENDS) {
  const skip = backend === 'sqlite' && !hasSqlite3() ? 'no sqlite3 CLI' : false
  describe(`audit seals and anchors (${backend})`, { skip }, () => {
    let ctx, code
    before(async () => {
      ctx = await setup(backend, 'audit')
      const d = await loginAs(ctx.base, 'dispatcher')
      const h = await loginAs(ctx.base, 'handler')
      code = (await intake(ctx.base)).json.code
      await d.act(code, 'accept')
      await d.act(code, 'assign', { lead_org: ORGS.zjj, handling_class: 'phased', deadline: localDate(10) })
      await h.act(code, 'sign')
      await h.act(code, 'resolve', { reply: '已处理' })
      await ctx.server.stop()  // anchors the head at shutdown
    })
    after(() => ctx.teardown())

    test('the key and anchors live in the data directory, the key readable by its owner only', () => {
      const key = path.join(dataDir(ctx.db), 'audit.key')
      assert.equal(fs.statSync(key).mode & 0o077, 0)
      assert.match(fs.readFileSync(key, 'utf8'), /^[0-9a-f]{64}\n$/)
      const anchors = fs.readFileSync(path.join(dataDir(ctx.db), 'audit-anchors.log'), 'utf8').trim().split('\n')
      assert.ok(anchors.length >= 1)
      assert.match(anchors.at(-1), /^\d+ [0-9a-f]{64} \d+$/)
    })

    test('verify passes on the intact database and prints the chain head', () => {
      const r = huiyin(['audit', 'verify', '--db', ctx.db.url])
      assert.equal(r.status, 0, r.stderr + r.stdout)
      const head = Number(rawSql(ctx.db, 'SELECT seq FROM chain_head').trim())
      assert.match(r.stdout, new RegExp(`链头: seq=${head} hash=[0-9a-f]{16}`))
      assert.match(r.stdout, /完整/)
    })

    test('AuditVerifyFindsTheKeyWhereServeKeepsIt: without the data directory it refuses, making no new key', () => {
      const elsewhere = path.join(ctx.db.dir, 'empty-dir')
      const r = huiyin(['audit', 'verify', '--db', ctx.db.url, '--data-dir', elsewhere])
      assert.notEqual(r.status, 0)
      assert.match(r.stderr, /找不到审计密钥/)
      assert.equal(fs.existsSync(path.join(elsewhere, 'audit.key')), false)
      const m = huiyin(['migrate', '--db', ctx.db.url, '--data-dir', elsewhere])
      assert.notEqual(m.status, 0)
      assert.equal(fs.existsSync(path.join(elsewhere, 'audit.key')), false)
    })

    test('MatterStatusChangedInTheDatabaseFailsVerify and names the row', () => {
      rawSql(ctx.db, `UPDATE matters SET status = 'closed', reply = '群众满意' WHERE code = '${code}'`)
      const r = huiyin(['audit', 'verify', '--db', ctx.db.url])
      assert.equal(r.status, 4, r.stdout + r.stderr)
      assert.match(r.stderr, /row_changed/)
      assert.match(r.stderr, /matters\[\d+\]/)
      rawSql(ctx.db, `UPDATE matters SET status = 'resolved', reply = '已处理' WHERE code = '${code}'`)
      assert.equal(huiyin(['audit', 'verify', '--db', ctx.db.url]).status, 0)
    })

    test('TailCutAfterTheLastAnchorFailsVerify even with the chain head moved back', () => {
      const head = Number(rawSql(ctx.db, 'SELECT seq FROM chain_head').trim())
      rawSql(ctx.db, `DELETE FROM events WHERE seq = ${head}`)
      rawSql(ctx.db, `UPDATE chain_head SET seq = ${head - 1}, hash = (SELECT hash FROM events WHERE seq = ${head - 1})`)
      const r = huiyin(['audit', 'verify', '--db', ctx.db.url])
      assert.equal(r.status, 4)
      assert.match(r.stderr, /truncated/)
    })
  })

  describe(`demo database verifies clean (${backend})`, () => {
    test('DemoDatabaseSeededThroughTheUseCasesVerifiesClean', { timeout: 600000 }, async () => {
      const db = makeDb(backend, 'auditdemo')
      try {
        const server = await startServer(db, { args: ['--demo'] })
        await server.stop()
        const r = huiyin(['audit', 'verify', '--db', db.url])
        assert.equal(r.status, 0, r.stderr + r.stdout)
        assert.match(r.stdout, /以密钥封存 \d{3,} 条/)
      } finally {
        dropDb(db)
      }
    })
  })
}
