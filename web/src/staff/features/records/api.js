// The API calls of the 四下基层 feature (工作记录, 记录详情, 四下基层 figures, 干部纪实), through the
// shared client. The kinds and their methods and fields come from GET /codes, fetched once.
import { apiUrl, getCodes, request } from '../../../shared/api.js'

const at = (code) => `/records/${encodeURIComponent(code)}`

// Every record the filters select: the list API pages by cursor, so the pages are read in turn
// (up to `cap` records) and the count shown is the whole list's.
export async function listAllRecords(params, cap = 5000) {
  const items = []
  let cursor = ''
  for (;;) {
    const r = await request('GET', '/records', { params: { ...params, cursor } })
    items.push(...(r.items || []))
    if (!r.next_cursor || items.length >= cap) return { items, more: Boolean(r.next_cursor) }
    cursor = r.next_cursor
  }
}
export const getRecord = (code) => request('GET', at(code))
// 批示 on the record (a leader), and the answer that answers every one waiting (the place's staff).
export const instructRecord = (code, reason) => request('POST', `${at(code)}/instruct`, { body: { reason } })
export const answerRecord = (code, reply) => request('POST', `${at(code)}/answer`, { body: { reply } })
// A field record's decisions (现场交办事项), in the shape MeasureList writes through.
export const recordMeasureApi = (code) => ({
  add: (_, body) => request('POST', `${at(code)}/measures`, { body: { content: body.content, owner_org: body.owner_org, deadline: body.deadline } }),
  update: (row, body) => request('PATCH', `${at(code)}/measures/${row.id}`, { body: { progress: body.progress, status: body.status, evidence: body.evidence }, ifMatch: row.version }),
})
export const getGrassroots = (params) => request('GET', '/stats/grassroots', { params })
// The measures behind the figures' 办法举措: {items, total} (kind=, status=done, decisions=true).
export const getGrassrootsMeasures = (params) => request('GET', '/stats/grassroots/measures', { params })
export const grassrootsXlsxUrl = (params) => apiUrl('/stats/grassroots.xlsx', params)
export const getDossier = (username, params) => request('GET', `/dossier/${encodeURIComponent(username)}`, { params })
export const dossierXlsxUrl = (username, params) => apiUrl(`/dossier/${encodeURIComponent(username)}.xlsx`, params)

let codes = null
// {kinds: [{code, label, methods, counts, fields}], kindOf: {code: kind}, methodLabels: {code: label}}
export function recordCodes() {
  if (!codes)
    codes = getCodes().then((d) => {
      const kinds = d.record_kinds || []
      const methodLabels = {}
      for (const [k, v] of Object.entries(d)) if (/_methods$/.test(k) && Array.isArray(v)) for (const m of v) methodLabels[m.code] = m.label
      for (const k of kinds) for (const m of k.methods || []) if (m && m.code) methodLabels[m.code] = m.label
      return { kinds, kindOf: Object.fromEntries(kinds.map((k) => [k.code, k])), methodLabels }
    }).catch((e) => ((codes = null), Promise.reject(e)))
  return codes
}

// Rotas of joint inspections (轮值表): each with current, next and its recent periods.
const rotaAt = (code) => `/rotas/${encodeURIComponent(code)}`
export const listRotas = () => request('GET', '/rotas')
export const getRota = (code) => request('GET', rotaAt(code))
export const createRota = (body) => request('POST', '/rotas', { body })
export const updateRota = (code, version, body) => request('PATCH', rotaAt(code), { body, ifMatch: `"${version}"` })
