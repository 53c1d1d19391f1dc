// 领导驾驶舱's companion rates (及时签收率, 按期办结率 with 延期后按期 and 逾期 apart, 退回率, 重办率,
// 回头看不合格率 marked 待接入, 超期件数), each with its counts and its definition on the page, at
// 1440 px and on a 375 px phone; and the ledger's 原定时限 and 延期后时限 columns.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { api, apiLogin, demoSuite, openPage, shot, staffLogin } from './harness.mjs'

const s = demoSuite()
const why = s.why

for (const [width, mobile] of [[1440, false], [375, true]]) {
  test(`the dashboard shows every rate with its definition (${width} px)`, { skip: why || false, timeout: 90_000 }, async () => {
    const page = await openPage(s.browser, { width, height: 900, mobile })
    await staffLogin(page, s.server.url, 'leader', /\/staff\//)
    await page.goto(`${s.server.url}/staff/dashboard`)
    const more = page.getByTestId('more-rates')
    await more.getByTestId('rate-on_time').getByTestId('rate-fraction').waitFor()
    const { cookie } = await apiLogin(s.server.url, 'leader')
    const o = (await api(s.server.url, 'GET', '/stats/overview', { cookie })).json
    for (const key of ['signed_in_time', 'on_time', 'returned', 'reopened', 'spot_check_failed']) {
      const card = more.getByTestId(`rate-${key}`)
      const r = o.rates[key]
      assert.match(await card.innerText(), new RegExp(r.label))
      assert.equal(await card.getByTestId('rate-fraction').locator('.n').innerText(), `${r.numerator}/${r.denominator}`)
      assert.equal(await card.getByTestId('rate-definition').innerText(), r.definition)
      const box = await card.boundingBox()
      assert.ok(box.x >= 0 && box.x + box.width <= width, `${key} fits the screen: ${JSON.stringify(box)}`)
    }
    const split = await more.getByTestId('on-time-split').innerText()
    assert.equal(split.trim(), `按期 ${o.rates.on_time.on_time} · 延期后按期 ${o.rates.on_time.on_time_after_extension} · 逾期 ${o.rates.on_time.late}`)
    assert.match(await more.getByTestId('rate-overdue').innerText(), new RegExp(`在办超期 ${o.rates.overdue.open}`))
    await more.scrollIntoViewIfNeeded()
    await shot(page, `dashboard-rates-${width}`)
    await more.screenshot({ path: `${process.cwd()}/../build/e2e-screenshots/dashboard-more-rates-${width}.png` })
    assert.deepEqual(page.errors, [])
    await page.context().close()
  })
}

test('the ledger shows 原定时限 and 延期后时限', { skip: why || false, timeout: 60_000 }, async () => {
  const page = await openPage(s.browser)
  await page.addInitScript(() => localStorage.removeItem('huiyin.ledger.columns'))
  await staffLogin(page, s.server.url, 'dispatcher')
  await page.goto(`${s.server.url}/staff/ledger`)
  const table = page.getByTestId('matter-table')
  await table.locator('.el-table__row').first().waitFor()
  const heads = await table.locator('thead th').allInnerTexts()
  const orig = heads.findIndex((h) => h.trim() === '原定时限')
  assert.ok(orig > 0 && heads[orig + 1].trim() === '延期后时限', JSON.stringify(heads))
  assert.ok(await table.getByTestId('original-deadline').count() > 0)
  assert.deepEqual(page.errors, [])
  await page.context().close()
})
