// 通报 over HTTP and from the command line: a supervisor previews and publishes this month's
// circular of the city; its figures are those of GET /api/v1/stats/overview and its ranking that
// of GET /api/v1/rankings for the same filters, each list as long as GET /api/v1/matters for its
// query; the printed HTML has the 通报 header and links every figure to the ledger; the XLSX has a
// sheet per list naming its matters; the re-check matches until an input changes; `huiyin report
// circular` writes the same as .xlsx and .html, and `report circular-check` re-checks.
import { describe, test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { BACKENDS, ORGS, setup, loginAs, intake, huiyin, localDate, assertProblem, unzip, sheetRows, rawSql, hasSqlite3 } from './lib.mjs'

for (const backend of BACKENDS) {
  describe(`circulars (${backend})`, () => {
    let ctx
    before(async () => { ctx = await setup(backend, 'circulars') })
    after(async () => { await ctx?.teardown() })

    test('a supervisor publishes a circular whose figures are the stats API’s, and it re-checks', async () => {
      const dispatcher = await loginAs(ctx.base, 'dispatcher')
      const handler = await loginAs(ctx.base, 'handler')
      const supervisor = await loginAs(ctx.base, 'supervisor')
      const late = (await intake(ctx.base, { title: '人行道地砖松动' })).json.code
      const returned = (await intake(ctx.base, { title: '楼道堆放杂物' })).json.code
      for (const code of [late, returned]) {
        assert.equal((await dispatcher.act(code, 'accept')).status, 200)
        const a = await dispatcher.act(code, 'assign', { lead_org: ORGS.zjj, handling_class: 'immediate', deadline: localDate(1) })
        assert.equal(a.status, 200, a.text())
      }
      assert.equal((await handler.act(late, 'sign')).status, 200)
      assert.equal((await handler.act(returned, 'return', { reason: '不属于本单位职责' })).status, 200)
      const run = huiyin(['sla', 'run', '--db', ctx.db.url, '--at', `${localDate(45)}T09:00:00+08:00`])
      assert.equal(run.status, 0, run.stderr)

      const period = localDate(0).slice(0, 7)
      const from = `${period}-01`
      const to = new Date(Date.UTC(Number(period.slice(0, 4)), Number(period.slice(5, 7)), 0)).toISOString().slice(0, 10)
      assertProblem(assert, await handler.post('/api/v1/circulars', { period, publish: false }), 403)
      assertProblem(assert, await supervisor.post('/api/v1/circulars', { period: '2026-13', publish: false }), 422, { field: 'period' })

      const p = await supervisor.post('/api/v1/circulars', { period, org: ORGS.city, publish: false })
      assert.equal(p.status, 200, p.text())
      assert.equal(p.json.id, null, 'a preview is not stored')
      assert.match(p.json.html, /发文单位:株洲市/)
      const stats = await supervisor.get(`/api/v1/stats/overview?from=${from}&to=${to}&org=${ORGS.city}`)
      const { from: _f, to: _t, previous: _p, ...current } = stats.json
      assert.deepEqual(p.json.figures, current)
      assert.equal(p.json.figures.collected, 2)
      const rankings = await supervisor.get(`/api/v1/rankings?from=${from}&to=${to}&org=${ORGS.city}`)
      assert.deepEqual(p.json.ranking, rankings.json)
      const ladder = (await supervisor.get(`/api/v1/supervision/ladder?org=${ORGS.city}`)).json.levels
      for (const l of p.json.lists) {
        const list = await supervisor.get(`/api/v1/matters?${new URLSearchParams(l.query)}&limit=1000`)
        assert.equal(list.status, 200, list.text())
        assert.equal(list.json.total, l.count, l.key)
        assert.deepEqual(l.items.map(i => i.code), list.json.items.map(i => i.code), l.key)
        const step = ladder.find(s => s.level === l.key)
        if (step) assert.equal(step.count, l.count, l.key)
      }
      const byKey = Object.fromEntries(p.json.lists.map(l => [l.key, l]))
      assert.deepEqual(byKey.returned.items.map(i => i.code), [returned])
      // Far past their deadline, the one the unit holds and the one it returned: the 约谈 proposal.
      assert.deepEqual(byKey.talk.items.map(i => i.code).sort(), [late, returned].sort())

      const pub = await supervisor.post('/api/v1/circulars', { period, org: ORGS.city, issue: 11 })
      assert.equal(pub.status, 201, pub.text())
      assert.equal(pub.json.issue_text, `${period.slice(0, 4)}年第11期`)
      assert.equal(pub.headers.get('location'), `/api/v1/circulars/${pub.json.id}`)
      assert.ok(pub.json.anchor.seq > 0)
      assert.equal(pub.json.inputs_sha256, p.json.inputs_sha256, 'the same inputs hash alike')
      assertProblem(assert, await supervisor.post('/api/v1/circulars', { period, org: ORGS.city, issue: 11 }), 409)
      const list = await supervisor.get('/api/v1/circulars')
      assert.deepEqual(list.json.items.map(c => c.id), [pub.json.id])
      assert.equal((await handler.get('/api/v1/circulars')).status, 403)

      const html = await supervisor.get(pub.json.html_url)
      assert.equal(html.status, 200)
      assert.match(html.headers.get('content-type'), /text\/html/)
      const page = html.text()
      assert.match(page, new RegExp(`${period.slice(0, 4)}年第11期`))
      assert.match(page, /data-figure="rate:resolution"><a href="\/staff\/ledger\?from=/)
      assert.ok(page.includes(`/staff/ledger?from=${from}&amp;org=${ORGS.city}&amp;returned=true&amp;to=${to}`))
      assert.ok(page.includes(`/staff/matters/${late}`))
      assert.ok(!page.includes('13812345678'), 'no phone number in print')

      const x = await supervisor.get(pub.json.xlsx_url)
      assert.equal(x.status, 200)
      const book = unzip(x.buf).get('xl/workbook.xml')
      const names = [...book.matchAll(/<sheet name="([^"]+)"/g)].map(m => m[1])
      assert.deepEqual(names, ['通报', '单位排名', ...p.json.lists.map(l => l.title), '典型案例'])
      const retSheet = sheetRows(x.buf, 3 + p.json.lists.findIndex(l => l.key === 'returned'))
      assert.match(retSheet[0][0], /共 1 件/)
      assert.equal(retSheet[3][1], returned)
      assert.equal(sheetRows(x.buf, 1)[0][0], pub.json.title)

      let v = await supervisor.get(`/api/v1/circulars/${pub.json.id}/verify`)
      assert.equal(v.status, 200, v.text())
      assert.equal(v.json.stored_intact, true)
      assert.equal(v.json.inputs_match, true, JSON.stringify(v.json.changed))
      const check = huiyin(['report', 'circular-check', '--db', ctx.db.url, '--id', String(pub.json.id)])
      assert.equal(check.status, 0, check.stdout + check.stderr)
      // A matter of the period changes: the circular no longer matches the data.
      assert.equal((await handler.act(late, 'resolve', { reply: '已修复地砖' })).status, 200)
      v = await supervisor.get(`/api/v1/circulars/${pub.json.id}/verify`)
      assert.equal(v.json.stored_intact, true)
      assert.equal(v.json.inputs_match, false)
      assert.ok(v.json.changed.includes('figures.resolved'), JSON.stringify(v.json.changed))
      assert.ok(v.json.changed.includes('lists.talk'), JSON.stringify(v.json.changed))
      const check2 = huiyin(['report', 'circular-check', '--db', ctx.db.url, '--id', String(pub.json.id)])
      assert.equal(check2.status, 1)
      assert.match(check2.stdout, /不一致/)
      // The published row is sealed: the chain and every sealed row still verify.
      const audit = huiyin(['audit', 'verify', '--db', ctx.db.url])
      assert.equal(audit.status, 0, audit.stdout + audit.stderr)
      // Its stored inputs edited behind the application's back: the re-check and the audit both say so.
      if (ctx.db.backend === 'postgresql' || hasSqlite3()) {
        rawSql(ctx.db, `UPDATE circulars SET inputs = replace(inputs, '"collected":2', '"collected":3') WHERE id = ${pub.json.id}`)
        v = await supervisor.get(`/api/v1/circulars/${pub.json.id}/verify`)
        assert.equal(v.json.stored_intact, false)
        assert.equal(v.json.inputs_match, false)
        assert.equal(huiyin(['audit', 'verify', '--db', ctx.db.url]).status, 4)
      }
    })

    test('huiyin report circular writes .xlsx and .html', () => {
      const period = localDate(0).slice(0, 7)
      const xlsx = path.join(ctx.db.dir, 'circular.xlsx')
      const r = huiyin(['report', 'circular', '--db', ctx.db.url, '--period', period, '--org', ORGS.city, '-o', xlsx])
      assert.equal(r.status, 0, r.stderr + r.stdout)
      const buf = fs.readFileSync(xlsx)
      const rows = sheetRows(buf, 1)
      assert.match(rows[0][0], /株洲市关于.*群众诉求办理情况的通报/)
      assert.deepEqual(rows[1], ['发文单位', '株洲市'])
      assert.ok(unzip(buf).get('xl/workbook.xml').includes('name="超期未办结问题"'))
      const html = path.join(ctx.db.dir, 'circular.html')
      const h = huiyin(['report', 'circular', '--db', ctx.db.url, '--period', period, '--org', ORGS.city, '-o', html,
        '--base-url', 'https://huiyin.example.cn'])
      assert.equal(h.status, 0, h.stderr)
      const text = fs.readFileSync(html, 'utf8')
      assert.match(text, /<h1>株洲市关于/)
      assert.match(text, /href="https:\/\/huiyin\.example\.cn\/staff\/ledger\?from=/)
      assert.match(text, /预览,未发布/)
      const bad = huiyin(['report', 'circular', '--db', ctx.db.url, '--period', period, '-o', path.join(ctx.db.dir, 'c.pdf')])
      assert.equal(bad.status, 2)
    })
  })
}
