// 系统管理 and the dashboard in the browser (issue 9): the administrator renames a unit and the
// new name is what the org picker offers; disables a category and the citizen form no longer
// offers it; pages through the users with 共N条. The leader's rate cards show the counts behind
// each rate ("215/224") exactly as /stats/overview gives them. Screenshots at 1440 and 375 px.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { api, apiLogin, demoSuite, openPage, shot, staffLogin } from './harness.mjs'

const suite = demoSuite()
const why = suite.why

test('admin renames a unit and the org picker offers the new name', { skip: why || false, timeout: 120_000 }, async () => {
  const { server, browser } = suite
  const page = await openPage(browser)
  await staffLogin(page, server.url, 'admin', /\/staff\//)
  await page.goto(`${server.url}/staff/admin/orgs`)
  const tree = page.getByRole('region', { name: '组织机构树' })
  await tree.getByText('市商务局', { exact: true }).click()
  const form = page.getByTestId('org-edit')
  await form.waitFor()
  const name = form.getByLabel('单位名称')
  assert.equal(await name.inputValue(), '市商务局')
  await name.fill('市商务和粮食局')
  await Promise.all([
    page.waitForResponse((r) => r.url().includes('/api/v1/admin/orgs/') && r.request().method() === 'PATCH' && r.status() === 200),
    form.getByRole('button', { name: '保存修改' }).click(),
  ])
  await tree.getByText('市商务和粮食局', { exact: true }).waitFor()
  await shot(page, 'admin-orgs-1440')

  // The add form's 上级单位 picker (the same OrgSelect as 交办's) offers the new name.
  const picker = page.getByRole('combobox', { name: '上级单位', exact: true })
  await picker.click()
  await page.keyboard.type('商务')
  await page.locator('.el-tree-select__popper .el-select-dropdown__item', { hasText: '市商务和粮食局' }).first().waitFor()
  assert.equal(await page.locator('.el-tree-select__popper .el-select-dropdown__item', { hasText: /^市商务局$/ }).count(), 0, 'the old name is gone')
  await page.keyboard.press('Escape')

  // Disabling a unit that still has work is refused with the counts named.
  await tree.getByText('市城管局', { exact: true }).click()
  await form.getByTestId('org-toggle').click()
  await page.getByRole('button', { name: '停用', exact: true }).last().click()
  const msg = page.locator('.el-message--error')
  await msg.waitFor()
  assert.match(await msg.textContent(), /不能停用“市城管局”.*\d+件.*\d+名/)
  assert.deepEqual(page.errors, [])
  await page.context().close()
})

test('a disabled category is no longer offered on the citizen form', { skip: why || false, timeout: 120_000 }, async () => {
  const { server, browser } = suite
  const citizenBefore = await openPage(browser, { width: 375, height: 800, mobile: true })
  await citizenBefore.goto(`${server.url}/`)
  const select = citizenBefore.locator('#f-category')
  await select.locator('option', { hasText: '违章建筑' }).waitFor({ state: 'attached' })
  await citizenBefore.context().close()

  const page = await openPage(browser)
  await staffLogin(page, server.url, 'admin', /\/staff\//)
  await page.goto(`${server.url}/staff/admin/categories`)
  const table = page.getByTestId('category-table')
  const row = table.locator('tr', { hasText: '违章建筑' })
  await row.waitFor()
  await row.getByRole('button', { name: '停用违章建筑' }).click()
  await Promise.all([
    page.waitForResponse((r) => r.url().includes('/api/v1/admin/categories/0104') && r.status() === 200),
    page.getByRole('button', { name: '停用', exact: true }).last().click(),
  ])
  await row.getByText('已停用').waitFor()
  await shot(page, 'admin-categories-1440')
  assert.deepEqual(page.errors, [])
  await page.context().close()

  const citizen = await openPage(browser, { width: 375, height: 800, mobile: true })
  await citizen.goto(`${server.url}/`)
  await citizen.locator('#f-category option', { hasText: '物业管理' }).waitFor({ state: 'attached' })
  assert.equal(await citizen.locator('#f-category option', { hasText: '违章建筑' }).count(), 0, 'not offered any more')
  await citizen.context().close()

  // Enabled again for the other suites' sake.
  const a = await apiLogin(server.url, 'admin')
  const back = await api(server.url, 'PATCH', '/admin/categories/0104', { body: { active: true }, cookie: a.cookie, csrf: a.csrf })
  assert.equal(back.status, 200)
})

test('the user list pages with 共N条 (1440 and 375 px)', { skip: why || false, timeout: 120_000 }, async () => {
  const { server, browser } = suite
  const a = await apiLogin(server.url, 'admin')
  const total = (await api(server.url, 'GET', '/admin/users?page=1&page_size=10', { cookie: a.cookie })).json.total
  assert.ok(total > 10, `the demo has more than one page of users (${total})`)
  for (const [width, height, mobile] of [[1440, 900, false], [375, 800, true]]) {
    const page = await openPage(browser, { width, height, mobile })
    await staffLogin(page, server.url, 'admin', /\/staff\//)
    await page.goto(`${server.url}/staff/admin/users`)
    const count = page.getByTestId('ledger-count')
    await count.filter({ hasText: `共 ${total} 条` }).waitFor()
    const rows = page.getByTestId('user-table').locator('.el-table__body-wrapper tr.el-table__row')
    assert.equal(await rows.count(), Math.min(20, total), 'one page of 20')
    // The next page starts at 序号 21.
    await Promise.all([
      page.waitForResponse((r) => r.url().includes('/api/v1/admin/users?page=2')),
      page.getByTestId('ledger-pager').locator('.btn-next').click(),
    ])
    await rows.first().locator('td').first().filter({ hasText: '21' }).waitFor()
    // The server searches: by unit name.
    await page.getByLabel('搜索用户').fill('市住建局')
    await page.waitForResponse((r) => r.url().includes('/api/v1/admin/users') && r.url().includes('q='))
    const found = (await api(server.url, 'GET', `/admin/users?q=${encodeURIComponent('市住建局')}`, { cookie: a.cookie })).json.total
    await count.filter({ hasText: `共 ${found} 条` }).waitFor()
    const scroll = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
    assert.ok(scroll <= 1, `no horizontal scroll at ${width} px (${scroll})`)
    await shot(page, `admin-users-${width}`)
    assert.deepEqual(page.errors, [])
    await page.context().close()
  }
})

test('the leader sees each rate with its counts, as the API gives them (1440 and 375 px)', { skip: why || false, timeout: 120_000 }, async () => {
  const { server, browser } = suite
  for (const [width, height, mobile] of [[1440, 900, false], [375, 800, true]]) {
    const page = await openPage(browser, { width, height, mobile })
    // The figures the page itself was given (the last overview it asked for).
    let last = null
    page.on('response', (r) => { if (r.url().includes('/api/v1/stats/overview') && r.status() === 200) last = r })
    await staffLogin(page, server.url, 'leader', /\/staff\//)
    await page.goto(`${server.url}/staff/dashboard`)
    await page.getByTestId('rate-response').getByTestId('rate-fraction').waitFor()
    await page.waitForFunction(() => !document.querySelector('.grid-rates .el-loading-mask:not([style*="display: none"])'))
    assert.ok(last, 'the dashboard asked for /stats/overview')
    const ov = await last.json()
    const expect = {
      'rate-response': [ov.responded_in_time, ov.collected],
      'rate-resolution': [ov.solved, ov.evaluated],
      'rate-satisfaction': [ov.satisfied, ov.evaluated],
    }
    assert.ok(ov.collected > 0, 'the demo has matters in the last 30 days')
    for (const [id, [n, d]] of Object.entries(expect)) {
      const frac = page.getByTestId(id).getByTestId('rate-fraction')
      await frac.filter({ hasText: `${n}/${d}` }).waitFor()
    }
    await page.locator('canvas').first().waitFor()
    await page.waitForTimeout(800) // the charts' entry animation
    const scroll = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
    assert.ok(scroll <= 1, `no horizontal scroll at ${width} px (${scroll})`)
    await shot(page, `dashboard-${width}`)
    assert.deepEqual(page.errors, [])
    await page.context().close()
  }
})
