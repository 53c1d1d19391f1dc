// Unit tests of the submit helper every form of both apps uses (run: npm test): where the server's
// field errors land, that the first one on the page gets the focus and is scrolled to, that typing
// clears an error and no mark outlives its try, and what happens to 409s, unnamed errors and a
// second click. Vue's reactivity runs in Node; the form element is a stub.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { nextTick, reactive, ref } from 'vue'
import { ApiError } from './api.js'
import { changedKeys, formField, sortErrors, useSubmit } from './useFormErrors.js'

// A stand-in for an el-form: remembers which selector was asked for and which input got the focus.
function formStub() {
  const stub = { focused: 0, asked: '' }
  const input = { focus: () => stub.focused++ }
  const item = { querySelector: () => input }
  stub.$el = { querySelector: (sel) => ((stub.asked = sel), item) }
  return stub
}
const invalid = (body) => new ApiError({ status: 422, title: '输入有误', ...body })

test('a server field path lands on the form field it names, its alias or its head', () => {
  const fields = ['title', 'address', 'roles']
  const cases = [
    ['title', {}, 'title'],
    ['location.address', { 'location.address': 'address' }, 'address'],
    ['roles[0].org', {}, 'roles'],
    ['roles.1.role', {}, 'roles'],
    ['content', {}, ''],
    ['', {}, ''],
    [null, {}, ''],
  ]
  for (const [path, aliases, want] of cases) assert.equal(formField(path, fields, aliases), want, String(path))
})

test('errors are sorted onto the shown fields; the rest becomes one message for the form', () => {
  const cases = [
    { e: invalid({ field: 'title', detail: '标题不能为空' }), fields: { title: '标题不能为空' }, general: '' },
    { e: invalid({ field: 'secret', detail: '不能修改' }), fields: {}, general: '不能修改' },
    {
      e: invalid({ detail: '有2处错误', errors: [{ field: 'title', detail: '太长' }, { field: 'content', detail: '不能为空' }, { field: 'x', detail: '未知' }] }),
      fields: { title: '太长', content: '不能为空' }, general: '未知',
    },
    { e: invalid({ field: 'title', detail: '第一条', errors: [{ field: 'title', detail: '第二条' }] }), fields: { title: '第一条' }, general: '' },
    { e: new ApiError({ status: 0, title: '网络连接失败,请检查网络后重试' }), fields: {}, general: '网络连接失败,请检查网络后重试' },
    { e: new TypeError('boom'), fields: {}, general: 'boom' },
  ]
  for (const c of cases) assert.deepEqual(sortErrors(c.e, ['title', 'content']), { fields: c.fields, general: c.general }, c.e.message)
})

test('changed keys compare serialised values, so edits inside a list count', () => {
  assert.deepEqual(changedKeys(null, { a: '1' }), [])
  assert.deepEqual(changedKeys({ a: '"x"', b: '[1]' }, { a: '"x"', b: '[1,2]' }), ['b'])
})

test('a failed check places the messages, focuses the first field in error and sends nothing', async () => {
  const form = reactive({ title: '', content: '' })
  const el = formStub()
  const s = useSubmit(form, { el: ref(el) })
  let sent = 0
  const ok = await s.submit(async () => sent++, { check: () => ({ title: !form.title && '请填写标题', content: false }) })
  assert.equal(ok, false)
  assert.equal(sent, 0)
  assert.deepEqual({ ...s.err }, { title: '请填写标题' })
  assert.equal(el.focused, 1)
  assert.match(el.asked, /data-field="title"|is-error/)
})

test('a check may refuse the whole form with one message', async () => {
  const s = useSubmit(reactive({}))
  assert.equal(await s.submit(async () => {}, { check: () => '日期 2026-10-01 重复' }), false)
  assert.equal(s.error.value, '日期 2026-10-01 重复')
})

test('the server’s field errors go under their fields and the first gets the focus', async () => {
  const form = reactive({ address: '', phone: '' })
  const el = formStub()
  const s = useSubmit(form, { el, aliases: { 'location.address': 'address' } })
  const ok = await s.submit(() => Promise.reject(invalid({ field: 'location.address', detail: '详细地址不能超过200字' })))
  assert.equal(ok, false)
  assert.deepEqual({ ...s.err }, { address: '详细地址不能超过200字' })
  assert.equal(s.error.value, '')
  assert.equal(el.focused, 1)
  assert.equal(s.busy.value, false)
})

test('an error goes as soon as its field changes, and only that one', async () => {
  const form = reactive({ title: '', content: '', roles: [{ role: '', org: '' }] })
  const s = useSubmit(form)
  await s.submit(async () => {}, { check: () => ({ title: '请填写标题', content: '请填写详细描述', roles: '请选择角色' }) })
  form.title = '路灯不亮'
  await nextTick()
  assert.deepEqual(Object.keys(s.err).sort(), ['content', 'roles'])
  form.roles[0].role = 'handler' // an edit inside a list
  await nextTick()
  assert.deepEqual(Object.keys(s.err), ['content'])
})

test('fields not shown keep their messages out of sight: they go to the form message', async () => {
  const form = reactive({ reason: '', reply: '' })
  const s = useSubmit(form, { fields: () => ['reply'] })
  await s.submit(() => Promise.reject(invalid({ field: 'reason', detail: '理由过长' })))
  assert.deepEqual({ ...s.err }, {})
  assert.equal(s.error.value, '理由过长')
})

test('a 409 goes to onConflict when the form has one, else it is shown like any error', async () => {
  const stale = new ApiError({ status: 409, title: '该问题已被他人更新' })
  let told = null
  const a = useSubmit(reactive({}), { onConflict: (e) => (told = e) })
  assert.equal(await a.submit(() => Promise.reject(stale)), false)
  assert.equal(told, stale)
  assert.equal(a.error.value, '')
  const b = useSubmit(reactive({}))
  await b.submit(() => Promise.reject(stale))
  assert.equal(b.error.value, '该问题已被他人更新')
})

test('onError takes the form message instead of `error`', async () => {
  const said = []
  const s = useSubmit(reactive({ code: '' }), { onError: (text) => said.push(text) })
  await s.submit(() => Promise.reject(new ApiError({ status: 403, title: '您没有权限进行此操作' })))
  assert.deepEqual(said, ['您没有权限进行此操作'])
  assert.equal(s.error.value, '')
})

test('busy while sending; a second submit meanwhile is ignored; earlier errors are cleared', async () => {
  const form = reactive({ title: '' })
  const s = useSubmit(form)
  await s.submit(async () => {}, { check: () => ({ title: '请填写标题' }) })
  let release
  let sent = 0
  const first = s.submit(() => ((sent++), new Promise((r) => (release = r))))
  assert.equal(s.busy.value, true)
  assert.deepEqual({ ...s.err }, {})
  assert.equal(await s.submit(async () => sent++), false)
  release()
  assert.equal(await first, true)
  assert.equal(sent, 1)
  assert.equal(s.busy.value, false)
})

// A stand-in for a form in the page: fields in document order, each a wrapper with data-field
// and an input; records which input got the focus and which wrapper was scrolled to.
function pageStub(names, { dataField = true } = {}) {
  const page = { focused: [], scrolled: [], errorItem: null }
  const items = names.map((name, pos) => {
    const input = { focus: (o) => page.focused.push([name, o?.preventScroll === true]) }
    return {
      name, pos,
      querySelector: () => input,
      scrollIntoView: (o) => page.scrolled.push([name, o?.block]),
      compareDocumentPosition: (other) => (other.pos > pos ? 4 : 2),
    }
  })
  page.$el = {
    querySelector: (sel) => {
      const m = /data-field="([^"]+)"/.exec(sel)
      if (m) return dataField ? items.find((i) => i.name === m[1]) || null : null
      if (/is-error/.test(sel)) return page.errorItem
      return null
    },
  }
  page.item = (name) => items.find((i) => i.name === name)
  return page
}

test('issue 9: the first field in error ON THE PAGE is scrolled to the middle and focused, not the first key', async () => {
  const form = reactive({ phone: '', title: '', content: '' })
  const page = pageStub(['title', 'content', 'phone'])
  const s = useSubmit(form, { el: page })
  await s.submit(async () => {}, { check: () => ({ phone: '请填写手机号码', content: '请填写详细描述' }) })
  assert.deepEqual(page.focused, [['content', true]], 'content comes before phone on the page')
  assert.deepEqual(page.scrolled, [['content', 'center']])
})

test('issue 9: a field fixed since the last try keeps no mark, and the focus moves on to the next one', async () => {
  const form = reactive({ title: '', content: '', phone: '' })
  const page = pageStub(['title', 'content', 'phone'])
  const s = useSubmit(form, { el: page })
  const check = () => ({ title: !form.title && '请填写标题', content: !form.content && '请填写详细描述', phone: !form.phone && '请填写手机号码' })
  await s.submit(async () => {}, { check })
  assert.deepEqual(page.focused.at(-1), ['title', true])
  form.title = '路灯不亮'
  await nextTick()
  assert.equal(s.err.title, undefined, 'typing cleared the title error at once')
  await s.submit(async () => {}, { check })
  assert.deepEqual(Object.keys(s.err).sort(), ['content', 'phone'])
  assert.deepEqual(page.focused.at(-1), ['content', true])
})

test('issue 9: a value the page tidies just before the check (a normalised phone) keeps its error', async () => {
  const form = reactive({ phone: '138 1234 567' })
  const s = useSubmit(form, { el: pageStub(['phone']) })
  form.phone = form.phone.replace(/\s/g, '') // what the page does on submit
  await s.submit(async () => {}, { check: () => ({ phone: '请输入正确的11位手机号码' }) })
  await nextTick()
  assert.equal(s.err.phone, '请输入正确的11位手机号码')
})

test('inputs kept outside the form clear their error through `also`', async () => {
  const form = reactive({ title: '' })
  const district = ref('')
  const s = useSubmit(form, { also: { district: () => district.value } })
  await s.submit(() => Promise.reject(invalid({ field: 'location.district', detail: '所在区域不存在' })), {})
  assert.equal(s.err.district, undefined, 'not aliased: it is the form message')
  const t = useSubmit(form, { also: { district: () => district.value }, aliases: { 'location.district': 'district' } })
  await t.submit(() => Promise.reject(invalid({ field: 'location.district', detail: '所在区域不存在' })))
  assert.equal(t.err.district, '所在区域不存在')
  district.value = '430202'
  await nextTick()
  assert.equal(t.err.district, undefined)
})

test('a form without data-field wrappers falls back to the Element Plus item in error', async () => {
  const page = pageStub(['code'], { dataField: false })
  page.errorItem = page.item('code')
  const s = useSubmit(reactive({ code: '' }), { el: page })
  await s.submit(async () => {}, { check: () => ({ code: '请填写单位编码' }) })
  assert.deepEqual(page.focused, [['code', true]])
})
