// Outbound webhooks end to end: `huiyin webhook add` (refused outside the allowlist), a small
// receiver on loopback that recomputes the HMAC-SHA256 over the raw body it got, the serve
// job delivering matter.assigned and reporter.* as the matter moves, the reporter.resolved body
// with the phone and the tracking link, each phone-carrying post logged on the matter, and the
// staff inbox of the unit the matter was assigned to.
import { describe, test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { BACKENDS, ORGS, makeDb, seedCity, seedUsers, startServer, dropDb, loginAs, intake, huiyin, assertProblem, webhookReceiver, waitFor } from './lib.mjs'

const SECRET = 'gateway-secret-0123456789'

for (const backend of BACKENDS) {
  describe(`webhooks (${backend})`, () => {
    let db, server, hook
    before(async () => {
      hook = await webhookReceiver(SECRET)
      db = makeDb(backend, 'webhooks')
      seedCity(db)
      seedUsers(db)
    })
    after(async () => {
      await server?.stop()
      await hook?.close()
      if (db) dropDb(db)
    })

    test('webhook add refuses a target outside the allowlist and lists none in full', () => {
      const bad = huiyin(['webhook', 'add', '--db', db.url, '--url', 'http://sms.example.com/hook', '--secret', SECRET])
      assert.notEqual(bad.status, 0)
      assert.match(bad.stderr + bad.stdout, /允许列表/)
      const add = huiyin(['webhook', 'add', '--db', db.url, '--url', `http://127.0.0.1:${hook.port}/sms`, '--secret', SECRET,
        '--events', 'reporter.*,matter.assigned'])
      assert.equal(add.status, 0, add.stderr)
      assert.match(add.stdout, /已添加推送地址 #1/)
      const all = huiyin(['webhook', 'add', '--db', db.url, '--url', `http://127.0.0.1:${hook.port}/all`, '--secret', SECRET])
      assert.equal(all.status, 0, all.stderr)
      assert.match(all.stdout, /事件 \(全部\)/)
      const list = huiyin(['webhook', 'list', '--db', db.url])
      assert.equal(list.status, 0, list.stderr)
      assert.match(list.stdout, new RegExp(`http://127.0.0.1:${hook.port}/sms\treporter\\.\\*,matter\\.assigned\t••••6789`))
      assert.ok(!list.stdout.includes(SECRET), 'the secret is never printed back')
    })

    test('a matter moving is posted, signed, and the reporter gets the tracking link', async () => {
      server = await startServer(db, { args: ['--webhook-every-seconds', '1'] })
      const admin = await loginAs(server.base, 'admin')
      const settings = await admin.put('/api/v1/admin/webhooks/settings', { public_url: 'https://huiyin.zhuzhou.gov.cn' })
      assert.equal(settings.status, 200, settings.text())
      assert.equal(settings.json.items.length, 2)
      assert.ok(settings.json.items.every((w) => w.secret_hint === '••••6789' && !('secret' in w)))

      const dispatcher = await loginAs(server.base, 'dispatcher')
      const handler = await loginAs(server.base, 'handler')
      const r = await intake(server.base, { title: '楼道灯不亮' })
      assert.equal(r.status, 201, r.text())
      const { code } = r.json
      assert.equal((await dispatcher.act(code, 'accept')).status, 200)
      assert.equal((await dispatcher.act(code, 'assign', { lead_org: ORGS.zjj, handling_class: 'immediate' })).status, 200)

      // The lead unit's handler has it in the inbox.
      const inbox = await handler.get('/api/v1/inbox')
      assert.equal(inbox.status, 200, inbox.text())
      assert.equal(inbox.json.unread, 1)
      assert.equal(inbox.json.items[0].label, '新交办')
      assert.equal(inbox.json.items[0].matter_code, code)
      const read = await handler.post(`/api/v1/inbox/${inbox.json.items[0].id}/read`)
      assert.equal(read.status, 200, read.text())
      assert.equal(read.json.unread, 0)
      assertProblem(assert, await dispatcher.post(`/api/v1/inbox/${inbox.json.items[0].id}/read`), 404)

      assert.equal((await handler.act(code, 'sign')).status, 200)
      assert.equal((await handler.act(code, 'resolve', { reply: '已更换灯泡' })).status, 200)

      const resolved = await waitFor('reporter.resolved', () => hook.got.find((g) => g.body.event === 'reporter.resolved'))
      assert.ok(resolved.signed, 'X-Huiyin-Signature is the HMAC-SHA256 of the raw body')
      assert.equal(resolved.path, '/sms')
      assert.equal(resolved.headers['x-huiyin-event'], 'reporter.resolved')
      assert.match(resolved.headers['x-huiyin-delivery'], /^\d+$/)
      assert.equal(resolved.body.matter.code, code)
      assert.equal(resolved.body.matter.status, 'resolved')
      assert.equal(resolved.body.reporter.phone, '13812345678')
      assert.equal(resolved.body.tracking_url, `https://huiyin.zhuzhou.gov.cn/track/${code}`)
      assert.match(resolved.body.text, /已办结/)
      assert.ok(resolved.body.text.includes(resolved.body.tracking_url))

      await waitFor('every post', () => hook.got.length >= 7)
      const sms = hook.got.filter((g) => g.path === '/sms').map((g) => g.body.event)
      assert.deepEqual(sms.sort(), ['matter.assigned', 'reporter.progress', 'reporter.resolved'])
      const everything = hook.got.filter((g) => g.path === '/all').map((g) => g.body.event)
      assert.deepEqual(everything.sort(), ['matter.assigned', 'matter.resolved', 'reporter.progress', 'reporter.resolved'])
      assert.ok(hook.got.every((g) => g.signed))
      for (const g of hook.got.filter((x) => x.body.event.startsWith('matter.')))
        assert.ok(!g.raw.toString('utf8').includes('13812345678'), `${g.body.event} carries no phone`)

      // Each post that carried the phone is on the matter's record, like a reveal.
      const m = await dispatcher.get(`/api/v1/matters/${code}`)
      const logged = m.json.events.filter((e) => e.type === 'deliver_contact')
      assert.equal(logged.length, 4, 'reporter.progress and reporter.resolved to two targets')
      const dead = await admin.get('/api/v1/admin/webhooks/dead')
      assert.equal(dead.status, 200, dead.text())
      assert.deepEqual(dead.json.items, [])
      const v = huiyin(['audit', 'verify', '--db', db.url, '--data-dir', `${db.dir}/files`])
      assert.equal(v.status, 0, v.stdout + v.stderr)
    })
  })
}
