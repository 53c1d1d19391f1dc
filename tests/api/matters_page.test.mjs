// The staff matter screens' server side (issue 9, minor items), on both backends against the real
// binary: the list answers `total` and pages by `offset` beside its cursor (the tables showed only
// 加载更多); events carry `actor_label` and `summary` with names, never codes or the reporter's name
// (the timeline showed "主办单位:430200-CGJ" and "dispatcher"); 办结 and 销号 with a measure short of
// done need `unfinished_measures_reason` and the event keeps it (they went through at 60% without a
// word); the deadline text says 按期办结 once resolved (it counted down on a 销号 matter); 属地 gives
// the whole path; a measure carries its evidence photos.
import { describe, test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { BACKENDS, ORGS, Client, setup, loginAs, intake, assertProblem, localDate } from './lib.mjs'

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), Buffer.from('IHDR'), Buffer.from('a tiny evidence picture')])

async function newMatter(base, title, fields = {}) {
  const r = await intake(base, { title, ...fields })
  assert.equal(r.status, 201, r.text())
  return r.json.code
}

// Accepted, assigned to the city's 住建局 (the city's 城管局 as the unit complained about) and signed.
async function signedMatter(ctx, dispatcher, handler, title) {
  const code = await newMatter(ctx.base, title)
  assert.equal((await dispatcher.act(code, 'accept')).status, 200)
  const a = await dispatcher.act(code, 'assign', { lead_org: ORGS.zjj, co_orgs: [ORGS.districtDept], subject_orgs: [ORGS.cgj], handling_class: 'phased', deadline: localDate(10) })
  assert.equal(a.status, 200, a.text())
  assert.equal((await handler.act(code, 'sign')).status, 200)
  return code
}

for (const backend of BACKENDS) {
  describe(`matter screens: pages, wording, measures (${backend})`, () => {
    let ctx, dispatcher, handler, subjectUnit
    before(async () => {
      ctx = await setup(backend, 'matters_page')
      dispatcher = await loginAs(ctx.base, 'dispatcher')
      handler = await loginAs(ctx.base, 'handler')
      subjectUnit = await loginAs(ctx.base, 'handler_cgj')
    })
    after(async () => { await ctx?.teardown() })

    test('paging was only 加载更多: the list answers total and any page by offset, same rows as the cursor', async () => {
      for (let i = 0; i < 7; i++) await newMatter(ctx.base, `分页测试路灯不亮${i}`)
      const whole = await dispatcher.get('/api/v1/matters?q=分页测试&limit=100')
      assert.equal(whole.status, 200, whole.text())
      assert.equal(whole.json.total, 7)
      assert.equal(whole.json.items.length, 7)
      const byCursor = []
      let cursor = ''
      for (;;) {
        const r = await dispatcher.get(`/api/v1/matters?status=submitted&limit=3${cursor ? `&cursor=${cursor}` : ''}`)
        assert.equal(r.status, 200, r.text())
        byCursor.push(...r.json.items.map((m) => m.code))
        cursor = r.json.next_cursor || ''
        if (!cursor) break
      }
      const byOffset = []
      const first = await dispatcher.get('/api/v1/matters?status=submitted&limit=3&offset=0')
      const total = first.json.total
      assert.equal(total, byCursor.length, '共N条 is the length of the list')
      for (let off = 0; off < total; off += 3) {
        const r = await dispatcher.get(`/api/v1/matters?status=submitted&limit=3&offset=${off}`)
        assert.equal(r.status, 200, r.text())
        assert.equal(r.json.total, total)
        assert.ok(r.json.items.length <= 3)
        byOffset.push(...r.json.items.map((m) => m.code))
      }
      assert.deepEqual(byOffset, byCursor, 'pages by offset hold the rows of the cursor, in order')
      // A keyword page by offset (the keyword test runs in the service).
      const kw = await dispatcher.get('/api/v1/matters?q=分页测试&limit=3&offset=6')
      assert.equal(kw.json.total, 7)
      assert.equal(kw.json.items.length, 1)
      assertProblem(assert, await dispatcher.get(`/api/v1/matters?offset=3&cursor=${first.json.next_cursor}`), 422, { field: 'offset' })
      assertProblem(assert, await dispatcher.get('/api/v1/matters?offset=-1'), 422, { field: 'offset' })
    })

    test('a workbench card list answers a total equal to the card and pages by offset', async () => {
      const wb = await dispatcher.get('/api/v1/workbench')
      const count = wb.json.counts.to_accept
      assert.ok(count >= 7)
      const seen = new Set()
      for (let off = 0; off < count + 4; off += 4) {
        const r = await dispatcher.get(`/api/v1/matters?card=to_accept&limit=4&offset=${off}`)
        assert.equal(r.status, 200, r.text())
        assert.equal(r.json.total, count)
        for (const m of r.json.items) seen.add(m.code)
      }
      assert.equal(seen.size, count)
    })

    test('timeline showed codes and usernames: events carry actor_label and summary with names; the reporter is never named', async () => {
      const code = await signedMatter(ctx, dispatcher, handler, '小区门口路灯损坏')
      const d = await dispatcher.get(`/api/v1/matters/${code}`)
      assert.equal(d.status, 200)
      const ev = (type) => d.json.events.find((e) => e.type === type)
      assert.equal(ev('submit').actor, 'citizen', 'the old field stays')
      assert.equal(ev('submit').actor_label, '反映人(群众)')
      assert.match(ev('accept').actor_label, /^派单员 /)
      assert.equal(ev('accept').summary, `${ev('accept').actor_label} 受理`)
      const assign = ev('assign').summary
      assert.match(assign, /交办至市住房和城乡建设局办理/)
      assert.match(assign, /协办单位荷塘区住房和城乡建设局/)
      assert.match(assign, new RegExp(`办理时限${localDate(10)}`))
      assert.match(ev('sign').actor_label, /^承办人 /)
      for (const e of d.json.events) {
        assert.ok(e.summary && e.actor_label, `${e.type} has words`)
        assert.doesNotMatch(e.summary, /430200|430202/, `${e.type}: no org codes`)
        assert.doesNotMatch(`${e.summary} ${e.actor_label}`, /张三/, `${e.type}: the reporter is not named`)
      }
      // The unit complained about reads the same words, the reporter still unnamed.
      const masked = await subjectUnit.get(`/api/v1/matters/${code}`)
      assert.equal(masked.status, 200, masked.text())
      assert.equal(masked.json.reporter.withheld, true)
      for (const e of masked.json.events) assert.doesNotMatch(JSON.stringify(e), /张三|13812345678/)
      assert.equal(masked.json.events.find((e) => e.type === 'submit').actor_label, '反映人(群众)')
    })

    test('办结 and 销号 went through with a measure at 60%: 422 naming unfinished_measures_reason, then the event keeps it', async () => {
      const code = await signedMatter(ctx, dispatcher, handler, '背街小巷路面破损')
      const ms = await handler.post(`/api/v1/matters/${code}/measures`, { content: '修补破损路面', progress: 60, status: 'in_progress' })
      assert.equal(ms.status, 201, ms.text())
      const done = await handler.post(`/api/v1/matters/${code}/measures`, { content: '设置警示标志', progress: 100, status: 'done' })
      assert.equal(done.status, 201, done.text())
      let r = await handler.act(code, 'resolve', { reply: '已修补路面。' })
      assertProblem(assert, r, 422, { field: 'unfinished_measures_reason' })
      assert.match(r.json.detail, /1项整改措施未完成/)
      assert.match(r.json.detail, /修补破损路面/)
      assert.match(r.json.detail, /60%/)
      assert.equal((await handler.get(`/api/v1/matters/${code}`)).json.status, 'signed', 'nothing changed')
      r = await handler.act(code, 'resolve', { reply: '已修补路面。', unfinished_measures_reason: '   ' })
      assertProblem(assert, r, 422, { field: 'unfinished_measures_reason' })
      r = await handler.act(code, 'resolve', { reply: '已修补路面。', unfinished_measures_reason: '剩余路段待雨季后施工' })
      assert.equal(r.status, 200, r.text())
      assert.equal(r.json.status, 'resolved')
      const resolve = r.json.events.find((e) => e.type === 'resolve')
      assert.equal(resolve.payload.unfinished_measures_reason, '剩余路段待雨季后施工')
      assert.deepEqual(resolve.payload.unfinished_measures.map((u) => [u.id, u.progress]), [[ms.json.id, 60]])
      assert.match(resolve.summary, /办结\(1项整改措施未完成\)/)
      // Resolved in time: no countdown any more (it read 剩余N天 after 办结).
      assert.equal(r.json.deadline_text, '按期办结')
      assert.equal(r.json.overdue, false)
      r = await dispatcher.act(code, 'verify', { solved: true, satisfaction: 'satisfied', comment: '电话回访,群众认可' })
      assert.equal(r.status, 200, r.text())
      r = await dispatcher.act(code, 'close')
      assertProblem(assert, r, 422, { field: 'unfinished_measures_reason' })
      r = await dispatcher.act(code, 'close', { unfinished_measures_reason: '长效措施纳入日常养护' })
      assert.equal(r.status, 200, r.text())
      assert.equal(r.json.status, 'closed')
      assert.equal(r.json.deadline_text, '按期办结')
      const list = await dispatcher.get(`/api/v1/matters?q=${encodeURIComponent('背街小巷')}`)
      assert.equal(list.json.items[0].deadline_text, '按期办结')
    })

    test('办结 with every measure done or cancelled needs no reason', async () => {
      const code = await signedMatter(ctx, dispatcher, handler, '公园座椅损坏')
      assert.equal((await handler.post(`/api/v1/matters/${code}/measures`, { content: '更换座椅', progress: 100, status: 'done' })).status, 201)
      assert.equal((await handler.post(`/api/v1/matters/${code}/measures`, { content: '另行采购', progress: 10, status: 'cancelled' })).status, 201)
      const r = await handler.act(code, 'resolve', { reply: '已更换。' })
      assert.equal(r.status, 200, r.text())
      assert.equal(r.json.events.find((e) => e.type === 'resolve').payload.unfinished_measures, undefined)
    })

    test('属地 showed only the lowest level: area_path names the area below the city', async () => {
      const code = await newMatter(ctx.base, '月塘街道路灯')
      const d = await dispatcher.get(`/api/v1/matters/${code}`)
      assert.equal(d.json.area.code, ORGS.street)
      assert.equal(d.json.area_path, '荷塘区 / 月塘街道')
      const list = await dispatcher.get(`/api/v1/matters?q=${encodeURIComponent('月塘街道路灯')}`)
      assert.equal(list.json.items[0].area_path, '荷塘区 / 月塘街道')
    })

    test('evidence photos on measures: a progress update carries photos, listed with the measure', async () => {
      const code = await signedMatter(ctx, dispatcher, handler, '垃圾清运不及时')
      const ms = await handler.post(`/api/v1/matters/${code}/measures`, { content: '增加清运频次', progress: 30, status: 'in_progress' })
      assert.equal(ms.status, 201, ms.text())
      const up = await handler.request('POST', '/api/v1/attachments', { raw: PNG, headers: { 'content-type': 'image/png' } })
      assert.equal(up.status, 201, up.text())
      const patched = await handler.patch(`/api/v1/measures/${ms.json.id}`, { progress: 80, evidence_files: [up.json.id] }, { headers: { 'if-match': `"${ms.json.version}"` } })
      assert.equal(patched.status, 200, patched.text())
      assert.deepEqual(patched.json.evidence_files.map((f) => [f.id, f.mime]), [[up.json.id, 'image/png']])
      const d = await dispatcher.get(`/api/v1/matters/${code}`)
      assert.equal(d.json.measures[0].evidence_files[0].id, up.json.id)
      const photo = await dispatcher.get(`/api/v1/attachments/${up.json.id}`)
      assert.equal(photo.status, 200)
      assert.equal(photo.headers.get('content-type'), 'image/png')
      const ev = d.json.events.filter((e) => e.type === 'measure_update').pop()
      assert.match(ev.summary, /更新整改措施\(进展80%\)/)
    })
  })
}
