// Supervision in the browser (demo city; the scheduler ran its tick when the server started):
// an overdue matter's page shows its step on the escalation ladder (督办, 通报 …) as the API
// gives it, for the supervisor at 1440 px and on a 375 px phone; the leader's 单位排名 ranks
// departments and areas by the stated rule, small units listed after the ranked as 样本不足.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { api, apiLogin, demoSuite, openPage, shot, staffLogin } from './harness.mjs'

const suite = demoSuite()
const why = suite.why

test('an overdue matter shows its escalation step, as the API says, at 1440 and 375 px', { skip: why || false, timeout: 300_000 }, async () => {
  const { server, browser } = suite
  const sup = await apiLogin(server.url, 'supervisor')
  const list = await api(server.url, 'GET', '/matters?overdue=true&limit=50', { cookie: sup.cookie })
  assert.equal(list.status, 200)
  let escalated = null
  for (const item of list.json.items) {
    const d = await api(server.url, 'GET', `/matters/${item.code}`, { cookie: sup.cookie })
    if (d.json.escalation.level !== 'none') {
      escalated = d.json
      break
    }
  }
  assert.ok(escalated, 'the demo city has an overdue matter the scheduler escalated at start')
  assert.ok(escalated.events.some((e) => e.type === 'escalate' && e.actor_label === '系统'))
  for (const [width, height, name] of [[1440, 900, 'desk'], [375, 812, 'phone']]) {
    const page = await openPage(browser, { width, height, mobile: width < 600 })
    await staffLogin(page, server.url, 'supervisor')
    await page.goto(`${server.url}/staff/matters/${escalated.code}`)
    const tag = page.getByTestId('escalation')
    await tag.waitFor()
    assert.equal((await tag.innerText()).trim(), escalated.escalation.label)
    await assert.doesNotReject(page.getByText(escalated.events.find((e) => e.type === 'escalate').summary.split(' ').slice(1).join(' ')).first().waitFor({ timeout: 5000 }))
    await shot(page, `supervision-escalation-${name}`)
    assert.deepEqual(page.errors, [])
    await page.context().close()
  }
})

test('单位排名: ranked by the stated rule, small units after the ranked, departments and areas', { skip: why || false, timeout: 300_000 }, async () => {
  const { server, browser } = suite
  const leader = await apiLogin(server.url, 'leader')
  const r = await api(server.url, 'GET', '/rankings', { cookie: leader.cookie })
  assert.equal(r.status, 200)
  const depts = r.json.items.filter((i) => i.level === 'dept')
  assert.ok(depts.some((i) => i.rank === 1), 'someone ranks first')
  const page = await openPage(browser)
  await staffLogin(page, server.url, 'leader')
  await page.goto(`${server.url}/staff/dashboard`)
  const table = page.getByTestId('unit-ranking')
  await table.locator('.el-table__row').first().waitFor()
  const rows = await table.locator('.el-table__body-wrapper tbody tr.el-table__row').evaluateAll((trs) =>
    trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.innerText.trim())))
  assert.equal(rows.length, depts.length)
  rows.forEach((cells, i) => {
    assert.equal(cells[0], depts[i].rank == null ? '样本不足' : String(depts[i].rank))
    assert.equal(cells[1], depts[i].org.name)
    assert.equal(cells[2], `${depts[i].score.toFixed(2)}/100`)
  })
  const firstUnranked = rows.findIndex((c) => c[0] === '样本不足')
  if (firstUnranked >= 0) assert.ok(rows.slice(firstUnranked).every((c) => c[0] === '样本不足'), 'unranked units come last')
  assert.match(await page.getByTestId('ranking-method').innerText(), /威尔逊/)
  await shot(page, 'supervision-ranking-dept')
  await page.getByTestId('ranking-level').getByText('地区').click()
  const areas = r.json.items.filter((i) => i.level === 'area')
  await page.waitForFunction((n) => document.querySelector('[data-testid=unit-ranking] td:nth-child(3)')?.innerText.includes('/150'), areas.length)
  const areaNames = await table.locator('.el-table__body-wrapper tbody tr.el-table__row td:nth-child(2)').allInnerTexts()
  assert.deepEqual(areaNames.map((s) => s.trim()), areas.map((a) => a.org.name))
  await shot(page, 'supervision-ranking-area')
  assert.deepEqual(page.errors, [])
  await page.context().close()
})

test('a supervisor 督办s an overdue matter (挂牌, printable 督办单) and the unit answers it', { skip: why || false, timeout: 300_000 }, async () => {
  const { server, browser } = suite
  const sup = await apiLogin(server.url, 'supervisor')
  const list = await api(server.url, 'GET', '/matters?overdue=true&limit=100', { cookie: sup.cookie })
  const target = list.json.items.find((i) => i.lead_org?.name === '市城管局' && ['assigned', 'signed'].includes(i.status))
  assert.ok(target, 'the demo city has an overdue matter held by 市城管局')

  const page = await openPage(browser)
  await staffLogin(page, server.url, 'supervisor')
  await page.goto(`${server.url}/staff/matters/${target.code}`)
  await page.getByTestId('act-supervise').click()
  await page.getByTestId('action-confirm').click()
  await page.getByText('请填写督办意见').waitFor()  // the server's message, under the field
  await page.getByLabel('督办意见').fill('超期未办结,请于答复期限内报送整改情况')
  await page.getByTestId('listed').click()
  await page.getByTestId('action-confirm').click()
  await page.getByTestId('supervision-pending').waitFor()
  await page.getByTestId('listed-tag').waitFor()
  await page.getByText('挂牌督办,请于').first().waitFor()
  const href = await page.getByTestId('print-supervision').getAttribute('href')
  const sheet = await page.context().newPage()
  await sheet.goto(`${server.url}${href}`)
  assert.equal(await sheet.locator('h1').innerText(), '督办单')
  assert.match(await sheet.locator('body').innerText(), /超期未办结,请于答复期限内报送整改情况/)
  await shot(sheet, 'supervision-sheet')
  await shot(page, 'supervision-supervised')
  assert.deepEqual(page.errors, [])
  await page.context().close()

  const unit = await openPage(browser, { width: 375, height: 812, mobile: true })
  await staffLogin(unit, server.url, 'handler')
  await unit.goto(`${server.url}/staff/matters/${target.code}`)
  await unit.getByTestId('supervision-pending').waitFor()
  await unit.getByTestId('act-answer').click()
  await unit.getByLabel(/督办答复/).fill('已组织人员现场处置,预计三日内办结,将同步上传整改照片')
  await unit.getByTestId('action-confirm').click()
  await unit.getByText('答复督办:已组织人员现场处置').first().waitFor()
  const after = await api(server.url, 'GET', `/matters/${target.code}`, { cookie: sup.cookie })
  assert.equal(after.json.supervision.pending, false, JSON.stringify([after.json.supervision, after.json.events.map((e) => e.type)]))
  await unit.waitForFunction(() => !document.querySelector('[data-testid=supervision-pending]'))
  await shot(unit, 'supervision-answered-phone')
  assert.deepEqual(unit.errors, [])
  await unit.context().close()
})

// Regression: 单位负责人 had 领导驾驶舱 in the menu and got "只有领导、督查、派单和管理人员可以查看统计".
test('regression: a unit leader opens 领导驾驶舱 and reads their own unit, their row marked in the ranking', { skip: why || false, timeout: 300_000 }, async () => {
  const { server, browser } = suite
  const lead = await apiLogin(server.url, 'unit_leader')
  const o = await api(server.url, 'GET', '/stats/overview', { cookie: lead.cookie })
  assert.equal(o.status, 200)
  const page = await openPage(browser)
  await staffLogin(page, server.url, 'unit_leader', /\/staff\//)
  await page.goto(`${server.url}/staff/dashboard`)
  await page.getByTestId('own-unit').waitFor()
  assert.match(await page.getByTestId('own-unit').innerText(), /市城管局/)
  await page.locator('[data-testid=unit-ranking] tr.own-unit').waitFor()
  assert.match(await page.locator('[data-testid=unit-ranking] tr.own-unit').innerText(), /市城管局/)
  assert.equal(await page.getByText('可以查看统计').count(), 0)
  await shot(page, 'supervision-unit-leader-dashboard')
  assert.deepEqual(page.errors, [])
  await page.context().close()
})

test('督办台账: each step’s count opens the ledger list of exactly that many matters', { skip: why || false, timeout: 300_000 }, async () => {
  const { server, browser } = suite
  const sup = await apiLogin(server.url, 'supervisor')
  const ladder = await api(server.url, 'GET', '/supervision/ladder', { cookie: sup.cookie })
  assert.equal(ladder.status, 200)
  assert.deepEqual(ladder.json.levels.map((s) => s.level), ['warned', 'reminded', 'supervised', 'circulated', 'talk'])
  assert.ok(ladder.json.levels.some((s) => s.count > 0), 'the demo city has escalated matters')
  assert.ok(ladder.json.rules.some((r) => r.code === 'supervise_3'))
  const page = await openPage(browser)
  await staffLogin(page, server.url, 'supervisor')
  await page.goto(`${server.url}/staff/supervision`)
  for (const step of ladder.json.levels) {
    const card = page.getByTestId(`ladder-${step.level}`)
    await card.waitFor()
    assert.equal(await card.locator('.n').getAttribute('aria-label'), String(step.count), step.level)
  }
  await shot(page, 'supervision-ladder')
  const busiest = [...ladder.json.levels].sort((a, b) => b.count - a.count)[0]
  await page.getByTestId(`ladder-${busiest.level}`).click()
  await page.waitForURL(new RegExp(`/staff/ledger\\?escalation=${busiest.level}`))
  await page.getByTestId('ledger-count').waitFor()
  await page.waitForFunction((n) => document.querySelector('[data-testid=ledger-count]')?.innerText.includes(String(n)), busiest.count)
  assert.match(await page.getByTestId('ledger-count').innerText(), new RegExp(`共\\s*${busiest.count}\\s*条`))
  assert.match(await page.locator('body').innerText(), /督办级别:/)
  assert.deepEqual(page.errors, [])
  await page.context().close()
})
