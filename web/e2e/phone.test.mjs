// Staff pages on a 375 px phone, as the roles that open them: the page never scrolls sideways
// (a wide table or tree may scroll inside its own panel), nothing sticks out past the right edge
// of the screen, the login card fits, and 问题详情's labels stay on one line. A screenshot of each
// page is saved for a person to look at. Also: the breadcrumb does not name a page twice.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { api, apiLogin, demoSuite, openPage, shot, staffLogin } from './harness.mjs'

const s = demoSuite()
const why = s.why

const PHONE = { width: 375, height: 812, mobile: true }

// How far the page reaches past the screen: the document and the frame's main area, each beyond
// its own width, and the elements that stick out past the right edge without being inside a box
// that scrolls or clips them on its own (a table's body, the org tree, a popper).
function measure() {
  const vw = document.documentElement.clientWidth
  const main = document.getElementById('main')
  const own = (el) => el !== document.documentElement && el !== document.body && el !== main
  const contained = (el) => {
    for (let a = el.parentElement; a; a = a.parentElement) {
      if (!own(a)) continue
      if (/^(auto|scroll|hidden|clip)$/.test(getComputedStyle(a).overflowX) && a.getBoundingClientRect().right <= vw + 1) return true
    }
    return false
  }
  const out = []
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect()
    if (r.width === 0 || r.height === 0 || r.right <= vw + 1) continue
    if (el.closest('.el-popper, .el-overlay, .sr-only') || getComputedStyle(el).visibility === 'hidden') continue
    if (contained(el)) continue
    out.push(`${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : ''} (right ${Math.round(r.right)})`)
  }
  return {
    page: document.documentElement.scrollWidth - vw,
    main: main ? main.scrollWidth - main.clientWidth : 0,
    out: out.slice(0, 5),
  }
}

test('every staff page fits a 375 px phone without sideways scrolling', { skip: why || false, timeout: 300_000 }, async () => {
  const url = s.server.url
  // A matter of the handler's own unit, so the handler and the dispatcher open the same page.
  const handler = await apiLogin(url, 'handler')
  const list = await api(url, 'GET', '/matters?limit=20', { cookie: handler.cookie })
  assert.equal(list.status, 200, 'the handler lists its matters')
  const code = list.json.items?.[0]?.code
  assert.ok(code, 'the handler has a matter')

  const matter = { name: 'matter', path: `/staff/matters/${code}`, ready: '[data-testid=matter-timeline]' }
  const ledger = { name: 'ledger', path: '/staff/ledger', ready: '[data-testid=matter-table] .el-table__row' }
  const workbench = { name: 'workbench', path: '/staff/workbench', ready: '[data-testid=matter-table]' }
  const record = { name: 'record', path: '/staff/record', ready: '#r-title' }
  const dashboard = { name: 'dashboard', path: '/staff/dashboard', ready: '[data-testid=unit-ranking] .el-table__body-wrapper' }
  const records = { name: 'records', path: '/staff/records', ready: '[data-testid=records-table][data-loaded]' }
  const grassroots = { name: 'grassroots', path: '/staff/grassroots', ready: '[data-testid=grassroots][data-loaded]' }
  const plan = [
    { user: 'dispatcher', pages: [workbench, record, ledger, matter, dashboard, records, grassroots] },
    { user: 'handler', pages: [workbench, ledger, matter] },
    { user: 'unit_leader', pages: [workbench, dashboard] },
    { user: 'supervisor', pages: [workbench, records, grassroots, { name: 'common-problems', path: '/staff/common-problems', ready: '[data-testid=common-problems][data-loaded]' }] },
    { user: 'leader', pages: [dashboard, records, grassroots] },
    { user: 'collector', pages: [record, workbench] },
    {
      user: 'admin',
      pages: [
        { name: 'admin-orgs', path: '/staff/admin/orgs', ready: '.el-tree-node' },
        { name: 'admin-users', path: '/staff/admin/users', ready: '.el-table__row' },
        { name: 'admin-categories', path: '/staff/admin/categories', ready: '.el-table__row' },
        { name: 'admin-calendar', path: '/staff/admin/calendar', ready: '.el-table' },
        { name: 'admin-deadline-rules', path: '/staff/admin/deadline-rules', ready: '.el-table' },
      ],
    },
    { user: 'auditor', landing: /\/staff\/audit/, pages: [{ name: 'audit', path: '/staff/audit', ready: '.el-table__row' }] },
  ]

  const problems = []
  const check = async (page, what) => {
    const m = await page.evaluate(measure)
    if (m.page > 0 || m.main > 0 || m.out.length) problems.push(`${what}: page ${m.page}px, main ${m.main}px too wide; ${m.out.join(', ')}`)
  }

  // 登录: the card inside the screen with a margin on either side.
  const first = await openPage(s.browser, PHONE)
  await first.goto(`${url}/staff/login`)
  await first.locator('#l-user').waitFor()
  const card = await first.locator('.login-card').boundingBox()
  assert.ok(card.x >= 8 && card.x + card.width <= 375 - 8, `the login card fits the screen: ${JSON.stringify(card)}`)
  await check(first, '登录')
  await shot(first, 'phone-login-375')
  assert.deepEqual(first.errors, [], 'console errors on 登录')
  await first.context().close()

  for (const { user, landing, pages } of plan) {
    const page = await openPage(s.browser, PHONE)
    await staffLogin(page, url, user, landing)
    for (const p of pages) {
      await page.goto(`${url}${p.path}`)
      await page.locator(p.ready).first().waitFor()
      await page.waitForLoadState('networkidle')
      await page.waitForTimeout(300) // charts animate in and lay out
      await check(page, `${p.name} (${user})`)
      await shot(page, `phone-${user}-${p.name}-375`)
      if (p === matter) {
        // Each label of 基本信息 and 反映人 on one line (not one character a line).
        const split = await page.evaluate(() => [...document.querySelectorAll('.el-descriptions__label')].filter((el) => {
          const range = document.createRange()
          range.selectNodeContents(el)
          return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size > 1
        }).map((el) => el.textContent.trim()))
        assert.deepEqual(split, [], `${user}: 问题详情 labels on one line`)
      }
    }
    assert.deepEqual(page.errors, [], `console errors as ${user}`)
    await page.context().close()
  }
  assert.deepEqual(problems, [], 'no staff page is wider than a 375 px phone')
})

test('the breadcrumb names the menu group and the page, never the same name twice', { skip: why || false, timeout: 60_000 }, async () => {
  const page = await openPage(s.browser)
  await staffLogin(page, s.server.url, 'dispatcher')
  const crumbs = async () => (await page.getByTestId('breadcrumb').locator('.el-breadcrumb__item').allInnerTexts()).map((t) => t.replace(/\s*\/\s*$/, '').trim())
  assert.deepEqual(await crumbs(), ['工作台', '我的工作台'])
  await page.getByRole('navigation', { name: '主菜单' }).getByRole('link', { name: '问题台账' }).click()
  // The workbench has a matter table too: wait for the route, not just for rows.
  await page.waitForURL(/\/staff\/ledger/)
  await page.getByTestId('matter-table').locator('.el-table__row').first().waitFor()
  await page.waitForFunction(() => document.querySelector('[data-testid=breadcrumb]')?.textContent.includes('问题台账'))
  assert.deepEqual(await crumbs(), ['问题台账'])
  await page.getByTestId('matter-table').locator('.el-table__row a').first().click()
  await page.getByTestId('matter-timeline').waitFor()
  const [up, here] = await crumbs()
  assert.equal(up, '问题台账')
  assert.match(here, /^问题详情 ZZ-\d{8}-\d{6}$/)
  await page.getByTestId('breadcrumb').getByText('问题台账').click()
  await page.waitForURL(/\/staff\/ledger/)
  assert.deepEqual(page.errors, [], 'console errors')
  await page.context().close()
})
