// The signed-in user's unread count, shared by the bell in the header and the inbox page; polled
// once a minute while the app is open (the count is cheap: one indexed COUNT).
import { reactive } from 'vue'
import { inboxPage } from './api.js'

const state = reactive({ unread: 0, latest: [], loaded: false })
let timer = null

export async function refreshInbox() {
  try {
    const r = await inboxPage({ limit: 5 })
    state.unread = r.unread
    state.latest = r.items
    state.loaded = true
  } catch {
    // Signed out or offline: the bell keeps its last count.
  }
}

export function setUnread(n) {
  state.unread = n
}

export function useInbox() {
  if (!timer) {
    refreshInbox()
    timer = setInterval(refreshInbox, 60000)
  }
  return state
}
