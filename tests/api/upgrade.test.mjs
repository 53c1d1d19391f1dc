// A database filled by release f186a75 (`huiyin serve --demo`, plus a few photos through its API)
// upgrades with nothing lost: the current `huiyin migrate` upgrades it, `huiyin audit verify`
// passes, and every matter, event, measure, evaluation, attachment and user reads back through
// the API as that release returned it — the upgrade adds no event to any matter, and neither does
// starting `serve` on it. The fixture (tests/fixtures/upgrade-f186a75) was made by
// scripts/make_upgrade_fixture.sh with that release's binary; the reading is
// tests/api/upgrade_fixture.mjs on both sides.
import { describe, test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'
import { BACKENDS, ROOT, makeDb, dropDb, dataDir, huiyin, rawSql, hasSqlite3, startServer } from './lib.mjs'
import { readAll } from './upgrade_fixture.mjs'

const FIXTURE = path.join(ROOT, 'tests/fixtures/upgrade-f186a75')
const RELEASE_SCHEMA = 2 // the last migration f186a75 shipped (002_keyword_search)
const gunzip = (name) => zlib.gunzipSync(fs.readFileSync(path.join(FIXTURE, name)))

// Restores the release's database and data directory into a fresh test database.
function restore(backend) {
  const db = makeDb(backend, 'upgrade')
  if (backend === 'sqlite') {
    fs.writeFileSync(db.url.slice('sqlite:'.length), gunzip('sqlite.db.gz'))
  } else {
    const r = spawnSync('psql', [db.url, '-v', 'ON_ERROR_STOP=1', '-q', '-f', '-'], { input: gunzip('postgresql.sql.gz'), encoding: 'utf8' })
    if (r.status !== 0) throw new Error(`loading the release's pg_dump failed: ${r.stderr}`)
  }
  fs.mkdirSync(dataDir(db), { recursive: true })
  const tar = path.join(FIXTURE, `${backend}-data.tar.gz`)
  if (fs.existsSync(tar)) {
    const r = spawnSync('tar', ['-xzf', tar, '-C', dataDir(db)], { encoding: 'utf8' })
    if (r.status !== 0) throw new Error(`tar: ${r.stderr}`)
  }
  return db
}

// Events per matter code, counted in the database itself (not only what the API shows).
function eventsPerMatter(db) {
  const out = {}
  const rows = rawSql(db, "SELECT m.code || ' ' || COUNT(e.seq) FROM matters m LEFT JOIN events e ON e.matter_id = m.id GROUP BY m.code ORDER BY m.code")
  for (const line of rows.trim().split('\n')) {
    const [code, n] = line.split(' ')
    out[code] = Number(n)
  }
  return out
}

const schemaVersion = (db) => Number(rawSql(db, 'SELECT MAX(version) FROM schema_migrations').trim())

// --- what may read back differently, and why -------------------------------------------------
// Deadline wording and the overdue flag are computed from the moment of reading, and the fixture
// was read on the day it was made: they are recomputed for the moment of this reading.
const DAY = 86400000
const localDay = (t) => Math.floor((t + 8 * 3600000) / DAY) // Asia/Shanghai, no daylight saving
function deadlineTextAt(oldText, deadline, now, readAt) {
  const due = Date.parse(deadline)
  // Late by working days since issue 9 (the release said 超期N天 in calendar days): at least 1,
  // never more than the calendar days.
  if (now > due) return { late: Math.max(1, localDay(now) - localDay(due)) }
  if (localDay(now) === localDay(due)) return '今日到期'
  // Working days left: the same as then on the same day; never more than then on a later day.
  if (localDay(now) === localDay(readAt)) return oldText
  return /^剩余\d+个工作日$/.test(oldText) ? /^剩余(\d+)个工作日$/ : oldText
}
const ANSWERED = ['resolved', 'verified', 'closed']
function deadlineTextFits(o, n, parent, clock) {
  // Since issue 9 a resolved matter with a deadline says how it met it (the release said nothing).
  if (o === null && parent.deadline && ANSWERED.includes(parent.status)) {
    if (!parent.resolved_at) return n === '按期办结' || /^超期[1-9]\d*个工作日办结$/.test(n)
    return Date.parse(parent.resolved_at) <= Date.parse(parent.deadline) ? n === '按期办结' : /^超期[1-9]\d*个工作日办结$/.test(n)
  }
  if (o === null || n === null) return o === n // null for matters no longer open and for those without a deadline
  return [clock.start, clock.end].some((now) => {
    const want = deadlineTextAt(o, parent.deadline, now, clock.readAt)
    if (typeof want === 'string') return n === want
    if (want.late) {
      const m = /^超期(\d+)个工作日$/.exec(n)
      return m && Number(m[1]) >= 1 && Number(m[1]) <= want.late
    }
    const m = want.exec(n)
    return m && Number(m[1]) <= Number(/^剩余(\d+)/.exec(o)[1])
  })
}

const CHANGED = [
  {
    path: /^(list\[\d+\]|matters\.[^.]+\.detail)\.overdue$/,
    why: 'computed at reading time (deadline passed and the matter still open); the fixture was read when it was made',
    check: (o, n, p, clock) => p.deadline_text === null || ANSWERED.includes(p.status)
      ? n === false && o === false
      : [clock.start, clock.end].some((now) => n === Date.parse(p.deadline) < now),
  },
  {
    path: /^(list\[\d+\]|matters\.[^.]+\.detail)\.deadline_text$/,
    why: 'the deadline told from the day of reading (剩余N个工作日 / 今日到期 / 超期N个工作日, 按期办结 / 超期N个工作日办结 once resolved); recomputed for today',
    check: (o, n, p, clock) => deadlineTextFits(o, n, p, clock),
  },
  {
    path: /^matters\.[^.]+\.detail\.attachments\[\d+\]\.id$/,
    why: 'uploads are addressed by an unguessable handle since migration 005, no longer by row number; the bytes behind the handle are compared under files',
    check: (o, n) => Number.isInteger(o) && /^[0-9a-f]{32}$/.test(n),
  },
  {
    path: /^matters\.[^.]+\.detail\.available_actions$/,
    why: 'the current release added the actions transfer (转办), on a petition within 5 working days of its assignment object (异议) and within 30 days of its reply review_request / recheck_request (请求复查 / 复核), and on a matter its unit holds urge / supervise / answer (催办 / 督办 / 答复督办), instruct (批示) and its unit leader’s delegate / review_reply (分办 / 审核答复), and on a resolved matter callback_failed (回访无法联系); every action the release offered is still offered, in its order',
    check: (o, n, p) => {
      const added = ['transfer', 'object', 'urge', 'supervise', 'answer', 'instruct', 'delegate', 'review_reply', 'callback_failed', ...(p?.channel === 'petition' ? ['review_request', 'recheck_request'] : [])]
      return Array.isArray(n) && JSON.stringify(n.filter((a) => !added.includes(a))) === JSON.stringify(o)
    },
  },
  {
    path: /^matters\.[^.]+\.detail\.(available_action_labels\.verify|events\[\d+\]\.type_label)$/,
    why: 'the staff verification is named for what it is, the recorded call-back: 回访 is now 电话回访 (the action code verify is unchanged)',
    check: (o, n) => o === n || (o === '回访' && n === '电话回访'),
  },
  {
    path: /^users\[\d+\]\.roles\[\d+\]\.role_label$/,
    why: '三员分立 split the administrator into 系统/安全/审计管理员: the role admin is now labelled 系统管理员',
    check: (o, n, p) => p.role === 'admin' ? o === '管理员' && n === '系统管理员' : o === n,
  },
]

// Every field the release returned must read back the same (new fields may be added); a path of
// CHANGED is checked by its own rule instead. Collects the differences in `diffs` and counts in
// `used` the values each exemption let differ.
function compare(o, n, p, parent, clock, used, diffs) {
  const rule = CHANGED.find((c) => c.path.test(p))
  if (rule) {
    if (JSON.stringify(o) !== JSON.stringify(n)) used.set(rule, (used.get(rule) || 0) + 1)
    if (!rule.check(o, n, parent, clock)) diffs.push(`${p}: release ${JSON.stringify(o)}, now ${JSON.stringify(n)} (${rule.why})`)
    return
  }
  if (o === null || typeof o !== 'object') {
    if (o !== n) diffs.push(`${p}: release ${JSON.stringify(o)}, now ${JSON.stringify(n)}`)
    return
  }
  if (n === null || typeof n !== 'object' || Array.isArray(o) !== Array.isArray(n)) {
    diffs.push(`${p}: release ${JSON.stringify(o).slice(0, 200)}, now ${JSON.stringify(n)?.slice(0, 200)}`)
    return
  }
  if (Array.isArray(o) && o.length !== n.length) {
    diffs.push(`${p}: release had ${o.length} items, now ${n.length}`)
    return
  }
  for (const k of Object.keys(o)) {
    const q = Array.isArray(o) ? `${p}[${k}]` : p ? `${p}.${k}` : k
    if (!(k in n)) diffs.push(`${q}: missing now (release ${JSON.stringify(o[k])?.slice(0, 200)})`)
    else compare(o[k], n[k], q, n, clock, used, diffs)
  }
}

for (const backend of BACKENDS) {
  const skip = backend === 'sqlite' && !hasSqlite3() ? 'no sqlite3 CLI' : false
  describe(`upgrade from release f186a75 (${backend})`, { skip }, () => {
    let db, expected, before0
    const args = () => ['--db', db.url, '--data-dir', dataDir(db)]
    before(() => {
      expected = JSON.parse(gunzip(`${backend}-expected.json.gz`))
      db = restore(backend)
      before0 = eventsPerMatter(db)
    })
    after(() => { if (db) dropDb(db) })

    test('the fixture is the release database the expected reading was made from', () => {
      assert.equal(schemaVersion(db), RELEASE_SCHEMA)
      assert.deepEqual(Object.keys(expected.matters).sort(), Object.keys(before0).sort(), 'the reader saw every matter')
      for (const [code, m] of Object.entries(expected.matters)) {
        assert.equal(m.detail.events.length, before0[code], `${code}: the reader saw every event of the matter`)
      }
      assert.ok(Object.keys(before0).length >= 400)
    })

    test('UpgradeFromReleaseMigratesAndAddsNoEventToAnyMatter', () => {
      const r = huiyin(['migrate', ...args()])
      assert.equal(r.status, 0, r.stderr + r.stdout)
      assert.ok(schemaVersion(db) > RELEASE_SCHEMA, 'migrations were applied')
      assert.deepEqual(eventsPerMatter(db), before0)
      assert.equal(huiyin(['migrate', ...args()]).status, 0, 'a second migrate is a no-op')
      assert.deepEqual(eventsPerMatter(db), before0)
    })

    test('UpgradedReleaseDatabasePassesAuditVerify', () => {
      const r = huiyin(['audit', 'verify', ...args()])
      assert.equal(r.status, 0, r.stderr + r.stdout)
      assert.match(r.stdout, /审计链完整/)
    })

    test('UpgradedReleaseReadsBackAsTheReleaseReturnedIt', { timeout: 300000 }, async (t) => {
      // Without the deadline scheduler: its 督办 events on the fixture's overdue matters are new
      // work of this release, not a different reading of the old data (tests/api/sla.test.mjs).
      const server = await startServer(db, { args: ['--sla-every-minutes', '0'] })
      let actual, clock
      try {
        const start = Date.now()
        actual = await readAll(server.base, expected.extras)
        clock = { start, end: Date.now(), readAt: Date.parse(expected.read_at) }
      } finally {
        await server.stop()
      }
      const used = new Map()
      const diffs = []
      for (const part of ['list', 'matters', 'users', 'tracks']) compare(expected[part], actual[part], part, null, clock, used, diffs)
      assert.deepEqual(diffs.slice(0, 30), [], `${diffs.length} fields read back differently`)

      // Every matter has exactly the events it had: none added by migrate, serve or the reading.
      assert.deepEqual(eventsPerMatter(db), before0)
      const r = huiyin(['audit', 'verify', ...args()])
      assert.equal(r.status, 0, 'verify passes after serve ran on the upgraded database: ' + r.stderr + r.stdout)

      const all = Object.values(expected.matters)
      const count = (f) => all.reduce((s, m) => s + f(m), 0)
      const counts = {
        matters: all.length,
        events: count((m) => m.detail.events.length),
        measures: count((m) => m.measures.length),
        evaluations: count((m) => m.detail.evaluations.length),
        attachments: count((m) => m.files.length),
        users: expected.users.length,
        tracked: Object.keys(expected.tracks).length,
      }
      t.diagnostic(`compared ${JSON.stringify(counts)}`)
      for (const rule of CHANGED) t.diagnostic(`exempt ${rule.path.source}: ${used.get(rule) || 0} values differ (${rule.why})`)
      assert.ok(counts.events > 3000 && counts.measures > 400 && counts.evaluations > 200 && counts.attachments >= 3 && counts.users > 40)
    })
  })
}
