// Field records over HTTP (the contract of POST /api/v1/records): a 走访调研 visit with its
// matters, each raised through the one intake path with the record as its source; a retry with
// the same Idempotency-Key makes nothing twice; another district neither reads nor lists it;
// bad input names its field and stores nothing; the chain still verifies.
import { describe, test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { BACKENDS, ORGS, setup, loginAs, assertProblem, huiyin } from './lib.mjs'

const visit = (matters = 3) => ({
  kind: 'visit',
  method: 'unannounced',
  date: '2026-11-30',
  place: { org: ORGS.street, address: '月塘街道建设路社区' },
  leaders: ['dispatcher', { name: '王五', post: '街道办主任' }],
  participants: [{ name: '李四', post: '社区书记' }],
  units: [ORGS.districtDept],
  topic: '老旧小区改造四不两直走访',
  summary: '走访三个小区,现场发现问题',
  counts: { attendees: 8 },
  matters: Array.from({ length: matters }, (_, i) => ({
    title: `楼道灯不亮${i + 1}`,
    content: '3栋楼道灯坏了一个月,老人晚上下楼不便',
  })),
})

for (const backend of BACKENDS) {
  describe(`field records (${backend})`, () => {
    let ctx, d, other
    before(async () => {
      ctx = await setup(backend, 'records')
      d = await loginAs(ctx.base, 'dispatcher')
      other = await loginAs(ctx.base, 'dispatcher_other')
    })
    after(async () => { await ctx?.teardown() })

    test('a visit with three problems answers its code and three matter codes', async () => {
      const r = await d.post('/api/v1/records', visit(3), { headers: { 'idempotency-key': 'visit-http-1' } })
      assert.equal(r.status, 201, r.text())
      assert.match(r.json.code, /^ZZ-ZF-\d{8}-\d{4}$/)
      assert.equal(r.json.matters.length, 3)
      for (const { code } of r.json.matters) {
        const m = await d.get(`/api/v1/matters/${code}`)
        assert.equal(m.status, 200, m.text())
        assert.deepEqual(m.json.source, { kind: 'visit', code: r.json.code })
        assert.equal(m.json.channel, 'visit')
      }
      const rec = await d.get(`/api/v1/records/${r.json.code}`)
      assert.equal(rec.status, 200, rec.text())
      assert.equal(rec.json.kind_label, '走访调研')
      assert.equal(rec.json.method_label, '四不两直暗访')
      assert.equal(rec.json.place.org, ORGS.street)
      assert.deepEqual(rec.json.leaders.map((p) => p.name).length, 2)
      assert.equal(rec.json.leaders[0].username, 'dispatcher')
      assert.deepEqual(rec.json.units.map((u) => u.code), [ORGS.districtDept])
      assert.deepEqual(rec.json.matters.map((m) => m.code), r.json.matters.map((m) => m.code))
      assert.deepEqual(rec.json.events.map((e) => e.type), ['record_create'])

      // The retry answers the same codes and makes nothing new.
      const again = await d.post('/api/v1/records', visit(3), { headers: { 'idempotency-key': 'visit-http-1' } })
      assert.equal(again.status, 201, again.text())
      assert.deepEqual(again.json, r.json)
      const list = await d.get('/api/v1/records?kind=visit')
      assert.equal(list.status, 200)
      assert.equal(list.json.items.filter((x) => x.topic === visit().topic).length, 1)
    })

    test('another district neither reads nor lists the record', async () => {
      const r = await d.post('/api/v1/records', visit(1))
      assert.equal(r.status, 201, r.text())
      assert.equal((await other.get(`/api/v1/records/${r.json.code}`)).status, 404)
      const list = await other.get('/api/v1/records')
      assert.equal(list.status, 200)
      assert.ok(!list.json.items.some((x) => x.code === r.json.code))
    })

    test('bad input names the field and stores nothing', async () => {
      const before = (await d.get('/api/v1/records')).json.items.length
      assertProblem(assert, await d.post('/api/v1/records', { ...visit(1), method: 'teleport' }), 422, { field: 'method' })
      assertProblem(assert, await d.post('/api/v1/records', { ...visit(1), place: { org: '999999' } }), 422, { field: 'place.org' })
      const noTitle = visit(1)
      noTitle.matters[0].title = ''
      assertProblem(assert, await d.post('/api/v1/records', noTitle), 422, { field: 'matters[0].title' })
      assertProblem(assert, await d.post('/api/v1/records', { ...visit(1), counts: { batches: 3 } }), 422, { field: 'counts.batches' })
      assert.equal((await d.get('/api/v1/records')).json.items.length, before)
    })

    test('a decision on the spot is a measure the record owns', async () => {
      const r = await d.post('/api/v1/records', visit(0))
      assert.equal(r.status, 201, r.text())
      const m = await d.post(`/api/v1/records/${r.json.code}/measures`, { content: '两周内完成楼道灯改造', owner_org: ORGS.districtDept, deadline: '2026-12-15' })
      assert.equal(m.status, 201, m.text())
      assert.equal(m.json.owner.code, ORGS.districtDept)
      const rec = await d.get(`/api/v1/records/${r.json.code}`)
      assert.deepEqual(rec.json.measures.map((x) => x.content), ['两周内完成楼道灯改造'])
      assert.deepEqual(rec.json.events.map((e) => e.type), ['record_create', 'measure_add'])
      assertProblem(assert, await d.post(`/api/v1/records/${r.json.code}/measures`, { content: '' }), 422, { field: 'content' })
      assert.equal((await other.post(`/api/v1/records/${r.json.code}/measures`, { content: '越权' })).status, 404)
    })

    test('every kind of the contract is in the codes with its channel and fields', async () => {
      const codes = await d.get('/api/v1/codes')
      assert.equal(codes.status, 200)
      const kinds = Object.fromEntries(codes.json.record_kinds.map((k) => [k.code, k]))
      assert.deepEqual(Object.fromEntries(Object.values(kinds).map((k) => [k.code, k.channel])), {
        visit: 'visit', reception: 'petition', onsite_office: 'onsite_office', night_talk: 'night_talk',
        process_walk: 'process_walk', patrol: 'patrol', joint_inspection: 'patrol', joint_meeting: 'joint_meeting',
      })
      assert.deepEqual(codes.json.reception_methods.map((m) => m.code), ['leader_down', 'regular', 'appointment', 'home_visit'])
      assert.equal(codes.json.visit_methods.length, 7)
      assert.ok(codes.json.channels.some((c) => c.code === 'joint_meeting' && c.label === '联席会议'))
      const walk = Object.fromEntries(kinds.process_walk.fields.map((f) => [f.code, f]))
      assert.equal(walk.steps.required, true)
      assert.equal(walk.topic.required, true)
      assert.deepEqual(walk.role.choices.map((c) => c.code), ['citizen', 'enterprise'])
      assert.deepEqual(kinds.reception.counts.map((c) => [c.code, c.required]), [['batches', true], ['persons', true]])
    })

    test('a reception with a group visit: petitions on the petition channel, 批次 and 人次 checked', async () => {
      const body = {
        kind: 'reception', method: 'leader_down', date: '2026-11-30', place: { org: ORGS.district, address: '荷塘区来访接待中心' },
        leaders: ['leader'], topic: '领导下访接待日', counts: { batches: 2, persons: 9 },
        matters: [
          { title: '楼盘逾期交房', content: '业主反映楼盘逾期一年未交房', group: { persons: 8, representatives: 5 } },
          { title: '工资拖欠', content: '农民工反映工资拖欠五个月' },
        ],
      }
      assertProblem(assert, await d.post('/api/v1/records', { ...body, counts: { batches: 1, persons: 9 } }), 422, { field: 'counts.batches' })
      assertProblem(assert, await d.post('/api/v1/records', { ...body, counts: { batches: 2, persons: 8 } }), 422, { field: 'counts.persons' })
      const six = structuredClone(body)
      six.matters[0].group.representatives = 6
      assertProblem(assert, await d.post('/api/v1/records', six), 422, { field: 'matters[0].group.representatives' })
      const r = await d.post('/api/v1/records', body)
      assert.equal(r.status, 201, r.text())
      assert.match(r.json.code, /^ZZ-JF-/)
      for (const { code } of r.json.matters) {
        const m = await d.get(`/api/v1/matters/${code}`)
        assert.equal(m.json.channel, 'petition')
        assert.deepEqual(m.json.source, { kind: 'reception', code: r.json.code })
      }
      const rec = await d.get(`/api/v1/records/${r.json.code}`)
      assert.deepEqual(rec.json.counts, { batches: 2, persons: 9 })
      assert.deepEqual(rec.json.matters[0].group, { persons: 8, representatives: 5 })
    })

    test('matters decided on the spot are assigned in their intake, once', async () => {
      const deadline = new Date(Date.now() + 20 * 86400e3).toISOString().slice(0, 10)
      const body = {
        kind: 'night_talk', date: '2026-11-30', place: { org: ORGS.street, address: '月塘社区' },
        leaders: [{ name: '谭书记', post: '社区党委书记' }], topic: '月塘社区夜话家常', counts: { attendees: 20 },
        detail: { hosts: '社区两委' },
        matters: [
          { title: '路灯不亮', content: '3栋路灯坏了半个月', lead_org: ORGS.districtDept, handling_class: 'immediate', deadline, responsible: { name: '王主任', post: '居委会主任' } },
          { title: '缺少活动场地', content: '老人下午没有地方活动', lead_org: ORGS.districtDept, responsible: 'handler_zjj' },
        ],
      }
      const noOne = structuredClone(body)
      delete noOne.matters[1].responsible
      assertProblem(assert, await d.post('/api/v1/records', noOne), 422, { field: 'matters[1].responsible' })
      const r = await d.post('/api/v1/records', body, { headers: { 'idempotency-key': 'night-1' } })
      assert.equal(r.status, 201, r.text())
      const m = await d.get(`/api/v1/matters/${r.json.matters[0].code}`)
      assert.equal(m.json.status.code ?? m.json.status, 'assigned')
      assert.equal(m.json.lead_org.code, ORGS.districtDept)
      assert.equal(m.json.deadline.slice(0, 10) <= deadline, true)
      assert.equal(m.json.area.code, ORGS.street)  // area defaults to place.org
      assert.equal(m.json.channel, 'night_talk')
      const again = await d.post('/api/v1/records', body, { headers: { 'idempotency-key': 'night-1' } })
      assert.deepEqual(again.json, r.json)
      const list = await d.get('/api/v1/records?kind=night_talk')
      assert.equal(list.json.items.length, 1)
      const rec = await d.get(`/api/v1/records/${r.json.code}`)
      assert.equal(rec.json.matters.length, 2)
      assert.equal(rec.json.matters[0].responsible.name, '王主任')
      assert.equal(rec.json.matters[1].responsible.username, 'handler_zjj')
      assert.equal(rec.json.matters[1].lead_org.code, ORGS.districtDept)
      assert.equal(rec.json.detail.hosts, '社区两委')
      // Another district's dispatcher cannot assign here.
      const outside = { ...body, place: { org: ORGS.otherDistrict }, matters: [{ ...body.matters[0] }] }
      assertProblem(assert, await other.post('/api/v1/records', outside), 403, { field: 'matters[0].lead_org' })
    })

    test('an on-site office meeting: decisions with owner and deadline, tracked to done', async () => {
      const body = {
        kind: 'onsite_office', date: '2026-11-30', place: { org: ORGS.district, address: '文化路' }, leaders: ['dispatcher'],
        topic: '背街小巷整治现场办公', decisions: [{ content: '一个月内线缆入管', owner_org: ORGS.districtDept, deadline: '2026-12-30' }],
      }
      assertProblem(assert, await d.post('/api/v1/records', { ...body, decisions: [{ content: '无时限', owner_org: ORGS.districtDept }] }), 422, { field: 'decisions[0].deadline' })
      const r = await d.post('/api/v1/records', body)
      assert.equal(r.status, 201, r.text())
      const rec = await d.get(`/api/v1/records/${r.json.code}`)
      assert.equal(rec.json.measures.length, 1)
      const ms = rec.json.measures[0]
      assert.equal(ms.owner.code, ORGS.districtDept)
      assert.equal((await d.patch(`/api/v1/records/${r.json.code}/measures/${ms.id}`, { status: 'done' })).status, 428)
      const done = await d.patch(`/api/v1/records/${r.json.code}/measures/${ms.id}`, { status: 'done' }, { headers: { 'if-match': `"${ms.version}"` } })
      assert.equal(done.status, 200, done.text())
      assert.equal(done.json.status, 'done')
      assert.equal(done.json.progress, 100)
    })

    test('a process walk, a patrol, a joint inspection and a joint meeting keep their own fields', async () => {
      const base = { date: '2026-11-30', place: { org: ORGS.district, address: '区政务服务中心' }, leaders: ['dispatcher'], topic: '记录' }
      const walk = await d.post('/api/v1/records', { ...base, kind: 'process_walk', item: '不动产登记', role: 'citizen', steps: [{ name: '取号', minutes: 40 }, { name: '受理', minutes: 30 }], matters: [{ title: '等候太久', content: '取号后等了40分钟' }] })
      assert.equal(walk.status, 201, walk.text())
      const w = await d.get(`/api/v1/records/${walk.json.code}`)
      assert.equal(w.json.detail.item, '不动产登记')
      assert.equal(w.json.detail.steps_minutes, 70)
      assert.equal((await d.get(`/api/v1/matters/${walk.json.matters[0].code}`)).json.channel, 'process_walk')
      assertProblem(assert, await d.post('/api/v1/records', { ...base, kind: 'patrol', section: '枫溪港', start: '桥' }), 422, { field: 'end' })
      const insp = await d.post('/api/v1/records', { ...base, kind: 'joint_inspection', detail: { period: '第1轮', lead_dept: ORGS.districtDept, support_unit: ORGS.cgj } })
      assert.equal(insp.status, 201, insp.text())
      assert.equal((await d.get(`/api/v1/records/${insp.json.code}`)).json.detail.lead_dept.code, ORGS.districtDept)
      const meet = await d.post('/api/v1/records', { ...base, kind: 'joint_meeting', convener: ORGS.street, parties: [ORGS.street, { name: '业委会' }, { name: '物业' }], matters: [{ title: '维修资金', content: '维修资金申请慢' }] })
      assert.equal(meet.status, 201, meet.text())
      assert.equal((await d.get(`/api/v1/matters/${meet.json.matters[0].code}`)).json.channel, 'joint_meeting')
      assert.deepEqual((await d.get(`/api/v1/records/${meet.json.code}`)).json.detail.parties.map((p) => p.name), ['月塘街道', '业委会', '物业'])
    })

    test('the audit chain with record events verifies', async () => {
      const r = huiyin(['audit', 'verify', '--db', ctx.db.url])
      assert.equal(r.status, 0, r.stdout + r.stderr)
    })
  })
}
