// 工作台: every card's number is the length of the list it opens. On the demo city, for each staff
// role, GET /api/v1/workbench gives each card {key, label, hot, count, query}; the list
// GET /api/v1/matters?<query> read to its end (through next_cursor) holds exactly `count`
// matters, each once, and only matters the card names (e.g. 待受理 never lists an accepted one).
import { describe, test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { BACKENDS, Client, dropDb, makeDb, startServer } from './lib.mjs'

const DEMO_PASSWORD = 'Huiyin@2026'
const ROLES = ['dispatcher', 'dispatcher_hetang', 'handler', 'unit_leader', 'handler_zhujian', 'unit_leader_zhujian',
  'handler_shifeng_cgj', 'supervisor', 'leader', 'collector', 'admin']
const CARD_KEYS = ['to_accept', 'to_sign', 'in_progress', 'returned', 'to_verify', 'to_close',
  'extension_requests', 'overdue', 'awaiting_answer', 'to_delegate', 'to_review', 'mine']
// The statuses a card's list may hold.
const CARD_STATUS = {
  to_accept: ['submitted'], to_sign: ['assigned', 'reopened'], in_progress: ['signed'],
  returned: ['returned'], to_verify: ['resolved'], to_close: ['verified'], extension_requests: ['signed'],
  awaiting_answer: ['assigned', 'signed', 'reopened'], to_delegate: ['assigned', 'signed'], to_review: ['signed'],
  mine: ['assigned', 'signed', 'reopened'],
}

async function readAll(client, query, pageSize) {
  const items = []
  let cursor = ''
  for (let pages = 0; pages < 500; pages++) {
    const params = new URLSearchParams({ ...query, limit: String(pageSize) })
    if (cursor) params.set('cursor', cursor)
    const r = await client.get(`/api/v1/matters?${params}`)
    assert.equal(r.status, 200, r.text())
    items.push(...r.json.items)
    cursor = r.json.next_cursor || ''
    if (!cursor) return items
  }
  throw new Error('the list did not end')
}

for (const backend of BACKENDS) {
  describe(`workbench cards on the demo city (${backend})`, () => {
    let db
    let server
    before(async () => {
      db = makeDb(backend, 'workbench')
      server = await startServer(db, { args: ['--demo'] })
    }, { timeout: 600000 })
    after(async () => {
      await server?.stop()
      if (db) dropDb(db)
    })

    test('each card counts exactly the matters of the list it opens, for every role', { timeout: 600000 }, async () => {
      // One extension request, so the supervisor's 延期申请 has something to count.
      const h = await new Client(server.base).login('handler', DEMO_PASSWORD)
      const signed = await readAll(h, { card: 'in_progress' }, 50)
      assert.ok(signed.length > 0, 'the handler has matters in hand')
      const ext = await h.act(signed[0].code, 'extend_request', { reason: '需要协调施工单位', extend_days: 5 })
      assert.equal(ext.status, 200, ext.text())
      const sup = await new Client(server.base).login('supervisor', DEMO_PASSWORD)
      const supCards = (await sup.get('/api/v1/workbench')).json
      assert.ok(supCards.counts.extension_requests >= 1, 'the request waits for the supervisor')
      const requests = await readAll(sup, { card: 'extension_requests' }, 50)
      assert.ok(requests.some((m) => m.code === signed[0].code))

      let nonZero = 0
      for (const username of ROLES) {
        const c = await new Client(server.base).login(username, DEMO_PASSWORD)
        const wb = await c.get('/api/v1/workbench')
        assert.equal(wb.status, 200, wb.text())
        assert.deepEqual(wb.json.cards.map((k) => k.key), CARD_KEYS)
        for (const card of wb.json.cards) {
          assert.deepEqual(card.query, { card: card.key })
          assert.equal(wb.json.counts[card.key], card.count)
          assert.match(card.label, /[\u4e00-\u9fff]/)
          // Small pages, so paging is exercised too.
          const items = await readAll(c, card.query, 7)
          assert.equal(items.length, card.count, `${username}: ${card.label} says ${card.count}, lists ${items.length}`)
          assert.equal(new Set(items.map((m) => m.code)).size, items.length, `${username}: ${card.key} repeats a matter`)
          if (CARD_STATUS[card.key]) {
            for (const m of items) assert.ok(CARD_STATUS[card.key].includes(m.status), `${username}: ${card.key} lists a ${m.status} matter`)
          }
          if (card.key === 'overdue') for (const m of items) assert.equal(m.overdue, true, `${username}: overdue lists ${m.code}`)
          if (card.count > 0) nonZero++
        }
        if (username === 'leader') {
          // A leader acts on nothing: only 已超期 and 督办待答复 (the 批示 waiting for an answer) may be
          // non-zero, and 已超期's list is the ledger's 只看超期.
          for (const card of wb.json.cards) if (!['overdue', 'awaiting_answer'].includes(card.key)) assert.equal(card.count, 0, `leader ${card.key}`)
          assert.ok(wb.json.counts.awaiting_answer >= 1, 'the demo leader’s 批示 waits for an answer')
          const ledger = await readAll(c, { overdue: 'true' }, 200)
          assert.equal(wb.json.counts.overdue, ledger.length)
        }
      }
      assert.ok(nonZero >= 8, `the demo city fills the cards (${nonZero} non-zero)`)
      // The demo's units leading their work: 市城管局's leader has delegated to 张伟 (handler), and
      // 市住建局's leader has a reply to review.
      const cards = async (u) => (await (await new Client(server.base).login(u, DEMO_PASSWORD)).get('/api/v1/workbench')).json.counts
      assert.ok((await cards('handler')).mine >= 3, 'delegated to the handler')
      assert.ok((await cards('unit_leader_zhujian')).to_review >= 1, 'a reply waits for review')
    })

    test('a card is one named list: unknown cards and mixing with status are refused', async () => {
      const c = await new Client(server.base).login('dispatcher', DEMO_PASSWORD)
      assert.equal((await c.get('/api/v1/matters?card=nonsense')).status, 422)
      assert.equal((await c.get('/api/v1/matters?card=to_accept&status=accepted')).status, 422)
      assert.equal((await c.get('/api/v1/matters?card=to_accept&overdue=true')).status, 422)
    })
  })
}
