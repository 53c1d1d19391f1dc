// 信访文书 in the browser: the petition office prints the 受理告知书 (a new window with the
// document; the block then says 已告知), records the petitioner's 请求复查 after the reply, and
// the petitioner asks for the 复核 from the tracking page.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { api, apiLogin, demoSuite, openPage, shot, staffLogin } from './harness.mjs'

const s = demoSuite()
const why = s.why

async function act(url, who, code, body) {
  const cur = await api(url, 'GET', `/matters/${code}`, { cookie: who.cookie })
  const r = await api(url, 'POST', `/matters/${code}/actions`, {
    cookie: who.cookie, csrf: who.csrf, headers: { 'If-Match': `"${cur.json.version}"` }, body,
  })
  assert.equal(r.status, 200, `${body.action}: ${JSON.stringify(r.json)}`)
  return r.json
}

test('the petition office prints the 受理告知书, then records a 复查 request; the petitioner asks for the 复核', { skip: why || false, timeout: 240_000 }, async () => {
  const url = s.server.url
  const d = await apiLogin(url, 'dispatcher')
  const admin = await apiLogin(url, 'admin')
  const r = await api(url, 'POST', '/intake', {
    cookie: d.cookie, csrf: d.csrf,
    body: {
      title: '信访:征收补偿款未到位', channel: 'petition', content: '房屋征收补偿款至今未发放到位,请求督促落实。',
      location: { address: '月塘街道', district: '430202001' }, contact: { name: '周建国', phone: '13973311234' },
    },
  })
  assert.equal(r.status, 201, JSON.stringify(r.json))
  const { code, token } = r.json
  await act(url, d, code, { action: 'accept' })

  const page = await openPage(s.browser)
  await staffLogin(page, url, 'dispatcher')
  await page.goto(`${url}/staff/matters/${code}`)
  const block = page.getByTestId('petition-docs')
  await block.waitFor()
  assert.match(await page.getByTestId('notice-state').innerText(), /应于\d{4}-\d{2}-\d{2}前告知/)
  const [doc] = await Promise.all([page.waitForEvent('popup'), page.getByTestId('print-notice').click()])
  await doc.waitForLoadState()
  const text = await doc.locator('body').innerText()
  for (const part of ['信访事项受理告知书', '周建国', '征收补偿款未到位', '60日']) assert.ok(text.includes(part), part)
  await shot(doc, 'petition-01-notice-1440')
  await doc.close()
  await page.getByTestId('notice-state').getByText(/已告知/).waitFor()

  // Answered by 荷塘区城管局; the office records the petitioner's 复查 request.
  await act(url, d, code, { action: 'assign', lead_org: '430202-CGJ', handling_class: 'immediate' })
  await act(url, admin, code, { action: 'sign' })
  await act(url, admin, code, { action: 'resolve', reply: '经核查,补偿款将于本月内发放到位。' })
  await page.reload()
  await page.getByTestId('request-due').getByText(/前向荷塘区提出/).waitFor()
  assert.equal(await page.getByTestId('print-reply').isDisabled(), false)
  await page.getByTestId('act-review_request').click()
  const dialog = page.getByRole('dialog', { name: '请求复查' })
  await dialog.waitFor()
  await page.getByTestId('action-confirm').click()
  await dialog.getByText('请填写理由').waitFor()
  await page.getByLabel('信访人请求复查的理由').fill('信访人称补偿款仍未发放,对处理意见不服。')
  await shot(page, 'petition-02-review-dialog-1440')
  await page.getByTestId('action-confirm').click()
  await page.getByTestId('matter-timeline').getByText(/请求复查,由荷塘区复查/).first().waitFor()
  assert.equal(await page.getByTestId('petition-stage').innerText(), '复查')

  // The review answers; the petitioner asks for the 复核 on the tracking page (375 px).
  await act(url, admin, code, { action: 'sign' })
  await act(url, admin, code, { action: 'resolve', reply: '复查认为原处理意见恰当,予以维持。' })
  const phone = await openPage(s.browser, { width: 375, height: 812, mobile: true })
  await phone.goto(`${url}/track/${code}?token=${token}`)
  await phone.getByTestId('petition-request-open').click()
  await phone.getByTestId('petition-request-send').click()
  await phone.getByText('请填写申请理由').waitFor()
  await phone.getByLabel('申请理由').fill('复查意见仍未解决补偿款问题。')
  await shot(phone, 'petition-03-recheck-request-375')
  await phone.getByTestId('petition-request-send').click()
  await phone.getByTestId('petition-request-done').getByText(/复核申请已提交,将由株洲市办理/).waitFor()
  await phone.getByTestId('track-timeline').getByText('请求复核').waitFor()
  assert.deepEqual(page.errors, [], 'console errors (staff)')
  assert.deepEqual(phone.errors, [], 'console errors (public)')
})
