// A reporter finds their matters by the phone number they gave (issue 9): POST /track/phone
// answers 202 {sent: true} whether or not matters exist for the phone, and only when they do is a
// one-time code sent (here printed in the server log: --demo-print-otp); POST
// /track/phone/verify with that code lists exactly that phone's matters, newest first, each with
// a link that opens its track page. Single use, void after 5 wrong tries, throttled per phone and
// per source address. (Expiry after 10 minutes is tested with a hand-driven clock in C++:
// kernel one_time_codes_test and the service's track_phone_test.)
import { describe, test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { BACKENDS, Client, makeDb, dropDb, seedCity, seedUsers, startServer, intake, assertProblem } from './lib.mjs'

const sleep = (ms) => new Promise((r) => setTimeout(r, ms))
const masked = (phone) => `${phone.slice(0, 3)}****${phone.slice(-4)}`

for (const backend of BACKENDS) {
  describe(`lookup by phone (${backend})`, () => {
    let db, server, base
    before(async () => {
      db = makeDb(backend, 'trackphone')
      seedCity(db)
      seedUsers(db)
      // A trusted proxy on loopback, so each test speaks from its own client address.
      server = await startServer(db, { args: ['--trusted-proxies', '127.0.0.1', '--demo-print-otp'] })
      base = server.base
    })
    after(async () => {
      await server?.stop()
      if (db) dropDb(db)
    })

    const from = (ip) => ({ headers: { 'x-forwarded-for': ip } })
    const c = () => new Client(base)

    // The newest code the log shows for `phone`, printed after `since` characters of output.
    async function otpFor(phone, since) {
      for (let i = 0; i < 40; i++) {
        const lines = server.output().slice(since).split('\n').filter((l) => l.includes(`短信 → ${masked(phone)}:`))
        if (lines.length) return /验证码为(\d{6})/.exec(lines.at(-1))[1]
        await sleep(50)
      }
      return null
    }

    async function report(phone, title) {
      const r = await intake(base, { title, contact: { name: '王五', phone } })
      assert.equal(r.status, 201, r.text())
      return r.json
    }

    test('the same answer for a phone with and without matters; a code is sent only for the one with', async () => {
      await report('13912340001', '小区路灯不亮')
      const since = server.output().length
      const withMatters = await c().post('/api/v1/track/phone', { phone: '139 1234 0001' }, from('198.51.100.1'))
      const without = await c().post('/api/v1/track/phone', { phone: '13700000001' }, from('198.51.100.1'))
      assert.equal(withMatters.status, 202, withMatters.text())
      assert.equal(without.status, 202)
      assert.deepEqual(withMatters.json, { sent: true })
      assert.equal(withMatters.text(), without.text())
      assert.ok(await otpFor('13912340001', since), 'the code is in the log')
      await sleep(200)
      assert.ok(!server.output().slice(since).includes(masked('13700000001')), 'no code for a phone without matters')
      // Verifying any code for the phone without matters answers like a wrong code.
      const none = await c().post('/api/v1/track/phone/verify', { phone: '13700000001', otp: '123456' }, from('198.51.100.1'))
      const wrong = await c().post('/api/v1/track/phone/verify', { phone: '13912340001', otp: '000000' }, from('198.51.100.1'))
      assertProblem(assert, none, none.status, { field: 'otp' })
      assert.ok(none.status >= 400 && none.status < 500)
      assert.equal(wrong.status, none.status)
      assert.equal(wrong.text(), none.text())
    })

    test('the code printed in the log lists exactly that phone\'s matters, newest first, each opening its track page; the code is single use', async () => {
      const first = await report('13912340002', '人行道地砖松动')
      const second = await report('13912340002', '垃圾清运不及时')
      const other = await report('13912340003', '别人的问题')
      await intake(base, { title: '匿名的问题', anonymous: true, contact: undefined })
      const since = server.output().length
      assert.equal((await c().post('/api/v1/track/phone', { phone: '+86 139 1234 0002' }, from('198.51.100.2'))).status, 202)
      const otp = await otpFor('13912340002', since)
      assert.match(otp, /^\d{6}$/)
      const r = await c().post('/api/v1/track/phone/verify', { phone: '0086-13912340002', otp }, from('198.51.100.2'))
      assert.equal(r.status, 200, r.text())
      assert.deepEqual(r.json.items.map((i) => i.code), [second.code, first.code])
      for (const it of r.json.items) {
        assert.ok(it.title && it.status && it.status_label && it.submitted_at)
        assert.match(it.track_url, new RegExp(`^/track/${it.code}\\?access=`))
        const access = new URL(it.track_url, base).searchParams.get('access')
        const t = await c().get(`/api/v1/track/${it.code}?access=${access}`)
        assert.equal(t.status, 200, t.text())
        assert.equal(t.json.title, it.title)
        assert.ok(!JSON.stringify(t.json).includes('13912340002'), 'the track page shows no phone')
      }
      // The access opens none of another reporter's matters.
      const access = r.json.access
      assertProblem(assert, await c().get(`/api/v1/track/${other.code}?access=${access}`), 404)
      // Single use: the same code again is refused like a wrong one.
      const again = await c().post('/api/v1/track/phone/verify', { phone: '13912340002', otp }, from('198.51.100.2'))
      const none = await c().post('/api/v1/track/phone/verify', { phone: '13700000002', otp }, from('198.51.100.2'))
      assert.equal(again.status, none.status)
      assert.equal(again.text(), none.text())
    })

    test('five wrong codes void the code', async () => {
      await report('13912340004', '路面坑洼')
      const since = server.output().length
      assert.equal((await c().post('/api/v1/track/phone', { phone: '13912340004' }, from('198.51.100.3'))).status, 202)
      const otp = await otpFor('13912340004', since)
      const wrongCode = otp === '000000' ? '111111' : '000000'
      let first
      for (let i = 0; i < 5; i++) {
        const w = await c().post('/api/v1/track/phone/verify', { phone: '13912340004', otp: wrongCode }, from('198.51.100.3'))
        assertProblem(assert, w, w.status, { field: 'otp' })
        if (first) assert.equal(w.text(), first)
        first = w.text()
      }
      const late = await c().post('/api/v1/track/phone/verify', { phone: '13912340004', otp }, from('198.51.100.3'))
      assert.equal(late.text(), first, 'the right code after five wrong ones is void')
      // A new code works again.
      const since2 = server.output().length
      await c().post('/api/v1/track/phone', { phone: '13912340004' }, from('198.51.100.3'))
      const fresh = await otpFor('13912340004', since2)
      const ok = await c().post('/api/v1/track/phone/verify', { phone: '13912340004', otp: fresh }, from('198.51.100.3'))
      assert.equal(ok.status, 200, ok.text())
      assert.equal(ok.json.items.length, 1)
    })

    test('code requests are throttled per phone and per source address, alike for phones with and without matters', async () => {
      await report('13912340005', '噪音扰民')
      for (const phone of ['13912340005', '13700000005']) {
        let n = 0
        for (; n < 30; n++) {
          const r = await c().post('/api/v1/track/phone', { phone }, from(`203.0.113.${100 + n}`))
          if (r.status === 429) break
          assert.equal(r.status, 202, r.text())
        }
        assert.equal(n, 5, `${phone}: refused after 5 requests from any addresses`)
      }
      let n = 0
      for (; n < 40; n++) {
        const r = await c().post('/api/v1/track/phone', { phone: `1360000${String(1000 + n)}` }, from('203.0.113.9'))
        if (r.status === 429) {
          assertProblem(assert, r, 429)
          assert.ok(Number(r.headers.get('retry-after')) > 0)
          break
        }
        assert.equal(r.status, 202, r.text())
      }
      assert.equal(n, 20, 'one address is refused after 20 requests')
      assert.equal((await c().post('/api/v1/track/phone', { phone: '13600009999' }, from('203.0.113.10'))).status, 202, 'another address is not')
    })

    test('wrong codes are throttled per source address and per phone', async () => {
      let n = 0
      for (; n < 40; n++) {
        const r = await c().post('/api/v1/track/phone/verify', { phone: `1350000${String(1000 + n)}`, otp: '123456' }, from('203.0.113.20'))
        if (r.status === 429) break
        assert.equal(r.json.field, 'otp')
      }
      assert.equal(n, 20, 'one address is refused after 20 wrong codes')
      n = 0
      for (; n < 40; n++) {
        const r = await c().post('/api/v1/track/phone/verify', { phone: '13912340006', otp: '123456' }, from(`203.0.113.${150 + n}`))
        if (r.status === 429) {
          assertProblem(assert, r, 429)
          break
        }
      }
      assert.equal(n, 10, 'one phone is refused after 10 wrong codes from any addresses (until its 15-minute window ends)')
    })

    test('a malformed phone number is refused naming the field', async () => {
      const r = await c().post('/api/v1/track/phone', { phone: '12345' }, from('198.51.100.9'))
      assertProblem(assert, r, r.status, { field: 'phone' })
      assert.ok(r.status >= 400 && r.status < 500)
    })
  })
}
