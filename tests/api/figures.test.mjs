// Figures after a known sequence on a fresh database, the ledger as XLSX (API and CLI), and the
// audit chain: intact → `audit verify` exits 0; one event row changed → non-zero naming it.
import { describe, test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { BACKENDS, ORGS, Client, setup, loginAs, intake, localDate, huiyin, rawSql, hasSqlite3 } from './lib.mjs'

function assertXlsx(buf) {
  assert.ok(buf.length > 100)
  assert.equal(buf.subarray(0, 2).toString('latin1'), 'PK', 'a zip file')
  assert.ok(buf.includes(Buffer.from('xl/worksheets/sheet1.xml')), 'with a first worksheet')
}

for (const backend of BACKENDS) {
  describe(`figures, ledger and audit (${backend})`, () => {
    let ctx, d, h, leader
    const codes = {}
    before(async () => {
      ctx = await setup(backend, 'figures')
      d = await loginAs(ctx.base, 'dispatcher')
      h = await loginAs(ctx.base, 'handler')
      leader = await loginAs(ctx.base, 'leader')
      const citizen = new Client(ctx.base)
      const loop = async (solved, satisfaction) => {
        const { code, token } = (await intake(ctx.base)).json
        await d.act(code, 'accept')
        await d.act(code, 'assign', { lead_org: ORGS.zjj, handling_class: 'phased', deadline: localDate(10) })
        await h.act(code, 'sign')
        await h.act(code, 'resolve', { reply: '已处理' })
        const ev = await citizen.post(`/api/v1/track/${code}/evaluation?token=${encodeURIComponent(token)}`, { solved, satisfaction })
        assert.equal(ev.status, 200, ev.text())
        return code
      }
      // A: solved and satisfied, closed. B: unsolved and dissatisfied (reopened).
      // C: rejected. D: still waiting.
      codes.A = await loop(true, 'satisfied')
      assert.equal((await d.act(codes.A, 'close')).status, 200)
      codes.B = await loop(false, 'dissatisfied')
      codes.C = (await intake(ctx.base)).json.code
      assert.equal((await d.act(codes.C, 'reject', { reason: '不属于受理范围' })).status, 200)
      codes.D = (await intake(ctx.base)).json.code
    })
    after(async () => { await ctx?.teardown() })

    test('the overview counts exactly what happened, and the three rates follow', async () => {
      const today = localDate(0)
      const r = await leader.get(`/api/v1/stats/overview?from=${today}&to=${today}`)
      assert.equal(r.status, 200, r.text())
      const s = r.json
      assert.equal(s.collected, 4)
      assert.equal(s.responded, 3)
      assert.equal(s.accepted, 2)
      assert.equal(s.rejected, 1)
      assert.equal(s.assigned, 2)
      assert.equal(s.evaluated, 2)
      assert.equal(s.solved, 1)
      assert.equal(s.satisfied, 1)
      assert.equal(s.closed, 1)
      assert.equal(s.overdue, 0)
      assert.equal(s.response_rate, 0.75)
      assert.equal(s.resolution_rate, 0.5)
      assert.equal(s.satisfaction_rate, 0.5)
      assert.equal(s.previous.collected, 0)
      assert.equal(s.previous.resolution_rate, null, 'no denominator, no rate')

      const byStatus = await leader.get(`/api/v1/stats/grouped?by=status&from=${today}&to=${today}`)
      assert.equal(byStatus.status, 200, byStatus.text())
      const total = byStatus.json.reduce((n, row) => n + row.collected, 0)
      assert.equal(total, 4)

      const handlerStats = await h.get(`/api/v1/stats/overview?from=${today}&to=${today}`)
      assert.equal(handlerStats.status, 403, 'a handler does not read the leaders\' figures')

      const wb = await d.get('/api/v1/workbench')
      assert.equal(wb.status, 200)
      assert.equal(wb.json.counts.to_accept, 1, 'D waits for acceptance')
    })

    test('the ledger downloads as a real XLSX, from the API and the CLI', async () => {
      const r = await leader.get('/api/v1/ledger.xlsx?status=closed,rejected')
      assert.equal(r.status, 200, r.text())
      assert.match(r.headers.get('content-type'), /spreadsheetml/)
      assert.match(r.headers.get('content-disposition'), /attachment/)
      assertXlsx(r.buf)
      const out = path.join(ctx.db.dir, 'ledger.xlsx')
      const cli = huiyin(['export', 'ledger', '--db', ctx.db.url, '-o', out])
      assert.equal(cli.status, 0, cli.stderr)
      assertXlsx(fs.readFileSync(out))
      const bad = await leader.get('/api/v1/ledger.xlsx?status=nonsense')
      assert.equal(bad.status, 422)
    })

    test('org list prints the tree as TSV', () => {
      const r = huiyin(['org', 'list', '--db', ctx.db.url])
      assert.equal(r.status, 0, r.stderr)
      const lines = r.stdout.trim().split('\n').map((l) => l.split('\t'))
      assert.deepEqual(lines[0], ['code', 'name', 'kind', 'level', 'parent'])
      const street = lines.find((l) => l[0] === ORGS.street)
      assert.deepEqual(street, [ORGS.street, '月塘街道', 'area', '3', ORGS.district])
      assert.deepEqual(lines.find((l) => l[0] === ORGS.zjj).slice(2), ['dept', '1', ORGS.city])
    })

    test('audit verify passes, then fails naming the event after one row is changed', { skip: backend === 'sqlite' && !hasSqlite3() ? 'no sqlite3 CLI' : false }, async () => {
      const ok = huiyin(['audit', 'verify', '--db', ctx.db.url])
      assert.equal(ok.status, 0, ok.stderr + ok.stdout)
      assert.match(ok.stdout, /完整/)
      await ctx.server.stop()
      const seq = Number(rawSql(ctx.db, 'SELECT seq FROM events ORDER BY seq LIMIT 1 OFFSET 5').trim())
      assert.ok(seq > 0)
      rawSql(ctx.db, `UPDATE events SET payload = '{"tampered":true}' WHERE seq = ${seq}`)
      const bad = huiyin(['audit', 'verify', '--db', ctx.db.url])
      assert.notEqual(bad.status, 0)
      assert.match(bad.stderr, new RegExp(`seq=${seq}\\b`))
    })
  })
}
