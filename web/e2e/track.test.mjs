// A citizen follows a report with the short 查询码 (issue 9): the done page shows the 查询编号 and
// the 6-character 查询码 prominently; 进度查询 with code + 查询码 opens the matter. The 回音壁's
// 已解决 is the verified-solved count, and the page says what it counts.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { api, apiLogin, axeProblems, launchBrowser, missing, openPage, shot, startServer } from './harness.mjs'

const why = missing()
let server
let browser

before(async () => {
  if (why) return
  server = await startServer()
  browser = await launchBrowser()
})
after(async () => {
  await browser?.close()
  await server?.stop()
})

test('report → the done page shows the 查询码 → 进度查询 with code + 查询码 shows the matter', { skip: why || false, timeout: 120_000 }, async () => {
  const page = await openPage(browser, { width: 375, height: 812, mobile: true })
  await page.goto(`${server.url}/`)
  await page.getByLabel('标题').fill('长塘路人行道地砖松动')
  await page.getByLabel('详细描述').fill('长塘路公交站旁的人行道地砖松动翘起,老人小孩容易绊倒,请尽快修复。')
  await page.getByText('匿名反映').click()
  await page.getByRole('button', { name: '提交反映' }).click()
  await page.waitForURL(/\/done\?/)
  const code = (await page.getByTestId('tracking-code').textContent()).trim()
  const qc = page.getByTestId('query-code')
  await qc.waitFor()
  const queryCode = (await qc.textContent()).trim()
  assert.match(queryCode, /^[2-9A-HJKMNP-Z]{6}$/, 'six characters, none of 0/O, 1/I/L')
  // Prominent: in view without scrolling on a phone, in large type.
  const box = await qc.boundingBox()
  assert.ok(box && box.y + box.height <= 812, 'the 查询码 is on the first screen')
  const size = await qc.evaluate((el) => parseFloat(getComputedStyle(el).fontSize))
  assert.ok(size >= 24, `the 查询码 is in large type (${size}px)`)
  await shot(page, 'track-01-done-query-code-375')
  assert.deepEqual(await axeProblems(page), [], 'axe: 反映成功')

  // Another day, another phone: 进度查询 with what was written down (typed in lower case).
  const other = await openPage(browser, { width: 375, height: 812, mobile: true })
  await other.goto(`${server.url}/track`)
  await other.getByLabel('查询编号或查询链接').fill(code)
  await other.getByLabel('查询码').fill(queryCode.toLowerCase())
  await other.getByRole('button', { name: '查询', exact: true }).click()
  await other.waitForURL(new RegExp(`/track/${code}\\?query_code=${queryCode}`))
  await other.getByRole('heading', { name: '长塘路人行道地砖松动' }).waitFor()
  assert.match(await other.getByTestId('track-status').textContent(), /待受理/)
  await shot(other, 'track-02-by-query-code-375')

  // A wrong 查询码 finds nothing, said plainly.
  await other.goto(`${server.url}/track`)
  await other.getByLabel('查询编号或查询链接').fill(code)
  const wrong = (queryCode[0] === 'A' ? 'B' : 'A') + queryCode.slice(1)
  await other.getByLabel('查询码').fill(wrong)
  await other.getByRole('button', { name: '查询', exact: true }).click()
  await other.getByText('未找到该问题,请核对查询编号和查询码').waitFor()
  // The saved link still works too.
  await other.goto((await page.getByTestId('track-link').textContent()).trim())
  await other.getByRole('heading', { name: '长塘路人行道地砖松动' }).waitFor()
  for (const p of [page, other]) assert.deepEqual(p.errors.filter((e) => !/404/.test(e)), [], 'console errors')
})

test('the 回音壁 figure 已解决 equals the verified-solved count and says what it counts', { skip: why || false, timeout: 60_000 }, async () => {
  const page = await openPage(browser, { width: 1440, height: 900 })
  await page.goto(`${server.url}/wall`)
  const figure = page.getByTestId('wall-resolved')
  await figure.waitFor()
  const shown = Number((await figure.getAttribute('title')).replace(/[^\d]/g, ''))
  const wall = await api(server.url, 'GET', '/wall')
  assert.equal(shown, wall.json.totals.resolved)
  const leader = await apiLogin(server.url, 'leader')
  const today = new Date(Date.now() + 8 * 3600e3)
  const from = new Date(today - 3000 * 86400e3).toISOString().slice(0, 10)
  const o = await api(server.url, 'GET', `/stats/overview?from=${from}&to=${today.toISOString().slice(0, 10)}`, { cookie: leader.cookie })
  assert.equal(o.status, 200, JSON.stringify(o.json))
  assert.equal(shown, o.json.solved, 'the wall counts what verification said is solved')
  assert.ok(o.json.resolved >= o.json.solved)
  assert.match(await page.getByTestId('wall-note').textContent(), /核实/)
  await shot(page, 'track-03-wall-1440')
  assert.deepEqual(page.errors, [], 'console errors')
})
