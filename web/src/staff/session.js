// The signed-in staff user, shared by every page: loaded once from GET /api/v1/session, cleared
// on 退出 or a 401. Also answers "may this user see that menu entry". Reactive, browser-only.
import { reactive } from 'vue'
import { currentSession, login as apiLogin, logout as apiLogout } from '../shared/api.js'

export const session = reactive({ user: null, checked: false })

export async function loadSession() {
  if (session.checked) return session.user
  try {
    const r = await currentSession()
    session.user = r.user
  } catch {
    session.user = null
  }
  session.checked = true
  return session.user
}

export async function login(username, password) {
  const r = await apiLogin(username, password)
  session.user = r.user
  session.checked = true
  return r.user
}

export async function logout() {
  try {
    await apiLogout()
  } catch {
    /* the session is gone either way */
  }
  session.user = null
}

export function roles() {
  return (session.user?.roles || []).map((r) => r.role)
}

export function hasRole(...wanted) {
  const mine = roles()
  return mine.includes('admin') || wanted.some((w) => mine.includes(w))
}

// Whether the user may open a route whose meta.roles lists the roles it is for (none: everyone).
export function mayOpen(route) {
  const want = route.meta?.roles
  return !want || hasRole(...want)
}
