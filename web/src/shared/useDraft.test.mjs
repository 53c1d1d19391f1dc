// Unit tests of the draft kept on the device (run: npm test): a half-written form comes back
// after a "reload" (a second instance on the same storage), photos are counted but never stored,
// a blank form or a submitted one leaves nothing, and a broken or old entry is ignored.
import { test, beforeEach } from 'node:test'
import assert from 'node:assert/strict'
import { nextTick, reactive } from 'vue'
import { forgetDrafts, useDraft } from './useDraft.js'

class MemoryStorage {
  constructor() { this.m = new Map() }
  getItem(k) { return this.m.has(k) ? this.m.get(k) : null }
  setItem(k, v) { this.m.set(k, String(v)) }
  removeItem(k) { this.m.delete(k) }
  keys() { return [...this.m.keys()] }
}
const blank = () => ({ title: '', content: '', anonymous: false, attachments: [] })
let storage
beforeEach(() => {
  storage = new MemoryStorage()
  globalThis.localStorage = new Proxy(storage, { ownKeys: (t) => t.keys(), getOwnPropertyDescriptor: () => ({ enumerable: true, configurable: true }) })
})

test('issue 9: a reload keeps the half-written report; its photos are counted, not stored', async () => {
  const form = reactive(blank())
  useDraft('report', form, { blank, skip: ['attachments'], photos: () => form.attachments.length })
  form.title = '路灯不亮'
  form.attachments = ['secret-upload-handle']
  await nextTick()
  const text = storage.getItem('huiyin.draft.report')
  assert.ok(text, 'saved')
  assert.ok(!text.includes('secret-upload-handle'), 'no upload handle on the device')

  const again = reactive(blank()) // the reloaded page
  const d = useDraft('report', again, { blank, skip: ['attachments'], photos: () => again.attachments.length })
  assert.equal(again.title, '路灯不亮')
  assert.deepEqual(again.attachments, [])
  assert.equal(d.restored.value, true)
  assert.equal(d.photosLost.value, 1)
})

test('a blank form saves nothing; done() after a submit leaves nothing', async () => {
  const form = reactive(blank())
  const d = useDraft('report', form, { blank })
  form.title = '井盖缺失'
  await nextTick()
  form.title = ''
  await nextTick()
  assert.equal(storage.getItem('huiyin.draft.report'), null, 'back to blank: removed')
  form.title = '井盖缺失'
  await nextTick()
  d.done()
  Object.assign(form, blank())
  await nextTick()
  assert.equal(storage.getItem('huiyin.draft.report'), null)
  const again = reactive(blank())
  assert.equal(useDraft('report', again, { blank }).restored.value, false)
})

test('discard() forgets the draft; a broken, mistyped or month-old entry is ignored', async () => {
  storage.setItem('huiyin.draft.report', '{not json')
  assert.equal(useDraft('report', reactive(blank()), { blank }).restored.value, false)
  storage.setItem('huiyin.draft.report', JSON.stringify({ at: Date.now(), fields: { title: 42, content: '内容' } }))
  const f = reactive(blank())
  const d = useDraft('report', f, { blank })
  assert.equal(f.title, '', 'a number is not a title')
  assert.equal(f.content, '内容')
  d.discard()
  assert.equal(storage.getItem('huiyin.draft.report'), null)
  storage.setItem('huiyin.draft.report', JSON.stringify({ at: Date.now() - 31 * 86400e3, fields: { title: '旧的' } }))
  const old = reactive(blank())
  assert.equal(useDraft('report', old, { blank }).restored.value, false)
  assert.equal(old.title, '')
})

test('forgetDrafts removes one user’s drafts only', () => {
  storage.setItem('huiyin.draft.staff.handler.record', '{}')
  storage.setItem('huiyin.draft.staff.handler_zhujian.record', '{}')
  storage.setItem('huiyin.draft.report', '{}')
  forgetDrafts('staff.handler.')
  assert.deepEqual(storage.keys().sort(), ['huiyin.draft.report', 'huiyin.draft.staff.handler_zhujian.record'])
})
