// Serving the built web app: files with their types, SPA fallbacks for the public and staff
// apps, long caching for hashed assets, no way out of the directory, API paths never HTML.
import { describe, test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { makeDb, dropDb, startServer } from './lib.mjs'

describe('static web app', () => {
  let db, server, base
  before(async () => {
    db = makeDb('sqlite', 'web')
    const web = path.join(db.dir, 'dist')
    fs.mkdirSync(path.join(web, 'assets'), { recursive: true })
    fs.writeFileSync(path.join(web, 'index.html'), '<!doctype html><title>回音</title><p>public</p>')
    fs.writeFileSync(path.join(web, 'staff.html'), '<!doctype html><title>回音</title><p>staff</p>')
    fs.writeFileSync(path.join(web, 'assets', 'index-abc123.js'), 'export const x = 1')
    fs.writeFileSync(path.join(web, 'assets', 'index-abc123.css'), 'body{}')
    fs.writeFileSync(path.join(db.dir, 'secret.txt'), 'top secret')
    server = await startServer(db, { args: ['--web', web] })
    base = server.base
  })
  after(async () => {
    await server?.stop()
    dropDb(db)
  })

  test('files, types and caching', async () => {
    const js = await fetch(base + '/assets/index-abc123.js')
    assert.equal(js.status, 200)
    assert.match(js.headers.get('content-type'), /text\/javascript/)
    assert.equal(js.headers.get('cache-control'), 'public, max-age=31536000, immutable')
    const css = await fetch(base + '/assets/index-abc123.css')
    assert.match(css.headers.get('content-type'), /text\/css/)
    const home = await fetch(base + '/')
    assert.match(home.headers.get('content-type'), /text\/html/)
    assert.match(await home.text(), /public/)
    assert.notEqual(home.headers.get('cache-control'), 'public, max-age=31536000, immutable')
  })

  test('single-page fallbacks', async () => {
    assert.match(await (await fetch(base + '/track/ZZ-20261122-000001?token=x')).text(), /public/)
    assert.match(await (await fetch(base + '/staff')).text(), /staff/)
    assert.match(await (await fetch(base + '/staff/ledger')).text(), /staff/)
    assert.equal((await fetch(base + '/assets/missing-000.js')).status, 404)
    const api = await fetch(base + '/api/v1/unknown')
    assert.equal(api.status, 404)
    assert.match(api.headers.get('content-type'), /problem\+json/)
  })

  test('no directory traversal', async () => {
    for (const p of ['/../secret.txt', '/assets/..%2f..%2fsecret.txt', '/%2e%2e/secret.txt', '/assets/%2e%2e/%2e%2e/secret.txt']) {
      const r = await fetch(base + p)
      const text = await r.text()
      assert.ok(!text.includes('top secret'), `${p} leaked`)
    }
  })
})
