// Helpers for the HTTP integration tests: each test file starts the REAL `huiyin` binary on a
// fresh database (SQLite in a temp dir, and PostgreSQL when HUIYIN_TEST_PG_URL is set), creates
// orgs and users through the CLI, and drives the API with fetch. No npm packages.
import { spawn, spawnSync } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import http from 'node:http'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import zlib from 'node:zlib'
import { fileURLToPath } from 'node:url'

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
export const BIN = process.env.HUIYIN_BIN || path.join(ROOT, 'build/huiyin')
export const PG_URL = process.env.HUIYIN_TEST_PG_URL || ''
// Every suite runs once per backend.
export const BACKENDS = PG_URL ? ['sqlite', 'postgresql'] : ['sqlite']
export const PASSWORD = 'Test-Passw0rd'

const baseEnv = { ...process.env, HUIYIN_FAST_PASSWORD_HASH: '1' }
delete baseEnv.HUIYIN_DB
delete baseEnv.HUIYIN_PORT

let dbCounter = 0
// Each database's data directory (attachments, audit key, anchors): `serve` and every CLI call
// on that database use the same one, as an operator's would.
const dataDirs = new Map()
export function dataDir(db) { return path.join(db.dir, 'files') }

// A fresh, empty database: { backend, url, dir, name? }. `dir` holds attachments and logs.
export function makeDb(backend, tag = 'api') {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `huiyin-${tag}-`))
  if (backend === 'sqlite') {
    const url = `sqlite:${path.join(dir, 'huiyin.db')}`
    dataDirs.set(url, path.join(dir, 'files'))
    return { backend, url, dir }
  }
  const name = `huiyin_${tag}_${process.pid}_${Date.now()}_${dbCounter++}`.replace(/[^a-z0-9_]/gi, '_').toLowerCase()
  psql(PG_URL, `CREATE DATABASE ${name}`)
  const u = new URL(PG_URL)
  u.pathname = '/' + name
  dataDirs.set(u.toString(), path.join(dir, 'files'))
  return { backend, url: u.toString(), dir, name }
}

export function dropDb(db) {
  if (db.name) {
    try { psql(PG_URL, `DROP DATABASE IF EXISTS ${db.name} WITH (FORCE)`) } catch { /* best effort */ }
  }
  fs.rmSync(db.dir, { recursive: true, force: true })
}

export function psql(url, sql) {
  const r = spawnSync('psql', [url, '-v', 'ON_ERROR_STOP=1', '-qAtc', sql], { encoding: 'utf8' })
  if (r.status !== 0) throw new Error(`psql failed: ${r.stderr}`)
  return r.stdout
}

// Runs SQL against the test database directly (to tamper with it): sqlite3 CLI or psql.
export function rawSql(db, sql) {
  if (db.backend === 'postgresql') return psql(db.url, sql)
  const r = spawnSync('sqlite3', [db.url.slice('sqlite:'.length), sql], { encoding: 'utf8' })
  if (r.error) throw r.error
  if (r.status !== 0) throw new Error(`sqlite3 failed: ${r.stderr}`)
  return r.stdout
}

export function hasSqlite3() {
  return !spawnSync('sqlite3', ['-version']).error
}

// Runs `huiyin ARGS...`; returns { status, stdout, stderr }. With `--db URL` of a test
// database it runs with that database's data directory (HUIYIN_DATA_DIR) unless told otherwise.
export function huiyin(args, { input, env } = {}) {
  const i = args.indexOf('--db')
  const dir = i >= 0 ? dataDirs.get(args[i + 1]) : undefined
  const extra = dir && !args.includes('--data-dir') ? { HUIYIN_DATA_DIR: dir } : {}
  const r = spawnSync(BIN, args, { input, encoding: 'utf8', env: { ...baseEnv, ...extra, ...env }, timeout: 120000 })
  if (r.error) throw r.error
  return { status: r.status, stdout: r.stdout, stderr: r.stderr }
}

export function mustHuiyin(args, opts) {
  const r = huiyin(args, opts)
  if (r.status !== 0) throw new Error(`huiyin ${args.join(' ')} failed (${r.status}): ${r.stderr}${r.stdout}`)
  return r
}

export function addOrg(db, code, name, kind, level, parent) {
  const args = ['org', 'add', '--db', db.url, '--code', code, '--name', name, '--kind', kind, '--level', String(level)]
  if (parent) args.push('--parent', parent)
  return mustHuiyin(args)
}

export function addUser(db, username, role, org, { password = PASSWORD, name } = {}) {
  const args = ['user', 'add', '--db', db.url, '--username', username, '--role', role, '--org', org, '--password-stdin']
  if (name) args.push('--name', name)
  return mustHuiyin(args, { input: password + '\n' })
}

// A small city: 430200 株洲市 → 430202 荷塘区 → 430202001 月塘街道; 430203 芦淞区;
// departments 430200-ZJJ 市住建局 and 430200-CGJ 市城管局 (level 1, under the city),
// 430202-ZJJ 荷塘区住建局 (under the district).
export const ORGS = {
  city: '430200', district: '430202', street: '430202001', otherDistrict: '430203',
  zjj: '430200-ZJJ', cgj: '430200-CGJ', districtDept: '430202-ZJJ',
}

export function seedCity(db) {
  addOrg(db, ORGS.city, '株洲市', 'area', 1)
  addOrg(db, ORGS.district, '荷塘区', 'area', 2, ORGS.city)
  addOrg(db, ORGS.street, '月塘街道', 'area', 3, ORGS.district)
  addOrg(db, ORGS.otherDistrict, '芦淞区', 'area', 2, ORGS.city)
  addOrg(db, ORGS.zjj, '市住房和城乡建设局', 'dept', 1, ORGS.city)
  addOrg(db, ORGS.cgj, '市城市管理和综合执法局', 'dept', 1, ORGS.city)
  addOrg(db, ORGS.districtDept, '荷塘区住房和城乡建设局', 'dept', 2, ORGS.district)
}

// One user per role used by the loop tests.
export const USERS = {
  admin: ['admin', 'admin', ORGS.city],
  dispatcher: ['dispatcher', 'dispatcher', ORGS.city],
  handler: ['handler_zjj', 'handler', ORGS.zjj],
  leader_zjj: ['leader_zjj', 'unit_leader', ORGS.zjj],
  handler_cgj: ['handler_cgj', 'handler', ORGS.cgj],
  supervisor: ['supervisor', 'supervisor', ORGS.city],
  leader: ['leader', 'leader', ORGS.city],
  collector: ['collector', 'collector', ORGS.street],
  dispatcher_other: ['dispatcher_ls', 'dispatcher', ORGS.otherDistrict],
}

export function seedUsers(db) {
  for (const [username, role, org] of Object.values(USERS)) addUser(db, username, role, org)
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer()
    s.unref()
    s.on('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address()
      s.close(() => resolve(port))
    })
  })
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

// Starts `huiyin serve` on a free port and waits for /healthz.
export async function startServer(db, { args = [], env } = {}) {
  const port = await freePort()
  const argv = ['serve', '--db', db.url, '--port', String(port), '--data-dir', path.join(db.dir, 'files'),
    ...(args.includes('--web') ? [] : ['--web', path.join(db.dir, 'no-web')]), ...args]
  const child = spawn(BIN, argv, { env: { ...baseEnv, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stdout.on('data', (d) => { output += d })
  child.stderr.on('data', (d) => { output += d })
  let exited = null
  const exit = new Promise((resolve) => child.on('exit', (code, signal) => { exited = { code, signal }; resolve(exited) }))
  const base = `http://127.0.0.1:${port}`
  // Seeding the demo city on PostgreSQL takes 20–60 s on a loaded 2-core machine.
  const deadline = Date.now() + 150000
  for (;;) {
    if (exited) throw new Error(`huiyin serve exited early (${JSON.stringify(exited)}):\n${output}`)
    try {
      const r = await fetch(base + '/healthz')
      if (r.ok) break
    } catch { /* not up yet */ }
    if (Date.now() > deadline) {
      child.kill('SIGKILL')
      throw new Error(`huiyin serve did not come up:\n${output}`)
    }
    await sleep(100)
  }
  return {
    port, base, child,
    output: () => output,
    async stop(signal = 'SIGTERM') {
      if (exited) return exited
      child.kill(signal)
      const t = setTimeout(() => child.kill('SIGKILL'), 15000)
      const r = await exit
      clearTimeout(t)
      return r
    },
    exited: () => exited,
  }
}

// A user agent with a cookie jar of one cookie and the CSRF token of its session.
export class Client {
  constructor(base) {
    this.base = base
    this.cookie = ''
    this.csrf = ''
    this.user = null
  }

  async request(method, p, { body, raw, headers = {}, csrf = true } = {}) {
    const h = { ...headers }
    if (this.cookie) h.cookie = this.cookie
    if (csrf && this.csrf && method !== 'GET' && !('x-csrf-token' in h)) h['x-csrf-token'] = this.csrf
    let payload
    if (raw !== undefined) payload = raw
    else if (body !== undefined) {
      payload = JSON.stringify(body)
      if (!h['content-type']) h['content-type'] = 'application/json'
    }
    const res = await fetch(this.base + p, { method, headers: h, body: payload })
    for (const c of res.headers.getSetCookie()) {
      const m = /^huiyin_session=([^;]*)/.exec(c)
      if (m) this.cookie = m[1] ? `huiyin_session=${m[1]}` : ''
    }
    const buf = Buffer.from(await res.arrayBuffer())
    let json
    const ct = res.headers.get('content-type') || ''
    if (ct.includes('json')) {
      try { json = JSON.parse(buf.toString('utf8')) } catch { json = undefined }
    }
    return { status: res.status, headers: res.headers, json, buf, text: () => buf.toString('utf8') }
  }

  get(p, o) { return this.request('GET', p, o) }
  post(p, body, o = {}) { return this.request('POST', p, { ...o, body }) }
  patch(p, body, o = {}) { return this.request('PATCH', p, { ...o, body }) }
  put(p, body, o = {}) { return this.request('PUT', p, { ...o, body }) }
  del(p, o) { return this.request('DELETE', p, o) }

  async login(username, password = PASSWORD) {
    const r = await this.post('/api/v1/session', { username, password })
    if (r.status !== 200) throw new Error(`login ${username} failed: ${r.status} ${r.text()}`)
    this.csrf = r.json.csrf_token
    this.user = r.json.user
    return this
  }

  // An action with If-Match taken from the matter's current version (or the one given).
  async act(code, action, fields = {}, version) {
    let v = version
    if (v === undefined) {
      const m = await this.get(`/api/v1/matters/${code}`)
      if (m.status !== 200) throw new Error(`GET matter ${code}: ${m.status} ${m.text()}`)
      v = m.json.version
    }
    return this.post(`/api/v1/matters/${code}/actions`, { action, ...fields }, { headers: { 'if-match': `"${v}"` } })
  }
}

export async function loginAs(base, key) {
  const [username] = USERS[key]
  return new Client(base).login(username)
}

export async function intake(base, fields = {}, headers = {}) {
  const c = new Client(base)
  const body = {
    title: '小区路灯不亮',
    content: '荷塘区月塘街道某小区门口的路灯已经坏了一个星期,晚上出行很不方便,请尽快修复。',
    location: { address: '月塘街道某小区门口', district: ORGS.street },
    contact: { name: '张三', phone: '13812345678' },
    ...fields,
  }
  const r = await c.post('/api/v1/intake', body, { headers })
  return r
}

// How many matters `client` sees (up to 1000): to show a refused request stored nothing.
export async function matterCount(client) {
  const r = await client.get('/api/v1/matters?limit=1000')
  if (r.status !== 200) throw new Error(`GET /matters: ${r.status} ${r.text()}`)
  return r.json.items.length
}

export function localDate(offsetDays = 0) {
  const d = new Date(Date.now() + 8 * 3600 * 1000 + offsetDays * 86400000)
  return d.toISOString().slice(0, 10)
}

export function assertProblem(assert, r, status, { field } = {}) {
  assert.equal(r.status, status, `expected ${status}, got ${r.status}: ${r.text()}`)
  assert.match(r.headers.get('content-type') || '', /application\/problem\+json/)
  assert.ok(r.json, 'problem body is JSON')
  assert.equal(r.json.status, status)
  assert.match(r.json.type, /^https:\/\/huiyin\.local\/problems\//)
  assert.match(r.json.title, /[\u4e00-\u9fff]/, 'title is Chinese')
  assert.match(r.json.detail, /[\u4e00-\u9fff]/, 'detail is Chinese')
  if (field) assert.equal(r.json.field, field)
}

// Sets up a seeded database and server for one backend; returns a context for the tests.
export async function setup(backend, tag) {
  const db = makeDb(backend, tag)
  seedCity(db)
  seedUsers(db)
  const server = await startServer(db)
  return {
    db, server, base: server.base,
    async teardown() {
      await server.stop()
      dropDb(db)
    },
  }
}

// The members of a ZIP archive by name (stored or deflated), from its central directory.
export function unzip(buf) {
  let eocd = buf.length - 22
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--
  if (eocd < 0) throw new Error('not a ZIP archive')
  const members = new Map()
  let p = buf.readUInt32LE(eocd + 16)
  for (let i = 0, n = buf.readUInt16LE(eocd + 10); i < n; i++) {
    const method = buf.readUInt16LE(p + 10)
    const size = buf.readUInt32LE(p + 20)
    const nameLen = buf.readUInt16LE(p + 28)
    const skip = nameLen + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32)
    const name = buf.subarray(p + 46, p + 46 + nameLen).toString('utf8')
    const local = buf.readUInt32LE(p + 42)
    const data = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28)
    const raw = buf.subarray(data, data + size)
    members.set(name, (method === 8 ? zlib.inflateRawSync(raw) : raw).toString('utf8'))
    p += 46 + skip
  }
  return members
}

const unescape = (s) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&')

// A worksheet (the first unless `sheet` says which, 1-based) as rows of cell texts (shared
// strings resolved), as libxlsxwriter writes it.
export function sheetRows(buf, sheet = 1) {
  const z = unzip(buf)
  const strings = [...(z.get('xl/sharedStrings.xml') || '').matchAll(/<si>([\s\S]*?)<\/si>/g)]
    .map((m) => unescape([...m[1].matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((t) => t[1]).join('')))
  const rows = []
  for (const r of (z.get(`xl/worksheets/sheet${sheet}.xml`) || '').matchAll(/<row r="(\d+)"[^>]*>([\s\S]*?)<\/row>/g)) {
    const cells = []
    for (const c of r[2].matchAll(/<c r="([A-Z]+)\d+"([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const col = [...c[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1
      const v = /<v>([\s\S]*?)<\/v>/.exec(c[3] || '')
      cells[col] = v ? (/t="s"/.test(c[2]) ? strings[Number(v[1])] : v[1]) : ''
    }
    rows[Number(r[1]) - 1] = cells
  }
  return rows
}

// A webhook target on loopback that records every POST: path, headers, the raw body, the parsed
// body and whether its X-Huiyin-Signature is the HMAC-SHA256 of the body under `secret`.
export function webhookReceiver(secret) {
  const got = []
  const server = http.createServer((req, res) => {
    const chunks = []
    req.on('data', (c) => chunks.push(c))
    req.on('end', () => {
      const raw = Buffer.concat(chunks)
      const mac = crypto.createHmac('sha256', secret).update(raw).digest('hex')
      got.push({ path: req.url, headers: req.headers, raw, body: JSON.parse(raw.toString('utf8')),
        signed: req.headers['x-huiyin-signature'] === `sha256=${mac}` })
      res.writeHead(204)
      res.end()
    })
  })
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ got, port: server.address().port, close: () => new Promise((r) => server.close(r)) })))
}

// Polls `f` (sync or async) every 100 ms until it returns something truthy, which it returns.
export async function waitFor(what, f, ms = 20000) {
  const end = Date.now() + ms
  for (;;) {
    const v = await f()
    if (v) return v
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 100))
  }
}
