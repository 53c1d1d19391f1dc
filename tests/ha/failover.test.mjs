// A PostgreSQL standby that takes over, losing nothing. A primary with a synchronous streaming
// standby (scripts/pg_ha_cluster.sh, two clusters on loopback), `huiyin serve` on the multi-host
// URL (target_session_attrs=read-write). Clients stream public intakes, each with its own
// Idempotency-Key and retrying the same request until it is acknowledged; after ~200 acks the
// primary is stopped hard (pg_ctl -m immediate), the standby promoted a second later, and the
// stream goes on for ~200 more. Then: every acknowledged matter is on the new primary, none twice,
// the audit chain verifies, and the service was back within 10 s of the kill. Then the dead
// primary rejoins as a synchronous standby and holds them all too.
// Not part of `make test`: run with `make test-ha` (scripts/test_ha.sh).
import { test, after } from 'node:test'
import assert from 'node:assert/strict'
import { execFile, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'

const pgDir = fs.mkdtempSync(path.join(os.tmpdir(), 'huiyin-ha-pg-'))
const appDir = fs.mkdtempSync(path.join(os.tmpdir(), 'huiyin-ha-app-'))
const files = path.join(appDir, 'files')
// Every CLI call and the server share one data directory (audit key, anchors): lib.mjs hands its
// environment, read at import, to each child.
process.env.HUIYIN_DATA_DIR = files
const { ROOT, seedCity, startServer, intake, huiyin, freePort, psql } = await import('../api/lib.mjs')

const run = promisify(execFile)
const CLUSTER = path.join(ROOT, 'scripts/pg_ha_cluster.sh')
const BEFORE = Number(process.env.HA_ACKS_BEFORE || 200)
const AFTER = Number(process.env.HA_ACKS_AFTER || 200)
const CLIENTS = Number(process.env.HA_CLIENTS || 4)
const PROMOTE_AFTER_MS = Number(process.env.HA_PROMOTE_AFTER_MS || 1000)  // the operator's reaction, scripted
const BACK_WITHIN_MS = 10000
const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

let server
let failedOver = null          // { acked, killed, url, ports } once the first test has passed
after(async () => {
  if (server) await server.stop()
  spawnSync('bash', [CLUSTER, 'stop', pgDir], { stdio: 'ignore' })
  if (!process.env.HA_KEEP) {
    fs.rmSync(pgDir, { recursive: true, force: true })
    fs.rmSync(appDir, { recursive: true, force: true })
  }
})

test('every acknowledged matter survives the primary dying; the standby takes over within 10 s', async () => {
  const [portA, portB] = [await freePort(), await freePort()]
  const started = spawnSync('bash', [CLUSTER, 'start', pgDir, String(portA), String(portB)], { encoding: 'utf8' })
  assert.equal(started.status, 0, `pg_ha_cluster.sh start failed: ${started.stderr}`)
  const url = started.stdout.trim().split('\n').pop()
  assert.match(url, /^postgresql:\/\/.*,.*target_session_attrs=read-write/)
  const db = { backend: 'postgresql', url, dir: appDir }
  const cli = (args) => huiyin([...args, '--db', url])
  // The city's orgs through the CLI (the first call migrates), then the server on both hosts.
  seedCity(db)
  server = await startServer(db)

  // --- the stream ---
  const acked = []             // { key, code, token, at, sentAt }
  const seen = { byStatus: {}, details: new Map(), beforeKill: 0 }
  let kill = null              // { at, done } in ms
  let stop = false             // no new requests
  const leaks = []              // failure answers that name the database's hosts, ports or SQL
  let abort = false            // not even the retries (the test has failed)
  const note = (what, detail) => {
    if (!kill) seen.beforeKill++
    seen.byStatus[what] = (seen.byStatus[what] || 0) + 1
    if (detail) {
      const d = String(detail).replace(/\s*\n\s*/g, ' / ')
      seen.details.set(d, (seen.details.get(d) || 0) + 1)
    }
  }
  const client = async (w) => {
    for (let i = 0; !stop; i++) {
      const key = `ha-${process.pid}-${w}-${i}`
      const fields = { title: `持续反映 ${key}` }
      // The same request, under the same key, until it is acknowledged.
      while (!abort) {
        const sentAt = Date.now()
        let r
        try {
          r = await intake(server.base, fields, { 'idempotency-key': key })
        } catch (e) {
          note('network', String(e.cause?.code || e.message))
          await sleep(100)
          continue
        }
        if (r.status >= 200 && r.status < 300) {
          acked.push({ key, code: r.json.code, token: r.json.token, at: Date.now(), sentAt })
          break
        }
        note(String(r.status), r.json?.detail)
        if (/127\.0\.0\.1|port \d|postgres|SQL|libpq/i.test(r.text())) leaks.push(r.text())
        if (r.status === 503 && !r.headers.get('retry-after')) leaks.push(`503 without Retry-After: ${r.text()}`)
        await sleep(100)
      }
    }
  }
  const ackedAfterKill = () => acked.filter((a) => kill && a.sentAt >= kill.done).length
  const clients = Array.from({ length: CLIENTS }, (_, w) => client(w))
  const until = async (cond, ms, what) => {
    const deadline = Date.now() + ms
    while (!cond()) {
      if (server.exited()) {
        stop = abort = true
        throw new Error(`huiyin serve exited (${JSON.stringify(server.exited())}) while waiting for ${what}:\n${server.output().slice(-2000)}`)
      }
      if (Date.now() > deadline) {
        stop = abort = true
        throw new Error(`timed out waiting for ${what} (${acked.length} acks; failures ${JSON.stringify(seen.byStatus)}: ` +
          `${[...seen.details.keys()].slice(0, 3).join('; ')})`)
      }
      await sleep(10)
    }
  }

  try {
    const streamed = Date.now()
    await until(() => acked.length >= BEFORE, 120000, `${BEFORE} acks before the kill`)
    const before = acked.length
    const rateBefore = before / ((Date.now() - streamed) / 1000)
    const t0 = Date.now()
    const killed = (await run('bash', [CLUSTER, 'kill-primary', pgDir])).stdout.trim()
    kill = { at: t0, done: Date.now(), node: killed }
    await sleep(PROMOTE_AFTER_MS)
    const p0 = Date.now()
    await run('bash', [CLUSTER, 'promote', pgDir])
    const promoted = Date.now()
    await until(() => ackedAfterKill() >= AFTER, 120000, `${AFTER} acks after the kill`)
    stop = true
    await Promise.all(clients)

    const lastBefore = acked.filter((a) => a.at < kill.at).reduce((m, a) => Math.max(m, a.at), 0)
    const failed = Object.entries(seen.byStatus).reduce((n, [, c]) => n + c, 0)
    const firstBack = acked.filter((a) => a.sentAt >= kill.done).reduce((m, a) => Math.min(m, a.at), Infinity)
    const backMs = firstBack - kill.at
    const newPrimary = killed === 'a' ? portB : portA
    const newUrl = `postgresql://postgres@127.0.0.1:${newPrimary}/huiyin`
    assert.equal(psql(newUrl, 'SELECT pg_is_in_recovery()').trim(), 'f', 'the promoted node takes writes')

    // --- what an operator would check ---
    const rows = psql(newUrl, "SELECT code, title FROM matters WHERE title LIKE '持续反映 %'")
      .trim().split('\n').filter(Boolean).map((l) => l.split('|'))
    const byCode = new Map(rows.map(([code, title]) => [code, title]))
    const lost = acked.filter((a) => byCode.get(a.code) !== `持续反映 ${a.key}`)
    const titles = rows.map(([, t]) => t)
    const duplicated = titles.length - new Set(titles).size
    const ackedCodes = new Set(acked.map((a) => a.code))
    const unacked = rows.filter(([code]) => !ackedCodes.has(code)).length
    const audit = cli(['audit', 'verify'])
    const health = await fetch(server.base + '/healthz')
    const fiveXX = Object.entries(seen.byStatus).filter(([s]) => /^5/.test(s)).reduce((n, [, c]) => n + c, 0)

    console.log([
      `failover: ${CLIENTS} clients, ${acked.length} acknowledged intakes (${before} before the kill, ` +
        `${ackedAfterKill()} sent after it); ${rateBefore.toFixed(0)} acks/s before the kill`,
      `failover: primary ${killed} stopped hard (${kill.done - kill.at} ms), standby promoted ` +
        `${p0 - kill.at} ms after the kill (promote took ${promoted - p0} ms)`,
      `failover: service back ${backMs} ms after the kill (${firstBack - p0} ms after the promote command started; ` +
        `no ack for ${firstBack - lastBefore} ms)`,
      `failover: lost ${lost.length}, duplicated ${duplicated}, stored without an ack ${unacked}, ` +
        `matters on the new primary ${rows.length}`,
      `failover: failed requests (each sent again): ${failed} (${seen.beforeKill} before the kill), by status ${JSON.stringify(seen.byStatus)} (5xx: ${fiveXX})`,
      ...[...seen.details].map(([d, n]) => `failover:   ${n} × ${d}`),
      `failover: audit verify exit ${audit.status}: ${audit.stdout.trim().split('\n').pop()}`,
    ].join('\n'))
    if (process.env.HA_SHOW_LOG) console.log(server.output())

    // database_unavailable_answers_503_without_the_hosts: the public learns nothing of the
    // database's layout while it fails over, and is told when to retry.
    assert.deepEqual(leaks.slice(0, 3), [], 'failure answers name no database host, port or SQL')
    assert.equal(lost.length, 0, `acknowledged but not on the new primary: ${lost.slice(0, 5).map((a) => a.code).join(', ')}`)
    assert.equal(duplicated, 0, 'a retried request made a second matter')
    assert.equal(ackedCodes.size, acked.length, 'two acknowledgements named the same matter')
    assert.equal(unacked, 0, 'every request was retried until acknowledged, so no stored matter lacks an ack')
    assert.equal(audit.status, 0, `audit verify: ${audit.stderr}${audit.stdout}`)
    assert.ok(backMs <= BACK_WITHIN_MS, `service back after ${backMs} ms (target ${BACK_WITHIN_MS} ms)`)
    assert.equal(server.exited(), null, 'serve kept running through the failover')
    assert.equal(health.status, 200, 'healthz answers on the new primary')
    // The matters read back through the API too (a sample, by tracking code and token).
    for (const a of [acked[0], acked[before - 1], acked[acked.length - 1]]) {
      const t = await fetch(`${server.base}/api/v1/track/${a.code}?token=${encodeURIComponent(a.token)}`)
      assert.equal(t.status, 200, `${a.code} tracks after the failover`)
    }
    failedOver = { acked, killed, ports: { a: portA, b: portB } }
  } finally {
    stop = abort = true
    // Give stray clients a moment to finish; the timer must not keep the process alive.
    let timer
    await Promise.race([Promise.all(clients), new Promise((r) => { timer = setTimeout(r, 30000) })])
    clearTimeout(timer)
  }
})

// docs/operations.md, "Re-creating the old primary as a standby": the dead primary rejoins as a
// synchronous standby of the promoted one (pg_rewind, else a fresh clone) and holds everything.
test('the old primary rejoins as a synchronous standby holding every acknowledged matter', async (t) => {
  if (!failedOver) return t.skip('the failover did not pass')
  const { acked, killed, ports } = failedOver
  const t0 = Date.now()
  const r = spawnSync('bash', [CLUSTER, 'rejoin', pgDir, killed], { encoding: 'utf8' })
  assert.equal(r.status, 0, `rejoin failed: ${r.stderr}`)
  const rejoinMs = Date.now() - t0
  const newPrimary = `postgresql://postgres@127.0.0.1:${killed === 'a' ? ports.b : ports.a}/huiyin`
  const old = `postgresql://postgres@127.0.0.1:${ports[killed]}/huiyin`
  assert.equal(psql(old, 'SELECT pg_is_in_recovery()').trim(), 't', 'the old primary is a standby now')
  // A write acknowledged now waits for the rejoined standby again.
  const after = await intake(server.base, { title: '重新加入后的反映' }, { 'idempotency-key': `ha-${process.pid}-rejoined` })
  assert.equal(after.status, 201, after.text())
  const state = psql(newPrimary, "SELECT sync_state FROM pg_stat_replication WHERE state = 'streaming'").trim()
  assert.match(state, /^(sync|quorum)$/, `the rejoined node streams synchronously (${state || 'not streaming'})`)
  // What it has flushed it replays soon after; wait for the last acknowledged matter to show.
  const deadline = Date.now() + 30000
  while (psql(old, `SELECT count(*) FROM matters WHERE code = '${after.json.code}'`).trim() !== '1') {
    assert.ok(Date.now() < deadline, 'the rejoined standby replays what the primary acknowledged')
    await sleep(100)
  }
  const codes = new Set(psql(old, 'SELECT code FROM matters').trim().split('\n'))
  const missing = acked.filter((a) => !codes.has(a.code))
  console.log(`rejoin: ${killed} back as a standby in ${rejoinMs} ms (${/cloning afresh/.test(r.stderr) ? 'fresh clone' : 'pg_rewind'}); ` +
    `${acked.length - missing.length} of ${acked.length} acknowledged matters on it`)
  assert.equal(missing.length, 0, `missing on the rejoined standby: ${missing.slice(0, 5).map((a) => a.code).join(', ')}`)
})
