// Small text helpers of the 四下基层 pages (plain functions, tested in format.test.mjs).

// A record's place as one line: the area's path (or name) and the address.
export function placeText(place) {
  if (!place) return '—'
  const area = place.path || place.name || place.org || ''
  // An address that already names the area stands alone (天元区嵩山路街道泰山苑小区, not 嵩山路街道 天元区嵩山路街道…).
  if (place.address && area && place.address.includes(place.name || area)) return place.address
  return [area, place.address].filter(Boolean).join(' ') || '—'
}

// People as 姓名(职务)、…: users and named people alike.
export function peopleText(list) {
  const names = (list || []).map((p) => (typeof p === 'string' ? p : p.post ? `${p.name}(${p.post})` : p.name)).filter(Boolean)
  return names.join('、') || '—'
}

// A resolution rate 0..1 as 53.23%; null (nothing raised) as —.
export function rateText(r) {
  if (r === null || r === undefined || Number.isNaN(Number(r))) return '—'
  return `${(Number(r) * 100).toFixed(2)}%`
}

// The answer state of a night talk's item (事事有回音): 已回音, 无回音(超期) or 待回音.
export function answerState(m) {
  if (m.answered) return { text: '已回音', tone: 'success' }
  if (m.overdue) return { text: '超期无回音', tone: 'danger' }
  return { text: '待回音', tone: 'warning' }
}

// A kind's own field value as text: org fields as {code, name}, lists joined, steps as 名称 N分钟.
export function fieldText(v, field) {
  if (v === null || v === undefined || v === '') return '—'
  if (field?.choices && !Array.isArray(v)) {
    const c = field.choices.find((x) => (x.code ?? x) === v)
    if (c) return c.label ?? String(c)
  }
  if (Array.isArray(v)) return v.map((x) => fieldText(x)).join('、') || '—'
  if (typeof v === 'object') {
    if ('minutes' in v && 'name' in v) return `${v.name} ${minutesText(v.minutes)}${v.note ? `(${v.note})` : ''}`
    return v.name || v.label || v.code || JSON.stringify(v)
  }
  if (typeof v === 'boolean') return v ? '是' : '否'
  return String(v)
}

// Minutes as 25分钟, 1小时5分钟 or 1天 (a walk's waits run to days).
export function minutesText(n) {
  const m = Number(n) || 0
  if (m < 60) return `${m}分钟`
  const d = Math.floor(m / 1440), h = Math.floor((m % 1440) / 60), r = m % 60
  return `${d ? `${d}天` : ''}${h ? `${h}小时` : ''}${r ? `${r}分钟` : ''}`
}
