// Latency of the public 回音壁 (GET /api/v1/wall) while N clients guess passwords.
// Usage: node bench/login/login_flood.mjs BIN [--clients 8] [--seconds 20] [--spread]
//   --spread: every guess claims another source address and username through X-Forwarded-For
//   (the server is started with --trusted-proxies 127.0.0.1), i.e. a distributed attacker.
// Starts `BIN serve --demo` on a fresh SQLite database with real (interactive) argon2 limits.
import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'

const args = process.argv.slice(2)
const bin = args[0]
const opt = (name, def) => { const i = args.indexOf(name); return i >= 0 ? Number(args[i + 1]) : def }
const clients = opt('--clients', 8)
const seconds = opt('--seconds', 20)
const spread = args.includes('--spread')

const port = await new Promise((resolve) => { const s = net.createServer(); s.listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => resolve(p)) }) })
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'huiyin-flood-'))
const env = { ...process.env }
delete env.HUIYIN_FAST_PASSWORD_HASH
const argv = ['serve', '--demo', '--db', `sqlite:${dir}/h.db`, '--port', String(port), '--data-dir', `${dir}/files`, '--web', `${dir}/none`]
// Older builds (before the throttle) have no --trusted-proxies; they ignore X-Forwarded-For anyway.
const help = spawnSync(bin, ['serve', '--help'], { encoding: 'utf8' }).stdout || ''
if (spread && help.includes('--trusted-proxies')) argv.push('--trusted-proxies', '127.0.0.1')
const child = spawn(bin, argv, { env, stdio: ['ignore', 'ignore', 'ignore'] })
const base = `http://127.0.0.1:${port}`
const sleep = (ms) => new Promise((r) => setTimeout(r, ms))
for (let i = 0; ; i++) {
  try { if ((await fetch(base + '/healthz')).ok) break } catch { /* starting */ }
  if (i > 1200) throw new Error('server did not start')
  await sleep(100)
}

async function wallLatencies(n) {
  const out = []
  for (let i = 0; i < n; i++) {
    const t = performance.now()
    const r = await fetch(base + '/api/v1/wall')
    await r.arrayBuffer()
    out.push(performance.now() - t)
    await sleep(50)
  }
  out.sort((a, b) => a - b)
  return { median: out[Math.floor(n / 2)], p95: out[Math.floor(n * 0.95)] }
}

// The demo users have cheap test hashes; the guessed account gets a real (interactive) one.
const add = spawnSync(bin, ['user', 'add', '--db', `sqlite:${dir}/h.db`, '--username', 'target', '--role', 'dispatcher', '--org', '430200', '--password-stdin'], { input: 'Qing-Shan-7k\n', env, encoding: 'utf8' })
if (add.status !== 0) throw new Error(add.stderr)
const idle = await wallLatencies(60)
let stop = false
const statuses = {}
let guesses = 0
async function guesser(k) {
  while (!stop) {
    const n = guesses++
    const headers = { 'content-type': 'application/json' }
    const username = spread ? (n % 2 ? `user${n % 5000}` : 'target') : 'target'
    if (spread) headers['x-forwarded-for'] = `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`
    try {
      const r = await fetch(base + '/api/v1/session', { method: 'POST', headers, body: JSON.stringify({ username, password: `guess-${k}-${n}` }) })
      await r.arrayBuffer()
      statuses[r.status] = (statuses[r.status] || 0) + 1
    } catch { statuses.error = (statuses.error || 0) + 1 }
  }
}
const workers = Array.from({ length: clients }, (_, k) => guesser(k))
await sleep(2000)
const t0 = Date.now()
const loaded = await wallLatencies(Math.max(20, Math.floor((seconds * 1000) / 150)))
const elapsed = (Date.now() - t0) / 1000
stop = true
await Promise.all(workers)
child.kill('SIGTERM')
await sleep(500)
fs.rmSync(dir, { recursive: true, force: true })
const f = (x) => x.toFixed(1)
console.log(JSON.stringify({ clients, spread, idle_ms: { median: f(idle.median), p95: f(idle.p95) }, loaded_ms: { median: f(loaded.median), p95: f(loaded.p95) }, guesses_per_s: f(guesses / (elapsed + 2)), statuses }))
