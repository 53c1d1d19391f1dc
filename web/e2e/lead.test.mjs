// Units leading their work in the browser (demo city, where 市住建局 reviews its replies and one
// waits): the unit leader's own workbench (待分办, 待审核答复, 督办待答复, 已超期 and the ranking
// place), sending a held reply back with a note the handler then sees and answers again; a
// leader's 批示 and the unit's answer; 分办 to a handler picked from the unit; and an extension
// asked with days and a reason, seen and approved by the supervisor, the deadline moved and the
// original kept under 原定时限.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { api, apiLogin, demoSuite, openPage, shot, staffLogin } from './harness.mjs'

const suite = demoSuite()
const why = suite.why

test('a unit leader sends a reply back, the handler answers again and the leader approves it', { skip: why || false, timeout: 300_000 }, async () => {
  const { server, browser } = suite
  const lead = await apiLogin(server.url, 'unit_leader_zhujian')
  const waiting = await api(server.url, 'GET', '/matters?card=to_review', { cookie: lead.cookie })
  assert.equal(waiting.status, 200)
  const target = waiting.json.items[0]
  assert.ok(target, 'the demo city has a reply waiting for 市住建局’s review')

  const page = await openPage(browser)
  await staffLogin(page, server.url, 'unit_leader_zhujian')
  await page.getByTestId('unit-head').waitFor()
  const keys = await page.locator('[data-testid^=count-]').evaluateAll((els) => els.map((e) => e.dataset.testid.slice('count-'.length)))
  assert.deepEqual(keys, ['to_delegate', 'to_review', 'awaiting_answer', 'overdue'])
  assert.match(await page.getByTestId('ranking-place').innerText(), /单位排名/)
  assert.equal(await page.getByTestId('review-switch').locator('input').isChecked(), true)
  await shot(page, 'lead-workbench-1440')
  const phone = await openPage(browser, { width: 375, height: 812, mobile: true })
  await staffLogin(phone, server.url, 'unit_leader_zhujian')
  await phone.getByTestId('ranking-place').waitFor()
  await phone.getByTestId('count-to_review').waitFor()
  await shot(phone, 'lead-workbench-375')
  assert.deepEqual(phone.errors, [])
  await phone.context().close()
  await page.goto(`${server.url}/staff/matters/${target.code}`)
  await page.getByTestId('review-pending').waitFor()
  await page.getByTestId('act-review_reply').click()
  await page.getByTestId('review-held').waitFor()
  await page.getByLabel('审批意见').getByText('退回修改').click()
  await page.getByTestId('action-confirm').click()
  await page.getByText('退回修改请写明意见').waitFor()
  await page.getByLabel(/退回意见/).fill('请写明整改期限和复查时间')
  await page.getByTestId('action-confirm').click()
  await page.getByTestId('review-returned').waitFor()
  assert.deepEqual(page.errors, [])
  await page.context().close()

  const h = await openPage(browser, { width: 375, height: 812, mobile: true })
  await staffLogin(h, server.url, 'handler_zhujian')
  await h.goto(`${server.url}/staff/matters/${target.code}`)
  await h.getByText('请写明整改期限和复查时间').first().waitFor()
  await shot(h, 'lead-reply-sent-back-375')
  await h.getByTestId('act-resolve').click()
  await h.getByLabel(/办理答复/).fill('已责成物业公司于12月10日前整改完毕,12月12日组织复查')
  const ack = h.getByTestId('unfinished-ack')
  if (await ack.count()) {
    await h.getByLabel(/未完成的原因/).fill('整改正在进行')
    await ack.click()
  }
  await h.getByTestId('action-confirm').click()
  await h.getByTestId('review-pending').waitFor()
  assert.deepEqual(h.errors, [])
  await h.context().close()

  let m = await api(server.url, 'GET', `/matters/${target.code}`, { cookie: lead.cookie })
  assert.equal(m.json.status, 'signed')
  assert.equal(m.json.review.pending, true)
  const p2 = await openPage(browser)
  await staffLogin(p2, server.url, 'unit_leader_zhujian')
  await p2.goto(`${server.url}/staff/matters/${target.code}`)
  await p2.getByTestId('act-review_reply').click()
  await p2.getByLabel('审批意见').getByText('审核通过').click()
  await p2.getByTestId('action-confirm').click()
  await p2.getByTestId('matter-status').getByText('已办结').waitFor()
  m = await api(server.url, 'GET', `/matters/${target.code}`, { cookie: lead.cookie })
  assert.equal(m.json.status, 'resolved')
  assert.match(m.json.reply, /12月12日组织复查/)
  assert.deepEqual(p2.errors, [])
  await p2.context().close()
})

test('a leader’s 批示 is answered, and a unit leader delegates to a handler of the unit', { skip: why || false, timeout: 300_000 }, async () => {
  const { server, browser } = suite
  const lead = await apiLogin(server.url, 'unit_leader')
  const todo = await api(server.url, 'GET', '/matters?card=to_delegate', { cookie: lead.cookie })
  const target = todo.json.items[0]
  assert.ok(target, '市城管局 has a matter to delegate')

  const boss = await openPage(browser)
  await staffLogin(boss, server.url, 'leader')
  await boss.goto(`${server.url}/staff/matters/${target.code}`)
  await boss.getByTestId('act-instruct').click()
  await boss.getByLabel('批示内容').fill('请市城管局一周内办结并报告')
  await boss.getByTestId('action-confirm').click()
  await boss.getByTestId('instruction-pending').waitFor()
  await boss.getByTestId('print-assignment').waitFor()
  const href = await boss.getByTestId('print-assignment').getAttribute('href')
  const sheet = await boss.context().newPage()
  await sheet.goto(`${server.url}${href}`)
  assert.equal(await sheet.locator('h1').innerText(), '交办单')
  await shot(sheet, 'lead-assignment-sheet')
  assert.deepEqual(boss.errors, [])
  await boss.context().close()

  const page = await openPage(browser, { width: 375, height: 812, mobile: true })
  await staffLogin(page, server.url, 'unit_leader')
  await page.goto(`${server.url}/staff/matters/${target.code}`)
  await page.getByTestId('instructions').getByText('请市城管局一周内办结并报告').waitFor()
  await page.getByTestId('act-delegate').click()
  await page.getByTestId('handler-select').click()
  await page.locator('.el-select-dropdown__item:visible').filter({ hasText: 'handler' }).first().click()
  await page.getByTestId('action-confirm').click()
  await page.getByTestId('matter-handler').waitFor()
  await page.getByTestId('act-answer').click()
  await page.getByLabel(/批示答复/).fill('已成立专班,一周内办结')
  await page.getByTestId('action-confirm').click()
  await page.waitForFunction(() => !document.querySelector('[data-testid=instruction-pending]'))
  await shot(page, 'lead-delegated-375')
  assert.deepEqual(page.errors, [])
  await page.context().close()
  const m = await api(server.url, 'GET', `/matters/${target.code}`, { cookie: lead.cookie })
  assert.equal(m.json.handler.username, 'handler')
  assert.equal(m.json.instructions.at(-1).answer, '已成立专班,一周内办结')
})

test('an extension approved: days and reason seen, the deadline moved, the original kept', { skip: why || false, timeout: 300_000 }, async () => {
  const { server, browser } = suite
  const h = await apiLogin(server.url, 'handler_jiaotong')
  const inHand = await api(server.url, 'GET', '/matters?card=in_progress&limit=50', { cookie: h.cookie })
  const target = inHand.json.items.find((i) => !i.extension_pending && i.deadline)
  assert.ok(target, 'the handler has a matter in hand')
  const before = await api(server.url, 'GET', `/matters/${target.code}`, { cookie: h.cookie })

  const page = await openPage(browser)
  await staffLogin(page, server.url, 'handler_jiaotong')
  await page.goto(`${server.url}/staff/matters/${target.code}`)
  await page.getByTestId('act-extend_request').click()
  await page.locator('#a-days').fill('7')
  await page.getByLabel('延期理由').fill('需协调交警部门联合施工')
  await page.getByTestId('action-confirm').click()
  await page.getByText('延期待审批').waitFor()
  await page.context().close()

  const sup = await openPage(browser)
  await staffLogin(sup, server.url, 'supervisor')
  await sup.goto(`${server.url}/staff/matters/${target.code}`)
  await sup.getByTestId('act-extend_decide').click()
  const asked = sup.getByTestId('extension-asked')
  await asked.waitFor()
  assert.match(await asked.innerText(), /申请延期 7 天/)
  assert.match(await asked.innerText(), /需协调交警部门联合施工/)
  await sup.getByLabel('审批意见').getByText('同意延期').click()
  await sup.getByTestId('action-confirm').click()
  await sup.getByTestId('deadline-history').waitFor()
  const after = await api(server.url, 'GET', `/matters/${target.code}`, { cookie: h.cookie })
  assert.notEqual(after.json.deadline, before.json.deadline, 'the deadline moved')
  const history = after.json.deadline_history
  assert.equal(history.at(-1).type, 'extend_decide')
  assert.equal(history.at(-2).deadline, before.json.deadline_history.at(-1).deadline, 'the original stays')
  assert.match(await sup.getByTestId('deadline-history').innerText(), new RegExp(history.at(-2).deadline))
  await shot(sup, 'lead-extension-approved')
  assert.deepEqual(sup.errors, [])
  await sup.context().close()
})

test('the administrator switches a unit’s 审核答复 in 组织机构', { skip: why || false, timeout: 120_000 }, async () => {
  const { server, browser } = suite
  const page = await openPage(browser)
  await staffLogin(page, server.url, 'admin', /\/staff\//)
  await page.goto(`${server.url}/staff/admin/orgs`)
  const tree = page.getByRole('region', { name: '组织机构树' })
  await tree.getByText('市交通运输局', { exact: true }).click()
  const sw = page.getByTestId('org-edit').getByTestId('review-switch')
  await sw.waitFor()
  assert.equal(await sw.locator('input').isChecked(), false, 'off by default')
  await Promise.all([
    page.waitForResponse((r) => r.url().includes('/api/v1/units/') && r.request().method() === 'PUT' && r.status() === 200),
    sw.click(),
  ])
  const admin = await apiLogin(server.url, 'admin')
  const s = await api(server.url, 'GET', '/units/430200-JTJ/settings', { cookie: admin.cookie })
  assert.equal(s.json.review_reply, true)
  await shot(page, 'lead-org-settings-1440')
  assert.deepEqual(page.errors, [])
  await page.context().close()
})
