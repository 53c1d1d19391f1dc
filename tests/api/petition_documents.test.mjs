// The petition (信访) documents over HTTP: the 受理告知书 (notice.html), issued once — the first
// print by the receiving office's dispatcher is recorded as `notice_issued`; the matter page's
// `petition` block; the notice_overdue filter on the list and the ledger; the 答复意见书
// (reply.html) of each stage; 请求复查 by staff and 请求复核 by the petitioner from the tracking
// page (POST /api/v1/track/{code}/request), nothing after the 复核; and the unit complained about
// reading neither the petitioner's name nor phone in any document.
import { describe, test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { BACKENDS, ORGS, setup, loginAs, assertProblem, rawSql, sheetRows, huiyin } from './lib.mjs'

for (const backend of BACKENDS) {
  describe(`petition documents (${backend})`, () => {
    let ctx, d, h, cgj, other, admin
    before(async () => {
      ctx = await setup(backend, 'petitiondocs')
      d = await loginAs(ctx.base, 'dispatcher')
      h = await loginAs(ctx.base, 'handler')
      cgj = await loginAs(ctx.base, 'handler_cgj')
      other = await loginAs(ctx.base, 'dispatcher_other')
      admin = await loginAs(ctx.base, 'admin')
    })
    after(async () => { await ctx?.teardown() })

    // A petition from 李四 taken by the city's petition office (staff intake: it returns the
    // petitioner's tracking token too), accepted.
    async function petition(title = '拖欠工资三个月未发') {
      const r = await d.post('/api/v1/intake', {
        title, channel: 'petition',
        content: `${title},本人李四,电话13912345678,请求督促公司发放工资`,
        location: { address: '月塘街道', district: ORGS.street },
        contact: { name: '李四', phone: '13912345678' },
      })
      assert.equal(r.status, 201, r.text())
      assert.equal((await d.act(r.json.code, 'accept')).status, 200)
      return r.json
    }

    // Assigned to 荷塘区住建局 with 市城管局 as the unit complained about, signed and answered
    // (by the administrator: the fixture has no handler there).
    async function answered() {
      const p = await petition()
      const a = await d.act(p.code, 'assign', { lead_org: ORGS.districtDept, subject_orgs: [ORGS.cgj], handling_class: 'immediate' })
      assert.equal(a.status, 200, a.text())
      assert.equal((await admin.act(p.code, 'sign')).status, 200)
      const res = await admin.act(p.code, 'resolve', { reply: '经协调,公司已承诺本月底前发放拖欠工资。' })
      assert.equal(res.status, 200, res.text())
      return p
    }

    const issuedCount = (m) => m.events.filter((e) => e.type === 'notice_issued').length

    test('the codes list the petition stages and both requests', async () => {
      const c = (await d.get('/api/v1/codes')).json
      assert.deepEqual(c.petition_stages, [
        { code: 'handle', label: '办理' }, { code: 'review', label: '复查' }, { code: 'recheck', label: '复核' }])
      assert.equal(c.actions.find((e) => e.code === 'review_request').label, '请求复查')
      assert.equal(c.actions.find((e) => e.code === 'recheck_request').label, '请求复核')
    })

    test('the 受理告知书 is issued once, by the receiving office, and the page says so', async () => {
      const p = await petition()
      let m = (await d.get(`/api/v1/matters/${p.code}`)).json
      assert.equal(m.petition.stage, 'handle')
      assert.equal(m.petition.notice_issued_at, null)
      assert.equal(m.petition.notice_overdue, false)
      assert.ok(Date.parse(m.petition.notice_due) > Date.now() + 14 * 86400000)

      // The administrator may print it but does not issue it for the office.
      assert.equal((await admin.get(`/api/v1/matters/${p.code}/notice.html`)).status, 200)
      assert.equal((await d.get(`/api/v1/matters/${p.code}`)).json.petition.notice_issued_at, null)

      const page = await d.get(`/api/v1/matters/${p.code}/notice.html`)
      assert.equal(page.status, 200, page.text())
      assert.match(page.headers.get('content-type'), /^text\/html/)
      for (const part of ['信访事项受理告知书', '李四', '受理机关', '株洲市', '受理日期', '60日', '拖欠工资三个月未发'])
        assert.ok(page.text().includes(part), part)
      assert.ok(!/<th>[^<]*(电话|手机|身份证)/.test(page.text()), 'no phone or ID row')
      assert.equal((await d.get(`/api/v1/matters/${p.code}/notice.html`)).status, 200)
      m = (await d.get(`/api/v1/matters/${p.code}`)).json
      assert.ok(m.petition.notice_issued_at)
      assert.equal(issuedCount(m), 1, 'later prints add nothing')
      assert.match(m.events.find((e) => e.type === 'notice_issued').summary, /出具受理告知书/)
      const t = (await d.get(`/api/v1/track/${p.code}?token=${p.token}`)).json
      assert.ok(t.timeline.some((i) => i.type === 'notice_issued' && i.public_type_label === '出具受理告知书'))

      assertProblem(assert, await other.get(`/api/v1/matters/${p.code}/notice.html`), 404)
      const plain = await d.post('/api/v1/intake', { title: '路灯不亮', content: '小区路灯坏了一周', location: { district: ORGS.street } })
      assertProblem(assert, await d.get(`/api/v1/matters/${plain.json.code}/notice.html`), 404)
      assertProblem(assert, await d.get(`/api/v1/matters/${plain.json.code}/reply.html`), 404)
      assert.equal((await d.get(`/api/v1/matters/${plain.json.code}`)).json.petition, null)
    })

    test('复查 by staff, 复核 by the petitioner, each with its 意见书; nothing after the 复核', async () => {
      const p = await answered()
      let m = (await d.get(`/api/v1/matters/${p.code}`)).json
      assert.equal(m.petition.request_action, 'review_request')
      assert.equal(m.petition.request_open, true)
      assert.equal(m.petition.request_org.code, ORGS.district, 'the office above 荷塘区住建局')
      assert.ok(m.available_actions.includes('review_request'))
      assert.ok(!m.available_actions.includes('recheck_request'))

      let reply = await d.get(`/api/v1/matters/${p.code}/reply.html`)
      assert.equal(reply.status, 200, reply.text())
      for (const part of ['信访事项处理意见书', '荷塘区住房和城乡建设局', '本月底前发放', '30日内向荷塘区请求复查'])
        assert.ok(reply.text().includes(part), part)

      // The track page offers it; a wrong 查询码 finds nothing.
      let t = (await d.get(`/api/v1/track/${p.code}?token=${p.token}`)).json
      assert.equal(t.petition.request_action, 'review_request')
      assertProblem(assert, await d.post(`/api/v1/track/${p.code}/request?query_code=ZZZZZZ`, { reason: '不服' }), 404)

      assertProblem(assert, await cgj.act(p.code, 'review_request', { reason: '不服' }), 403)
      assertProblem(assert, await d.act(p.code, 'review_request', {}), 422, { field: 'reason' })
      const r1 = await d.act(p.code, 'review_request', { reason: '信访人称工资仍未发放' })
      assert.equal(r1.status, 200, r1.text())
      assert.equal(r1.json.status, 'assigned')
      assert.equal(r1.json.lead_org.code, ORGS.district)
      assert.equal(r1.json.petition.stage, 'review')
      assert.match(r1.json.events.at(-1).summary, /请求复查,由荷塘区复查,期限至\d{4}-\d{2}-\d{2}/)
      assert.ok(Date.parse(r1.json.deadline) > Date.now() + 29 * 86400000)
      assertProblem(assert, await d.get(`/api/v1/matters/${p.code}/reply.html`), 409)

      assert.equal((await admin.act(p.code, 'sign')).status, 200)
      assert.equal((await admin.act(p.code, 'resolve', { reply: '复查认为原处理意见恰当,予以维持。' })).status, 200)
      reply = await d.get(`/api/v1/matters/${p.code}/reply.html`)
      for (const part of ['信访事项复查意见书', '复查机关', '荷塘区', '予以维持', '30日内向株洲市请求复核'])
        assert.ok(reply.text().includes(part), part)

      // 复核 from the tracking page, by 查询码 as the petitioner types it.
      t = (await d.get(`/api/v1/track/${p.code}?token=${p.token}`)).json
      assert.equal(t.petition.request_action, 'recheck_request')
      assert.equal(t.petition.request_open, true)
      const asked = await d.post(`/api/v1/track/${p.code}/request?query_code=${p.query_code}`, { reason: '复查意见仍未解决问题' })
      assert.equal(asked.status, 200, asked.text())
      assert.equal(asked.json.petition.stage, 'recheck')
      assert.equal(asked.json.lead_unit, '株洲市')
      assert.equal(asked.json.timeline.at(-1).type, 'recheck_request')
      assert.equal(asked.json.timeline.at(-1).public_type_label, '请求复核')
      m = (await d.get(`/api/v1/matters/${p.code}`)).json
      assert.equal(m.events.at(-1).actor_label, '反映人(群众)')

      assert.equal((await admin.act(p.code, 'sign')).status, 200)
      assert.equal((await admin.act(p.code, 'resolve', { reply: '复核认为复查意见正确,予以维持。' })).status, 200)
      reply = await d.get(`/api/v1/matters/${p.code}/reply.html`)
      assert.ok(reply.text().includes('信访事项复核意见书') && reply.text().includes('最终意见'))
      m = (await d.get(`/api/v1/matters/${p.code}`)).json
      assert.equal(m.petition.request_action, null)
      assert.ok(!m.available_actions.some((a) => a.endsWith('_request') && a !== 'extend_request'))
      assertProblem(assert, await d.act(p.code, 'recheck_request', { reason: '仍不服' }), 409)
      const pub = await d.post(`/api/v1/track/${p.code}/request?token=${p.token}`, { reason: '仍不服' })
      assertProblem(assert, pub, 409)
      assert.match(pub.json.detail, /最终意见/)

      const v = huiyin(['audit', 'verify', '--db', ctx.db.url])
      assert.equal(v.status, 0, v.stderr + v.stdout)
    })

    test('the unit complained about reads neither name nor phone in the documents', async () => {
      const p = await answered()
      const page = (await cgj.get(`/api/v1/matters/${p.code}`)).json
      assert.equal(page.reporter.withheld, true)
      for (const doc of ['notice.html', 'reply.html']) {
        const r = await cgj.get(`/api/v1/matters/${p.code}/${doc}`)
        assert.equal(r.status, 200, r.text())
        assert.ok(!r.text().includes('李四'), `${doc}: no name`)
        assert.ok(!r.text().includes('13912345678'), `${doc}: no phone`)
        assert.match(r.text(), /不予显示/)
      }
      // Nor does it issue the notice for the office.
      assert.equal((await d.get(`/api/v1/matters/${p.code}`)).json.petition.notice_issued_at, null)
    })

    // The tests below move times in the database (rows the audit chain then no longer matches).
    test('notice_overdue=true lists the petitions past 15 days without a notice, on the list and the ledger', async () => {
      const late = await petition('违章搭建占用消防通道')
      const issued = await petition('噪音扰民')
      assert.equal((await d.get(`/api/v1/matters/${issued.code}/notice.html`)).status, 200)
      // Both received 16 days ago (the notice of `issued` was given, late or not).
      const past = Math.floor(Date.now() / 1000) - 86400
      for (const c of [late.code, issued.code]) rawSql(ctx.db, `UPDATE matters SET acknowledge_due = ${past} WHERE code = '${c}'`)
      const list = await d.get('/api/v1/matters?notice_overdue=true&limit=100')
      assert.equal(list.status, 200, list.text())
      const codes = list.json.items.map((i) => i.code)
      assert.ok(codes.includes(late.code))
      assert.ok(!codes.includes(issued.code))
      assert.ok(list.json.items.every((i) => i.channel === 'petition'))
      assert.equal((await d.get(`/api/v1/matters/${late.code}`)).json.petition.notice_overdue, true)
      const rest = (await d.get('/api/v1/matters?notice_overdue=false&limit=100')).json.items.map((i) => i.code)
      assert.ok(rest.includes(issued.code) && !rest.includes(late.code))
      assertProblem(assert, await d.get('/api/v1/matters?notice_overdue=maybe'), 422, { field: 'notice_overdue' })

      const xlsx = await d.get('/api/v1/ledger.xlsx?notice_overdue=true')
      assert.equal(xlsx.status, 200)
      const rows = sheetRows(xlsx.buf).flat()
      assert.ok(rows.includes(late.code), 'the ledger lists it')
      assert.ok(!rows.includes(issued.code))
      assert.equal((await other.get('/api/v1/matters?notice_overdue=true')).json.items.length, 0)

      assert.equal((await d.get(`/api/v1/matters/${late.code}/notice.html`)).status, 200)
      assert.ok(!(await d.get('/api/v1/matters?notice_overdue=true&limit=100')).json.items.some((i) => i.code === late.code))
    })

    test('a request after 30 days is refused', async () => {
      const p = await answered()
      const old = Math.floor(Date.now() / 1000) - 32 * 86400
      rawSql(ctx.db, `UPDATE matters SET resolved_at = ${old} WHERE code = '${p.code}'`)
      const m = (await d.get(`/api/v1/matters/${p.code}`)).json
      assert.equal(m.petition.request_open, false)
      assert.ok(!m.available_actions.includes('review_request'))
      const late = await d.act(p.code, 'review_request', { reason: '不服' })
      assertProblem(assert, late, 409)
      assert.match(late.json.detail, /30日/)
      assertProblem(assert, await d.post(`/api/v1/track/${p.code}/request?token=${p.token}`, { reason: '不服' }), 409)
    })
  })
}
