// `huiyin stats check | rebuild` on the database --db names: check finds a stored figure changed
// by hand (exit 4, naming the count), rebuild works every matter's out again, check agrees again.
import { describe, test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { BACKENDS, setup, intake, huiyin, rawSql } from './lib.mjs'

for (const backend of BACKENDS) {
  describe(`stats check and rebuild (${backend})`, () => {
    let ctx
    before(async () => {
      ctx = await setup(backend, 'statscli')
      for (let i = 0; i < 3; i++) assert.equal((await intake(ctx.base, { title: `路灯不亮${i}` })).status, 201)
      await ctx.server.stop()
    })
    after(async () => { await ctx?.teardown() })

    test('stats rebuild opened another database than --db: check and rebuild work on the one named', () => {
      const ok = huiyin(['stats', 'check', '--db', ctx.db.url])
      assert.equal(ok.status, 0, ok.stderr)
      assert.match(ok.stdout, /一致/)
      rawSql(ctx.db, 'UPDATE matter_facts SET accepted = 1')
      const bad = huiyin(['stats', 'check', '--db', ctx.db.url])
      assert.equal(bad.status, 4, bad.stdout)
      assert.match(bad.stderr, /accepted 底表 3 ≠ 重算 0/)
      const rebuilt = huiyin(['stats', 'rebuild', '--db', ctx.db.url])
      assert.equal(rebuilt.status, 0, rebuilt.stderr)
      assert.match(rebuilt.stdout, /3 件事项/)
      assert.equal(huiyin(['stats', 'check', '--db', ctx.db.url]).status, 0)
    })
  })
}
