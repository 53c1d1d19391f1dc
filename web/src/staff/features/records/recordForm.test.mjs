import { test } from 'node:test'
import assert from 'node:assert/strict'
import {
  MAX_REPRESENTATIVES, blankMatter, blankRecord, buildPayload, checkRecord, fieldFor, kindRules, placeProblem, placeRules,
  receptionMinimum, rotaPrefill, seriesPrefill, shownFields, titleOf, valueAt,
} from './recordForm.js'

// The kinds as GET /api/v1/codes lists them (the parts the form reads).
const common = (over = {}) => [
  { code: 'date', type: 'date', required: true }, { code: 'place', type: 'place', required: true },
  { code: 'leaders', type: 'people', required: true }, { code: 'topic', type: 'text', required: true },
  { code: 'participants', type: 'people', required: false }, { code: 'units', type: 'orgs', required: false },
  { code: 'summary', type: 'text', required: false }, { code: 'attachments', type: 'attachments', required: false },
  { code: 'matters', type: 'matters', required: false, item_requires: over.matters || [], group_visits: Boolean(over.group) },
  { code: 'decisions', type: 'decisions', required: false, ...(over.decisions ? { item_requires: over.decisions } : {}) },
]
const VISIT = {
  code: 'visit', label: '走访调研', method_required: true, counts: [{ code: 'attendees', label: '参加人数', required: false }],
  methods: [{ code: 'unannounced', label: '四不两直暗访' }, { code: 'random', label: '随机走访' }],
  fields: [...common(), { code: 'method', type: 'choice', required: true, choices: [{ code: 'unannounced', label: '四不两直暗访' }, { code: 'random', label: '随机走访' }] }],
}
const RECEPTION = {
  code: 'reception', label: '信访接待', method_required: true,
  counts: [{ code: 'batches', label: '接待批次', required: true }, { code: 'persons', label: '接待人次', required: true }],
  methods: [{ code: 'leader_down', label: '领导下访' }],
  fields: [...common({ group: true }), { code: 'method', type: 'choice', required: true, choices: [{ code: 'leader_down', label: '领导下访' }] }],
}
const NIGHT = {
  code: 'night_talk', label: '夜话家常', method_required: false, counts: [{ code: 'attendees', label: '参加群众人数', required: true }], methods: [],
  fields: [...common({ matters: ['lead_org', 'responsible'] }), { code: 'hosts', label: '主持(社区两委)', type: 'text', required: false }],
}
const WALK = {
  code: 'process_walk', label: '一把手走流程', method_required: false, counts: [], methods: [],
  fields: [...common(), { code: 'item', label: '所走事项', type: 'text', required: true },
    { code: 'role', label: '扮演身份', type: 'choice', required: true, choices: [{ code: 'citizen', label: '群众' }] },
    { code: 'steps', label: '办理环节及用时', type: 'steps', required: true }],
}
const MEETING = {
  code: 'joint_meeting', label: '联席会议', method_required: false, counts: [], methods: [],
  fields: [...common({ decisions: ['owner_org', 'deadline'] }), { code: 'convener', label: '召集单位', type: 'org', required: true },
    { code: 'parties', label: '参会各方', type: 'orgs', required: true }],
}
const ME = { username: 'collector', display_name: '谭小红' }

const visit = () => {
  const s = blankRecord(VISIT, { me: ME, place: '430202001001', date: '2026-12-02' })
  s.method = 'random'
  s.topic = '走访泰山苑小区'
  return s
}

test('a new record is led by the user, in the user’s area, on the given day, with the kind’s counts and fields', () => {
  const s = blankRecord(WALK, { me: ME, place: '430202', date: '2026-12-02' })
  assert.deepEqual(s.leaders.map((l) => l.username), ['collector'])
  assert.equal(s.place.org, '430202')
  assert.equal(s.date, '2026-12-02')
  assert.deepEqual(Object.keys(s.fields), ['item', 'role', 'steps'])
  assert.deepEqual(s.fields.steps, [{ name: '', minutes: '' }])
  assert.deepEqual(Object.keys(blankRecord(RECEPTION, {}).counts), ['batches', 'persons'])
})

test('a visit needs only 方式 and 主题 beyond what comes filled in, and each matter its description', () => {
  const s = blankRecord(VISIT, { me: ME, place: '430202001001', date: '2026-12-02' })
  assert.deepEqual(Object.keys(checkRecord(s, VISIT)).sort(), ['method', 'topic'])
  s.method = 'random'
  s.topic = '走访'
  s.matters.push(blankMatter())
  assert.deepEqual(checkRecord(s, VISIT), { 'matters[0].content': '请填写问题描述' })
  s.matters[0].content = '路灯坏了'
  assert.deepEqual(checkRecord(s, VISIT), {})
})

test('the payload: leaders as usernames or {name, post}, matters titled from their description, photos beside by index', () => {
  const s = visit()
  s.leaders.push({ username: '', name: '王强', post: '街道办主任' })
  const photo = { name: 'p.jpg' }
  s.photos = [{ name: 'r.jpg' }]
  s.matters.push({ ...blankMatter(), content: '3栋门口路灯不亮。晚上出行不便', photos: [photo] })
  s.matters.push({ ...blankMatter(), title: '垃圾站满溢', content: '垃圾站两天没清运', assign: true, lead_org: '430200-CGJ', deadline: '2026-12-09' })
  s.matters.push({ ...blankMatter(), content: '楼道堆放杂物', lead_org: '430200-CGJ' }) // not assigned: the unit is dropped
  const { payload, photos, matterPhotos } = buildPayload(s, VISIT)
  assert.deepEqual(payload.leaders, ['collector', { name: '王强', post: '街道办主任' }])
  assert.equal(payload.method, 'random')
  assert.deepEqual(payload.place, { org: '430202001001' })
  assert.equal(payload.matters[0].title, '3栋门口路灯不亮')
  assert.equal(payload.matters[1].title, '垃圾站满溢')
  assert.deepEqual([payload.matters[1].lead_org, payload.matters[1].deadline], ['430200-CGJ', '2026-12-09'])
  assert.equal(payload.matters[2].lead_org, undefined)
  assert.equal(payload.counts, undefined, 'no count typed, none sent')
  assert.equal(payload.decisions, undefined)
  assert.deepEqual(photos, [{ name: 'r.jpg' }])
  assert.deepEqual(matterPhotos, [photo, null, null])
})

test('a long first clause makes a title of 20 characters', () => {
  assert.equal(titleOf({ title: '', content: '一二三四五六七八九十一二三四五六七八九十一二三' }), '一二三四五六七八九十一二三四五六七八九十…')
  assert.equal(titleOf({ title: '  自拟标题 ', content: 'x' }), '自拟标题')
  assert.equal(titleOf({ title: '', content: '市场东门排水沟堵塞,雨天污水漫到路面。' }), '市场东门排水沟堵塞', 'up to the first comma')
  assert.equal(titleOf({ title: '', content: '因为下雨,路面积水严重' }), '因为下雨,路面积水严重', 'a clause too short to say anything keeps the sentence')
})

test('a group visit sends at most 5 representatives: 6 is refused before sending, under its field', () => {
  const s = blankRecord(RECEPTION, { me: ME, place: '430202', date: '2026-12-02' })
  Object.assign(s, { method: 'leader_down', topic: '接访', counts: { batches: '3', persons: '35' } })
  s.matters.push({ ...blankMatter(), content: '小区业主集体反映停车难', isGroup: true, group: { persons: '30', representatives: '6' } })
  assert.equal(MAX_REPRESENTATIVES, 5)
  assert.deepEqual(checkRecord(s, RECEPTION), { 'matters[0].group.representatives': '集体访应推选1至5名代表' })
  s.matters[0].group.representatives = '5'
  assert.deepEqual(checkRecord(s, RECEPTION), {})
  const { payload } = buildPayload(s, RECEPTION)
  assert.deepEqual(payload.counts, { batches: 3, persons: 35 })
  assert.deepEqual(payload.matters[0].group, { persons: 30, representatives: 5 })
  s.matters.push({ ...blankMatter(), content: '个人反映' })
  assert.deepEqual(receptionMinimum(s), { batches: 2, persons: 31 })
  s.counts.batches = ''
  assert.equal(checkRecord(s, RECEPTION)['counts.batches'], '请填写接待批次')
})

test('a group visit is only sent where the kind has them', () => {
  const s = visit()
  s.matters.push({ ...blankMatter(), content: 'x', isGroup: true, group: { persons: '30', representatives: '9' } })
  assert.deepEqual(checkRecord(s, VISIT), {})
  assert.equal(buildPayload(s, VISIT).payload.matters[0].group, undefined)
})

test('a night talk item needs its unit and person responsible, and sends them', () => {
  const s = blankRecord(NIGHT, { me: ME, place: '430202001001', date: '2026-12-02' })
  Object.assign(s, { topic: '夜话家常', counts: { attendees: '26' } })
  s.fields.hosts = '社区书记'
  s.matters.push({ ...blankMatter(), content: '健身器材损坏' })
  assert.deepEqual(checkRecord(s, NIGHT), { 'matters[0].lead_org': '每个事项须明确责任单位', 'matters[0].responsible': '每个事项须明确责任人(责任到人)' })
  Object.assign(s.matters[0], { lead_org: '430200-CGJ', responsible: { name: '张伟', post: '科长' } })
  assert.deepEqual(checkRecord(s, NIGHT), {})
  const { payload } = buildPayload(s, NIGHT)
  assert.deepEqual(payload.matters[0].responsible, { name: '张伟', post: '科长' })
  assert.equal(payload.matters[0].lead_org, '430200-CGJ', 'the unit goes without 现场交办 being ticked')
  assert.deepEqual(payload.detail, { hosts: '社区书记' })
  assert.deepEqual(payload.counts, { attendees: 26 })
})

test('a process walk sends its steps as {name, minutes}; a half-typed step is caught', () => {
  const s = blankRecord(WALK, { me: ME, place: '430202', date: '2026-12-02' })
  Object.assign(s, { topic: '走企业开办流程' })
  assert.deepEqual(checkRecord(s, WALK), { item: '请填写所走事项', role: '请选择扮演身份', steps: '请填写办理环节及用时' })
  Object.assign(s.fields, { item: '企业开办', role: 'citizen', steps: [{ name: '网上申报', minutes: '25' }, { name: '窗口领照', minutes: '' }, { name: '', minutes: '' }] })
  assert.deepEqual(checkRecord(s, WALK), { 'steps[1].minutes': '请填写用时(分钟)' })
  s.fields.steps[1].minutes = '40'
  assert.deepEqual(buildPayload(s, WALK).payload.detail, { item: '企业开办', role: 'citizen', steps: [{ name: '网上申报', minutes: 25 }, { name: '窗口领照', minutes: 40 }] })
})

test('a joint meeting: its parties are org codes and named units; each decision needs owner and deadline', () => {
  const s = blankRecord(MEETING, { me: ME, place: '430202', date: '2026-12-02' })
  Object.assign(s, { topic: '老旧小区加装电梯联席会议' })
  s.fields.convener = '430202001'
  s.fields.parties = { orgs: ['430202001', '430200-ZJJ'], others: '业委会、物业公司' }
  s.decisions.push({ content: '制定加装电梯方案', owner_org: '', deadline: '' })
  assert.deepEqual(checkRecord(s, MEETING), { 'decisions[0].owner_org': '请填写责任单位', 'decisions[0].deadline': '请填写完成时限' })
  Object.assign(s.decisions[0], { owner_org: '430200-ZJJ', deadline: '2026-12-31' })
  const { payload } = buildPayload(s, MEETING)
  assert.deepEqual(payload.detail.parties, ['430202001', '430200-ZJJ', { name: '业委会' }, { name: '物业公司' }])
  assert.deepEqual(payload.decisions, [{ content: '制定加装电梯方案', owner_org: '430200-ZJJ', deadline: '2026-12-31' }])
  assert.deepEqual(kindRules(MEETING).decisionNeeds, ['owner_org', 'deadline'])
})

test('a server field lands on the field the form shows for it, or its nearest shown parent', () => {
  const s = visit()
  s.matters.push(blankMatter(), blankMatter())
  const shown = shownFields(s, VISIT)
  assert.equal(fieldFor('matters[1].group.representatives', shownFields({ ...s }, RECEPTION)), 'matters[1].group.representatives')
  assert.equal(fieldFor('matters[1].responsible.name', shown), 'matters[1].responsible')
  assert.equal(fieldFor('matters[0].contact.phone', shown), 'matters[0].contact')
  assert.equal(fieldFor('leaders[2]', shown), 'leaders')
  assert.equal(fieldFor('counts.attendees', shown), 'counts.attendees')
  assert.equal(fieldFor('place.org', shown), 'place.org')
  assert.equal(fieldFor('matters[1].group', shown), 'matters[1].group.persons')
  assert.equal(fieldFor('Idempotency-Key', shown), '')
  assert.equal(fieldFor('detail.item', shownFields(blankRecord(WALK, {}), WALK)), 'item')
  const p = placeProblem({ status: 422, detail: '联系电话格式不正确', field: 'matters[0].contact.phone' }, shown)
  assert.equal(p.field, 'matters[0].contact')
})

test('a field in error is found in the state by its path', () => {
  const s = visit()
  s.matters.push({ ...blankMatter(), content: '路灯', group: { persons: '30', representatives: '6' } })
  assert.equal(valueAt(s, 'matters[0].group.representatives'), '6')
  assert.equal(valueAt(s, 'place.org'), '430202001001')
  assert.equal(valueAt(s, 'topic'), '走访泰山苑小区')
  const w = blankRecord(WALK, {})
  w.fields.item = '企业开办'
  assert.equal(valueAt(w, 'item'), '企业开办')
  assert.equal(valueAt(w, 'steps[0].minutes'), '')
})

test('the places a user may record in: their own area and below; a city-wide role anywhere', () => {
  const orgs = [
    { code: '430200', kind: 'area', parent: null }, { code: '430202', kind: 'area', parent: '430200' },
    { code: '430202001', kind: 'area', parent: '430202' }, { code: '430202001001', kind: 'area', parent: '430202001' },
    { code: '430203', kind: 'area', parent: '430200' }, { code: '430200-CGJ', kind: 'department', parent: '430200' },
  ]
  const collector = placeRules(orgs, { roles: [{ role: 'collector', org: { code: '430202001001' } }] })
  assert.equal(collector.home, '430202001001')
  assert.deepEqual(orgs.filter(collector.allowed).map((o) => o.code), ['430202001001'])
  const district = placeRules(orgs, { roles: [{ role: 'dispatcher', org: { code: '430202' } }] })
  assert.deepEqual(orgs.filter(district.allowed).map((o) => o.code), ['430202', '430202001', '430202001001'])
  const leader = placeRules(orgs, { roles: [{ role: 'leader', org: { code: '430200' } }] })
  assert.equal(leader.home, '430200')
  assert.deepEqual(orgs.filter(leader.allowed).map((o) => o.code), ['430200', '430202', '430202001', '430202001001', '430203'])
  const handler = placeRules(orgs, { roles: [{ role: 'handler', org: { code: '430200-CGJ' } }] })
  assert.equal(handler.home, '', 'a department is no place; the area above it is outside its scope')
  assert.deepEqual(orgs.filter(handler.allowed), [])
})

test('a rota prefills the period, lead and supporting unit of the record\'s date', () => {
  const lead = (code) => ({ code, name: code })
  const rota = {
    support: lead('430200-GAJ'), route: '主次干道',
    periods: [{ period: '2026年第47周', from: '2026-11-16', to: '2026-11-22', lead: lead('A') }],
    current: { period: '2026年第48周', from: '2026-11-23', to: '2026-11-29', lead: lead('B') },
    next: { period: '2026年第49周', from: '2026-11-30', to: '2026-12-06', lead: lead('C') },
  }
  assert.deepEqual(rotaPrefill(rota, '2026-11-24'), { support_unit: '430200-GAJ', route: '主次干道', period: '2026年第48周', lead_dept: 'B' })
  assert.equal(rotaPrefill(rota, '2026-11-18').lead_dept, 'A')
  assert.equal(rotaPrefill(rota, '2026-01-01').lead_dept, undefined)
  assert.deepEqual(rotaPrefill(null, '2026-11-24'), {})
})

test('a continued meeting takes the convener and parties of the earlier one', () => {
  const r = { detail: { convener: { code: '430202001', name: '月塘街道' }, parties: [{ code: '430202001', name: '月塘街道' }, { name: '业委会' }, { name: '物业公司' }] } }
  assert.deepEqual(seriesPrefill(r), { convener: '430202001', parties: { orgs: ['430202001'], others: '业委会、物业公司' } })
  assert.deepEqual(seriesPrefill({}), {})
})
