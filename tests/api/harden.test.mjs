// Uploads, idempotency keys, log lines, NUL in text and /metrics, each finding of the trust review
// with its regression test, on both backends against the real binary.
import { describe, test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { BACKENDS, ORGS, Client, setup, startServer, loginAs, intake, assertProblem, localDate, matterCount } from './lib.mjs'

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), Buffer.from('IHDR'), Buffer.from('a tiny test picture')])
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n')
const HTML = Buffer.from('<!doctype html><script>alert(document.cookie)</script>')

async function upload(client, bytes, type, name) {
  const headers = { 'content-type': type }
  if (name) headers['x-file-name'] = name
  return client.request('POST', '/api/v1/attachments', { raw: bytes, headers })
}

for (const backend of BACKENDS) {
  describe(`hardening (${backend})`, () => {
    let ctx, admin
    before(async () => {
      ctx = await setup(backend, 'harden')
      admin = await loginAs(ctx.base, 'admin')
    })
    after(async () => { await ctx?.teardown() })

    const count = () => matterCount(admin)

    test('sequential upload id cannot be linked by another client', async () => {
      const owner = new Client(ctx.base)
      const up = await upload(owner, PNG, 'image/png', 'photo.png')
      assert.equal(up.status, 201, up.text())
      assert.match(up.json.id, /^[0-9a-f]{32}$/, 'the handle is 128 random bits, not a row number')
      const before = await count()
      for (const guess of [1, '1', 2, '2']) {
        const r = await intake(ctx.base, { attachments: [guess] })
        assertProblem(assert, r, 422, { field: 'attachments' })
      }
      assertProblem(assert, await new Client(ctx.base).get('/api/v1/attachments/1'), 404)
      // A staff member's upload cannot be linked by a colleague or by the public.
      const disp = await loginAs(ctx.base, 'dispatcher')
      const other = await loginAs(ctx.base, 'dispatcher_other')
      const staffUp = await upload(disp, PNG, 'image/png')
      assert.equal(staffUp.status, 201, staffUp.text())
      assertProblem(assert, await intake(ctx.base, { attachments: [staffUp.json.id] }), 422, { field: 'attachments' })
      assertProblem(assert, await other.post('/api/v1/intake', { title: '走访记录', content: '走访发现的问题', attachments: [staffUp.json.id] }), 422, { field: 'attachments' })
      assert.equal(await count(), before, 'nothing was created')
      // The client that made the upload links it, once.
      const ok = await intake(ctx.base, { attachments: [up.json.id] })
      assert.equal(ok.status, 201, ok.text())
      assertProblem(assert, await intake(ctx.base, { attachments: [up.json.id] }), 422, { field: 'attachments' })
      const m = await disp.get(`/api/v1/matters/${ok.json.code}`)
      assert.deepEqual(m.json.attachments.map((a) => a.id), [up.json.id])
      const photo = await disp.get(`/api/v1/attachments/${up.json.id}`)
      assert.equal(photo.status, 200)
      assert.equal(photo.headers.get('content-type'), 'image/png')
      assert.deepEqual(photo.buf, PNG)
    })

    test('upload of a PNG renamed .pdf / a PDF declared image/png / an HTML file declared image/jpeg refused', async () => {
      const disp = await loginAs(ctx.base, 'dispatcher')
      for (const who of [new Client(ctx.base), disp]) {
        assertProblem(assert, await upload(who, PNG, 'application/octet-stream', 'scan.pdf'), 422, { field: 'file' })
        assertProblem(assert, await upload(who, PDF, 'image/png'), 422, { field: 'file' })
        assertProblem(assert, await upload(who, HTML, 'image/jpeg', 'photo.jpg'), 422, { field: 'file' })
        assertProblem(assert, await upload(who, PNG, 'image/jpeg'), 422, { field: 'file' })
      }
      const fine = await upload(new Client(ctx.base), PNG, 'image/png', 'IMG_0001.PNG')
      assert.equal(fine.status, 201, fine.text())
      assert.equal(fine.json.mime, 'image/png')
    })

    test('public PDF refused, staff PDF evidence accepted', async () => {
      const pub = await upload(new Client(ctx.base), PDF, 'application/pdf', 'letter.pdf')
      assertProblem(assert, pub, 422, { field: 'file' })
      assert.match(pub.json.detail, /JPEG|PNG|WebP/)

      const { code } = (await intake(ctx.base)).json
      const dispatcher = await loginAs(ctx.base, 'dispatcher')
      assert.equal((await dispatcher.act(code, 'accept')).status, 200)
      assert.equal((await dispatcher.act(code, 'assign', { lead_org: ORGS.zjj, co_orgs: [ORGS.cgj], handling_class: 'phased', deadline: localDate(10) })).status, 200)
      const handler = await loginAs(ctx.base, 'handler')
      assert.equal((await handler.act(code, 'sign')).status, 200)

      const pdf = await upload(handler, PDF, 'application/pdf', 'report.pdf')
      assert.equal(pdf.status, 201, pdf.text())
      assert.equal(pdf.json.mime, 'application/pdf')
      // Not as a photo of a new matter; not by the co-unit's handler.
      const asPhoto = await handler.post('/api/v1/intake', { title: '现场发现', content: '现场发现的问题', attachments: [pdf.json.id] })
      assertProblem(assert, asPhoto, 422, { field: 'attachments' })
      const cgj = await loginAs(ctx.base, 'handler_cgj')
      const stolen = await cgj.post(`/api/v1/matters/${code}/measures`, { content: '协办措施', evidence_files: [pdf.json.id] })
      assertProblem(assert, stolen, 422, { field: 'evidence_files' })

      const ms = await handler.post(`/api/v1/matters/${code}/measures`, { content: '更换灯头并检修线路', evidence_files: [pdf.json.id] })
      assert.equal(ms.status, 201, ms.text())
      assert.deepEqual(ms.json.evidence_files.map((f) => [f.id, f.mime]), [[pdf.json.id, 'application/pdf']])
      const detail = await handler.get(`/api/v1/matters/${code}`)
      assert.equal(detail.json.measures[0].evidence_files[0].id, pdf.json.id)
      assert.deepEqual(detail.json.attachments, [], 'evidence is not one of the matter photos')
      const read = await handler.get(`/api/v1/attachments/${pdf.json.id}`)
      assert.equal(read.status, 200)
      assert.equal(read.headers.get('content-type'), 'application/pdf')
      assert.match(read.headers.get('content-disposition'), /^attachment/)
      assertProblem(assert, await new Client(ctx.base).get(`/api/v1/attachments/${pdf.json.id}`), 404)
    })

    test('idempotency replay with a different body is 422 and makes no second matter; same body, same receipt', async () => {
      const key = `bound-${Date.now()}`
      const first = await intake(ctx.base, { title: '路灯不亮' }, { 'idempotency-key': key })
      assert.equal(first.status, 201, first.text())
      const before = await count()
      const other = await intake(ctx.base, { title: '噪音扰民' }, { 'idempotency-key': key })
      assertProblem(assert, other, 422, { field: 'Idempotency-Key' })
      assert.ok(!other.text().includes(first.json.token), 'no receipt of the first matter')
      assert.ok(!other.text().includes(first.json.code))
      assert.equal(await count(), before, 'no second matter')
      const same = await intake(ctx.base, { title: '路灯不亮' }, { 'idempotency-key': key })
      assert.equal(same.status, 201)
      assert.equal(same.json.code, first.json.code)
      assert.equal(same.json.token, first.json.token)
    })

    test('staff idempotency key reused by another user is 422', async () => {
      const key = `visit-${Date.now()}`
      const body = { title: '走访发现路面塌陷', content: '走访时发现某路段路面塌陷,存在安全隐患。', channel: 'visit' }
      const collector = await loginAs(ctx.base, 'collector')
      const first = await collector.post('/api/v1/intake', body, { headers: { 'idempotency-key': key } })
      assert.equal(first.status, 201, first.text())
      const before = await count()
      const disp = await loginAs(ctx.base, 'dispatcher')
      const reused = await disp.post('/api/v1/intake', body, { headers: { 'idempotency-key': key } })
      assertProblem(assert, reused, 422, { field: 'Idempotency-Key' })
      assert.ok(!reused.text().includes(first.json.token))
      assert.equal(await count(), before)
      const again = await collector.post('/api/v1/intake', body, { headers: { 'idempotency-key': key } })
      assert.equal(again.json.code, first.json.code)
    })

    test('a path with %0d%0a in it produces one log line', async () => {
      const marker = `FORGED${Date.now()}`
      const r = await fetch(`${ctx.base}/api/v1/no-such%0d%0a2026-12-01%2010:00:00.000%20info%20${marker}%20200%0a`)
      assert.equal(r.status, 404)
      await new Promise((res) => setTimeout(res, 200))
      const lines = ctx.server.output().split('\n').filter((l) => l.includes(marker))
      assert.equal(lines.length, 1, lines.join('\n'))
      assert.match(lines[0], /GET \/api\/v1\/no-such\\r\\n2026/)
      assert.ok(!lines[0].trimStart().startsWith('2026-12-01 10:00:00.000'), 'no line of its own')
    })

    test('text with \\u0000 in title/content/notes is 422 and nothing is stored', async () => {
      const before = await count()
      for (const fields of [{ title: '路灯\u0000不亮' }, { content: '内容\u0000被截断' }, { location: { address: '某路\u0000', district: ORGS.street } }, { contact: { name: '张\u0000三', phone: '13812345678' } }]) {
        const r = await intake(ctx.base, fields)
        assertProblem(assert, r, 422)
        assert.match(r.json.detail, /空字符/)
      }
      assertProblem(assert, await intake(ctx.base, { title: '路灯\u0000不亮' }), 422, { field: 'title' })
      assert.equal(await count(), before, 'nothing was stored')

      const { code } = (await intake(ctx.base)).json
      const d = await loginAs(ctx.base, 'dispatcher')
      const v = (await d.get(`/api/v1/matters/${code}`)).json.version
      const noted = await d.act(code, 'accept', { note: '已核实\u0000内部备注' }, v)
      assertProblem(assert, noted, 422, { field: 'note' })
      const after = await d.get(`/api/v1/matters/${code}`)
      assert.equal(after.json.version, v)
      assert.equal(after.json.status, 'submitted')
      const h = await loginAs(ctx.base, 'handler')
      assertProblem(assert, await h.post(`/api/v1/matters/${code}/measures`, { content: '措施\u0000' }), 422, { field: 'content' })
    })

    test('/metrics refused from an address not on the list', async () => {
      const c = new Client(ctx.base)
      assert.equal((await c.get('/metrics')).status, 200, 'loopback is on the default list')
      assertProblem(assert, await c.get('/metrics', { headers: { 'x-forwarded-for': '203.0.113.7' } }), 403)
      const narrow = await startServer(ctx.db, { args: ['--metrics-allow', '10.9.8.7,192.168.0.0/16'] })
      try {
        const r = await new Client(narrow.base).get('/metrics')
        assertProblem(assert, r, 403)
        assert.ok(!r.text().includes('huiyin_http_requests_total'))
        assert.equal((await new Client(narrow.base).get('/healthz')).status, 200)
      } finally {
        await narrow.stop()
      }
      const open = await startServer(ctx.db, { args: ['--metrics-allow', '*'] })
      try {
        assert.equal((await new Client(open.base).get('/metrics')).status, 200)
      } finally {
        await open.stop()
      }
    })
  })
}
