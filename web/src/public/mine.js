// The citizen's own submissions, kept only in this browser (localStorage), so 进度查询 can list
// them without asking for the code again. Holds code, token, title and time; nothing personal.
const KEY = 'huiyin.mine'

export function mySubmissions() {
  try {
    const v = JSON.parse(localStorage.getItem(KEY) || '[]')
    return Array.isArray(v) ? v : []
  } catch {
    return []
  }
}

export function rememberSubmission(s) {
  try {
    const rest = mySubmissions().filter((x) => x.code !== s.code)
    localStorage.setItem(KEY, JSON.stringify([s, ...rest].slice(0, 20)))
  } catch {
    /* private mode: nothing to keep */
  }
}

// The link a citizen saves to come back to one matter.
export const trackLink = (code, token) =>
  `${location.origin}/track/${encodeURIComponent(code)}?token=${encodeURIComponent(token)}`
