// Several stateless app nodes (issue 12): two `huiyin serve` processes on two ports sharing one
// PostgreSQL database and one data directory (audit key, anchor log, attachments), behind nginx
// from Debian on loopback with deploy/nginx/huiyin.conf. The whole loop runs through nginx with
// the requests spread over both nodes (nginx names the node that answered in
// X-Huiyin-Upstream); a session made on one node works on the other, an idempotency key replayed
// on the other node gives the same matter, failed logins from one X-Forwarded-For address are
// counted once across the nodes and listed under that address, the one audit chain verifies
// after both wrote to it, the scheduler runs on one node only and each webhook is posted once.
//
// Runs alone: HUIYIN_BIN=build/huiyin node --test tests/ha/two_nodes.test.mjs
// PostgreSQL: the server of HUIYIN_TEST_PG_URL when set, else a throwaway cluster
// (scripts/pg_test_cluster.sh) on port HUIYIN_HA_PG_PORT (55493) in a temporary directory.
// Skipped, with the reason, without nginx or PostgreSQL.
import { describe, test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const PG_BIN = process.env.PG_BIN || '/usr/lib/postgresql/15/bin'
const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

function whyNot() {
  if (spawnSync('nginx', ['-v']).error) return 'nginx is not installed (bash scripts/setup.sh --bench installs nginx-light)'
  if (!process.env.HUIYIN_TEST_PG_URL && !fs.existsSync(path.join(PG_BIN, 'initdb')))
    return 'no PostgreSQL: set HUIYIN_TEST_PG_URL or install the PostgreSQL 15 server (bash scripts/setup.sh --test)'
  if (spawnSync('psql', ['--version']).error) return 'psql is not installed'
  return ''
}
const skip = whyNot()

// The PostgreSQL server: given, or a throwaway cluster started here (stopped in `after`).
let clusterDir = ''
if (!skip && !process.env.HUIYIN_TEST_PG_URL) {
  clusterDir = fs.mkdtempSync(path.join(os.tmpdir(), 'huiyin-ha-pg-'))
  const port = process.env.HUIYIN_HA_PG_PORT || '55493'
  const r = spawnSync('bash', [path.join(ROOT, 'scripts/pg_test_cluster.sh'), 'start', clusterDir, port], { encoding: 'utf8' })
  if (r.status !== 0) throw new Error(`pg_test_cluster.sh start failed: ${r.stderr}${r.stdout}`)
  process.env.HUIYIN_TEST_PG_URL = r.stdout.trim().split('\n').pop()
}
// lib.mjs reads HUIYIN_TEST_PG_URL when it is loaded.
const lib = await import('../api/lib.mjs')
const { ORGS, PASSWORD, Client, makeDb, dropDb, seedCity, seedUsers, addUser, startServer, huiyin, freePort, psql, intake, localDate, webhookReceiver, waitFor } = lib

const SECRET = 'gateway-secret-0123456789'
const ATTACKER = '203.0.113.77'

// nginx in the foreground with the repository's config, its files in `dir`.
async function startNginx(dir, listenPort, nodes) {
  const conf = fs.readFileSync(path.join(ROOT, 'deploy/nginx/huiyin.conf'), 'utf8')
    .replaceAll('@LISTEN@', `127.0.0.1:${listenPort}`)
    .replaceAll('@NODE_1@', `127.0.0.1:${nodes[0]}`)
    .replaceAll('@NODE_2@', `127.0.0.1:${nodes[1]}`)
  assert.ok(!conf.includes('@'), 'every placeholder filled')
  fs.writeFileSync(path.join(dir, 'nginx.conf'), conf)
  // nginx's workers (nobody, when started as root) write request bodies under the prefix.
  fs.chmodSync(dir, 0o755)
  const child = spawn('nginx', ['-p', dir + '/', '-c', path.join(dir, 'nginx.conf'), '-e', path.join(dir, 'error.log'), '-g', 'daemon off;'],
    { stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stdout.on('data', (d) => { output += d })
  child.stderr.on('data', (d) => { output += d })
  let exited = null
  const exit = new Promise((resolve) => child.on('exit', (code, signal) => { exited = { code, signal }; resolve(exited) }))
  const base = `http://127.0.0.1:${listenPort}`
  await waitFor(`nginx on ${base}`, async () => {
    if (exited) throw new Error(`nginx exited (${JSON.stringify(exited)}): ${output}`)
    try { return (await fetch(base + '/healthz')).ok } catch { return false }
  })
  return {
    base,
    errors: () => { try { return fs.readFileSync(path.join(dir, 'error.log'), 'utf8') } catch { return '' } },
    async stop() {
      if (exited) return
      child.kill('SIGQUIT')
      const t = setTimeout(() => child.kill('SIGKILL'), 10000)
      await exit
      clearTimeout(t)
    },
  }
}

describe('two app nodes behind nginx on one PostgreSQL', { skip: skip || false }, () => {
  let db, nodes, nginx, hook, files, ngxDir
  const served = [] // [{ what, node }] of every request through nginx
  const writesBy = new Set()

  // The node (its port) that answered a request through nginx.
  function nodeOf(r, what, write = false) {
    const upstream = r.headers.get('x-huiyin-upstream') || ''
    const port = Number(upstream.split(':').pop())
    assert.ok(nodes.some((n) => n.port === port), `${what}: answered by one of the nodes (X-Huiyin-Upstream ${upstream})`)
    served.push({ what, port })
    if (write) writesBy.add(port)
    return port
  }
  const other = (port) => nodes.find((n) => n.port !== port)
  const direct = (port) => nodes.find((n) => n.port === port)

  before(async () => {
    hook = await webhookReceiver(SECRET)
    db = makeDb('postgresql', 'ha')
    files = path.join(db.dir, 'files')
    // Both nodes start at the same moment on an empty database and an empty data directory:
    // they migrate, load the defaults and make the audit key together.
    const env = { HUIYIN_AUDIT_ANCHOR_EVERY: '5' }
    const args = ['--trusted-proxies', '127.0.0.1', '--webhook-every-seconds', '1', '--sla-every-minutes', '1']
    nodes = await Promise.all([startServer(db, { args, env }), startServer(db, { args, env })])
    seedCity(db)
    seedUsers(db)
    addUser(db, 'secadmin', 'security_admin', ORGS.city)
    addUser(db, 'auditor', 'audit_admin', ORGS.city)
    const add = huiyin(['webhook', 'add', '--db', db.url, '--url', `http://127.0.0.1:${hook.port}/all`, '--secret', SECRET])
    assert.equal(add.status, 0, add.stderr)
    // Its own directory: nginx's workers (nobody, when started as root) must reach it.
    ngxDir = fs.mkdtempSync(path.join(os.tmpdir(), 'huiyin-ha-nginx-'))
    nginx = await startNginx(ngxDir, await freePort(), nodes.map((n) => n.port))
  })

  after(async () => {
    await nginx?.stop()
    for (const n of nodes || []) await n.stop()
    await hook?.close()
    if (ngxDir) fs.rmSync(ngxDir, { recursive: true, force: true })
    if (db) dropDb(db)
    if (clusterDir) {
      spawnSync('bash', [path.join(ROOT, 'scripts/pg_test_cluster.sh'), 'stop', clusterDir])
      fs.rmSync(clusterDir, { recursive: true, force: true })
    }
  })

  test('two nodes starting at once on an empty data directory share one audit key', () => {
    const names = fs.readdirSync(files)
    assert.deepEqual(names.filter((n) => n.startsWith('audit.key')), ['audit.key'], `data dir: ${names}`)
    assert.match(fs.readFileSync(path.join(files, 'audit.key'), 'utf8'), /^[0-9a-f]{64}\n$/)
    for (const n of nodes) assert.equal(n.exited(), null, `node ${n.port} runs:\n${n.output()}`)
  })

  test('the loop runs through nginx on both nodes: intake, assign, handle, verify, figures', async () => {
    const r = await intake(nginx.base, {}, { 'idempotency-key': 'ha-loop-1' })
    assert.equal(r.status, 201, r.text())
    nodeOf(r, 'intake', true)
    const { code, token } = r.json

    const dispatcher = new Client(nginx.base)
    nodeOf(await dispatcher.request('POST', '/api/v1/session', { body: { username: 'dispatcher', password: PASSWORD } }).then((x) => {
      assert.equal(x.status, 200, x.text())
      dispatcher.csrf = x.json.csrf_token
      return x
    }), 'login dispatcher', true)
    let a = await dispatcher.act(code, 'accept')
    assert.equal(a.status, 200, a.text())
    nodeOf(a, 'accept', true)
    a = await dispatcher.act(code, 'assign', { lead_org: ORGS.zjj, handling_class: 'phased', deadline: localDate(10) })
    assert.equal(a.status, 200, a.text())
    nodeOf(a, 'assign', true)
    assert.equal(a.json.status, 'assigned')

    const handler = await new Client(nginx.base).login('handler_zjj')
    a = await handler.act(code, 'sign')
    assert.equal(a.status, 200, a.text())
    nodeOf(a, 'sign', true)
    a = await handler.act(code, 'resolve', { reply: '已更换路灯灯泡并检修线路,现已恢复照明。' })
    assert.equal(a.status, 200, a.text())
    nodeOf(a, 'resolve', true)

    const citizen = new Client(nginx.base)
    const t = await citizen.get(`/api/v1/track/${code}?token=${encodeURIComponent(token)}`)
    assert.equal(t.status, 200, t.text())
    nodeOf(t, 'track')
    assert.equal(t.json.status, 'resolved')
    assert.match(t.json.reply, /恢复照明/)
    const ev = await citizen.post(`/api/v1/track/${code}/evaluation?token=${encodeURIComponent(token)}`, { solved: true, satisfaction: 'satisfied', comment: '修得很快' })
    assert.equal(ev.status, 200, ev.text())
    nodeOf(ev, 'evaluation', true)
    assert.equal(ev.json.status, 'verified')
    a = await dispatcher.act(code, 'close')
    assert.equal(a.status, 200, a.text())
    nodeOf(a, 'close', true)
    assert.equal(a.json.status, 'closed')

    // The leader's figures: the same from either node.
    const leader = await new Client(nginx.base).login('leader')
    const today = localDate(0)
    const figures = []
    for (const n of nodes) {
      const direct = new Client(n.base)
      direct.cookie = leader.cookie
      const f = await direct.get(`/api/v1/stats/overview?from=${today}&to=${today}`)
      assert.equal(f.status, 200, f.text())
      const { collected, responded, accepted, assigned, evaluated, solved, satisfied, closed, response_rate, resolution_rate, satisfaction_rate } = f.json
      figures.push({ collected, responded, accepted, assigned, evaluated, solved, satisfied, closed, response_rate, resolution_rate, satisfaction_rate })
    }
    assert.deepEqual(figures[0], figures[1], 'both nodes count the same')
    const s = figures[0]
    assert.equal(s.collected, 1)
    assert.equal(s.evaluated, 1)
    assert.equal(s.solved, 1)
    assert.equal(s.satisfied, 1)
    assert.equal(s.closed, 1)
    const viaNginx = await leader.get(`/api/v1/stats/overview?from=${today}&to=${today}`)
    nodeOf(viaNginx, 'figures')
    assert.equal(viaNginx.json.closed, 1)

    const ports = new Set(served.map((x) => x.port))
    assert.equal(ports.size, 2, `both nodes served the loop: ${JSON.stringify(served)}`)
    assert.equal(writesBy.size, 2, 'both nodes wrote to the one database and audit chain')
    // Round robin: no long run of one node.
    let run = 1
    for (let i = 1; i < served.length; i++) {
      run = served[i].port === served[i - 1].port ? run + 1 : 1
      assert.ok(run <= 3, `requests alternate between the nodes: ${served.map((x) => x.port)}`)
    }
  })

  test('a session made on one node works on the other, and logging out on it ends it on both', async () => {
    const c = new Client(nginx.base)
    const r = await c.request('POST', '/api/v1/session', { body: { username: 'supervisor', password: PASSWORD } })
    assert.equal(r.status, 200, r.text())
    const made = nodeOf(r, 'login supervisor')
    const b = new Client(other(made).base)
    b.cookie = c.cookie
    b.csrf = r.json.csrf_token
    const me = await b.get('/api/v1/session')
    assert.equal(me.status, 200, me.text())
    assert.equal(me.json.user.username, 'supervisor')
    const list = await b.get('/api/v1/matters?limit=5')
    assert.equal(list.status, 200, list.text())
    assert.equal((await b.del('/api/v1/session')).status, 204)
    const a = new Client(direct(made).base)
    a.cookie = c.cookie
    const gone = await a.get('/api/v1/matters?limit=5')
    assert.equal(gone.status, 401, 'logged out on the other node, refused on the first')
  })

  test('an idempotency key replayed on the other node gives the same matter', async () => {
    const first = await intake(nginx.base, { title: '井盖缺失' }, { 'idempotency-key': 'ha-idem-7' })
    assert.equal(first.status, 201, first.text())
    const took = nodeOf(first, 'intake with key', true)
    const again = await intake(other(took).base, { title: '井盖缺失' }, { 'idempotency-key': 'ha-idem-7' })
    assert.equal(again.status, 201, again.text())
    assert.equal(again.json.code, first.json.code)
    assert.equal(again.json.token, first.json.token)
    const dispatcher = await new Client(nginx.base).login('dispatcher')
    const list = await dispatcher.get('/api/v1/matters?limit=100')
    assert.equal(list.json.items.filter((m) => m.title === '井盖缺失').length, 1, 'one matter, not two')
  })

  test('failed logins from one address through nginx are counted once across both nodes', async () => {
    const from = { 'x-forwarded-for': ATTACKER }
    const tryLogin = (base, password) => new Client(base).request('POST', '/api/v1/session', { body: { username: 'handler_zjj', password }, headers: from })
    const by = new Set()
    for (let i = 0; i < 10; i++) {
      const r = await tryLogin(nginx.base, `guess-${i}`)
      assert.equal(r.status, 401, `try ${i + 1}: ${r.text()}`)
      by.add(nodeOf(r, `failed login ${i + 1}`))
    }
    assert.equal(by.size, 2, 'the ten failures were spread over both nodes')
    const eleventh = await tryLogin(nginx.base, PASSWORD)
    assert.equal(eleventh.status, 429, eleventh.text())
    nodeOf(eleventh, 'failed login 11')
    assert.ok(Number(eleventh.headers.get('retry-after')) > 0)
    // Whichever node answers: both refuse the address, even with the right password.
    for (const n of nodes) assert.equal((await tryLogin(n.base, PASSWORD)).status, 429, `node ${n.port}`)
    // The real user from elsewhere is not locked out.
    const real = await new Client(nginx.base).request('POST', '/api/v1/session', { body: { username: 'handler_zjj', password: PASSWORD }, headers: { 'x-forwarded-for': '198.51.100.20' } })
    assert.equal(real.status, 200, real.text())

    const sec = await new Client(nginx.base).login('secadmin')
    const list = await sec.get('/api/v1/admin/throttles')
    assert.equal(list.status, 200, list.text())
    const mine = list.json.throttles.filter((t) => t.account === 'handler_zjj')
    assert.ok(mine.some((t) => t.source === ATTACKER), `listed under the client's address: ${JSON.stringify(list.json.throttles)}`)
    assert.ok(!list.json.throttles.some((t) => t.source.startsWith('127.')), 'not under the proxy\'s address')
    const auditor = await new Client(nginx.base).login('auditor')
    const events = await auditor.get('/api/v1/audit/events?type=login_throttled&limit=500')
    assert.equal(events.json.events.filter((e) => e.payload.client === ATTACKER).length, 1, 'one audit event for the one throttle')

    const lift = await sec.post('/api/v1/admin/throttles/lift', { source: ATTACKER })
    assert.equal(lift.status, 200, lift.text())
    const lifter = nodeOf(lift, 'lift', true)
    assert.equal((await tryLogin(other(lifter).base, PASSWORD)).status, 200, 'lifted on one node, free on the other')
  })

  test('an attachment over the limit gets the app\'s own 413 through nginx', async () => {
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), Buffer.from('IHDR')])
    const small = await new Client(nginx.base).request('POST', '/api/v1/attachments', { raw: Buffer.concat([png, Buffer.alloc(200000)]), headers: { 'content-type': 'image/png' } })
    assert.equal(small.status, 201, small.text() + nginx.errors())
    nodeOf(small, 'upload', true)
    const big = await new Client(nginx.base).request('POST', '/api/v1/attachments', { raw: Buffer.concat([png, Buffer.alloc(10 * 1024 * 1024)]), headers: { 'content-type': 'image/png' } })
    assert.equal(big.status, 413, big.text() + nginx.errors())
    assert.match(big.headers.get('content-type') || '', /application\/problem\+json/, 'the app answered, not nginx')
    assert.match(big.json.detail, /请求内容过大/)
  })

  test('each webhook is posted once, whichever node delivers', async () => {
    const r = await intake(nginx.base, { title: '路面塌陷' })
    assert.equal(r.status, 201, r.text())
    const dispatcher = await new Client(nginx.base).login('dispatcher')
    assert.equal((await dispatcher.act(r.json.code, 'accept')).status, 200)
    assert.equal((await dispatcher.act(r.json.code, 'assign', { lead_org: ORGS.zjj, handling_class: 'immediate' })).status, 200)
    await waitFor('matter.assigned', () => hook.got.find((g) => g.body.event === 'matter.assigned' && g.body.matter.code === r.json.code))
    await sleep(3000) // both nodes poll every second: time for a second post, if there were one
    const ids = hook.got.map((g) => g.headers['x-huiyin-delivery'])
    assert.equal(new Set(ids).size, ids.length, `no delivery posted twice: ${ids}`)
    assert.ok(hook.got.every((g) => g.signed))
    assert.equal(hook.got.filter((g) => g.body.event === 'matter.assigned' && g.body.matter.code === r.json.code).length, 1)
  })

  test('the scheduler runs on one node only, and the other takes over when it stops', async () => {
    const running = nodes.filter((n) => /督办检查由本节点 \S+ 执行/.test(n.output()))
    const waiting = nodes.filter((n) => /督办检查由另一节点执行/.test(n.output()))
    assert.equal(running.length, 1, nodes.map((n) => n.output()).join('\n----\n'))
    assert.equal(waiting.length, 1)
    assert.notEqual(running[0], waiting[0])
    const lease = () => psql(db.url, "SELECT holder FROM job_leases WHERE name = 'sla-scheduler' AND expires_at > 0").trim()
    assert.ok(lease().endsWith(`:${running[0].child.pid}`), `lease holder ${lease()} is node pid ${running[0].child.pid}`)
    // The scheduler's node stops (gives the lease back); the other runs the next tick (each
    // minute, --sla-every-minutes 1).
    assert.equal((await running[0].stop()).code, 0)
    await waitFor('the other node to take the scheduler over', () => /督办检查由本节点 \S+ 执行/.test(waiting[0].output()), 75000)
    assert.ok(lease().endsWith(`:${waiting[0].child.pid}`), `lease holder ${lease()}`)
  })

  test('the one audit chain verifies after both nodes wrote to it, with both nodes\' anchors', async () => {
    await nginx.stop()
    for (const n of nodes) {
      const r = await n.stop()
      assert.equal(r.code, 0, `node ${n.port} stopped cleanly:\n${n.output()}`)
    }
    const anchors = fs.readFileSync(path.join(files, 'audit-anchors.log'), 'utf8').trim().split('\n')
    assert.ok(anchors.length >= 2, `anchors: ${anchors}`)
    const v = huiyin(['audit', 'verify', '--db', db.url])
    assert.equal(v.status, 0, `audit verify: ${v.stdout}${v.stderr}`)
    assert.match(v.stdout, /审计链完整/)
    const head = /链头: seq=(\d+)/.exec(v.stdout)
    const last = /最后一个在 seq=(\d+)/.exec(v.stdout)
    assert.ok(head && last, v.stdout)
    assert.equal(last[1], head[1], 'the last anchor is the head: both nodes flushed at shutdown')
    // Neither node failed to keep its in-memory state in step, nor to count a throttle.
    for (const n of nodes)
      assert.doesNotMatch(n.output(), /查重索引同步失败|重新读取工作日历与办理时限失败|频次限制计数失败|督办检查失败/, n.output())
  })
})
