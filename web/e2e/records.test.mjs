// 四下基层 in the staff app: 工作记录 lists the records with 共N条 as the API holds them; a record's
// detail shows the matters it raised with their status (and a night talk's 回音 per item);
// every record-kind figure on 四下基层统计 clicks through to a list of exactly that many records;
// the three pages fit a 375 px phone. Screenshots at 1440 and 375 as dispatcher, leader, supervisor.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { api, apiLogin, demoSuite, openPage, shot, staffLogin } from './harness.mjs'

const s = demoSuite()
const skip = () => s.why || false

async function allRecords(url, cookie, query = '') {
  const items = []
  let cursor = ''
  for (;;) {
    const r = await api(url, 'GET', `/records?${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { cookie })
    assert.equal(r.status, 200, `GET /records?${query}`)
    items.push(...r.json.items)
    if (!r.json.next_cursor) return items
    cursor = r.json.next_cursor
  }
}
const countOf = async (page) => Number((await page.getByTestId('ledger-count').textContent()).match(/共\s*(\d+)\s*条/)?.[1])

test('工作记录 lists every record in scope with its count, and links to the detail', { skip: skip(), timeout: 90_000 }, async () => {
  const { url } = s.server
  const { cookie } = await apiLogin(url, 'dispatcher')
  const all = await allRecords(url, cookie)
  assert.ok(all.length > 0, 'the demo has records for the dispatcher')
  const page = await openPage(s.browser)
  await staffLogin(page, url, 'dispatcher')
  await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '工作记录' }).click()
  await page.locator('[data-testid=records-table][data-loaded] .el-table__row').first().waitFor()
  assert.equal(await countOf(page), all.length, '共N条 is the whole list')
  const first = page.locator('[data-testid=records-table] .el-table__row').first()
  assert.match(await first.textContent(), new RegExp(all[0].code))
  await shot(page, 'records-dispatcher-1440')
  await first.getByRole('link', { name: all[0].code }).click()
  await page.getByTestId('record-info').waitFor()
  assert.match(page.url(), new RegExp(`/staff/records/${all[0].code}$`))
  assert.deepEqual(page.errors, [])
  await page.context().close()
})

test('a record shows the matter it raised with its status, and a night talk each item’s 回音', { skip: skip(), timeout: 90_000 }, async () => {
  const { url } = s.server
  const { cookie } = await apiLogin(url, 'dispatcher')
  const all = await allRecords(url, cookie, 'kind=night_talk')
  const rec = all.find((r) => r.matters?.length)
  assert.ok(rec, 'a night talk with a matter')
  const m = rec.matters[0]
  const page = await openPage(s.browser)
  await staffLogin(page, url, 'dispatcher')
  await page.goto(`${url}/staff/records/${rec.code}`)
  const table = page.getByTestId('record-matters')
  await table.locator('.el-table__row').first().waitFor()
  const row = table.locator('.el-table__row', { hasText: m.code })
  assert.match(await row.textContent(), new RegExp(m.status_label), 'the matter shows its status')
  const want = m.answered ? '已回音' : m.overdue ? '超期无回音' : '待回音'
  assert.equal((await row.getByTestId('answer-state').textContent()).trim(), want)
  assert.match(await page.getByTestId('record-info').textContent(), /参加群众人数/)
  await shot(page, 'record-detail-dispatcher-1440')
  await row.getByRole('link', { name: m.code }).click()
  await page.getByTestId('matter-timeline').waitFor()
  assert.match(page.url(), new RegExp(`/staff/matters/${m.code}$`))
  assert.deepEqual(page.errors, [])
  await page.context().close()
})

test('every record-kind and method figure on 四下基层统计 opens a list of exactly that many records', { skip: skip(), timeout: 150_000 }, async () => {
  const { url } = s.server
  for (const user of ['leader', 'dispatcher']) {
    const page = await openPage(s.browser)
    await staffLogin(page, url, user)
    await page.goto(`${url}/staff/grassroots`)
    await page.locator('[data-testid=grassroots][data-loaded]').waitFor()
    await page.waitForLoadState('networkidle')
    await shot(page, `grassroots-${user}-1440`)
    const links = page.locator('[data-testid=kind-table] a[data-testid^=kind-], [data-testid=method-table] a[data-testid^=method-]')
    const n = await links.count()
    assert.ok(n >= 3, `${user}: several kinds have records (${n})`)
    const figures = []
    for (let i = 0; i < n; i++) figures.push({ id: await links.nth(i).getAttribute('data-testid'), n: Number(await links.nth(i).textContent()) })
    assert.ok(figures.some((f) => f.id.startsWith('method-')), `${user}: method figures click through too`)
    for (const f of figures) {
      const [what, kind, method] = f.id.split('-')
      await page.getByTestId(f.id).click()
      await page.waitForURL(new RegExp(`/staff/records\\?.*kind=${kind}`))
      if (what === 'method') assert.match(page.url(), new RegExp(`method=${method}`))
      await page.locator('[data-testid=records-table][data-loaded]').waitFor()
      assert.equal(await countOf(page), f.n, `${user}: ${f.id} figure ${f.n} equals the list's count`)
      await page.goBack()
      await page.locator('[data-testid=grassroots][data-loaded]').waitFor()
    }
    assert.match(await page.getByTestId('summary-text').textContent(), /本期共开展/)
    assert.deepEqual(page.errors, [], `console errors as ${user}`)
    await page.context().close()
  }
})

test('the 四下基层 pages fit a 375 px phone', { skip: skip(), timeout: 150_000 }, async () => {
  const { url } = s.server
  const { cookie } = await apiLogin(url, 'dispatcher')
  const rec = (await allRecords(url, cookie)).find((r) => r.matters?.length)
  const problems = []
  for (const user of ['dispatcher', 'leader', 'supervisor']) {
    const page = await openPage(s.browser, { width: 375, height: 812, mobile: true })
    await staffLogin(page, url, user)
    const pages = [
      { name: 'records', path: '/staff/records', ready: '[data-testid=records-table][data-loaded]' },
      { name: 'record', path: `/staff/records/${rec.code}`, ready: '[data-testid=record-matters]' },
    ]
    pages.push({ name: 'grassroots', path: '/staff/grassroots', ready: '[data-testid=grassroots][data-loaded]' })
    for (const p of pages) {
      await page.goto(`${url}${p.path}`)
      await page.locator(p.ready).first().waitFor()
      await page.waitForLoadState('networkidle')
      const w = await page.evaluate(() => {
        const main = document.getElementById('main')
        return { page: document.documentElement.scrollWidth - document.documentElement.clientWidth, main: main ? main.scrollWidth - main.clientWidth : 0 }
      })
      if (w.page > 0 || w.main > 0) problems.push(`${p.name} (${user}): page ${w.page}px, main ${w.main}px too wide`)
      await shot(page, `phone-${user}-${p.name}-375`)
    }
    assert.deepEqual(page.errors, [], `console errors as ${user}`)
    await page.context().close()
  }
  assert.deepEqual(problems, [])
})

test('a leader’s name on a record opens their 干部纪实 with 导出Excel', { skip: skip(), timeout: 90_000 }, async () => {
  const { url } = s.server
  const { cookie } = await apiLogin(url, 'leader')
  const rec = (await allRecords(url, cookie)).find((r) => r.leaders.some((l) => l.username === 'leader'))
  assert.ok(rec, 'a record the leader led')
  const dossier = await api(url, 'GET', '/dossier/leader', { cookie })
  assert.equal(dossier.status, 200)
  const page = await openPage(s.browser)
  await staffLogin(page, url, 'leader')
  await page.goto(`${url}/staff/records/${rec.code}`)
  await page.getByTestId('leader-link').first().click()
  await page.waitForURL(/\/staff\/dossier\/leader$/)
  await page.getByTestId('dossier-records').locator('.el-table__row').first().waitFor()
  assert.equal(await page.getByTestId('dossier-records').locator('.el-table__row').count(), dossier.json.records.length)
  // Regression: each record's 发现问题数 counts the dossier's matters it raised (the records there carry no list).
  const raised = dossier.json.matters.filter((m) => m.record === dossier.json.records[0].code).length
  const firstRow = page.getByTestId('dossier-records').locator('.el-table__row').first()
  assert.equal((await firstRow.locator('td').last().textContent()).trim(), String(raised))
  assert.ok(dossier.json.matters.length > 0, 'the leader’s records raised matters')
  assert.match(await page.getByTestId('dossier-export').getAttribute('href'), /\/api\/v1\/dossier\/leader\.xlsx/)
  await shot(page, 'dossier-leader-1440')
  assert.deepEqual(page.errors, [])
  await page.context().close()
})
