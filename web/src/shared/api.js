// The client of the Huiyin HTTP API (docs/api.md): every call of both apps goes through `request`
// here. This module also holds the calls both apps make (public pages, intake, attachments), the
// session calls (they set the client's CSRF token) and the catalog every staff feature reads; each
// staff feature lists its own calls in web/src/staff/features/<name>/api.js on top of `request`.
// The public pages use only the first section, so the bundler leaves the rest out.
// Every failure becomes an ApiError {status, title, detail, field, errors} carrying the server's
// Chinese text, so a form can show it next to the field it names. Holds one piece of state: the
// CSRF token of the staff session (sent as X-CSRF-Token on every write). Browser-only, single thread.

const BASE = '/api/v1'

export class ApiError extends Error {
  constructor({ status = 0, title = '', detail = '', field = null, errors = [], type = '' }) {
    super(detail || title || '请求失败')
    this.status = status
    this.title = title
    this.detail = detail || title
    this.field = field
    this.errors = errors || []
    this.type = type
  }
  // The message for one input, from `field` or from the `errors` list; '' when none names it.
  forField(name) {
    if (this.field === name) return this.detail
    const e = this.errors.find((x) => x.field === name)
    return e ? e.detail : ''
  }
}

let csrfToken = ''
let unauthorized = null
// Called with no arguments when a request other than the session check gets 401 (staff app: go to 登录).
export function onUnauthorized(fn) {
  unauthorized = fn
}
export function setCsrfToken(t) {
  csrfToken = t || ''
}

function query(params) {
  if (!params) return ''
  const q = new URLSearchParams()
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0)) continue
    q.set(k, Array.isArray(v) ? v.join(',') : String(v))
  }
  const s = q.toString()
  return s ? `?${s}` : ''
}

// URL of an API resource with the given query (for links such as the Excel export).
export function apiUrl(path, params) {
  return `${BASE}${path}${query(params)}`
}

async function toError(res) {
  let body = null
  try {
    body = await res.json()
  } catch {
    body = null
  }
  if (body && typeof body === 'object' && (body.title || body.detail)) {
    return new ApiError({ ...body, status: res.status })
  }
  const fallback = {
    401: '请先登录',
    403: '您没有权限进行此操作',
    404: '未找到相关内容',
    409: '该问题已被他人更新',
    413: '文件过大',
    428: '缺少版本信息,请刷新后重试',
  }
  return new ApiError({ status: res.status, title: fallback[res.status] || `服务暂时不可用(${res.status})` })
}

// One request. opts: {params, body (JSON), raw (Blob/ArrayBuffer), contentType, ifMatch, headers}.
export async function request(method, path, opts = {}) {
  const headers = { Accept: 'application/json', ...(opts.headers || {}) }
  let body
  if (opts.raw !== undefined) {
    body = opts.raw
    headers['Content-Type'] = opts.contentType || 'application/octet-stream'
  } else if (opts.body !== undefined) {
    body = JSON.stringify(opts.body)
    headers['Content-Type'] = 'application/json'
  }
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken
  if (opts.ifMatch !== undefined && opts.ifMatch !== null) headers["If-Match"] = String(opts.ifMatch)
  let res
  try {
    res = await fetch(`${BASE}${path}${query(opts.params)}`, { method, headers, body, credentials: 'same-origin' })
  } catch {
    throw new ApiError({ status: 0, title: '网络连接失败,请检查网络后重试' })
  }
  if (!res.ok) {
    if (res.status === 401 && path !== '/session' && unauthorized) unauthorized()
    throw await toError(res)
  }
  if (res.status === 204) return null
  const type = res.headers.get('Content-Type') || ''
  return type.includes('json') ? res.json() : res.text()
}

// The array of a list answer: the body itself, or its `key` (or `items`) member.
export const listOf = (x, key) => (Array.isArray(x) ? x : (x && (x[key] || x.items)) || [])

// ---- public (no login) ----
export const getCodes = () => request('GET', '/codes')
export const getCategories = async () => listOf(await request('GET', '/categories'), 'categories')
export const getDistricts = async () => listOf(await request('GET', '/districts'), 'districts')
// Returns {id, mime, size}: `id` is the upload's secret handle, sent back once in the intake.
// The server sniffs the type from the bytes and refuses a Content-Type that disagrees, so an
// unknown type goes as octet-stream rather than a guess.
export const uploadAttachment = (blob) =>
  request('POST', '/attachments', { raw: blob, contentType: blob.type || 'application/octet-stream' })
export const submitIntake = (form, idempotencyKey) =>
  request('POST', '/intake', { body: form, headers: { 'Idempotency-Key': idempotencyKey } })
// `key`: {token} from the saved link, {access} from the lookup by phone, or {query_code} — the
// short 查询码 typed beside the code.
export const track = (code, key) => request('GET', `/track/${encodeURIComponent(code)}`, { params: key })
export const evaluate = (code, key, body) =>
  request('POST', `/track/${encodeURIComponent(code)}/evaluation`, { params: key, body })
// 申请复查 / 申请复核 of a petition ({reason}, optional action): the matter's new tracking view.
export const petitionRequest = (code, key, body) =>
  request('POST', `/track/${encodeURIComponent(code)}/request`, { params: key, body })
// The lookup by phone: ask for a one-time code (always {sent: true}), then list the phone's
// matters with it ({items: [{code, title, status, status_label, submitted_at, track_url}], access}).
export const trackPhone = (phone) => request('POST', '/track/phone', { body: { phone } })
export const trackPhoneVerify = (phone, otp) => request('POST', '/track/phone/verify', { body: { phone, otp } })
export const getWall = (params) => request('GET', '/wall', { params })
export const attachmentUrl = (id) => `${BASE}/attachments/${encodeURIComponent(id)}`

// ---- session ----
export async function login(username, password) {
  const r = await request('POST', '/session', { body: { username, password } })
  setCsrfToken(r.csrf_token)
  return r
}
// {csrf_token, user, expires_at} when signed in, {user: null} when not (200 either way).
export async function currentSession() {
  const r = await request('GET', '/session')
  setCsrfToken(r.csrf_token)
  return r
}
export async function logout() {
  try {
    await request('DELETE', '/session')
  } finally {
    setCsrfToken('')
  }
}

// ---- the catalog every staff feature reads (org tree, categories above, campaigns) ----
export const getOrgs = async () => listOf(await request('GET', '/orgs'), 'orgs')
export const getCampaigns = async () => listOf(await request('GET', '/campaigns'), 'campaigns')
