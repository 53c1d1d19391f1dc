// 站内消息 in the browser (demo city): the bell in the header shows the handler's unread count as
// the API gives it, opens the latest items and leads to the inbox page; opening an item there goes
// to the matter and the count drops by one — at 1440 px and on a 375 px phone. The administrator's
// 消息推送 page lists the demo's webhook and its dead letters (the demo gateway is not running).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { api, apiLogin, axeProblems, demoSuite, openPage, shot, staffLogin } from './harness.mjs'

const suite = demoSuite()
const why = suite.why

const unreadOf = async (url, who) => (await api(url, 'GET', '/inbox?limit=1', { cookie: who.cookie })).json.unread

test('the inbox bell counts unread items and an opened item is read', { skip: why || false, timeout: 300_000 }, async () => {
  const { server, browser } = suite
  for (const [width, height, name, mobile] of [[1440, 900, 'desk', false], [375, 812, 'phone', true]]) {
    const who = await apiLogin(server.url, 'handler')
    const before = await unreadOf(server.url, who)
    assert.ok(before > 0, 'the demo handler starts with unread items')
    const page = await openPage(browser, { width, height, mobile })
    await staffLogin(page, server.url, 'handler')
    const bell = page.getByTestId('inbox-bell')
    await bell.waitFor()
    await page.waitForFunction((n) => document.querySelector('[data-testid=inbox-bell]')?.getAttribute('aria-label')?.includes(`${n}条未读`), before)
    assert.equal((await bell.locator('.el-badge__content').innerText()).trim(), before > 99 ? '99+' : String(before))
    await bell.click()
    await page.getByTestId('inbox-all').click()
    await page.waitForURL(/\/staff\/inbox/)
    const table = page.getByTestId('inbox-table')
    await table.locator('.el-table__row').first().waitFor()
    assert.match(await page.locator('.page-head h1').innerText(), /站内消息/)
    await shot(page, `inbox-${name}`)
    assert.deepEqual(await axeProblems(page), [])
    // Only unread ones, then open the first: the matter's page, and one fewer unread.
    await page.getByText('只看未读').click()
    await page.waitForTimeout(300)
    const first = table.locator('.el-table__row').first().locator('a').first()
    const label = await first.innerText()
    const code = label.split(' ')[0]
    await first.click()
    await page.waitForURL(new RegExp(`/staff/matters/${code}`))
    assert.equal(await unreadOf(server.url, who), before - 1)
    await page.waitForFunction((n) => document.querySelector('[data-testid=inbox-bell]')?.getAttribute('aria-label')?.includes(`${n}条未读`), before - 1)
    assert.deepEqual(page.errors, [])
    await page.context().close()
  }
})

test('消息推送 lists the demo webhook and its dead letters', { skip: why || false, timeout: 300_000 }, async () => {
  const { server, browser } = suite
  const admin = await apiLogin(server.url, 'admin')
  const dead = await api(server.url, 'GET', '/admin/webhooks/dead', { cookie: admin.cookie })
  assert.equal(dead.status, 200)
  assert.ok(dead.json.items.length > 0, 'the demo gateway is down: its messages are dead letters')
  const page = await openPage(browser)
  await staffLogin(page, server.url, 'admin', /\/staff\//)
  await page.goto(`${server.url}/staff/admin/webhooks`)
  await page.getByTestId('webhook-table').locator('.el-table__row').first().waitFor()
  assert.match(await page.getByTestId('webhook-table').innerText(), /127\.0\.0\.1:9\/sms/)
  assert.doesNotMatch(await page.getByTestId('webhook-table').innerText(), /demo-sms-gateway-secret/)
  const rows = page.getByTestId('webhook-dead').locator('.el-table__row')
  await rows.first().waitFor()
  assert.equal(await rows.count(), dead.json.items.length)
  assert.match(await rows.first().innerText(), /reporter\.reopened/)
  await shot(page, 'webhooks-admin')
  assert.deepEqual(await axeProblems(page), [])
  assert.deepEqual(page.errors, [])
  await page.context().close()
})
