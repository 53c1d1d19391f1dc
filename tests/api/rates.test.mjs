// The rates over HTTP: GET /api/v1/stats/overview, /stats/grouped and /rankings carry `rates` — each
// rate with its numerator, denominator, name and definition (按期办结率 with its split, 超期件数 as
// counts) — and filter by channel and category; the ledger (list and XLSX) shows 原定时限 and 延期后时限
// side by side.
import { describe, test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { BACKENDS, ORGS, setup, loginAs, intake, assertProblem, sheetRows, localDate } from './lib.mjs'

for (const backend of BACKENDS) {
  describe(`rates (${backend})`, () => {
    let ctx, dispatcher, supervisor, handler, leader
    before(async () => {
      ctx = await setup(backend, 'rates')
      dispatcher = await loginAs(ctx.base, 'dispatcher')
      supervisor = await loginAs(ctx.base, 'supervisor')
      handler = await loginAs(ctx.base, 'handler')
      leader = await loginAs(ctx.base, 'leader')
    })
    after(async () => { await ctx?.teardown() })

    const ok = (r) => assert.equal(r.status, 200, r.text())
    async function assigned(fields = {}) {
      const r = await intake(ctx.base, { title: `比率测试${Math.random().toString(36).slice(2, 8)}`, category: '0101', ...fields })
      assert.equal(r.status, 201, r.text())
      const { code } = r.json
      ok(await dispatcher.act(code, 'accept'))
      ok(await dispatcher.act(code, 'assign', { lead_org: ORGS.zjj, handling_class: 'immediate', deadline: localDate(7) }))
      return code
    }

    test('the overview, groups and rankings carry every rate with its counts and definition', async () => {
      // A: signed and resolved in time, verified solved. B: extended, then resolved in time.
      // C: returned unsigned. D: resolved, verified unsolved, so reopened.
      const a = await assigned()
      ok(await handler.act(a, 'sign'))
      ok(await handler.act(a, 'resolve', { reply: '已处理完毕,现场已恢复。' }))
      ok(await supervisor.act(a, 'verify', { solved: true, satisfaction: 'satisfied' }))
      const b = await assigned()
      ok(await handler.act(b, 'sign'))
      ok(await handler.act(b, 'extend_request', { reason: '需要协调施工单位', extend_days: 5 }))
      ok(await supervisor.act(b, 'extend_decide', { approve: true }))
      ok(await handler.act(b, 'resolve', { reply: '已处理完毕。' }))
      const c = await assigned()
      ok(await handler.act(c, 'return', { reason: '不属于本单位职责' }))
      const d = await assigned()
      ok(await handler.act(d, 'sign'))
      ok(await handler.act(d, 'resolve', { reply: '已处理。' }))
      ok(await supervisor.act(d, 'verify', { solved: false, satisfaction: 'dissatisfied' }))

      const o = await leader.get('/api/v1/stats/overview')
      ok(o)
      const r = o.json.rates
      const frac = (k) => [r[k].numerator, r[k].denominator]
      assert.deepEqual(frac('signed_in_time'), [3, 3], 'A, B and D signed at once; C returned unsigned')
      assert.deepEqual(frac('on_time'), [2, 2], 'A and B resolved in time; D is open again')
      assert.deepEqual([r.on_time.on_time, r.on_time.on_time_after_extension, r.on_time.late], [2, 0, 0])
      assert.deepEqual(frac('returned'), [1, 4])
      assert.deepEqual(frac('reopened'), [1, 3], 'D of the three resolved')
      assert.deepEqual(frac('resolution'), [1, 2])
      assert.deepEqual(frac('satisfaction'), [1, 2])
      assert.deepEqual(frac('response'), [4, 4])
      assert.deepEqual(frac('spot_check_failed'), [0, 0])
      assert.equal(r.spot_check_failed.value, null)
      assert.equal(r.returned.value, 0.25)
      assert.equal(o.json.return_rate, 0.25)
      assert.equal(o.json.signed_in_time_rate, 1)
      assert.equal(o.json.reopen_rate, 1 / 3)
      assert.equal(r.returned.higher_is_better, false)
      assert.deepEqual([r.overdue.count, r.overdue.open, r.overdue.resolved_late], [0, 0, 0])
      for (const [k, v] of Object.entries(r)) {
        assert.ok(v.label && v.definition, `${k} is named and defined`)
      }
      assert.equal(r.signed_in_time.label, '及时签收率')
      assert.match(r.resolution.definition, /超时默认/)
      assert.ok(o.json.previous.rates.on_time, 'the previous period has the same rates')

      // Grouped and ranked: the same figures for 市住建局.
      const g = await leader.get('/api/v1/stats/grouped?by=org')
      ok(g)
      const zjj = g.json.find((row) => row.key === ORGS.zjj)
      assert.deepEqual([zjj.rates.reopened.numerator, zjj.rates.reopened.denominator], [1, 3])
      const k = await leader.get('/api/v1/rankings?level=dept')
      ok(k)
      const item = k.json.items.find((i) => i.org.code === ORGS.zjj)
      assert.equal(item.on_time_rate, 1)
      assert.equal(item.reopen_rate, 1 / 3)
      assert.deepEqual([item.rates.signed_in_time.numerator, item.rates.signed_in_time.denominator], [3, 3])

      // Channel and category filters.
      const hotline = await leader.get('/api/v1/stats/overview?channel=hotline')
      ok(hotline)
      assert.equal(hotline.json.collected, 0)
      const web = await leader.get('/api/v1/stats/overview?channel=web')
      assert.equal(web.json.collected, 4)
      const cat = await leader.get('/api/v1/stats/overview?category=01')
      ok(cat)
      assert.equal(cat.json.collected, 4, 'the intake category 0101 lies under 01')
      assert.equal((await leader.get('/api/v1/stats/overview?category=02')).json.collected, 0)
      assertProblem(assert, await leader.get('/api/v1/stats/overview?channel=fax'), 422, { field: 'channel' })
      assertProblem(assert, await leader.get('/api/v1/stats/grouped?category=nope'), 422, { field: 'category' })
      assertProblem(assert, await leader.get('/api/v1/rankings?channel=fax'), 422, { field: 'channel' })
    })

    test('the ledger shows the original deadline and the extended one', async () => {
      const code = await assigned({ title: '延期台账测试' })
      ok(await handler.act(code, 'sign'))
      ok(await handler.act(code, 'extend_request', { reason: '需要协调施工单位', extend_days: 5 }))
      ok(await supervisor.act(code, 'extend_decide', { approve: true }))
      const plain = await assigned({ title: '未延期台账测试' })

      const list = await supervisor.get('/api/v1/matters?q=台账测试')
      ok(list)
      const row = list.json.items.find((i) => i.code === code)
      const other = list.json.items.find((i) => i.code === plain)
      assert.equal(row.original_deadline.slice(0, 10), localDate(7))
      assert.ok(row.extended_deadline > row.original_deadline, JSON.stringify(row))
      assert.equal(row.extended_deadline, row.deadline)
      assert.equal(other.original_deadline.slice(0, 10), localDate(7))
      assert.equal(other.extended_deadline, null)
      const detail = await supervisor.get(`/api/v1/matters/${code}`)
      assert.equal(detail.json.original_deadline.slice(0, 10), localDate(7))

      const x = await supervisor.get('/api/v1/ledger.xlsx?q=台账测试')
      ok(x)
      const rows = sheetRows(x.buf)
      const header = rows[2]
      const orig = header.indexOf('原定时限')
      const ext = header.indexOf('延期后时限')
      assert.ok(orig > 0 && ext === orig + 1, JSON.stringify(header))
      const byCode = new Map(rows.slice(3).filter((r) => r?.[1]).map((r) => [r[1], r]))
      assert.equal(byCode.get(code)[orig], localDate(7))
      assert.equal(byCode.get(code)[ext], row.extended_deadline.slice(0, 10))
      assert.equal(byCode.get(code)[header.indexOf('完成时限')], row.extended_deadline.slice(0, 10))
      assert.equal(byCode.get(plain)[orig], localDate(7))
      assert.equal(byCode.get(plain)[ext] ?? '', '')
    })
  })
}
