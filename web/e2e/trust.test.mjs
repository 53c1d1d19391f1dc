// Scope and privacy in the browser: a district centre hands a matter up to the city with 转办
// (the dialog asks for the area and the reason, and the district's dispatch buttons go), and the
// unit complained about opens its matter on a phone and is told why no reporter is shown.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { api, apiLogin, demoSuite, openPage, pickOrg, shot, staffLogin, submitMatter } from './harness.mjs'

const s = demoSuite()
const why = s.why

test('a district centre transfers a matter up to the city (转办)', { skip: why || false, timeout: 180_000 }, async () => {
  const url = s.server.url
  const { code } = await submitMatter(url, '荷塘区有轨电车站台照明不足', { location: { address: '月塘街道某站台', district: '430202001' } })
  const page = await openPage(s.browser)
  await staffLogin(page, url, 'dispatcher_hetang')
  await page.goto(`${url}/staff/matters/${code}`)
  await page.getByTestId('act-transfer').click()
  const dialog = page.getByRole('dialog', { name: '转办' })
  await dialog.waitFor()
  await page.getByTestId('action-confirm').click()
  await dialog.getByText('请选择转办至的地区').waitFor()
  await dialog.getByText('请填写理由').waitFor()
  await pickOrg(page, dialog.locator('[data-testid=to-org]'), '株洲市')
  await page.getByLabel('转办理由').fill('站台照明属市交通运输局管理,转市12345热线统一交办。')
  await shot(page, 'trust-01-transfer-dialog-1440')
  await page.getByTestId('action-confirm').click()
  await page.getByTestId('matter-timeline').getByText(/转办至株洲市/).first().waitFor()
  // The district still sees it, but no longer dispatches it.
  assert.equal(await page.getByTestId('act-assign').count(), 0, 'no 交办 for the district after 转办')
  assert.equal(await page.getByTestId('act-transfer').count(), 0)
  const city = await apiLogin(url, 'dispatcher')
  const m = await api(url, 'GET', `/matters/${code}`, { cookie: city.cookie })
  assert.ok(m.json.available_actions.includes('assign'), 'the city assigns it now')
  assert.deepEqual(page.errors, [], 'console errors')
})

test('the unit complained about is told why no reporter is shown (375 px)', { skip: why || false, timeout: 120_000 }, async () => {
  const url = s.server.url
  const { code } = await submitMatter(url, '投诉城管队员执法粗暴', {
    content: '石峰区城管队员推倒我的摊位,我是李秀英,电话13912345678,请上级部门核实。',
    contact: { name: '李秀英', phone: '13912345678' },
  })
  const d = await apiLogin(url, 'dispatcher')
  const cur = await api(url, 'GET', `/matters/${code}`, { cookie: d.cookie })
  const r = await api(url, 'POST', `/matters/${code}/actions`, {
    cookie: d.cookie, csrf: d.csrf, headers: { 'If-Match': `"${cur.json.version}"` },
    body: { action: 'assign', lead_org: '430200-CGJ', subject_orgs: ['430204-CGJ'], handling_class: 'phased' },
  })
  assert.equal(r.status, 200, JSON.stringify(r.json))
  const page = await openPage(s.browser, { width: 375, height: 812, mobile: true })
  await staffLogin(page, url, 'handler_shifeng_cgj')
  await page.goto(`${url}/staff/matters/${code}`)
  await page.getByTestId('reporter-withheld').waitFor()
  await shot(page, 'trust-02-subject-unit-375')
  const body = await page.locator('body').innerText()
  for (const secret of ['李秀英', '13912345678']) assert.ok(!body.includes(secret), `the page shows ${secret}`)
  assert.ok(body.includes('139****5678'), 'the phone in the text is masked')
  assert.equal(await page.getByRole('button', { name: '查看联系方式' }).count(), 0)
  assert.deepEqual(page.errors, [], 'console errors')
})

test('dialogs fit a 375 px phone (转办 as the example)', { skip: why || false, timeout: 120_000 }, async () => {
  const url = s.server.url
  const { code } = await submitMatter(url, '荷塘区小区二次供水水质发黄', { location: { address: '月塘街道某小区', district: '430202001' } })
  const page = await openPage(s.browser, { width: 375, height: 812, mobile: true })
  await staffLogin(page, url, 'dispatcher_hetang')
  await page.goto(`${url}/staff/matters/${code}`)
  await page.getByTestId('act-transfer').click()
  await page.getByRole('dialog', { name: '转办' }).waitFor()
  const box = await page.getByTestId('action-confirm').boundingBox()
  assert.ok(box && box.x >= 0 && box.x + box.width <= 375, `the confirm button lies inside the screen: ${JSON.stringify(box)}`)
  await shot(page, 'trust-03-transfer-dialog-375')
  assert.deepEqual(page.errors, [], 'console errors')
})
