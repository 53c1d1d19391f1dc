// How Huiyin shows values to people: times as YYYY-MM-DD HH:mm in Beijing time, deadlines as
// "剩余3个工作日"/"超期2天", rates with two decimals, large counts as "1.4万", and the Chinese labels
// of the domain codes (the API sends *_label fields; these tables are for codes without one).
// Pure functions, no state; used by both apps.

const SHANGHAI_OFFSET_MS = 8 * 3600 * 1000
const pad = (n) => String(n).padStart(2, '0')

// "2026-11-22T01:30:00Z" or "...+08:00" → "2026-11-22 09:30" (Asia/Shanghai, no DST).
export function formatTime(iso) {
  if (!iso) return ''
  const t = Date.parse(iso)
  if (Number.isNaN(t)) return String(iso)
  const d = new Date(t + SHANGHAI_OFFSET_MS)
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`
}

export function formatDate(iso) {
  if (!iso) return ''
  if (/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso
  return formatTime(iso).slice(0, 10)
}

// Today's date in Beijing as YYYY-MM-DD (plus `days` calendar days).
export function todayLocal(days = 0) {
  const d = new Date(Date.now() + SHANGHAI_OFFSET_MS + days * 86400000)
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`
}

// Statuses after 办结 or that end without it: no countdown on them.
const ANSWERED = ['resolved', 'verified', 'closed', 'rejected', 'merged']

// The server's deadline_text when it sends one (剩余N个工作日 / 超期N个工作日 / 按期办结 /
// 超期N个工作日办结); otherwise, for an open matter only, calendar days left or overdue.
export function deadlineText(m) {
  if (!m) return ''
  if (m.deadline_text) return m.deadline_text
  if (!m.deadline || ANSWERED.includes(m.status)) return ''
  const end = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(m.deadline) ? `${m.deadline}T23:59:59+08:00` : m.deadline)
  const days = Math.ceil((end - Date.now()) / 86400000)
  if (m.overdue || days < 0) return `超期${Math.max(1, -days)}天`
  return days === 0 ? '今日到期' : `剩余${days}天`
}

// 0.95833 → "95.83%"; null (no denominator) → "—".
export function formatRate(r) {
  if (r === null || r === undefined || Number.isNaN(Number(r))) return '—'
  return `${(Number(r) * 100).toFixed(2)}%`
}

// Change of a rate in percentage points: +1.25 / −0.50; '' when either side is missing.
export function rateChange(now, before) {
  if (now === null || now === undefined || before === null || before === undefined) return ''
  const d = (Number(now) - Number(before)) * 100
  return `${d >= 0 ? '+' : '−'}${Math.abs(d).toFixed(2)}个百分点`
}

// 14235 → "1.4万"; 123456789 → "1.2亿"; small numbers as they are.
export function formatCount(n) {
  if (n === null || n === undefined) return '—'
  const v = Number(n)
  if (Math.abs(v) >= 1e8) return `${trim(v / 1e8)}亿`
  if (Math.abs(v) >= 1e4) return `${trim(v / 1e4)}万`
  return String(v)
}
const trim = (x) => (Math.round(x * 10) / 10).toString()

// 14235 → "14,235" (the exact figure, shown on hover).
export const formatExact = (n) => (n === null || n === undefined ? '—' : Number(n).toLocaleString('zh-CN'))

// The Chinese labels of the codes come from the server's one dictionary (GET /api/v1/codes): each
// app fills these objects in place with setCodes() before it mounts, so pages read them as plain
// lookups and no second copy of the labels lives here.
export const STATUS_LABELS = {}

// Colour family per status (used for tags on both sides).
export const STATUS_TONES = {
  submitted: 'warning',
  accepted: 'primary',
  rejected: 'info',
  assigned: 'primary',
  signed: 'primary',
  returned: 'danger',
  resolved: 'success',
  verified: 'success',
  closed: 'info',
  reopened: 'danger',
  merged: 'info',
}

export const ACTION_LABELS = {}

export const CHANNEL_LABELS = {}

export const HANDLING_LABELS = {}

export const SATISFACTION_LABELS = {}

export const ROLE_LABELS = {}

export const MEASURE_STATUS_LABELS = {}

// Mainland mobile number: 11 digits starting 13–19.
export const isMobile = (s) => /^1[3-9]\d{9}$/.test(String(s || '').trim())
// A mobile, or a landline like 0731-12345678 / 073112345678 (the server's valid_phone).
export const isPhone = (s) => {
  const p = String(s || '').trim()
  return isMobile(p) || /^0\d{2,3}-\d{7,8}$/.test(p) || /^0\d{9,11}$/.test(p)
}

// A phone number as typed or pasted, in the form the server stores (src/domain/phone, stored_phone):
// full-width digits and signs made ASCII, the ends trimmed; a mobile written with spaces, dashes,
// brackets or dots, or with +86 / 0086 / 86 before it, becomes its 11 digits; a landline its digits
// with the area code. Anything else comes back trimmed.
export function normalizePhone(typed) {
  const s = String(typed ?? '')
    .replace(/[\uFF10-\uFF19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xff10 + 48))
    .replace(/\uFF0B/g, '+').replace(/\uFF0D/g, '-').replace(/\uFF08/g, '(').replace(/\uFF09/g, ')')
    .replace(/[\u3000\u00A0]/g, ' ')
    .replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '')
  const compact = s.replace(/[ \t\-().]/g, '')
  const rest = compact.startsWith('+86') ? compact.slice(3) : compact.startsWith('0086') ? compact.slice(4) : compact.length === 13 && compact.startsWith('86') ? compact.slice(2) : compact
  if (isMobile(rest)) return rest
  if (compact.startsWith('0') && isPhone(compact)) return compact
  return s
}

// Builds a parent → children tree from a flat [{code, parent?}] list (orgs, categories, districts).
export function toTree(rows, { label = 'name' } = {}) {
  const byCode = new Map()
  for (const r of rows) byCode.set(r.code, { ...r, value: r.code, label: r[label], children: [] })
  const roots = []
  for (const n of byCode.values()) {
    const parentCode = n.parent && typeof n.parent === 'object' ? n.parent.code : n.parent
    const p = parentCode && byCode.get(parentCode)
    if (p) p.children.push(n)
    else roots.push(n)
  }
  for (const n of byCode.values()) if (n.children.length === 0) delete n.children
  return roots
}

export const KIND_LABELS = {}
export const RECORD_KIND_LABELS = {}

const CODE_LISTS = {
  statuses: STATUS_LABELS, actions: ACTION_LABELS, channels: CHANNEL_LABELS, handling_classes: HANDLING_LABELS,
  satisfaction: SATISFACTION_LABELS, roles: ROLE_LABELS, measure_statuses: MEASURE_STATUS_LABELS, kinds: KIND_LABELS,
  record_kinds: RECORD_KIND_LABELS,
}

// Fills the label objects from the dictionary `{statuses: [{code, label}], ...}`.
export function setCodes(dict) {
  for (const [name, target] of Object.entries(CODE_LISTS))
    for (const e of (dict && dict[name]) || []) target[e.code] = e.label
}
