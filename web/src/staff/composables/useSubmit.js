// How every staff form submits: it checks its inputs, runs the request, puts each error the server
// names (problem JSON `field`, or `errors: [{field, detail}]`) under the field it belongs to, focuses
// the first field in error, and drops a field's error as soon as the user changes that field.
// Messages no shown field owns go to `error` (or to `onError`); a 409 goes to `onConflict` when the
// form has one (the page refreshes what changed under the user), else to `error` like any other.
// A second submit while one is running is ignored. One instance per form, made in its setup.
//
//   const { err, error, busy, submit } = useSubmit(form, { el: formRef })
//   const save = () => submit(() => adminAddOrg(body()), { check: () => ({ code: !form.code.trim() && '请填写单位编码' }) })
//   <el-form ref="formRef"> <el-form-item :error="err.code"> ... <el-alert v-if="error" :title="error" />
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

// The keys of a form whose values differ between two snapshots (see `snapshot`).
export function changedKeys(before, now) {
  if (!before) return []
  return Object.keys(now).filter((k) => before[k] !== now[k])
}
const snapshot = (form) => Object.fromEntries(Object.keys(form).map((k) => [k, JSON.stringify(form[k]) ?? '']))

const FOCUSABLE = 'input:not([type=hidden]):not([disabled]), textarea:not([disabled]), select:not([disabled]), [tabindex]:not([tabindex="-1"])'

// The DOM element of a template ref (an element, or a component such as el-form).
const elementOf = (r) => (r && r.$el !== undefined ? r.$el : r)

export function useSubmit(form, { el, fields, aliases = {}, onConflict, onError } = {}) {
  const err = reactive({})
  const error = ref('')
  const busy = ref(false)
  const shown = () => (typeof fields === 'function' ? fields() : fields) || Object.keys(form)

  function clear() {
    for (const k of Object.keys(err)) delete err[k]
    error.value = ''
  }
  function fail(text, e) {
    if (!text) return
    if (onError) onError(text, e)
    else error.value = text
  }
  // Puts the messages under their fields and moves the focus to the first of them on screen.
  async function place(messages) {
    Object.assign(err, messages)
    if (!Object.keys(messages).length) return
    await nextTick()
    const root = elementOf(unref(el))
    root?.querySelector?.('.el-form-item.is-error')?.querySelector(FOCUSABLE)?.focus()
  }

  // Runs `send` unless `check` finds something: check() returns {field: message or falsy} or a
  // message for the whole form. Resolves to true when `send` succeeded.
  async function submit(send, { check } = {}) {
    if (busy.value) return false
    clear()
    const found = check ? check() : null
    if (typeof found === 'string') {
      fail(found)
      return false
    }
    const invalid = Object.fromEntries(Object.entries(found || {}).filter(([, m]) => m))
    if (Object.keys(invalid).length) {
      await place(invalid)
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
    const sorted = sortErrors(failure, shown(), aliases)
    fail(sorted.general, failure)
    await place(sorted.fields)
    return false
  }

  // An error under a field goes as soon as the user changes that field.
  watch(
    () => snapshot(form),
    (now, before) => {
      for (const k of changedKeys(before, now)) delete err[k]
    },
  )

  return { err, error, busy, submit, clear }
}
