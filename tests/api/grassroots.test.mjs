// The 四下基层 figures over HTTP (GET /api/v1/stats/grassroots): each number equals the length of
// the list behind it, the summary text reads as offices write it; and 干部纪实 (GET
// /api/v1/dossier/{username}, JSON and .xlsx) is for the official, their unit's leaders,
// supervisors and admins only.
import { describe, test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { BACKENDS, ORGS, setup, loginAs, intake, localDate, sheetRows, assertProblem } from './lib.mjs'

// Every item of a matter list, read a page of `limit` at a time by offset; the list's `total`
// must agree with what the pages hold.
async function allPages(client, query, limit = 2) {
  const items = []
  let total = null
  for (let offset = 0; ; offset += limit) {
    const r = await client.get(`/api/v1/matters?${query}&limit=${limit}&offset=${offset}`)
    assert.equal(r.status, 200, r.text())
    total = r.json.total
    items.push(...r.json.items)
    if (r.json.items.length < limit) break
  }
  assert.equal(items.length, total, `${query}: the pages hold the total`)
  assert.equal(new Set(items.map((m) => m.code)).size, items.length, `${query}: no matter twice`)
  return items
}

const day = '2026-11-28'
const record = (kind, extra = {}) => ({
  kind, date: day, place: { org: ORGS.street, address: '月塘街道' }, leaders: ['dispatcher'], topic: '四下基层', ...extra,
})

for (const backend of BACKENDS) {
  describe(`grassroots figures and dossier (${backend})`, () => {
    let ctx, d, other, handler, leaderZjj, sup, rec
    before(async () => {
      ctx = await setup(backend, 'grassroots')
      d = await loginAs(ctx.base, 'dispatcher')
      other = await loginAs(ctx.base, 'dispatcher_other')
      handler = await loginAs(ctx.base, 'handler')
      leaderZjj = await loginAs(ctx.base, 'leader_zjj')
      sup = await loginAs(ctx.base, 'supervisor')
      const m = (t) => ({ title: t, content: `${t},群众反映强烈` })
      rec = []
      for (const body of [
        record('visit', { method: 'unannounced', participants: ['handler_zjj'], matters: [m('路灯不亮'), m('井盖缺失')] }),
        record('visit', { method: 'forum', matters: [m('停车难')] }),
        record('reception', { method: 'regular', counts: { batches: 3, persons: 7 }, matters: [m('工资拖欠')] }),
        record('onsite_office', { decisions: [{ content: '两周内修复', owner_org: ORGS.districtDept, deadline: '2026-12-31' }] }),
      ]) {
        const r = await d.post('/api/v1/records', body)
        assert.equal(r.status, 201, r.text())
        rec.push(r.json)
      }
    })
    after(async () => { await ctx?.teardown() })

    test('every figure equals the list behind it, and the summary reads as offices write it', async () => {
      const g = await d.get(`/api/v1/stats/grassroots?from=${day}&to=${day}`)
      assert.equal(g.status, 200, g.text())
      for (const [kind, n] of Object.entries(g.json.records)) {
        const list = await d.get(`/api/v1/records?kind=${kind}&from=${day}&to=${day}`)
        assert.equal(list.json.items.length, n, kind)
      }
      const un = await d.get(`/api/v1/records?method=unannounced&from=${day}&to=${day}`)
      assert.equal(g.json.methods.unannounced, un.json.items.length)
      assert.equal(g.json.records.visit, 2)
      assert.equal(g.json.records.joint_meeting, 0)
      assert.deepEqual(g.json.receptions, { batches: 3, persons: 7 })
      const all = await d.get(`/api/v1/records?from=${day}&to=${day}`)
      assert.equal(g.json.matters_raised, all.json.items.reduce((n, r) => n + r.matters.length, 0))
      assert.equal(g.json.matters_raised, 4)
      assert.deepEqual(g.json.measures, { proposed: 1, done: 0 })
      assert.equal(g.json.solved, 0)
      assert.equal(g.json.resolution_rate, 0)
      assert.equal(g.json.channels.visit, 3)
      assert.equal(g.json.channels.petition, 1)
      assert.equal(g.json.summary_text,
        '本期共开展调研走访2次,其中四不两直1次;接待群众3批7人次;开展现场办公1次;收集意见建议4条,提出办法举措1条,已解决0件,解决率0.00%')
      // Another district sees none of it; an unknown org is named.
      const o = await other.get(`/api/v1/stats/grassroots?from=${day}&to=${day}`)
      assert.equal(o.status, 200)
      assert.equal(o.json.matters_raised, 0)
      assert.equal(o.json.resolution_rate, null)
      assert.equal((await d.get('/api/v1/stats/grassroots?org=nope')).status, 422)
    })

    test('every matter figure clicks through to a matter list of exactly that length; the lists name their source', async () => {
      // Move the visit's first matter to 已销号 solved, the reception's to 已办结, merge the
      // visit's second into the forum's, and give the forum's matter a measure.
      const [closedCode, mergedCode] = rec[0].matters.map((m) => m.code)
      const keptCode = rec[1].matters[0].code
      const answeredCode = rec[2].matters[0].code
      for (const code of [closedCode, answeredCode, keptCode]) {
        assert.equal((await d.act(code, 'accept')).status, 200)
        assert.equal((await d.act(code, 'assign', { lead_org: ORGS.zjj, handling_class: 'phased', deadline: localDate(10) })).status, 200)
        assert.equal((await handler.act(code, 'sign')).status, 200)
      }
      for (const code of [closedCode, answeredCode])
        assert.equal((await handler.act(code, 'resolve', { reply: '已现场处置,问题已解决。' })).status, 200)
      assert.equal((await sup.act(closedCode, 'verify', { solved: true, satisfaction: 'satisfied' })).status, 200)
      assert.equal((await sup.act(closedCode, 'close')).status, 200)
      const merged = await d.act(mergedCode, 'merge', { into: keptCode })
      assert.equal(merged.status, 200, merged.text())
      const measure = await handler.post(`/api/v1/matters/${keptCode}/measures`, { content: '增设临时停车泊位' })
      assert.equal(measure.status, 201, measure.text())
      // A matter not raised by a record is in no figure.
      const plainIntake = await intake(ctx.base)
      assert.equal(plainIntake.status, 201, plainIntake.text())

      const period = `source_from=${day}&source_to=${day}`
      const g = (await d.get(`/api/v1/stats/grassroots?from=${day}&to=${day}`)).json
      assert.equal(g.matters_raised, 3, 'the merged duplicate is carried by the matter it merged into')
      assert.equal(g.solved, 1)
      assert.equal(g.kinds.visit.matters, 2)
      assert.equal(g.kinds.visit.closed, 1)
      assert.equal(g.kinds.reception.answered, 1)
      assert.deepEqual(g.measures, { proposed: 2, done: 0 })
      const cases = [
        [`source_kind=any&${period}`, g.matters_raised],
        [`source_kind=any&${period}&solved=true`, g.solved],
      ]
      for (const [ch, n] of Object.entries(g.channels)) cases.push([`source_kind=any&${period}&channel=${ch}`, n])
      for (const [kind, k] of Object.entries(g.kinds)) {
        cases.push([`source_kind=${kind}&${period}`, k.matters])
        cases.push([`source_kind=${kind}&${period}&status=resolved,verified,closed`, k.answered])
        cases.push([`source_kind=${kind}&${period}&status=closed`, k.closed])
        cases.push([`source_kind=${kind}&${period}&solved=true`, k.solved])
      }
      for (const [query, n] of cases) assert.equal((await allPages(d, query)).length, n, query)
      // The lists hold what the figures say, and their items name the record that raised them.
      const raised = await allPages(d, `source_kind=any&${period}`)
      assert.deepEqual(raised.map((m) => m.code).sort(), [closedCode, keptCode, answeredCode].sort())
      const byCode = Object.fromEntries(raised.map((m) => [m.code, m]))
      assert.deepEqual(byCode[closedCode].source, { kind: 'visit', code: rec[0].code })
      assert.deepEqual(byCode[answeredCode].source, { kind: 'reception', code: rec[2].code })
      assert.deepEqual((await allPages(d, `source_kind=any&${period}&solved=true`)).map((m) => m.code), [closedCode])
      assert.deepEqual((await allPages(d, `source_record=${rec[0].code}`)).map((m) => m.code), [closedCode])
      assert.deepEqual((await allPages(d, `source_record=${rec[0].code}&status=merged`)).map((m) => m.code), [mergedCode])
      const plain = await d.get(`/api/v1/matters?q=${encodeURIComponent('小区路灯不亮')}`)
      assert.ok(plain.json.items.length >= 1 && plain.json.items.every((m) => m.source === null))
      // Another day, another org's subtree, another district's dispatcher: nothing.
      assert.equal((await d.get('/api/v1/matters?source_kind=any&source_from=2026-11-29')).json.total, 0)
      assert.equal((await d.get(`/api/v1/matters?source_kind=any&${period}&source_org=${ORGS.otherDistrict}`)).json.total, 0)
      assert.equal((await d.get(`/api/v1/matters?source_kind=any&${period}&source_org=${ORGS.district}`)).json.total, 3)
      assert.equal((await other.get(`/api/v1/matters?source_kind=any&${period}`)).json.total, 0)
      assert.equal((await other.get(`/api/v1/stats/grassroots?from=${day}&to=${day}`)).json.matters_raised, 0)
      // The org of the figures is the records' place: the figure with org= equals the list with source_org=.
      const gd = (await d.get(`/api/v1/stats/grassroots?from=${day}&to=${day}&org=${ORGS.district}`)).json
      assert.equal(gd.matters_raised, (await allPages(d, `source_kind=any&${period}&source_org=${ORGS.district}`)).length)
      // Bad filters are named and change nothing.
      assertProblem(assert, await d.get('/api/v1/matters?source_kind=nope'), 422, { field: 'source_kind' })
      assertProblem(assert, await d.get('/api/v1/matters?source_record=ZZ-XX-0'), 422, { field: 'source_record' })
      assertProblem(assert, await d.get('/api/v1/matters?source_kind=any&source_from=2026-13-01'), 422, { field: 'source_from' })
      assertProblem(assert, await d.get('/api/v1/matters?source_kind=any&source_org=nope'), 422, { field: 'source_org' })
      assertProblem(assert, await d.get('/api/v1/matters?solved=maybe'), 422, { field: 'solved' })
      // The ledger export shares the filter: the same rows, each with its 来源记录.
      const x = await d.get(`/api/v1/ledger.xlsx?source_kind=any&${period}`)
      assert.equal(x.status, 200)
      const rows = sheetRows(x.buf)
      assert.match(rows[1][0], /来源 工作记录/)
      const srcCol = rows[2].indexOf('来源记录')
      const dataRows = rows.slice(3).filter((r) => r && /^\d+$/.test(r[0] || ''))
      assert.deepEqual(dataRows.map((r) => r[1]).sort(), [closedCode, keptCode, answeredCode].sort())
      assert.ok(dataRows.every((r) => /^(走访调研|信访接待) /.test(r[srcCol])))

      // The measures behind 办法举措: proposed, done, and a kind's own decisions.
      const ms = (await d.get(`/api/v1/stats/grassroots/measures?from=${day}&to=${day}`)).json
      assert.equal(ms.total, g.measures.proposed)
      assert.equal(ms.items.length, g.measures.proposed)
      assert.equal((await d.get(`/api/v1/stats/grassroots/measures?from=${day}&to=${day}&status=done`)).json.total, g.measures.done)
      for (const [kind, k] of Object.entries(g.kinds)) {
        const dec = (await d.get(`/api/v1/stats/grassroots/measures?from=${day}&to=${day}&kind=${kind}&decisions=true`)).json
        assert.equal(dec.total, k.decisions, kind)
      }
      assert.deepEqual(ms.items.map((m) => m.matter).filter(Boolean), [keptCode])
      assert.deepEqual(ms.items.filter((m) => !m.matter).map((m) => m.record), [rec[3].code])
      assertProblem(assert, await d.get('/api/v1/stats/grassroots/measures?status=nope'), 422, { field: 'status' })

      // The one-page summary as XLSX: the same numbers as the JSON.
      const sx = await d.get(`/api/v1/stats/grassroots.xlsx?from=${day}&to=${day}`)
      assert.equal(sx.status, 200, sx.text?.())
      assert.match(sx.headers.get('content-type'), /spreadsheetml/)
      const disp = sx.headers.get('content-disposition')
      assert.match(disp, /filename="grassroots_20261128-20261128\.xlsx"/)
      assert.match(decodeURIComponent(disp.split("UTF-8''")[1]), /^四下基层统计_20261128-20261128\.xlsx$/)
      const sheet = sheetRows(sx.buf)
      assert.match(sheet[0][0], /^四下基层工作情况统计表/)
      assert.equal(sheet[1][0], '统计期间:2026-11-28 至 2026-11-28    统计范围:株洲市(含下级)')
      assert.equal(sheet[2][0], `情况综述:${g.summary_text}`)
      const find = (label, col = 1) => sheet.find((r) => r && r[col] === label)
      const num = (r, c) => Number(r[c])
      assert.equal(num(find('收集意见建议(条)'), 2), g.matters_raised)
      assert.equal(num(find('已解决(件)'), 2), g.solved)
      assert.equal(num(find('接待群众(批)'), 2), g.receptions.batches)
      assert.equal(num(find('接待群众(人次)'), 2), g.receptions.persons)
      assert.equal(num(find('提出办法举措(条)'), 2), g.measures.proposed)
      assert.equal(find('解决率')[2], `${(g.resolution_rate * 100).toFixed(2)}%`)
      const visit = find('走访调研')
      assert.deepEqual([2, 3, 4, 5, 6, 7, 8].map((c) => num(visit, c)),
        [g.records.visit, g.kinds.visit.matters, g.kinds.visit.answered, g.kinds.visit.solved, g.kinds.visit.closed, g.kinds.visit.decisions, g.kinds.visit.decisions_done])
      assert.equal(num(find('现场办公'), 7), g.kinds.onsite_office.decisions)
      const unannounced = sheet.find((r) => r && r[2] === '四不两直暗访')
      assert.equal(num(unannounced, 3), g.methods.unannounced)
      const channels = sheet.slice(sheet.findIndex((r) => r && r[0] === '四、问题来源渠道'))
      assert.equal(num(channels.find((r) => r && r[1] === '走访调研'), 2), g.channels.visit)
      assert.equal(num(channels.find((r) => r && r[1] === '信访接待'), 2), g.channels.petition)
      assert.equal(num(channels.find((r) => r && r[1] === '合计'), 2), g.matters_raised)
      assertProblem(assert, await d.get('/api/v1/stats/grassroots.xlsx?from=2026-12-01&to=2026-11-01'), 422, { field: 'from' })
    })

    test('a dossier: the official, their unit leader, supervisors and admins; 403 for others', async () => {
      for (const c of [handler, leaderZjj, sup]) {
        const r = await c.get('/api/v1/dossier/handler_zjj?from=2026-11-01&to=2026-11-30')
        assert.equal(r.status, 200, r.text())
        assert.deepEqual(r.json.records.map((x) => x.code), [rec[0].code])
        assert.deepEqual(r.json.matters.map((x) => x.code).sort(), rec[0].matters.map((x) => x.code).sort())
        assert.ok(r.json.matters.every((x) => x.record === rec[0].code))
      }
      const mine = await d.get('/api/v1/dossier/dispatcher')
      assert.equal(mine.status, 200)
      assert.equal(mine.json.records.length, 4)
      assert.equal(mine.json.measures.length, 1)
      const cgj = await loginAs(ctx.base, 'handler_cgj')
      assert.equal((await cgj.get('/api/v1/dossier/handler_zjj')).status, 403)
      assert.equal((await other.get('/api/v1/dossier/handler_zjj')).status, 403)
      assert.equal((await cgj.get('/api/v1/dossier/nobody')).status, 403)
      const x = await leaderZjj.get('/api/v1/dossier/handler_zjj.xlsx')
      assert.equal(x.status, 200)
      assert.match(x.headers.get('content-type'), /spreadsheetml/)
      assert.equal(x.buf.subarray(0, 2).toString(), 'PK')
    })
  })
}
