// Keeps a half-written form on the device (localStorage, one entry per form), so a reload, a lost
// line or a closed tab does not lose it: every change is saved at once, a form back to its blank
// state removes the entry, and the page calls done() after a successful submit. On setup a saved
// draft is put back into the form and `restored` turns true (the page shows "已恢复未提交的草稿"
// with a 清除草稿 button that calls discard()). Keys in `skip` are never saved (photos: only
// their number is kept, as `photos`, so the page can say they must be added again — a photo's
// bytes and its upload handle stay off the device's storage). Drafts older than 30 days are
// dropped. Storage that is full or blocked (private mode) just means no draft.
import { ref, watch } from 'vue'

const PREFIX = 'huiyin.draft.'
const MAX_AGE_MS = 30 * 24 * 3600 * 1000

function store() {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage
  } catch {
    return null // blocked by the browser's settings
  }
}

// Removes every draft whose name starts with `prefix` (a staff user's, 'staff.<username>.', at 退出).
export function forgetDrafts(prefix) {
  const s = store()
  if (!s) return
  try {
    for (const k of Object.keys(s)) if (k.startsWith(PREFIX + prefix)) s.removeItem(k)
  } catch {
    /* nothing to forget */
  }
}

const sameKind = (a, b) => (Array.isArray(a) ? Array.isArray(b) : typeof a === typeof b && !Array.isArray(b))

export function useDraft(name, form, { blank, skip = [], photos = () => 0, now = () => Date.now() } = {}) {
  const key = PREFIX + name
  const s = store()
  const restored = ref(false)
  const photosLost = ref(0) // photos the restored draft had, which were not kept
  const kept = (f) => Object.fromEntries(Object.keys(form).filter((k) => !skip.includes(k)).map((k) => [k, f[k]]))
  const blankText = JSON.stringify(kept(blank()))

  function read() {
    try {
      const d = JSON.parse(s?.getItem(key) || 'null')
      if (!d || typeof d !== 'object' || typeof d.fields !== 'object' || !d.fields) return null
      if (typeof d.at !== 'number' || now() - d.at > MAX_AGE_MS) {
        s.removeItem(key)
        return null
      }
      return d
    } catch {
      return null
    }
  }
  function save(text) {
    if (!s) return
    try {
      if (text === blankText) s.removeItem(key)
      else s.setItem(key, JSON.stringify({ at: now(), fields: JSON.parse(text), photos: photos() }))
    } catch {
      /* full or blocked: no draft */
    }
  }

  const saved = read()
  if (saved) {
    const fields = kept(blank())
    for (const k of Object.keys(fields)) if (k in saved.fields && sameKind(fields[k], saved.fields[k])) form[k] = saved.fields[k]
    if (JSON.stringify(kept(form)) !== blankText) {
      restored.value = true
      photosLost.value = Number(saved.photos) || 0
    }
  }

  watch(() => JSON.stringify(kept(form)), save)
  // A photo added or removed changes what the note would say: save its number too.
  watch(photos, () => save(JSON.stringify(kept(form))))

  // The user throws the draft away (the page then empties the form).
  function discard() {
    restored.value = false
    photosLost.value = 0
    try {
      s?.removeItem(key)
    } catch {
      /* nothing stored */
    }
  }
  // Submitted: the draft goes (the page empties the form, which saves nothing).
  const done = discard

  return { restored, photosLost, discard, done }
}
