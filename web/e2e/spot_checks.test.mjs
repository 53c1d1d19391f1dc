// 回头看 in the browser (demo city): the supervisor draws last month's sample of the city's units
// with a seed, sees the seed and the sampled matters (the same seed over the API draws the same
// ones), fails one with the finding and sees it reopened (重办) — on the 回头看 page and on the
// matter's own timeline; at 1440 px and on a 375 px phone. The demo's own 回头看 is listed.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { api, apiLogin, axeProblems, demoSuite, openPage, pickOrg, shot, staffLogin } from './harness.mjs'

const suite = demoSuite()
const why = suite.why

for (const [width, height, name] of [[1440, 900, 'desk'], [375, 812, 'phone']]) {
  test(`回头看: draw with a seed, fail one, see it reopened (${name})`, { skip: why || false, timeout: 300_000 }, async () => {
    const { server, browser } = suite
    const sup = await apiLogin(server.url, 'supervisor')
    const before = await api(server.url, 'GET', '/spot_checks', { cookie: sup.cookie })
    assert.ok(before.json.items.some((c) => c.failed === 1 && c.seed.startsWith('demo-')), 'the demo has last month’s 回头看 with one failure')

    const page = await openPage(browser, { width, height, mobile: width < 600 })
    await staffLogin(page, server.url, 'supervisor')
    await page.goto(`${server.url}/staff/spot-checks`)
    await page.getByRole('heading', { name: '回头看', level: 1 }).waitFor()
    await pickOrg(page, page.locator('[data-field=org] .el-select'), '株洲市')
    const seed = `e2e-${name}`
    await page.locator('#sc-seed').fill(seed)
    await page.locator('#sc-size input, input#sc-size').first().fill('4')
    await page.getByTestId('sc-draw').click()
    const current = page.getByTestId('sc-current')
    await current.waitFor()
    assert.equal((await page.getByTestId('sc-seed').innerText()).trim(), seed)
    const links = current.locator('[data-testid=sc-items] .el-table__body-wrapper a')
    await links.first().waitFor()
    const shown = (await links.allInnerTexts()).map((s) => s.trim())
    assert.ok(shown.length >= 1 && shown.length <= 4, shown.join(','))

    // The same seed, drawn again over the API: the same matters.
    const title = await current.locator('h2').innerText()
    const code = title.split(' · ')[0].trim()
    const drawn = await api(server.url, 'GET', `/spot_checks/${code}`, { cookie: sup.cookie })
    const again = await api(server.url, 'POST', '/spot_checks', { cookie: sup.cookie, csrf: sup.csrf,
      body: { org: drawn.json.org.code, from: drawn.json.from, to: drawn.json.to, size: 4, seed } })
    assert.equal(again.status, 201, JSON.stringify(again.json))
    assert.deepEqual(again.json.items.map((i) => i.matter), shown)

    const target = shown[0]
    await page.getByTestId(`sc-fail-${target}`).click()
    const dialog = page.getByRole('dialog', { name: '回头看不通过' })
    await dialog.locator('#sc-note').fill('回头看现场复查,问题仍未解决')
    await dialog.getByTestId('sc-fail-confirm').click()
    const tag = page.getByTestId(`sc-result-${target}`)
    await tag.waitFor()
    assert.equal((await tag.innerText()).trim(), '不通过,已重办')
    // Regression: axe read the dialog while it faded out and found its text too faint.
    await dialog.waitFor({ state: 'hidden' })
    assert.deepEqual(await axeProblems(page), [])
    await shot(page, `spot-check-${name}`)

    const m = await api(server.url, 'GET', `/matters/${target}`, { cookie: sup.cookie })
    assert.equal(m.json.status, 'reopened')
    await page.getByRole('link', { name: target }).click()
    await page.waitForURL(new RegExp(`/staff/matters/${target}`))
    await page.getByText(/回头看复查不通过/).first().waitFor()
    await shot(page, `spot-check-matter-${name}`)
    assert.deepEqual(page.errors, [])
    await page.context().close()
  })
}
