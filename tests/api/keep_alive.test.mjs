// Keep-alive connections: a reused connection must never be closed under a request without an
// answer. The server holds an idle connection open for --keep-alive-seconds and says so on every
// kept-alive response (`Keep-Alive: timeout=N`), so clients (browsers, undici, nginx upstream
// pools) stop reusing it before the server closes it. HTTP layer only: one backend suffices.
import { describe, test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import net from 'node:net'
import { makeDb, dropDb, startServer } from './lib.mjs'

const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

// One raw HTTP/1.1 connection: send requests, read whole responses, see when the server closes.
class RawConnection {
  constructor(port) {
    this.buf = Buffer.alloc(0)
    this.waiters = []
    this.closedAt = null
    this.socket = net.connect(port, '127.0.0.1')
    this.socket.on('data', (d) => { this.buf = Buffer.concat([this.buf, d]); this.wake() })
    this.socket.on('close', () => { this.closedAt = Date.now(); this.wake() })
    this.socket.on('error', () => {})
    this.opened = new Promise((resolve) => this.socket.on('connect', resolve))
  }
  wake() { for (const w of this.waiters.splice(0)) w() }
  async get(path, headers = {}) {
    const lines = [`GET ${path} HTTP/1.1`, 'Host: 127.0.0.1', ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)]
    this.socket.write(lines.join('\r\n') + '\r\n\r\n')
    for (;;) {
      const end = this.buf.indexOf('\r\n\r\n')
      if (end >= 0) {
        const head = this.buf.subarray(0, end).toString('latin1').split('\r\n')
        const status = Number(head[0].split(' ')[1])
        const h = {}
        for (const line of head.slice(1)) {
          const i = line.indexOf(':')
          h[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim()
        }
        const length = Number(h['content-length'] || 0)
        if (this.buf.length >= end + 4 + length) {
          this.buf = this.buf.subarray(end + 4 + length)
          return { status, headers: h }
        }
      }
      if (this.closedAt) return null  // closed without (a whole) answer
      await new Promise((r) => this.waiters.push(r))
    }
  }
  async waitClosed(ms) {
    const until = Date.now() + ms
    while (!this.closedAt && Date.now() < until) await new Promise((r) => { this.waiters.push(r); setTimeout(r, 100) })
    return this.closedAt
  }
  destroy() { this.socket.destroy() }
}

describe('keep-alive connections', () => {
  let db, server
  before(async () => {
    db = makeDb('sqlite', 'keepalive')
    server = await startServer(db, { args: ['--keep-alive-seconds', '3'] })
  })
  after(async () => { await server?.stop(); if (db) dropDb(db) })

  test('reused keep-alive connection closed without an answer: the idle limit is announced and kept', async () => {
    const c = new RawConnection(server.port)
    await c.opened
    const first = await c.get('/healthz')
    assert.equal(first?.status, 200)
    assert.equal(first.headers['keep-alive'], 'timeout=3', 'every kept-alive answer announces the idle limit')
    // Reused inside the announced limit: answered on the same connection.
    await sleep(1800)
    const second = await c.get('/healthz')
    assert.equal(second?.status, 200, 'a connection reused within the announced idle limit is answered')
    const answeredAt = Date.now()
    // Left idle: the server closes it, and not before the limit it announced.
    const closedAt = await c.waitClosed(8000)
    assert.ok(closedAt, 'the server closes an idle connection')
    assert.ok(closedAt - answeredAt >= 2500, `closed after ${closedAt - answeredAt} ms, before the announced 3 s`)
    c.destroy()
  })

  test('a request asking to close gets no keep-alive promise', async () => {
    const c = new RawConnection(server.port)
    await c.opened
    const r = await c.get('/healthz', { Connection: 'close' })
    assert.equal(r?.status, 200)
    assert.equal(r.headers['keep-alive'], undefined)
    assert.ok(await c.waitClosed(3000), 'closed after the answer')
    c.destroy()
  })

  test('--keep-alive-seconds out of range is refused with a clear error', async () => {
    const { huiyin } = await import('./lib.mjs')
    const r = huiyin(['serve', '--db', db.url, '--port', '1', '--keep-alive-seconds', '0'])
    assert.notEqual(r.status, 0)
    assert.match(r.stderr, /keep-alive-seconds/)
  })
})
