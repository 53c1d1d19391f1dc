// 通报 in the browser (demo city: last month's circular was published at first start): a
// supervisor previews this period's circular, publishes it, and opens the printed page from the
// list — with the 通报 header (发文单位, 期号, date) and figures linking to the ledger — and the
// page reads well at 1440 and 375 px.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { api, apiLogin, axeProblems, demoSuite, openPage, shot, staffLogin } from './harness.mjs'

const suite = demoSuite()
const why = suite.why

function lastMonth() {
  const d = new Date(Date.now() + 8 * 3600 * 1000)
  d.setUTCDate(1)
  d.setUTCMonth(d.getUTCMonth() - 1)
  return d.toISOString().slice(0, 7)
}

test('a supervisor generates a circular and opens it', { skip: why || false, timeout: 300_000 }, async () => {
  const { server, browser } = suite
  const sup = await apiLogin(server.url, 'supervisor')
  const demo = await api(server.url, 'GET', '/circulars', { cookie: sup.cookie })
  assert.equal(demo.status, 200)
  assert.equal(demo.json.items.length, 1, 'the demo city has one published circular')
  assert.equal(demo.json.items[0].period, lastMonth())

  const page = await openPage(browser)
  await staffLogin(page, server.url, 'supervisor')
  await page.goto(`${server.url}/staff/circulars`)
  await page.getByTestId('circular-list').locator('.el-table__row').first().waitFor()
  await page.getByTestId('circular-preview-button').click()
  const frame = page.frameLocator('[data-testid=circular-preview]')
  await frame.locator('h1').waitFor()
  assert.match(await frame.locator('h1').innerText(), /关于.*月群众诉求办理情况的通报/)
  assert.match(await frame.locator('.issue').innerText(), /^\d{4}年第2期$/, 'the next 期号 after the demo’s')
  await shot(page, 'circular-preview')

  await page.getByTestId('circular-publish').click()
  await page.getByTestId('circular-list').locator('.el-table__row').nth(1).waitFor()
  const after = await api(server.url, 'GET', '/circulars', { cookie: sup.cookie })
  assert.equal(after.json.items.length, 2)
  const published = after.json.items[0]
  assert.equal(published.period, lastMonth())
  const [doc] = await Promise.all([
    page.context().waitForEvent('page'),
    page.getByTestId('circular-list').getByTestId('circular-open').first().click(),
  ])
  await doc.waitForLoadState()
  assert.equal(new URL(doc.url()).pathname, published.html_url)
  assert.equal((await doc.locator('h1').innerText()).trim(), published.title)
  assert.equal((await doc.locator('.issue').innerText()).trim(), published.issue_text)
  assert.match(await doc.locator('.issuer').innerText(), /发文单位:株洲市/)
  // A figure opens the ledger with the filter behind it.
  const full = await api(server.url, 'GET', `/circulars/${published.id}`, { cookie: sup.cookie })
  const collected = doc.locator('[data-figure=collected] a')
  assert.equal((await collected.innerText()).trim(), String(full.json.figures.collected))
  await collected.click()
  await doc.waitForURL(/\/staff\/ledger\?/)
  await doc.getByText(`共 ${full.json.figures.collected} 条`).first().waitFor({ timeout: 15_000 })
  await shot(doc, 'circular-ledger')
  assert.deepEqual(page.errors, [])
  assert.deepEqual(await axeProblems(page), [])
  await page.context().close()

  const phone = await openPage(browser, { width: 375, height: 812, mobile: true })
  await staffLogin(phone, server.url, 'supervisor')
  await phone.goto(`${server.url}/staff/circulars`)
  await phone.getByTestId('circular-list').locator('.el-table__row').first().waitFor()
  await shot(phone, 'circular-page-phone')
  await phone.goto(`${server.url}${published.html_url}`)
  await phone.locator('h1').waitFor()
  await shot(phone, 'circular-print-phone')
  assert.deepEqual(phone.errors, [])
  await phone.context().close()
})
