// The matter and measure figures of 四下基层统计 click through: 收集问题, 已解决, each channel's and
// each kind's 发现问题 (and on a wide screen 已答复/已解决/已销号) open 问题台账 filtered to the matters
// that figure counted, whose 共N条 is the figure; 办法举措 提出/完成 and a kind's 交办事项 open the list
// of those measures on the page, with the same count. As the leader at 1440 and at 375 px; the
// page's 导出Excel carries the period shown. Screenshots of each.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { demoSuite, openPage, shot, staffLogin } from './harness.mjs'

const s = demoSuite()
const skip = () => s.why || false
const countIn = async (scope) => Number((await scope.getByTestId('ledger-count').textContent()).match(/共\s*(\d+)\s*条/)?.[1])

async function openFigures(page, url) {
  await page.goto(`${url}/staff/grassroots`)
  await page.locator('[data-testid=grassroots][data-loaded]').waitFor()
  await page.waitForLoadState('networkidle')
}

for (const size of [{ width: 1440, height: 900 }, { width: 375, height: 812, mobile: true }]) {
  test(`四下基层统计's matter and measure figures open lists of exactly that length (leader, ${size.width} px)`, { skip: skip(), timeout: 240_000 }, async () => {
    const { url } = s.server
    const page = await openPage(s.browser, size)
    await staffLogin(page, url, 'leader')
    await openFigures(page, url)
    await shot(page, `grassroots-figures-leader-${size.width}`)
    const href = await page.getByTestId('export').getAttribute('href')
    assert.match(href, /\/api\/v1\/stats\/grassroots\.xlsx\?from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}/)

    const matterLinks = page.locator('[data-testid=matters-raised], [data-testid=solved], [data-testid=channel-table] a[data-testid^=channel-], [data-testid=kind-table] a[data-testid^=matters-], [data-testid=kind-table] a[data-testid^=answered-], [data-testid=kind-table] a[data-testid^=closed-], [data-testid=kind-table] a[data-testid^=solved-]')
    const figures = []
    for (let i = 0; i < await matterLinks.count(); i++)
      figures.push({ id: await matterLinks.nth(i).getAttribute('data-testid'), n: Number(await matterLinks.nth(i).textContent()) })
    const ids = figures.map((f) => f.id)
    assert.ok(ids.includes('matters-raised') && ids.includes('solved'), `收集问题 and 已解决 are links (${ids})`)
    assert.ok(ids.filter((id) => id.startsWith('channel-')).length >= 2, `several channels (${ids})`)
    assert.ok(ids.filter((id) => id.startsWith('matters-') && id !== 'matters-raised').length >= 3, `several kinds (${ids})`)
    if (!size.mobile) assert.ok(ids.some((id) => id.startsWith('closed-')), `已销号 per kind on a wide screen (${ids})`)
    const raised = figures.find((f) => f.id === 'matters-raised').n
    assert.ok(raised > 0 && figures.find((f) => f.id === 'solved').n <= raised)

    let shotTaken = false
    for (const f of figures) {
      await page.getByTestId(f.id).click()
      await page.waitForURL(/\/staff\/ledger\?.*source_kind=/)
      await page.locator('[data-testid=matter-table][data-loaded]').waitFor()
      assert.equal(await countIn(page), f.n, `${f.id}: the figure ${f.n} equals the ledger's 共N条`)
      assert.match(await page.getByTestId('ledger-extra').textContent(), /来源:/)
      if (!shotTaken) {
        await shot(page, `grassroots-ledger-leader-${size.width}`)
        shotTaken = true
        if (!size.mobile) {
          // 来源记录 names each matter's record and links to it.
          const first = page.getByTestId('source-link').first()
          assert.match(await first.textContent(), /^[A-Z]{2}-[A-Z]{2}-\d{8}-\d{4}$/)
        }
      }
      await page.goBack()
      await page.locator('[data-testid=grassroots][data-loaded]').waitFor()
    }

    const measureLinks = page.locator('[data-testid=measures-proposed], [data-testid=measures-done], [data-testid=kind-table] a[data-testid^=decisions-]')
    const measures = []
    for (let i = 0; i < await measureLinks.count(); i++)
      measures.push({ id: await measureLinks.nth(i).getAttribute('data-testid'), n: Number(await measureLinks.nth(i).textContent()) })
    assert.ok(measures.some((m) => m.id === 'measures-proposed' && m.n > 0), `办法举措 proposed (${JSON.stringify(measures)})`)
    if (!size.mobile) assert.ok(measures.some((m) => m.id.startsWith('decisions-')), 'a kind\'s 交办事项 too')
    for (const m of measures) {
      await page.getByTestId(m.id).click()
      const panel = page.locator('[data-testid=measures-panel][data-loaded]')
      await panel.waitFor()
      assert.equal(await countIn(panel), m.n, `${m.id}: the figure ${m.n} equals the list's 共N条`)
      assert.equal(await panel.locator('.el-table__body-wrapper tbody tr').count(), m.n, `${m.id}: every measure is a row`)
    }
    await page.getByTestId('measures-proposed').click()
    await page.locator('[data-testid=measures-panel][data-loaded]').waitFor()
    await shot(page, `grassroots-measures-leader-${size.width}`)
    const w = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
    assert.equal(w, 0, 'the page fits its width')
    assert.deepEqual(page.errors, [], 'no console errors')
    await page.context().close()
  })
}
