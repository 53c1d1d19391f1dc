// The state of the 记录工作 form and what it sends, as plain functions (tested in
// recordForm.test.mjs): a blank record for a kind as GET /codes declares it, the checks made
// before sending (the server's own rules, so nothing is sent that it would refuse for these),
// the POST /api/v1/records body with the photos beside it in the order the offline queue
// expects, and where a field path the server names lands on the form.

// The fields every kind has (GET /codes lists them first); the rest of a kind's fields are its own.
export const COMMON_FIELDS = ['date', 'place', 'leaders', 'topic', 'participants', 'units', 'summary', 'attachments', 'matters', 'decisions', 'method']

// A group visit (集体访) sends at most this many representatives (信访工作条例 第二十条).
export const MAX_REPRESENTATIVES = 5
export const GROUP_RULE = `集体访推选代表不超过${MAX_REPRESENTATIVES}人(《信访工作条例》第二十条)`

const TITLE_CHARS = 20
let seq = 0
const key = () => `k${++seq}`

// What the form needs of a kind from GET /codes: its method choices, counts, own fields, and
// what each matter and decision must carry.
export function kindRules(kind) {
  const fields = kind?.fields || []
  const by = (c) => fields.find((f) => f.code === c) || {}
  const matters = by('matters')
  const decisions = by('decisions')
  const method = by('method')
  return {
    methods: method.choices || kind?.methods || [],
    methodRequired: Boolean(method.required ?? kind?.method_required),
    counts: kind?.counts || [],
    own: fields.filter((f) => !COMMON_FIELDS.includes(f.code)),
    matterNeeds: matters.item_requires || [],
    groupVisits: Boolean(matters.group_visits),
    decisionNeeds: decisions.item_requires || [],
  }
}

// The empty value of a kind's own field, by its type.
export function blankField(f) {
  if (f.type === 'orgs') return { orgs: [], others: '' }
  if (f.type === 'steps') return [{ name: '', minutes: '' }]
  return ''
}

export function blankMatter() {
  return { key: key(), title: '', content: '', photos: [], category: '', contact: { name: '', phone: '' }, more: false,
    assign: false, lead_org: '', deadline: '', responsible: { name: '', post: '' }, isGroup: false, group: { persons: '', representatives: '' } }
}

export const blankDecision = () => ({ key: key(), content: '', owner_org: '', deadline: '' })
export const blankPerson = () => ({ key: key(), username: '', name: '', post: '' })

// A new record of `kind` on `date`: the place is the user's own area and the user leads it.
export function blankRecord(kind, { me, place = '', date = '' } = {}) {
  const r = kindRules(kind)
  return {
    kind: kind?.code || '',
    method: '',
    date,
    place: { org: place, address: '' },
    leaders: me ? [{ key: key(), username: me.username, name: me.display_name || me.username, post: '' }] : [],
    topic: '',
    counts: Object.fromEntries(r.counts.map((c) => [c.code, ''])),
    fields: Object.fromEntries(r.own.map((f) => [f.code, blankField(f)])),
    summary: '',
    participants: [],
    units: [],
    photos: [],
    matters: [],
    decisions: [],
  }
}

// A matter's title when none is typed: the description's first clause (up to its first comma
// when that says enough), at most 20 characters.
export function titleOf(m) {
  const t = (m.title || '').trim()
  if (t) return t
  const sentence = (m.content || '').trim().split(/[。;;!!??\n]/)[0].trim()
  const clause = sentence.split(/[,,、]/)[0].trim()
  const first = clause.length >= 6 ? clause : sentence
  return first.length > TITLE_CHARS ? `${first.slice(0, TITLE_CHARS)}…` : first
}

const text = (s) => String(s ?? '').trim()
const given = (v) => v !== '' && v !== null && v !== undefined
const int = (v) => (given(v) && /^\d+$/.test(String(v).trim()) ? Number(v) : NaN)

function person(p) {
  if (p.username) return p.post?.trim() ? { username: p.username, post: p.post.trim() } : p.username
  return { name: text(p.name), post: text(p.post) }
}

function ownValue(f, v) {
  if (f.type === 'orgs') {
    const named = text(v?.others).split(/[、,,;;\n]+/).map((s) => s.trim()).filter(Boolean).map((name) => ({ name }))
    return [...(v?.orgs || []), ...named]
  }
  if (f.type === 'steps')
    return (v || []).filter((s) => text(s.name) || given(s.minutes)).map((s) => ({ name: text(s.name), minutes: int(s.minutes) }))
  return text(v)
}

// The POST /api/v1/records body, and the photos the queue uploads beside it: `photos` for the
// record, `matterPhotos[i]` (or null) for the i-th matter.
export function buildPayload(state, kind) {
  const r = kindRules(kind)
  const body = { kind: state.kind, date: state.date, place: { org: state.place.org }, leaders: state.leaders.map(person), topic: text(state.topic) }
  if (state.method) body.method = state.method
  if (text(state.place.address)) body.place.address = text(state.place.address)
  if (text(state.summary)) body.summary = text(state.summary)
  if (state.participants.length) body.participants = state.participants.map(person)
  if (state.units.length) body.units = [...state.units]
  const counts = {}
  for (const c of r.counts) if (given(state.counts[c.code])) counts[c.code] = int(state.counts[c.code])
  if (Object.keys(counts).length) body.counts = counts
  const detail = {}
  for (const f of r.own) {
    const v = ownValue(f, state.fields[f.code])
    if (Array.isArray(v) ? v.length : v) detail[f.code] = v
  }
  if (Object.keys(detail).length) body.detail = detail
  if (state.matters.length)
    body.matters = state.matters.map((m) => {
      const o = { title: titleOf(m), content: text(m.content) }
      if (m.category) o.category = m.category
      if (text(m.contact.name) || text(m.contact.phone)) o.contact = { name: text(m.contact.name), phone: text(m.contact.phone) }
      if ((m.assign || r.matterNeeds.includes('lead_org')) && m.lead_org) {
        o.lead_org = m.lead_org
        if (m.deadline) o.deadline = m.deadline
      }
      if (r.matterNeeds.includes('responsible') && (text(m.responsible.name) || m.responsible.username)) o.responsible = person(m.responsible)
      if (r.groupVisits && m.isGroup) o.group = { persons: int(m.group.persons), representatives: int(m.group.representatives) }
      return o
    })
  if (state.decisions.length)
    body.decisions = state.decisions.map((d) => {
      const o = { content: text(d.content) }
      if (d.owner_org) o.owner_org = d.owner_org
      if (d.deadline) o.deadline = d.deadline
      return o
    })
  return { payload: body, photos: [...state.photos], matterPhotos: state.matters.map((m) => m.photos?.[0] || null) }
}

// The persons the itemised petitions account for at least (a group visit: its persons).
export function receptionMinimum(state) {
  let persons = 0
  for (const m of state.matters) persons += m.isGroup ? int(m.group.persons) || 2 : 1
  return { batches: state.matters.length, persons }
}

// What is wrong before sending, as {field path: message}; paths as the server names them.
export function checkRecord(state, kind) {
  const r = kindRules(kind)
  const e = {}
  if (!state.kind) e.kind = '请选择记录类型'
  if (r.methodRequired && !state.method) e.method = '请选择方式'
  if (!state.date) e.date = '请选择日期'
  if (!state.place.org) e['place.org'] = '请选择地点所在区域'
  if (!state.leaders.length) e.leaders = '请填写带队领导'
  if (!text(state.topic)) e.topic = '请填写主题'
  for (const c of r.counts) {
    const v = state.counts[c.code]
    if (!given(v)) {
      if (c.required) e[`counts.${c.code}`] = `请填写${c.label}`
    } else if (Number.isNaN(int(v))) e[`counts.${c.code}`] = '请填写整数'
  }
  for (const f of r.own) {
    const v = ownValue(f, state.fields[f.code])
    if (f.required && !(Array.isArray(v) ? v.length : v)) e[f.code] = `${['choice', 'org', 'orgs'].includes(f.type) ? '请选择' : '请填写'}${f.label}`
    if (f.type === 'steps')
      (state.fields[f.code] || []).forEach((s, i) => {
        if (!text(s.name) && !given(s.minutes)) return
        if (!text(s.name)) e[`${f.code}[${i}].name`] = '请填写环节名称'
        if (Number.isNaN(int(s.minutes))) e[`${f.code}[${i}].minutes`] = '请填写用时(分钟)'
      })
  }
  state.matters.forEach((m, i) => {
    const at = `matters[${i}].`
    if (!text(m.content)) e[`${at}content`] = '请填写问题描述'
    if ((m.assign || r.matterNeeds.includes('lead_org')) && !m.lead_org)
      e[`${at}lead_org`] = r.matterNeeds.includes('lead_org') ? '每个事项须明确责任单位' : '现场交办请选择主办单位'
    if (r.matterNeeds.includes('responsible') && !text(m.responsible.name) && !m.responsible.username)
      e[`${at}responsible`] = '每个事项须明确责任人(责任到人)'
    if (r.groupVisits && m.isGroup) {
      const persons = int(m.group.persons)
      const reps = int(m.group.representatives)
      if (Number.isNaN(persons) || persons < 2) e[`${at}group.persons`] = '集体访人数应至少2人'
      if (Number.isNaN(reps) || reps < 1 || reps > MAX_REPRESENTATIVES) e[`${at}group.representatives`] = `集体访应推选1至${MAX_REPRESENTATIVES}名代表`
      else if (!Number.isNaN(persons) && reps > persons) e[`${at}group.representatives`] = '代表人数不能多于来访人数'
    }
  })
  state.decisions.forEach((d, i) => {
    const at = `decisions[${i}].`
    if (!text(d.content)) e[`${at}content`] = '请填写交办事项'
    if (r.decisionNeeds.includes('owner_org') && !d.owner_org) e[`${at}owner_org`] = '请填写责任单位'
    if (r.decisionNeeds.includes('deadline') && !d.deadline) e[`${at}deadline`] = '请填写完成时限'
  })
  return e
}

// The field paths the form shows for this state, each with a place for its message.
export function shownFields(state, kind) {
  const r = kindRules(kind)
  const out = ['kind', 'method', 'date', 'place.org', 'place.address', 'leaders', 'topic', 'summary', 'participants', 'units', 'attachments', 'matters', 'decisions', 'detail']
  for (const c of r.counts) out.push(`counts.${c.code}`)
  for (const f of r.own) {
    out.push(f.code)
    if (f.type === 'steps') (state.fields[f.code] || []).forEach((_, i) => out.push(`${f.code}[${i}].name`, `${f.code}[${i}].minutes`))
  }
  state.matters.forEach((_, i) => {
    for (const k of ['title', 'content', 'category', 'contact', 'attachments', 'lead_org', 'deadline', 'responsible', 'group.persons', 'group.representatives', 'area', 'handling_class'])
      out.push(`matters[${i}].${k}`)
  })
  state.decisions.forEach((_, i) => ['content', 'owner_org', 'deadline'].forEach((k) => out.push(`decisions[${i}].${k}`)))
  return out
}

// The shown field a server path belongs to: itself, else its longest shown prefix
// ('matters[1].responsible.name' → 'matters[1].responsible', 'leaders[2]' → 'leaders');
// a kind's own field may come back as 'detail.item'; '' when none.
export function fieldFor(path, shown) {
  if (!path) return ''
  let p = String(path).replace(/^detail\./, '')
  if (p.startsWith('matters[') && p.includes('].group') && !p.includes('group.')) p = p.replace(/\.group$/, '.group.persons')
  for (;;) {
    if (shown.includes(p)) return p
    const cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['))
    if (cut <= 0) return ''
    p = p.slice(0, cut)
  }
}

// A problem body with its field paths moved onto the form's fields (see fieldFor).
export function placeProblem(problem, shown) {
  const move = (f) => fieldFor(f, shown) || f
  return { ...problem, field: problem?.field ? move(problem.field) : problem?.field, errors: (problem?.errors || []).map((x) => ({ ...x, field: x.field ? move(x.field) : x.field })) }
}

// The value a field path holds in the form state (to tell when the user changed a field in error).
export function valueAt(state, path) {
  const parts = String(path).replace(/\[(\d+)\]/g, '.$1').split('.')
  let v = parts[0] in state ? state : state.fields || {}
  for (const p of parts) {
    if (v === null || v === undefined) return undefined
    v = v[p]
  }
  if (parts[0] === 'matters' && parts[2] === 'title') return [v, state.matters[parts[1]]?.content]
  return v
}

// The areas a record may be placed in: those in the subtree of one of the user's units (all of
// them for a city-wide role); and the user's own area (the first role's unit or the nearest area
// above it) as the default place.
export function placeRules(orgs, user) {
  const byCode = new Map(orgs.map((o) => [o.code, o]))
  const parentOf = (o) => (o.parent && typeof o.parent === 'object' ? o.parent.code : o.parent)
  const roots = (user?.roles || []).filter((r) => !['security_admin', 'audit_admin', 'citizen'].includes(r.role)).map((r) => r.org?.code).filter(Boolean)
  const everywhere = (user?.roles || []).some((r) => r.role === 'admin') || roots.some((c) => byCode.get(c) && !parentOf(byCode.get(c)))
  const inside = (o) => {
    for (let x = o, n = 0; x && n < 20; x = byCode.get(parentOf(x)), n++) if (roots.includes(x.code)) return true
    return false
  }
  const allowed = (o) => o.kind === 'area' && (everywhere || inside(o))
  let home = ''
  for (const c of roots) {
    for (let x = byCode.get(c), n = 0; x && n < 20; x = byCode.get(parentOf(x)), n++)
      if (x.kind === 'area') {
        if (allowed(x)) home = x.code
        break
      }
    if (home) break
  }
  return { allowed, home }
}

// What a joint inspection takes from its rota (GET /api/v1/rotas) for the record's date: the
// period's label and lead, the supporting unit and the route ({} fields the rota cannot say).
export function rotaPrefill(rota, date) {
  if (!rota) return {}
  const out = { support_unit: rota.support?.code || '' }
  if (rota.route) out.route = rota.route
  const p = [...(rota.periods || []), rota.current, rota.next].find((x) => x && date && x.from <= date && date <= x.to)
  if (p) Object.assign(out, { period: p.period, lead_dept: p.lead?.code || '' })
  return out
}

// What a joint meeting continued (延续上次会议) takes from the earlier one (GET /records/{code}):
// its convener and parties as the form holds them (units with an org picked, the others named).
export function seriesPrefill(record) {
  const d = record?.detail || {}
  const out = {}
  if (d.convener?.code) out.convener = d.convener.code
  if (Array.isArray(d.parties))
    out.parties = { orgs: d.parties.filter((p) => p.code).map((p) => p.code), others: d.parties.filter((p) => !p.code).map((p) => p.name).join('、') }
  return out
}
