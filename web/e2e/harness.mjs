// Shared machinery of the web end-to-end tests: starts the real `huiyin serve` on a free port
// with a throwaway SQLite database and demo data, launches Debian's Chromium through
// playwright-core (never a downloaded browser), collects console errors, runs axe-core, and
// saves screenshots under <repo>/build/e2e-screenshots/. One server per test file.
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { after, before } from 'node:test'
import { fileURLToPath } from 'node:url'
import { deflateSync } from 'node:zlib'
import { chromium } from 'playwright-core'
import AxeBuilder from '@axe-core/playwright'

const here = dirname(fileURLToPath(import.meta.url))
export const webDir = resolve(here, '..')
export const repoDir = resolve(webDir, '..')
export const bin = resolve(process.env.HUIYIN_BIN || join(repoDir, 'build', 'huiyin'))
export const shotDir = join(repoDir, 'build', 'e2e-screenshots')
export const PASSWORD = 'Huiyin@2026'
const CHROMIUM = process.env.HUIYIN_CHROMIUM || '/usr/bin/chromium'

// Why a suite cannot run here, or '' when it can.
export function missing() {
  if (!existsSync(bin)) return `没有找到服务程序 ${bin}(先构建,或设置 HUIYIN_BIN)`
  if (!existsSync(join(webDir, 'dist', 'index.html'))) return '没有找到 web/dist(先运行 npm run build)'
  if (!existsSync(CHROMIUM)) return `没有找到 ${CHROMIUM}(apt install chromium)`
  return ''
}

function freePort() {
  return new Promise((ok, fail) => {
    const s = createServer()
    s.once('error', fail)
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address()
      s.close(() => ok(port))
    })
  })
}

// Starts the server; resolves to {url, stop(), log()} once /healthz answers.
export async function startServer() {
  const dir = mkdtempSync(join(tmpdir(), 'huiyin-e2e-'))
  const port = await freePort()
  const args = ['serve', '--db', `sqlite:${join(dir, 'e2e.db')}`, '--port', String(port), '--demo', '--web', join(webDir, 'dist')]
  const child = spawn(bin, args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stdout.on('data', (d) => (output += d))
  child.stderr.on('data', (d) => (output += d))
  const url = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 120_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`huiyin serve exited with ${child.exitCode}:\n${output}`)
    try {
      const r = await fetch(`${url}/healthz`)
      if (r.ok) break
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL')
      throw new Error(`huiyin serve did not answer /healthz within 120 s:\n${output}`)
    }
    await new Promise((r) => setTimeout(r, 250))
  }
  return {
    url,
    log: () => output,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM')
        await Promise.race([new Promise((r) => child.once('exit', r)), new Promise((r) => setTimeout(r, 5000))])
        if (child.exitCode === null) child.kill('SIGKILL')
      }
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

// One demo server and one Chromium for a test file: started before its tests, stopped after.
// Returns {why, server, browser}; `why` says what is missing when the tests must be skipped.
// `setup(s)`, when given, runs once both are up (e.g. to submit a sample matter).
export function demoSuite(setup) {
  const s = { why: missing(), server: null, browser: null }
  before(async () => {
    if (s.why) return
    s.server = await startServer()
    s.browser = await launchBrowser()
    if (setup) await setup(s)
  })
  after(async () => {
    await s.browser?.close()
    await s.server?.stop()
  })
  return s
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  })
}

// API statuses the app handles on purpose (session probe 401, optional endpoints 404, conflicts,
// validation): the browser logs them as "Failed to load resource", which is not an app error.
const EXPECTED = /the server responded with a status of (401|403|404|409|422|428)/

// A fresh context (own cookies) and page that records console errors and uncaught exceptions.
export async function openPage(browser, { width = 1440, height = 900, mobile = false } = {}) {
  const context = await browser.newContext({
    viewport: { width, height },
    deviceScaleFactor: 1,
    isMobile: mobile,
    hasTouch: mobile,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  })
  const page = await context.newPage()
  page.errors = []
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return
    const where = msg.location()?.url || ''
    if (EXPECTED.test(msg.text()) && where.includes('/api/v1/')) return
    page.errors.push(`${msg.text()} @ ${where}`)
  })
  page.on('pageerror', (e) => page.errors.push(`uncaught: ${e.message}`))
  return page
}

export async function shot(page, name) {
  mkdirSync(shotDir, { recursive: true })
  await page.screenshot({ path: join(shotDir, `${name}.png`), fullPage: true })
}

// axe-core on the current page: the serious and critical violations, as readable lines.
export async function axeProblems(page) {
  // A dropdown still fading out after a pick (slow under load) is a listbox with no options yet or
  // no longer: let it finish first, as a user would see the page.
  await page.waitForFunction(() => [...document.querySelectorAll('.el-popper')].every((p) => getComputedStyle(p).display === 'none' || !p.getBoundingClientRect().height), null, { timeout: 5000 }).catch(() => {})
  const r = await new AxeBuilder({ page }).analyze()
  return r.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`)
}

export async function staffLogin(page, url, username, landing = /\/staff\/workbench/) {
  await page.goto(`${url}/staff/login`)
  await page.getByLabel('用户名').fill(username)
  await page.getByLabel('密码').fill(PASSWORD)
  await page.getByRole('button', { name: '登 录' }).click()
  await page.waitForURL(landing)
}

// JSON API calls from the test itself (to set up matters quickly or read the user's unit).
export async function api(url, method, path, { body, cookie, csrf, headers = {} } = {}) {
  const h = { Accept: 'application/json', ...headers }
  if (body !== undefined) h['Content-Type'] = 'application/json'
  if (cookie) h.Cookie = cookie
  if (csrf) h['X-CSRF-Token'] = csrf
  const r = await fetch(`${url}/api/v1${path}`, { method, headers: h, body: body === undefined ? undefined : JSON.stringify(body) })
  const text = await r.text()
  let json = null
  try {
    json = JSON.parse(text)
  } catch {
    json = text
  }
  return { status: r.status, json, headers: r.headers }
}

export async function apiLogin(url, username) {
  const r = await api(url, 'POST', '/session', { body: { username, password: PASSWORD } })
  if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${JSON.stringify(r.json)}`)
  const cookie = (r.headers.get('set-cookie') || '').split(';')[0]
  return { cookie, csrf: r.json.csrf_token, user: r.json.user }
}

export async function submitMatter(url, title, extra = {}) {
  const r = await api(url, 'POST', '/intake', {
    body: { title, content: `${title}。请有关部门尽快处理。`, anonymous: false, contact: { name: '王先生', phone: '13800138000' }, ...extra },
    headers: { 'Idempotency-Key': `e2e-${Date.now()}-${Math.random()}` },
  })
  if (r.status !== 201) throw new Error(`intake: ${r.status} ${JSON.stringify(r.json)}`)
  return r.json
}

// A photo-like PNG (gradient with stripes) of the given size, for the upload path.
export function makePng(width, height) {
  const raw = Buffer.alloc((width * 3 + 1) * height)
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1)
    raw[row] = 0
    for (let x = 0; x < width; x++) {
      const o = row + 1 + x * 3
      raw[o] = (x * 255) / width
      raw[o + 1] = (y * 255) / height
      raw[o + 2] = (x + y) % 64 < 32 ? 200 : 90
    }
  }
  const crcTable = new Int32Array(256).map((_, n) => {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    return c
  })
  const crc = (buf) => {
    let c = -1
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8)
    return (c ^ -1) >>> 0
  }
  const chunk = (type, data) => {
    const len = Buffer.alloc(4)
    len.writeUInt32BE(data.length)
    const td = Buffer.concat([Buffer.from(type), data])
    const c = Buffer.alloc(4)
    c.writeUInt32BE(crc(td))
    return Buffer.concat([len, td, c])
  }
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(width, 0)
  ihdr.writeUInt32BE(height, 4)
  ihdr[8] = 8
  ihdr[9] = 2
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

// Picks an org in an el-tree-select by typing part of its name and clicking the match.
export async function pickOrg(page, field, name) {
  await field.click()
  await page.keyboard.type(name)
  // Only an option the user can see: a select keeps hidden items of earlier choices in its list.
  const node = page.locator('.el-select-dropdown:visible .el-tree-node__label:visible, .el-select-dropdown:visible .el-select-dropdown__item:visible').filter({ hasText: new RegExp(`^${name}$`) }).first()
  await node.click()
  // A single select closes itself; Escape here would also close the surrounding dialog.
}
