// The unit complained about learns nothing of who complained (信访工作条例 Art. 30), as a
// matrix: every output path × every role, with one matter whose reporter's name, phone and ID
// number appear in every free-text field (title, content, address, assign note, reply, measure,
// evaluation comment), on both backends. Roles that need the full text read and search it in full.
import { describe, test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import zlib from 'node:zlib'
import { BACKENDS, ORGS, USERS, setup, loginAs, intake, addUser, Client } from './lib.mjs'

const NAME = '欧阳娜娜'
const PHONE = '13512347777'
const OTHER_PHONE = '13912345678'
const ID = '430202199001011233'
const SECRETS = [NAME, PHONE, OTHER_PHONE, ID, '12347777', '东湖小区3栋501']

// The entries of a ZIP archive (an XLSX workbook) as text, read from its central directory.
function unzipText(buf) {
  let eocd = buf.length - 22
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--
  assert.ok(eocd >= 0, 'a ZIP archive')
  const count = buf.readUInt16LE(eocd + 10)
  let p = buf.readUInt32LE(eocd + 16)
  let out = ''
  for (let i = 0; i < count; i++) {
    const method = buf.readUInt16LE(p + 10)
    const size = buf.readUInt32LE(p + 20)
    const nameLen = buf.readUInt16LE(p + 28)
    const extraLen = buf.readUInt16LE(p + 30)
    const commentLen = buf.readUInt16LE(p + 32)
    const local = buf.readUInt32LE(p + 42)
    const data = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28)
    const raw = buf.subarray(data, data + size)
    out += (method === 8 ? zlib.inflateRawSync(raw) : raw).toString('utf8') + '\n'
    p += 46 + nameLen + extraLen + commentLen
  }
  return out
}

function assertClean(what, text) {
  for (const s of SECRETS) assert.ok(!text.includes(s), `${what} shows “${s}”: ${text.slice(0, 400)}`)
}

for (const backend of BACKENDS) {
  describe(`privacy of the reporter (${backend})`, () => {
    let ctx, code, similarCode
    const c = {}
    before(async () => {
      ctx = await setup(backend, 'privacy')
      addUser(ctx.db, 'handler_subject', 'handler', ORGS.cgj)  // the unit complained about
      for (const key of Object.keys(USERS)) c[key] = await loginAs(ctx.base, key)
      c.subject = await new Client(ctx.base).login('handler_subject')

      const r = await intake(ctx.base, {
        title: `投诉城管执法粗暴 电话${PHONE}`,
        content: `我是${NAME},身份证${ID},城管队员推倒我的摊位。联系${PHONE}或${OTHER_PHONE}`,
        location: { address: '荷塘区东湖小区3栋501', district: ORGS.street },
        contact: { name: NAME, phone: PHONE },
        public_consent: true,
      })
      assert.equal(r.status, 201, r.text())
      code = r.json.code
      const d = c.dispatcher
      const step = async (who, action, f) => {
        const res = await who.act(code, action, f)
        assert.equal(res.status, 200, `${action}: ${res.text()}`)
      }
      await step(d, 'accept')
      await step(d, 'assign', { lead_org: ORGS.zjj, co_orgs: [ORGS.districtDept], subject_orgs: [ORGS.cgj], handling_class: 'immediate', note: `注意保护反映人${NAME} ${OTHER_PHONE}` })
      await step(c.handler, 'sign')
      const m = await c.handler.post(`/api/v1/matters/${code}/measures`, { content: `约${NAME}(${PHONE})现场核实` })
      assert.equal(m.status, 201, m.text())
      // The measure is unfinished: the reason (naming the reporter) goes into the event, masked like the rest.
      await step(c.handler, 'resolve', { reply: `已电话联系${NAME},${PHONE},摊位已恢复`, unfinished_measures_reason: `已与${NAME}(${PHONE})约定改日复核` })
      await step(d, 'verify', { solved: true, satisfaction: 'satisfied', comment: `${NAME}表示满意,回访电话${OTHER_PHONE}` })

      // A second, similar matter the unit complained about is the lead of (its similar list
      // names the first one).
      const s = await intake(ctx.base, {
        title: '投诉城管执法粗暴 电话', content: '我是摊主,身份证,城管队员推倒我的摊位。联系',
        location: { address: '月塘街道', district: ORGS.street },
      })
      similarCode = s.json.code
      await d.act(similarCode, 'accept')
      const a = await d.act(similarCode, 'assign', { lead_org: ORGS.cgj, handling_class: 'immediate' })
      assert.equal(a.status, 200, a.text())
      await step(c.supervisor, 'reopen', { reason: '回头看发现问题仍在' })  // keep it open
    })
    after(async () => { await ctx?.teardown() })

    test('the unit complained about reads every path masked: detail, events, measures, list, snippets, similar, ledger', async () => {
      const u = c.subject
      const detail = await u.get(`/api/v1/matters/${code}`)
      assert.equal(detail.status, 200, detail.text())
      assertClean('detail', detail.text())
      assert.equal(detail.json.address, '月塘街道', 'address reduced to its area')
      assert.equal(detail.json.reporter.name, '')
      assert.equal(detail.json.reporter.phone, '')
      assert.equal(detail.json.reporter.withheld, true)
      assert.equal(detail.json.reporter.can_reveal, false)
      assert.ok(detail.text().includes('城管队员推倒我的摊位'), 'the problem itself stays readable')
      const reveal = await u.post(`/api/v1/matters/${code}/reveal`)
      assert.equal(reveal.status, 403)
      assertClean('measures', (await u.get(`/api/v1/matters/${code}/measures`)).text())
      assertClean('list', (await u.get('/api/v1/matters')).text())
      const snippets = await u.get('/api/v1/matters?q=' + encodeURIComponent('摊位'))
      assert.equal(snippets.status, 200)
      assert.ok(snippets.json.items.some((i) => i.code === code), 'found by a word it may read')
      assertClean('snippets', snippets.text())
      const similar = await u.get(`/api/v1/matters/${similarCode}/similar`)
      assert.equal(similar.status, 200, similar.text())
      assertClean('similar', similar.text())
      const ledger = await u.get('/api/v1/ledger.xlsx')
      if (ledger.status === 200) assertClean('ledger', unzipText(ledger.buf))
      assertClean('workbench', (await u.get('/api/v1/workbench')).text())
    })

    test('no query answers differently because of a hidden digit (masked phone read back digit by digit)', async () => {
      const answers = new Set()
      for (let d = 0; d <= 9; d++) {
        const r = await c.subject.get('/api/v1/matters?q=' + encodeURIComponent(`135${d}`))
        assert.equal(r.status, 200)
        answers.add(JSON.stringify(r.json.items.map((i) => i.code)))
      }
      assert.equal(answers.size, 1, 'every next digit gets the same answer')
      for (const probe of [PHONE, OTHER_PHONE, ID, NAME]) {
        const r = await c.subject.get('/api/v1/matters?q=' + encodeURIComponent(probe))
        assert.ok(!r.json.items.some((i) => i.code === code), `found by ${probe}`)
      }
    })

    test('roles that need the full text read and search it in full; the contact stays masked until revealed', async () => {
      for (const key of ['dispatcher', 'handler', 'leader_zjj', 'supervisor', 'leader']) {
        const r = await c[key].get(`/api/v1/matters/${code}`)
        assert.equal(r.status, 200, key)
        assert.ok(r.text().includes(OTHER_PHONE), `${key} reads the content in full`)
        assert.equal(r.json.reporter.phone, '135****7777', `${key}: contact masked by default`)
        assert.equal(r.json.reporter.can_reveal, ['dispatcher', 'handler', 'leader_zjj'].includes(key), `${key}: can_reveal`)
      }
      for (const key of ['dispatcher', 'handler']) {
        const r = await c[key].get('/api/v1/matters?q=' + OTHER_PHONE)
        assert.ok(r.json.items.some((i) => i.code === code), `${key} finds it by the phone in its content`)
      }
    })

    test('matrix: every role × every output path', async () => {
      // subject: masked everywhere; full: reads the text, contact masked; out: the matter is not there.
      const READING = {
        subject: 'subject', handler_cgj: 'subject', dispatcher: 'full', handler: 'full', leader_zjj: 'full',
        supervisor: 'full', leader: 'full', admin: 'full', collector: 'full', dispatcher_other: 'out',
      }
      const paths = [
        `/api/v1/matters/${code}`, `/api/v1/matters/${code}/measures`, '/api/v1/matters',
        '/api/v1/matters?q=' + encodeURIComponent('摊位'), `/api/v1/matters/${similarCode}/similar`,
        '/api/v1/ledger.xlsx', '/api/v1/common-problems', '/api/v1/workbench',
      ]
      for (const [role, reading] of Object.entries(READING)) {
        for (const p of paths) {
          const r = await c[role].get(p)
          const where = `${role} ${p}`
          if (r.status === 403 || r.status === 404) {  // a path this role has no use for
            if (p === `/api/v1/matters/${code}`) assert.equal(reading, 'out', `${where}: ${r.status}`)
            continue
          }
          assert.equal(r.status, 200, `${where}: ${r.status}`)
          const text = p.endsWith('.xlsx') ? unzipText(r.buf) : r.text()
          if (reading === 'subject') assertClean(where, text)
          if (reading === 'out') assert.ok(!text.includes(code), `${where} lists the matter`)
          if (p === `/api/v1/matters/${code}` && reading === 'full') {
            assert.ok(text.includes(OTHER_PHONE), `${where} reads the content in full`)
            assert.notEqual(r.json.reporter.phone, PHONE, `${where}: contact masked until revealed`)
          }
        }
      }
    })

    test('exports carry the audit chain head (ledger and common problems)', async () => {
      for (const p of ['/api/v1/ledger.xlsx', '/api/v1/common-problems.xlsx']) {
        const r = await c.supervisor.get(p)
        assert.equal(r.status, 200, p)
        assert.match(unzipText(r.buf), /审计链头: seq=\d+ hash=[0-9a-f]{16}/, p)
      }
    })

    test('roles outside the matter learn nothing at all', async () => {
      for (const key of ['dispatcher_other']) {
        const r = await c[key].get(`/api/v1/matters/${code}`)
        assert.equal(r.status, 404, key)
        const q = await c[key].get('/api/v1/matters?q=' + encodeURIComponent('摊位'))
        assert.ok(!q.json.items.some((i) => i.code === code), key)
      }
    })

    test('the public wall and the tracking page of a merged report show no one else\'s data', async () => {
      const wall = await new Client(ctx.base).get('/api/v1/wall')
      assert.equal(wall.status, 200)
      assert.ok(wall.json.items.some((i) => i.code === code), 'the verified matter is on the wall')
      assertClean('wall', wall.text())
    })
  })
}
