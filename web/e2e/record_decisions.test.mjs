// A field record's decisions (现场交办事项) on its page in Chromium, against the demo city: one past
// its deadline shows 逾期 in red until it is updated to 已完成 through the shared measure list.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { api, apiLogin, demoSuite, openPage, staffLogin } from './harness.mjs'

const s = demoSuite()
const skip = () => s.why || false

test('a decision past its deadline shows 逾期 until updated to 已完成 on the record page', { skip: skip(), timeout: 120_000 }, async () => {
  const { url } = s.server
  const who = await apiLogin(url, 'dispatcher_lusong')
  const list = await api(url, 'GET', '/records?kind=onsite_office', { cookie: who.cookie })
  const rec = list.json.items.find((r) => r.measures.some((m) => m.content === '划定夜间装卸临时停靠区'))
  assert.ok(rec, 'the demo 服饰市场 on-site meeting')
  const page = await openPage(s.browser)
  await staffLogin(page, url, 'dispatcher_lusong')
  await page.goto(`${url}/staff/records/${rec.code}`)
  const row = page.getByTestId('record-measures').locator('.el-table__row', { hasText: '划定夜间装卸临时停靠区' })
  await row.waitFor()
  const deadline = row.getByTestId('measure-deadline')
  assert.match(await deadline.textContent(), /逾期/)
  assert.match(await deadline.getAttribute('class'), /overdue/)
  await row.getByRole('button', { name: '更新' }).click()
  const dialog = page.getByRole('dialog', { name: '更新整改措施' })
  await dialog.locator('.el-select', { has: page.getByLabel('状态') }).click()
  await page.locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: '已完成' }).click()
  await dialog.getByRole('button', { name: '保存' }).click()
  await dialog.waitFor({ state: 'hidden' })
  await page.waitForFunction(() => [...document.querySelectorAll('[data-testid=record-measures] .el-table__row')].some((r) => /划定夜间装卸临时停靠区/.test(r.textContent) && /已完成/.test(r.textContent) && !/逾期/.test(r.textContent)))
  const after = await api(url, 'GET', `/records/${rec.code}`, { cookie: who.cookie })
  assert.equal(after.json.measures.find((m) => m.content === '划定夜间装卸临时停靠区').status, 'done')
  assert.deepEqual(page.errors, [])
  await page.context().close()
})

test('a leader 批示s a field record and the place answers it on the record page', { skip: skip(), timeout: 120_000 }, async () => {
  const { url } = s.server
  const who = await apiLogin(url, 'dispatcher_lusong')
  const list = await api(url, 'GET', '/records?kind=onsite_office', { cookie: who.cookie })
  const rec = list.json.items.find((r) => r.measures.some((m) => m.content === '划定夜间装卸临时停靠区'))
  assert.ok(rec, 'the demo 服饰市场 on-site meeting')
  const text = '夜间装卸问题要建立长效机制,月底前报结果'
  for (const [user, box, button, wrote] of [['leader', 'record-instruct-text', 'record-instruct', text],
    ['dispatcher_lusong', 'record-answer-text', 'record-answer', '已划定临时停靠区,月底前报长效机制']]) {
    const page = await openPage(s.browser, { width: 375, mobile: true })
    await staffLogin(page, url, user)
    await page.goto(`${url}/staff/records/${rec.code}`)
    const panel = page.getByTestId('record-instructions')
    await panel.getByTestId(box).fill(wrote)
    await panel.getByTestId(button).click()
    await panel.getByText(user === 'leader' ? '待答复' : `答复:${wrote}`).waitFor()
    assert.deepEqual(page.errors, [])
    await page.context().close()
  }
  const after = await api(url, 'GET', `/records/${rec.code}`, { cookie: who.cookie })
  const i = after.json.instructions.at(-1)
  assert.equal(i.text, text)
  assert.equal(i.answer, '已划定临时停靠区,月底前报长效机制')
})
