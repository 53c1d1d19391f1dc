// The signed-in staff user, shared by every page: loaded once from GET /api/v1/session, cleared
// on 退出 or a 401. Also answers "may this user see that menu entry". Reactive, browser-only.
import { reactive } from 'vue'
import { currentSession, login as apiLogin, logout as apiLogout } from '../shared/api.js'
import { forgetDrafts } from '../shared/useDraft.js'
// The 待上传 queue (IndexedDB, WebCrypto) loads on its own, after the first page.
const outbox = () => import('./features/records/outbox.js')

export const session = reactive({ user: null, checked: false })

// 退出 without network cannot end the server's session (its cookie is HttpOnly): this mark
// makes the next start end it before anything else, so the phone is not signed in again.
const UNENDED = 'huiyin.staff.logout-unsent'
const mark = {
  get: () => { try { return localStorage.getItem(UNENDED) === '1' } catch { return false } },
  set: (on) => { try { on ? localStorage.setItem(UNENDED, '1') : localStorage.removeItem(UNENDED) } catch { /* private mode */ } },
}

export async function loadSession() {
  if (session.checked) return session.user
  try {
    const r = await currentSession()
    session.user = r.user
    if (r.user && mark.get()) {
      await apiLogout()
      session.user = null
    }
    mark.set(false)
  } catch {
    session.user = null
  }
  session.checked = true
  // At app start with a session: the 待上传 queue gets its key and is sent.
  if (session.user) outbox().then((o) => o.outboxSignedIn(session.user?.username)).catch(() => {})
  return session.user
}

export async function login(username, password) {
  const r = await apiLogin(username, password)
  mark.set(false)
  session.user = r.user
  session.checked = true
  outbox().then((o) => o.outboxSignedIn(r.user?.username)).catch(() => {})
  return r.user
}

// 退出: the user's drafts kept on this device (问题录入, with a reporter's contact) go too, so a
// shared computer keeps nothing of theirs; a session that merely expired keeps them. The 待上传
// queue forgets its key and drops what was sent; what is unsent stays sealed for the next login.
export async function logout() {
  if (session.user?.username) forgetDrafts(`staff.${session.user.username}.`)
  await outbox().then((o) => o.outboxSignedOut(session.user?.username)).catch(() => {})
  try {
    await apiLogout()
  } catch (e) {
    // No network (or no server): the session is ended at the next start; 401: it was gone.
    if (!e.status || e.status >= 500) mark.set(true)
  }
  session.user = null
}

// The session ended by itself (401): the queue's key goes, its entries stay.
export function sessionEnded() {
  session.user = null
  outbox().then((o) => o.outboxSuspended()).catch(() => {})
}

export function roles() {
  return (session.user?.roles || []).map((r) => r.role)
}

// 三员分立: the security and audit administrators work on no matters.
const OVERSIGHT = ['security_admin', 'audit_admin']

export function hasRole(...wanted) {
  const mine = roles()
  if (wanted.some((w) => mine.includes(w))) return true
  // The system administrator opens every work page, not the security or audit administrator's.
  return mine.includes('admin') && !wanted.some((w) => OVERSIGHT.includes(w))
}

// Whether any of the user's roles works on matters (all but the security/audit administrator).
export function worksOnMatters() {
  return roles().some((r) => !OVERSIGHT.includes(r))
}

// Whether the user may open a route whose meta.roles lists the roles it is for (none: everyone
// who works on matters).
export function mayOpen(route) {
  const want = route.meta?.roles
  if (!want) return Boolean(route.meta?.bare) || route.name === 'missing' || worksOnMatters()
  return hasRole(...want)
}

// Where the user lands after signing in.
export function homeRoute() {
  if (worksOnMatters()) return 'workbench'
  return roles().includes('audit_admin') ? 'audit' : 'users'
}
