// How every form of both apps points at its errors, and how it submits. One instance per form,
// made in its setup:
//
//   const { err, error, busy, submit } = useSubmit(form, { el: formRef, aliases: { 'contact.phone': 'phone' } })
//   const save = () => submit(() => api(body()), { check: () => ({ title: !form.title.trim() && '请填写标题' }) })
//   <form ref="formRef"> <div data-field="title" :class="{ invalid: err.title }"> <input …> <p v-if="err.title">…
//   <el-form ref="formRef"> <el-form-item data-field="title" :error="err.title"> …
//
// - On submit it checks the inputs (check() returns {field: message or falsy}, or one message for
//   the whole form) and sends nothing when something is wrong.
// - The errors the server names (problem JSON `field`, or `errors: [{field, detail}]`, e.g.
//   `contact.phone`) land under the field they belong to (`aliases`, or the head of the path:
//   'roles[0].org' → 'roles'); messages no shown field owns go to `error` (or to `onError`).
// - The FIRST field in error on the page (document order, among the fields now in error — never a
//   mark left from an earlier try) is scrolled into the middle of the view and its input focused.
//   A field is found by `data-field="name"` on its wrapper; without one, by Element Plus's
//   `.el-form-item.is-error` (so a form that only binds `:error` works too).
// - A field's error goes as soon as the user changes that field (a key of `form`, or a source in
//   `also: {field: () => value}` for inputs kept outside `form`); each submit starts clean.
// - A 409 goes to `onConflict` when the form has one; a second submit while one runs is ignored.
// No state outside the instance; the DOM part runs only in a browser (tests pass a stub element).
import { nextTick, reactive, ref, unref, watch } from 'vue'

// The form field a server field path lands on: itself or its alias when the form shows it, else
// the shown field the path starts with ('roles[0].org' → 'roles'); '' when none.
export function formField(path, fields, aliases = {}) {
  if (!path) return ''
  const p = aliases[path] ?? path
  if (fields.includes(p)) return p
  const head = p.split(/[.[]/)[0]
  return fields.includes(head) ? head : ''
}

// An error's messages sorted onto a form: {fields: {name: message}, general: the rest as one text}.
export function sortErrors(e, fields, aliases = {}) {
  const named = [...(e?.field ? [{ field: e.field, detail: e.detail }] : []), ...(e?.errors || [])]
  const out = {}
  const rest = []
  for (const x of named) {
    const detail = x.detail || e.detail || e.title
    const f = formField(x.field, fields, aliases)
    if (f) out[f] ||= detail
    else rest.push(detail)
  }
  const general = named.length ? [...new Set(rest.filter(Boolean))].join(';') : e?.detail || e?.message || '请求失败'
  return { fields: out, general }
}

// The keys whose values differ between two snapshots (see `snapshot`).
export function changedKeys(before, now) {
  if (!before) return []
  return Object.keys(now).filter((k) => before[k] !== now[k])
}

const INPUTS = 'input:not([type=hidden]):not([disabled]), textarea:not([disabled]), select:not([disabled])'
const FOCUSABLE = `${INPUTS}, button:not([disabled]), [tabindex]:not([tabindex="-1"])`
const FOLLOWING = 4 // Node.DOCUMENT_POSITION_FOLLOWING

// The DOM element of a template ref (an element, or a component such as el-form).
const elementOf = (r) => (r && r.$el !== undefined ? r.$el : r)

// The wrapper of each named field in error, in document order.
function fieldElements(root, names) {
  const found = []
  for (const n of names) {
    const e = root.querySelector?.(`[data-field="${String(n).replace(/["\\]/g, '\\$&')}"]`)
    if (e && !found.includes(e)) found.push(e)
  }
  return found.sort((a, b) => (a.compareDocumentPosition ? (a.compareDocumentPosition(b) & FOLLOWING ? -1 : 1) : 0))
}

// Scrolls `target` into the middle of the view and puts the focus on its input (or on itself).
export function pointAt(target) {
  if (!target) return null
  const input = target.matches?.(FOCUSABLE) ? target : target.querySelector?.(INPUTS) || target.querySelector?.(FOCUSABLE)
  target.scrollIntoView?.({ block: 'center', inline: 'nearest', behavior: 'instant' })
  input?.focus?.({ preventScroll: true })
  return input || target
}

// After the page shows `names` as in error: points at the first of them on the page.
export async function pointAtFirst(el, names) {
  await nextTick()
  const root = elementOf(unref(el)) || (typeof document !== 'undefined' ? document : null)
  if (!root) return null
  const [first] = fieldElements(root, names)
  return pointAt(first || root.querySelector?.('.el-form-item.is-error'))
}

export function useFormErrors(form, { el, fields, aliases = {}, also = {}, onError } = {}) {
  const err = reactive({})
  const error = ref('')
  const shown = () => (typeof fields === 'function' ? fields() : fields) || [...Object.keys(form), ...Object.keys(also)]
  const snapshot = () => {
    const s = {}
    for (const k of Object.keys(form)) s[k] = JSON.stringify(form[k]) ?? ''
    for (const [k, get] of Object.entries(also)) s[k] = JSON.stringify(get()) ?? ''
    return s
  }
  // What the fields held when the errors were last placed: a change from here clears an error.
  let base = null

  function clear() {
    for (const k of Object.keys(err)) delete err[k]
    error.value = ''
  }
  function fail(text, e) {
    if (!text) return
    if (onError) onError(text, e)
    else error.value = text
  }
  // Starts a try: no message from an earlier one stays, and what the form holds now is the base.
  function begin() {
    clear()
    base = snapshot()
  }
  // Puts the messages under their fields and points at the first of them on the page.
  async function place(messages) {
    const named = Object.fromEntries(Object.entries(messages || {}).filter(([, m]) => m))
    Object.assign(err, named)
    base = snapshot()
    if (!Object.keys(named).length) return null
    return pointAtFirst(el, Object.keys(named))
  }
  // A failed request's messages: fields under their fields, the rest as the form's message.
  async function placeServer(e) {
    const sorted = sortErrors(e, shown(), aliases)
    fail(sorted.general, e)
    const target = await place(sorted.fields)
    if (!target && error.value) {
      const root = elementOf(unref(el))
      root?.querySelector?.('[role=alert]')?.scrollIntoView?.({ block: 'nearest', behavior: 'instant' })
    }
  }

  watch(snapshot, (now) => {
    for (const k of changedKeys(base, now)) delete err[k]
    base = now
  })

  return { err, error, clear, begin, fail, place, placeServer }
}

export function useSubmit(form, { onConflict, ...opts } = {}) {
  const f = useFormErrors(form, opts)
  const busy = ref(false)

  // Runs `send` unless `check` finds something. Resolves to true when `send` succeeded.
  async function submit(send, { check } = {}) {
    if (busy.value) return false
    f.begin()
    const found = check ? check() : null
    if (typeof found === 'string') {
      f.fail(found)
      return false
    }
    const invalid = Object.fromEntries(Object.entries(found || {}).filter(([, m]) => m))
    if (Object.keys(invalid).length) {
      await f.place(invalid)
      return false
    }
    busy.value = true
    let failure
    try {
      await send()
      return true
    } catch (e) {
      failure = e
    } finally {
      busy.value = false
    }
    if (failure?.status === 409 && onConflict) {
      onConflict(failure)
      return false
    }
    await f.placeServer(failure)
    return false
  }

  return { err: f.err, error: f.error, busy, submit, clear: f.clear, place: f.place }
}
