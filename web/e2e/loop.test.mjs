// The closed loop through the browser: a citizen submits with a photo on a 375 px phone → the
// dispatcher accepts and assigns → the unit signs and resolves → the citizen says solved and
// satisfied → the leader's dashboard counts the new matter. No console errors on any page.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { apiLogin, axeProblems, demoSuite, makePng, openPage, pickOrg, shot, staffLogin } from './harness.mjs'

const s = demoSuite()
const why = s.why

// The exact figure behind a dashboard count (its hover title), once the overview has arrived.
async function dashboardCount(page, key) {
  const el = page.getByTestId(`stat-${key}`).locator('b span')
  await page.waitForFunction((k) => /\d/.test(document.querySelector(`[data-testid=stat-${k}] b span`)?.title || ''), key)
  return Number((await el.getAttribute('title')).replace(/,/g, ''))
}

test('citizen → dispatcher → unit → citizen → leader', { skip: why || false, timeout: 240_000 }, async () => {
  const url = s.server.url
  const handler = await apiLogin(url, 'handler')
  const unitName = handler.user.primary_org.name

  // The leader's dashboard before: how many matters collected in the last 30 days.
  const leader = await openPage(s.browser, { width: 1920, height: 1080 })
  await staffLogin(leader, url, 'leader')
  await leader.goto(`${url}/staff/dashboard`)
  const collectedBefore = await dashboardCount(leader, 'collected')

  // 1. The citizen on a phone.
  const citizen = await openPage(s.browser, { width: 375, height: 812, mobile: true })
  await citizen.goto(`${url}/`)
  await citizen.getByLabel('标题').fill('建设路口路灯连续一周不亮')
  await citizen.getByLabel('详细描述').fill('荷塘区建设路与新华路交叉口的三盏路灯连续一周晚上不亮,行人和车辆通行很不安全,请尽快维修。')
  await citizen.locator('#f-district').selectOption({ index: 1 })
  await citizen.getByLabel('详细地址').fill('建设路与新华路交叉口')
  await citizen.locator('input[type=file]').setInputFiles({ name: 'lamp.png', mimeType: 'image/png', buffer: makePng(2400, 1800) })
  await citizen.waitForSelector('.photo img')
  await citizen.waitForFunction(() => !document.querySelector('.photo .state'), null, { timeout: 30_000 })
  // The phone number is checked before anything is sent.
  await citizen.getByLabel('手机号码').fill('12345')
  await citizen.getByRole('button', { name: '提交反映' }).click()
  await citizen.getByText('请输入正确的11位手机号码').waitFor()
  await shot(citizen, 'loop-01-citizen-form-error-375')
  await citizen.getByLabel('联系人').fill('王女士')
  await citizen.getByLabel('手机号码').fill('13912345678')
  await citizen.getByText('同意将本件').click()
  assert.deepEqual(await axeProblems(citizen), [], 'axe: 我要反映')
  await citizen.getByRole('button', { name: '提交反映' }).click()
  await citizen.waitForURL(/\/done\?/)
  const code = (await citizen.getByTestId('tracking-code').textContent()).trim()
  const link = (await citizen.getByTestId('track-link').textContent()).trim()
  assert.match(code, /^[A-Z]+-\d{8}-\d+$/)
  assert.ok(link.includes(`/track/${code}?token=`), link)
  await shot(citizen, 'loop-02-citizen-done-375')
  assert.deepEqual(await axeProblems(citizen), [], 'axe: 反映成功')

  // 2. The dispatcher accepts and assigns to the handler's unit.
  const dispatcher = await openPage(s.browser)
  await staffLogin(dispatcher, url, 'dispatcher')
  await dispatcher.goto(`${url}/staff/matters/${code}`)
  await dispatcher.getByTestId('matter-title').waitFor()
  assert.equal(await dispatcher.locator('.photos .el-image').count(), 1, 'the photo is on the matter')
  await dispatcher.getByTestId('act-accept').click()
  await dispatcher.getByTestId('action-confirm').click()
  await dispatcher.getByTestId('matter-status').filter({ hasText: '已受理' }).waitFor()
  await dispatcher.getByTestId('act-assign').click()
  const dialog = dispatcher.getByRole('dialog', { name: '交办' })
  await dialog.waitFor()
  await dispatcher.getByTestId('deadline-rule').filter({ hasText: /\d/ }).waitFor()
  await pickOrg(dispatcher, dialog.locator('[data-testid=lead-org]'), unitName)
  await shot(dispatcher, 'loop-03-dispatcher-assign-1440')
  await dispatcher.getByTestId('assign-confirm').click()
  await dispatcher.getByTestId('matter-status').filter({ hasText: '已交办' }).waitFor()

  // 3. The unit signs and resolves with a reply.
  const unit = await openPage(s.browser)
  await staffLogin(unit, url, 'handler')
  await unit.goto(`${url}/staff/matters/${code}`)
  await unit.getByTestId('act-sign').click()
  await unit.getByTestId('action-confirm').click()
  await unit.getByTestId('matter-status').filter({ hasText: '办理中' }).waitFor()
  await unit.getByTestId('act-resolve').click()
  await unit.getByTestId('action-confirm').click()
  await unit.getByText('请填写办理答复').waitFor() // the reply is required
  await unit.getByLabel('办理答复').fill('经现场核查,系线路老化导致。我局已于当日更换电缆和灯具,三盏路灯已恢复正常照明。')
  await unit.getByTestId('action-confirm').click()
  await unit.getByTestId('matter-status').filter({ hasText: '已办结' }).waitFor()
  await shot(unit, 'loop-04-unit-resolved-1440')

  // 4. The citizen opens the saved link, sees the reply, and says solved and satisfied.
  await citizen.goto(link)
  await citizen.getByTestId('track-status').filter({ hasText: '已办结' }).waitFor()
  assert.match(await citizen.getByTestId('track-reply').textContent(), /已恢复正常照明/)
  await citizen.getByText('已解决', { exact: true }).click()
  await citizen.getByText('满意', { exact: true }).click()
  await citizen.getByLabel('意见').fill('修得很快,谢谢!')
  assert.deepEqual(await axeProblems(citizen), [], 'axe: 办理进度')
  await citizen.getByRole('button', { name: '提交评价' }).click()
  await citizen.getByText('感谢您的评价').waitFor()
  await citizen.getByTestId('track-status').filter({ hasNotText: '已办结' }).waitFor()
  await shot(citizen, 'loop-05-citizen-evaluated-375')

  // 5. The leader's dashboard counts it.
  await leader.reload()
  const collectedAfter = await dashboardCount(leader, 'collected')
  assert.equal(collectedAfter, collectedBefore + 1, 'collected count went up by one')
  await shot(leader, 'loop-06-leader-dashboard-1920')
  assert.deepEqual(await axeProblems(leader), [], 'axe: 领导驾驶舱')

  for (const p of [citizen, dispatcher, unit, leader]) assert.deepEqual(p.errors, [], 'console errors')
})
