// A citizen follows a report with the short 查询码 (issue 9): the done page shows the 查询编号 and
// the 6-character 查询码 prominently; 进度查询 with code + 查询码 opens the matter; 按手机号查询 with
// a one-time code (printed in the demo server's log) lists the phone's matters. The 回音壁's
// 已解决 is the verified-solved count, and the page says what it counts; neither the wall nor the
// track page shows internal wording (被退回, 已回访, 已销号). The staff login page logs no error.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { api, apiLogin, axeProblems, demoSuite, openPage, shot, submitMatter } from './harness.mjs'

const s = demoSuite()
const why = s.why

test('report → the done page shows the 查询码 → 进度查询 with code + 查询码 shows the matter', { skip: why || false, timeout: 120_000 }, async () => {
  const page = await openPage(s.browser, { width: 375, height: 812, mobile: true })
  await page.goto(`${s.server.url}/`)
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
  const other = await openPage(s.browser, { width: 375, height: 812, mobile: true })
  await other.goto(`${s.server.url}/track`)
  await other.getByLabel('查询编号或查询链接').fill(code)
  await other.getByLabel('查询码').fill(queryCode.toLowerCase())
  await other.getByRole('button', { name: '查询', exact: true }).click()
  await other.waitForURL(new RegExp(`/track/${code}\\?query_code=${queryCode}`))
  await other.getByRole('heading', { name: '长塘路人行道地砖松动' }).waitFor()
  assert.match(await other.getByTestId('track-status').textContent(), /待受理/)
  await shot(other, 'track-02-by-query-code-375')

  // A wrong 查询码 finds nothing, said plainly.
  await other.goto(`${s.server.url}/track`)
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
  const page = await openPage(s.browser, { width: 1440, height: 900 })
  await page.goto(`${s.server.url}/wall`)
  const figure = page.getByTestId('wall-resolved')
  await figure.waitFor()
  const shown = Number((await figure.getAttribute('title')).replace(/[^\d]/g, ''))
  const wall = await api(s.server.url, 'GET', '/wall')
  assert.equal(shown, wall.json.totals.resolved)
  const leader = await apiLogin(s.server.url, 'leader')
  const today = new Date(Date.now() + 8 * 3600e3)
  const from = new Date(today - 3000 * 86400e3).toISOString().slice(0, 10)
  const o = await api(s.server.url, 'GET', `/stats/overview?from=${from}&to=${today.toISOString().slice(0, 10)}`, { cookie: leader.cookie })
  assert.equal(o.status, 200, JSON.stringify(o.json))
  assert.equal(shown, o.json.solved, 'the wall counts what verification said is solved')
  assert.ok(o.json.resolved >= o.json.solved)
  assert.match(await page.getByTestId('wall-note').textContent(), /核实/)
  await shot(page, 'track-03-wall-1440')
  assert.deepEqual(page.errors, [], 'console errors')
})

// No horizontal scrolling: the page is no wider than the screen.
const overflow = (page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)

test('按手机号查询: phone → 发送验证码 (60 s countdown) → code → the phone\'s matters, each opening its track page', { skip: why || false, timeout: 120_000 }, async () => {
  const phone = '13700009901'
  const first = await submitMatter(s.server.url, '长塘路下水道堵塞', { contact: { name: '赵女士', phone } })
  const second = await submitMatter(s.server.url, '长塘路路灯不亮', { contact: { name: '赵女士', phone } })
  await submitMatter(s.server.url, '别人反映的噪音问题', { contact: { name: '钱先生', phone: '13700009902' } })
  for (const size of [{ width: 375, height: 812, mobile: true }, { width: 1440, height: 900 }]) {
    const page = await openPage(s.browser, size)
    await page.goto(`${s.server.url}/track`)
    await page.getByRole('button', { name: '按手机号查询' }).click()
    await page.getByLabel('手机号码').fill('+86 137 0000 9901')
    const since = s.server.log().length
    const send = page.getByTestId('send-otp')
    await send.click()
    await page.getByText('验证码已通过短信发送').waitFor()
    assert.match(await send.textContent(), /\d+秒后重发/, 'a resend countdown')
    assert.ok(await send.isDisabled(), 'no resend during the countdown')
    let otp = null
    for (let i = 0; i < 40 && !otp; i++) {
      const m = /短信 → 137\*\*\*\*9901: .*?验证码为(\d{6})/.exec(s.server.log().slice(since))
      otp = m && m[1]
      if (!otp) await new Promise((r) => setTimeout(r, 100))
    }
    assert.ok(otp, 'the demo server printed the code in its log')
    await page.getByLabel('短信验证码').fill(otp)
    await page.getByRole('button', { name: '查看我反映的问题' }).click()
    const list = page.getByTestId('phone-matters')
    await list.getByRole('heading', { name: /您反映的问题.2件./ }).waitFor()
    const titles = await list.locator('.found-title').allTextContents()
    assert.deepEqual(titles, ['长塘路路灯不亮', '长塘路下水道堵塞'], 'exactly that phone\'s matters, newest first')
    assert.equal(await overflow(page), 0, `no horizontal scroll at ${size.width}px`)
    const w = size.width
    await shot(page, `track-04-by-phone-${w}`)
    if (w === 1440) assert.deepEqual(await axeProblems(page), [], 'axe: 按手机号查询')
    await list.getByRole('link', { name: /长塘路下水道堵塞/ }).click()
    await page.waitForURL(new RegExp(`/track/${first.code}\\?access=`))
    await page.getByRole('heading', { name: '长塘路下水道堵塞' }).waitFor()
    assert.match(await page.getByTestId('track-status').textContent(), /待受理/)
    assert.match(await page.getByTestId('track-unit').textContent(), /正在确定承办单位/)
    assert.equal(await overflow(page), 0)
    await shot(page, `track-05-opened-from-phone-${w}`)
    assert.deepEqual(page.errors, [], 'console errors')
    await page.context().close()
  }
  assert.ok(second.code)
})

test('the track page shows plain wording and the responsible unit, the wall does not show internal status 被退回', { skip: why || false, timeout: 120_000 }, async () => {
  // A matter a unit returns, then answers; the dispatcher verifies and closes it. The public sees
  // 办理中 / 已解决 and the unit's name, never 被退回 / 已回访 / 已销号.
  const m = await submitMatter(s.server.url, '建设路人行道护栏损坏', { public_consent: true })
  const dispatcher = await apiLogin(s.server.url, 'dispatcher')
  const handler = await apiLogin(s.server.url, 'handler')
  const unit = handler.user.primary_org || handler.user.roles[0].org
  const act = async (who, action, fields = {}) => {
    const cur = await api(s.server.url, 'GET', `/matters/${m.code}`, { cookie: who.cookie })
    const r = await api(s.server.url, 'POST', `/matters/${m.code}/actions`, { cookie: who.cookie, csrf: who.csrf, body: { action, ...fields }, headers: { 'If-Match': `"${cur.json.version}"` } })
    assert.equal(r.status, 200, `${action}: ${JSON.stringify(r.json)}`)
  }
  const due = new Date(Date.now() + 8 * 3600e3 + 10 * 86400e3).toISOString().slice(0, 10)
  const assign = { lead_org: unit.code, handling_class: 'immediate', deadline: due }
  await act(dispatcher, 'accept')
  await act(dispatcher, 'assign', assign)
  await act(handler, 'return', { reason: '该路段护栏由区城管局负责,请重新交办。' })

  const page = await openPage(s.browser, { width: 375, height: 812, mobile: true })
  await page.goto(`${s.server.url}/wall`)
  const item = page.locator('article.wall-item', { hasText: '建设路人行道护栏损坏' })
  await item.waitFor()
  assert.equal((await item.getByTestId('wall-status').textContent()).trim(), '办理中', 'a returned matter is 办理中 to the public')
  for (const l of await page.getByTestId('wall-status').allTextContents())
    assert.doesNotMatch(l, /被退回|已回访|已销号|已交办/, `wall status ${l}`)
  await shot(page, 'track-06-wall-public-wording-375')

  await act(dispatcher, 'assign', assign)
  await act(handler, 'sign')
  await act(handler, 'resolve', { reply: '已更换损坏的护栏,恢复通行安全。' })
  await act(dispatcher, 'verify', { solved: true, satisfaction: 'satisfied' })
  await act(dispatcher, 'close')
  await page.goto(`${s.server.url}${m.track_url}`)
  await page.getByRole('heading', { name: '建设路人行道护栏损坏' }).waitFor()
  assert.equal((await page.getByTestId('track-unit').textContent()).trim(), unit.name, 'the responsible unit by name')
  assert.equal((await page.getByTestId('track-status').textContent()).trim(), '已解决')
  await page.getByRole('heading', { name: '回访结果' }).waitFor()  // the dispatcher's 回访, not the reporter's own 评价
  const timeline = await page.getByTestId('track-timeline').textContent()
  assert.doesNotMatch(timeline, /已回访|已销号|被退回|dispatcher|citizen/)
  assert.match(timeline, /交承办单位办理/)
  assert.match(timeline, /办结归档/)
  assert.equal(await overflow(page), 0)
  await shot(page, 'track-07-unit-and-wording-375')
  assert.deepEqual(page.errors, [], 'console errors')
  await page.context().close()
})

test('session without login answers 200 user null: the login page logs no console error', { skip: why || false, timeout: 60_000 }, async () => {
  const r = await api(s.server.url, 'GET', '/session')
  assert.equal(r.status, 200)
  assert.deepEqual(r.json, { user: null })
  const page = await openPage(s.browser, { width: 1440, height: 900 })
  const raw = []  // every console error, the "expected" API statuses included
  page.on('console', (msg) => msg.type() === 'error' && raw.push(msg.text()))
  await page.goto(`${s.server.url}/staff/workbench`)
  await page.waitForURL(/\/staff\/login/)
  await page.locator('#l-user').waitFor()
  await page.waitForLoadState('networkidle')
  assert.deepEqual(raw, [], 'no console error on the login page')
  await page.getByLabel('用户名').fill('dispatcher')
  await page.getByLabel('密码').fill('Huiyin@2026')
  await page.getByRole('button', { name: '登 录' }).click()
  await page.waitForURL(/\/staff\/workbench/)
  await page.context().close()
})
