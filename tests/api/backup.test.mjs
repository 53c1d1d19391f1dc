// `huiyin backup` while serve takes intakes, `huiyin restore` into a new database and data
// directory, and serve on the restored copy: every matter acknowledged before the backup began is
// there with its photo, the staff can log in, the audit chain verifies. A changed backup file, a
// database that exists, a different key or a non-empty backup folder are refused and change
// nothing. `huiyin retention run` refuses a period under a year and finds nothing to erase in a
// city whose matters are all recent.
import { describe, test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { BACKENDS, BIN, PG_URL, Client, setup, startServer, loginAs, intake, huiyin, psql, dataDir } from './lib.mjs'

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), Buffer.from('IHDR'), Buffer.from('a photo kept in the backup')])

// huiyin ARGS without blocking the event loop (the server's clients keep writing meanwhile).
function huiyinAsync(args, env = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(BIN, args, { env: { ...process.env, HUIYIN_FAST_PASSWORD_HASH: '1', ...env } })
    let stdout = '', stderr = ''
    child.stdout.on('data', (d) => { stdout += d })
    child.stderr.on('data', (d) => { stderr += d })
    child.on('error', reject)
    child.on('exit', (status) => resolve({ status, stdout, stderr }))
  })
}

// A fresh, empty target for a restore: { url, dir, name? }.
let targetCount = 0
function emptyTarget(backend, dir) {
  const n = targetCount++
  if (backend === 'sqlite') return { url: `sqlite:${path.join(dir, `restored${n}.db`)}` }
  const name = `huiyin_restore_${process.pid}_${Date.now()}_${n}`
  psql(PG_URL, `CREATE DATABASE ${name}`)
  const u = new URL(PG_URL)
  u.pathname = '/' + name
  return { url: u.toString(), name }
}

for (const backend of BACKENDS) {
  describe(`backup and restore (${backend})`, () => {
    let ctx, tmp, backupDir, acked, photoId
    const targets = []
    before(async () => {
      ctx = await setup(backend, 'backup')
      tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'huiyin-backup-out-'))
      backupDir = path.join(tmp, 'b1')
      const owner = new Client(ctx.base)
      const up = await owner.request('POST', '/api/v1/attachments', { raw: PNG, headers: { 'content-type': 'image/png', 'x-file-name': 'photo.png' } })
      assert.equal(up.status, 201, up.text())
      photoId = up.json.id
      acked = []
      const first = await intake(ctx.base, { title: '带照片的反映', attachments: [photoId] })
      assert.equal(first.status, 201, first.text())
      acked.push(first.json)
      for (let i = 0; i < 5; i++) {
        const r = await intake(ctx.base, { title: `备份前的反映${i}` })
        assert.equal(r.status, 201, r.text())
        acked.push(r.json)
      }
    })
    after(async () => {
      await ctx?.teardown()
      for (const t of targets) if (t.name) try { psql(PG_URL, `DROP DATABASE IF EXISTS ${t.name} WITH (FORCE)`) } catch { /* best effort */ }
      if (tmp) fs.rmSync(tmp, { recursive: true, force: true })
    })

    test('a backup taken while serve takes intakes restores into a new database that verifies and serves', async () => {
      let stop = false
      const during = []
      const writer = (async () => {
        for (let i = 0; !stop; i++) {
          const r = await intake(ctx.base, { title: `备份时的反映${i}` })
          if (r.status === 201) during.push(r.json)
        }
      })()
      const b = await huiyinAsync(['backup', '--db', ctx.db.url, '--data-dir', dataDir(ctx.db), '-o', backupDir])
      stop = true
      await writer
      assert.equal(b.status, 0, b.stderr + b.stdout)
      assert.match(b.stdout, /备份完成: \d+ 件事项/)
      const manifest = JSON.parse(fs.readFileSync(path.join(backupDir, 'backup.json'), 'utf8'))
      assert.equal(manifest.backend, backend)
      assert.ok(manifest.matters >= acked.length, `the backup holds at least the ${acked.length} matters acknowledged before it`)
      assert.ok(manifest.head.seq > 0)
      assert.equal(manifest.attachments.files, 1)
      assert.ok(manifest.files.some((f) => f.path === 'audit.key'), 'the chain key travels with the backup')
      if (backend === 'sqlite') {
        assert.equal(manifest.verified, true)
        assert.match(b.stdout, /校验通过/)
      }
      assert.equal((fs.statSync(path.join(backupDir, 'audit.key')).mode & 0o077), 0, 'the key is readable by its owner only')

      const target = emptyTarget(backend, tmp)
      targets.push(target)
      const home = path.join(tmp, 'restored')
      const data = path.join(home, 'files')
      const r = huiyin(['restore', '--from', backupDir, '--db', target.url, '--data-dir', data])
      assert.equal(r.status, 0, r.stderr + r.stdout)
      assert.match(r.stdout, /校验通过/)
      // SQLite: the copy's own count; PostgreSQL: counted before pg_dump took its snapshot, so at least.
      const restored = Number(r.stdout.match(/已恢复: (\d+) 件事项/)[1])
      if (backend === 'sqlite') assert.equal(restored, manifest.matters)
      else assert.ok(restored >= manifest.matters)
      const verify = huiyin(['audit', 'verify', '--db', target.url, '--data-dir', data])
      assert.equal(verify.status, 0, verify.stderr)

      const again = await startServer({ url: target.url, dir: home })
      try {
        const c = new Client(again.base)
        for (const { code, token } of acked) {
          const t = await c.get(`/api/v1/track/${code}?token=${encodeURIComponent(token)}`)
          assert.equal(t.status, 200, `${code} was acknowledged before the backup and is missing after the restore`)
        }
        const disp = await loginAs(again.base, 'dispatcher')
        const m = await disp.get(`/api/v1/matters/${acked[0].code}`)
        assert.equal(m.status, 200, m.text())
        assert.deepEqual(m.json.attachments.map((a) => a.id), [photoId])
        const photo = await disp.get(`/api/v1/attachments/${photoId}`)
        assert.equal(photo.status, 200)
        assert.deepEqual(photo.buf, PNG, 'the photo came back byte for byte')
        assert.equal((await intake(again.base, { title: '恢复后的新反映' })).status, 201, 'the restored copy takes new work')
      } finally {
        await again.stop()
      }
    })

    test('a changed backup file, an existing database, a different key and a used folder are refused', () => {
      assert.ok(fs.existsSync(path.join(backupDir, 'backup.json')), 'the first test made the backup')
      // A used folder: nothing is written into it.
      const used = huiyin(['backup', '--db', ctx.db.url, '--data-dir', dataDir(ctx.db), '-o', backupDir])
      assert.equal(used.status, 1)
      assert.match(used.stderr, /已存在且不为空/)

      // One byte of the database copy changed: refused before anything is written.
      const bad = path.join(tmp, 'tampered')
      fs.cpSync(backupDir, bad, { recursive: true })
      const dbFile = path.join(bad, backend === 'sqlite' ? 'huiyin.db' : 'huiyin.pgdump')
      const bytes = fs.readFileSync(dbFile)
      bytes[bytes.length - 100] ^= 0xff
      fs.writeFileSync(dbFile, bytes)
      const target = emptyTarget(backend, tmp)
      targets.push(target)
      const data = path.join(tmp, 'tampered-files')
      const r = huiyin(['restore', '--from', bad, '--db', target.url, '--data-dir', data])
      assert.equal(r.status, 1, r.stdout)
      assert.match(r.stderr, /摘要不符/)
      assert.ok(!fs.existsSync(path.join(data, 'audit.key')), 'no key was copied')
      if (backend === 'sqlite') assert.ok(!fs.existsSync(target.url.slice('sqlite:'.length)), 'no database file was made')
      else assert.equal(psql(target.url, "SELECT COUNT(*) FROM pg_tables WHERE schemaname = 'public'").trim(), '0')

      // Over the live database: refused, the live one untouched.
      const over = huiyin(['restore', '--from', backupDir, '--db', ctx.db.url, '--data-dir', path.join(tmp, 'over-files')])
      assert.notEqual(over.status, 0)
      assert.match(over.stderr, backend === 'sqlite' ? /已存在，不会覆盖/ : /须为空库/)
      assert.equal(huiyin(['audit', 'verify', '--db', ctx.db.url]).status, 0)

      // Into a data directory that holds another deployment's key.
      const other = path.join(tmp, 'other-files')
      fs.mkdirSync(other, { recursive: true })
      fs.writeFileSync(path.join(other, 'audit.key'), 'ab'.repeat(32) + '\n')
      const t2 = emptyTarget(backend, tmp)
      targets.push(t2)
      const keyed = huiyin(['restore', '--from', backupDir, '--db', t2.url, '--data-dir', other])
      assert.equal(keyed.status, 1)
      assert.match(keyed.stderr, /已有不同的 audit\.key/)
    })

    test('a backup --without-key leaves the key out, and its restore wants the key put in place first', () => {
      const dir = path.join(tmp, 'nokey')
      const b = huiyin(['backup', '--db', ctx.db.url, '--data-dir', dataDir(ctx.db), '-o', dir, '--without-key'])
      assert.equal(b.status, 0, b.stderr + b.stdout)
      assert.ok(!fs.existsSync(path.join(dir, 'audit.key')))
      assert.equal(JSON.parse(fs.readFileSync(path.join(dir, 'backup.json'), 'utf8')).key, false)
      const target = emptyTarget(backend, tmp)
      targets.push(target)
      const data = path.join(tmp, 'nokey-files')
      const refused = huiyin(['restore', '--from', dir, '--db', target.url, '--data-dir', data])
      assert.equal(refused.status, 1)
      assert.match(refused.stderr, /不含审计密钥/)
      fs.mkdirSync(data, { recursive: true })
      fs.copyFileSync(path.join(dataDir(ctx.db), 'audit.key'), path.join(data, 'audit.key'))
      const r = huiyin(['restore', '--from', dir, '--db', target.url, '--data-dir', data])
      assert.equal(r.status, 0, r.stderr + r.stdout)
      assert.match(r.stdout, /校验通过/)
    })

    test('retention run: a period under a year is refused; recent matters keep their reporters', () => {
      const refused = huiyin(['retention', 'run', '--db', ctx.db.url, '--years', '0'])
      assert.equal(refused.status, 1)
      assert.match(refused.stderr, /1 至 100 之间/)
      const dry = huiyin(['retention', 'run', '--db', ctx.db.url, '--dry-run'])
      assert.equal(dry.status, 0, dry.stderr)
      assert.match(dry.stdout, /一般事项办结后 3 年/)
      assert.match(dry.stdout, /信访事项 10 年/)
      assert.match(dry.stdout, /将删除个人信息的事项: 0 件/)
      const run = huiyin(['retention', 'run', '--db', ctx.db.url, '--years', '5'])
      assert.equal(run.status, 0, run.stderr)
      assert.match(run.stdout, /已删除个人信息的事项: 0 件/)
    })
  })
}
