// The code dictionary: GET /api/v1/codes lists every code with its Chinese label, the same
// codes the API accepts and answers with.
import { describe, test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { BACKENDS, setup, Client } from './lib.mjs'

for (const backend of BACKENDS.slice(0, 1)) {
  describe(`code dictionary (${backend})`, () => {
    let ctx
    before(async () => { ctx = await setup(backend, 'codes') })
    after(async () => { await ctx?.teardown() })

    test('every list has its codes with Chinese labels, without logging in', async () => {
      const r = await new Client(ctx.base).get('/api/v1/codes')
      assert.equal(r.status, 200, r.text())
      const lists = ['statuses', 'actions', 'roles', 'channels', 'kinds', 'handling_classes', 'satisfaction', 'org_kinds', 'measure_statuses', 'petition_stages', 'record_kinds', 'visit_methods', 'reception_methods']
      assert.deepEqual(Object.keys(r.json).sort(), [...lists].sort())
      for (const name of lists) {
        assert.ok(r.json[name].length > 0, name)
        for (const e of r.json[name]) {
          assert.match(e.code, /^[a-z_0-9]+$/, `${name}: ${e.code}`)
          assert.match(e.label, /[\u4e00-\u9fff]/, `${name}.${e.code} has a Chinese label`)
        }
      }
      const codes = (name) => r.json[name].map((e) => e.code)
      assert.deepEqual(codes('statuses'), ['submitted', 'accepted', 'rejected', 'assigned', 'signed', 'returned', 'resolved', 'verified', 'closed', 'reopened', 'merged'])
      assert.ok(codes('actions').includes('transfer'))
      assert.equal(r.json.actions.find((e) => e.code === 'transfer').label, '转办')
      for (const role of ['admin', 'security_admin', 'audit_admin']) assert.ok(codes('roles').includes(role), role)
      // Field records: the kinds, and a visit's methods as the records API accepts them.
      assert.deepEqual(codes('record_kinds'), ['visit', 'reception', 'onsite_office', 'night_talk', 'process_walk', 'patrol', 'joint_inspection', 'joint_meeting'])
      assert.deepEqual(codes('reception_methods'), ['leader_down', 'regular', 'appointment', 'home_visit'])
      assert.ok(codes('channels').includes('joint_meeting'))
      assert.deepEqual(codes('visit_methods'), ['unannounced', 'stay', 'random', 'forum', 'enterprise', 'case_study', 'other'])
      assert.equal(r.json.visit_methods.find((e) => e.code === 'unannounced').label, '四不两直暗访')
    })
  })
}
