// Administration as issue 9 asked for it, over HTTP on both backends: orgs edited, moved (cycles
// refused) and disabled (409 naming what is left; then not offered for new work), categories
// edited and disabled (no longer offered to citizens, existing matters keep theirs), the user list
// in pages with 共N条 and search — every change an audit event, and `audit verify` intact after
// them. Also the ledger export's title rows, columns and file name.
import { describe, test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { BACKENDS, ORGS, Client, setup, loginAs, intake, assertProblem, huiyin, addUser, sheetRows } from './lib.mjs'

for (const backend of BACKENDS) {
  describe(`administration: edit, move, disable, pages (${backend})`, () => {
    let ctx, admin, d
    before(async () => {
      ctx = await setup(backend, 'admin')
      addUser(ctx.db, 'auditor', 'audit_admin', ORGS.city)
      admin = await loginAs(ctx.base, 'admin')
      d = await loginAs(ctx.base, 'dispatcher')
    })
    after(() => ctx.teardown())

    const org = async (code) => (await d.get('/api/v1/orgs')).json.find((o) => o.code === code)
    // The change is an audit event of this type naming the code, and the chain and seals verify.
    const audited = async (type, code) => {
      const r = huiyin(['audit', 'verify', '--db', ctx.db.url])
      assert.equal(r.status, 0, `audit verify after ${type}: ${r.stdout}${r.stderr}`)
      const aud = await new Client(ctx.base).login('auditor')
      const ev = await aud.get(`/api/v1/audit/events?type=${type}&limit=1`)
      assert.equal(ev.status, 200, ev.text())
      assert.ok(JSON.stringify(ev.json.events[0]?.payload ?? '').includes(code), `${type} names ${code}`)
    }

    test('an org renamed shows in the org list at once and is audited', async () => {
      const r = await admin.patch(`/api/v1/admin/orgs/${ORGS.cgj}`, { name: '市城管执法局' })
      assert.equal(r.status, 200, r.text())
      assert.equal(r.json.name, '市城管执法局')
      assert.equal(r.json.active, true)
      assert.equal((await org(ORGS.cgj)).name, '市城管执法局')
      await audited('org_update', ORGS.cgj)
      assertProblem(assert, await admin.patch(`/api/v1/admin/orgs/${ORGS.cgj}`, { name: '' }), 422, { field: 'name' })
      assertProblem(assert, await admin.patch('/api/v1/admin/orgs/NOPE', { name: '某局' }), 404)
      assert.equal((await d.patch(`/api/v1/admin/orgs/${ORGS.cgj}`, { name: '改名' })).status, 403)
    })

    test('an org moves with its subtree; a move under its own sub-unit is refused', async () => {
      const cycle = await admin.patch(`/api/v1/admin/orgs/${ORGS.district}`, { parent: ORGS.street })
      assertProblem(assert, cycle, 422, { field: 'parent' })
      assert.match(cycle.json.detail, /下级/)
      // 月塘街道 from 荷塘区 to 芦淞区, and back.
      const moved = await admin.patch(`/api/v1/admin/orgs/${ORGS.street}`, { parent: ORGS.otherDistrict })
      assert.equal(moved.status, 200, moved.text())
      assert.equal(moved.json.parent, ORGS.otherDistrict)
      assert.equal((await org(ORGS.street)).parent, ORGS.otherDistrict)
      await audited('org_update', ORGS.street)
      assert.equal((await admin.patch(`/api/v1/admin/orgs/${ORGS.street}`, { parent: ORGS.district })).status, 200)
    })

    test('disabling an org with open matters and users is 409 naming the counts; once disabled it takes no new work', async () => {
      const { code } = (await intake(ctx.base)).json
      assert.equal((await d.act(code, 'accept')).status, 200)
      assert.equal((await d.act(code, 'assign', { lead_org: ORGS.cgj, handling_class: 'immediate' })).status, 200)
      const refused = await admin.patch(`/api/v1/admin/orgs/${ORGS.cgj}`, { active: false })
      assertProblem(assert, refused, 409)
      assert.match(refused.json.detail, /1件/)
      assert.match(refused.json.detail, /1名/, 'handler_cgj is active there')
      assert.equal((await org(ORGS.cgj)).active, true)

      // Work handed on, the user disabled: now it may go.
      assert.equal((await d.act(code, 'assign', { lead_org: ORGS.zjj, handling_class: 'immediate' })).status, 200)
      assert.equal((await admin.patch('/api/v1/admin/users/handler_cgj', { active: false })).status, 200)
      const off = await admin.patch(`/api/v1/admin/orgs/${ORGS.cgj}`, { active: false })
      assert.equal(off.status, 200, off.text())
      assert.equal(off.json.active, false)
      assert.equal((await org(ORGS.cgj)).active, false, 'still listed, marked disabled')
      await audited('org_update', ORGS.cgj)

      const other = (await intake(ctx.base)).json.code
      assert.equal((await d.act(other, 'accept')).status, 200)
      const assign = await d.act(other, 'assign', { lead_org: ORGS.cgj, handling_class: 'immediate' })
      assert.equal(assign.status, 422, assign.text())

      // A district with an active user cannot go; a new, empty one disabled is no longer offered to citizens.
      const busy = await admin.patch(`/api/v1/admin/orgs/${ORGS.otherDistrict}`, { active: false })
      assertProblem(assert, busy, 409)
      assert.match(busy.json.detail, /1名启用的用户/)
      assert.equal((await admin.post('/api/v1/admin/orgs', { code: '430204', name: '石峰区', kind: 'area', level: 2, parent: ORGS.city })).status, 201)
      const districts = async () => (await new Client(ctx.base).get('/api/v1/districts')).json.map((o) => o.code)
      assert.ok((await districts()).includes('430204'))
      assert.equal((await admin.patch('/api/v1/admin/orgs/430204', { active: false })).status, 200)
      assert.ok(!(await districts()).includes('430204'))
      assert.equal((await admin.patch('/api/v1/admin/orgs/430204', { active: true })).status, 200)
      assert.ok((await districts()).includes('430204'))
    })

    test('a category edited and disabled is no longer offered; existing matters keep it', async () => {
      const cats = (await admin.get('/api/v1/admin/categories')).json
      assert.ok(Array.isArray(cats) && cats.length > 0)
      const leaf = cats.find((c) => c.parent && c.active)
      assert.ok(leaf, 'a sub-category in the seed')
      const filed = await intake(ctx.base, { category: leaf.code })
      assert.equal(filed.status, 201, filed.text())

      const renamed = await admin.patch(`/api/v1/admin/categories/${leaf.code}`, { name: '改名后的类别', default_dept: ORGS.zjj })
      assert.equal(renamed.status, 200, renamed.text())
      assert.equal(renamed.json.name, '改名后的类别')
      assert.equal(renamed.json.default_dept, ORGS.zjj)
      const cycle = await admin.patch(`/api/v1/admin/categories/${leaf.parent}`, { parent: leaf.code })
      assertProblem(assert, cycle, 422, { field: 'parent' })

      const off = await admin.patch(`/api/v1/admin/categories/${leaf.code}`, { active: false })
      assert.equal(off.status, 200, off.text())
      assert.equal(off.json.active, false)
      await audited('category_update', leaf.code)
      const offered = (await new Client(ctx.base).get('/api/v1/categories')).json
      assert.ok(!offered.some((c) => c.code === leaf.code), 'not offered to citizens')
      assert.ok((await admin.get('/api/v1/admin/categories')).json.some((c) => c.code === leaf.code && !c.active))
      const again = await intake(ctx.base, { category: leaf.code })
      assert.equal(again.status, 422, again.text())
      const kept = await d.get(`/api/v1/matters/${filed.json.code}`)
      assert.equal(kept.status, 200)
      assert.equal(kept.json.category, leaf.code, 'the filed matter keeps its category')
      assert.equal((await admin.patch(`/api/v1/admin/categories/${leaf.code}`, { active: true })).status, 200)
    })

    test('the user list comes in pages with a total, searched by name, username or unit', async () => {
      const all = (await admin.get('/api/v1/admin/users')).json
      assert.ok(Array.isArray(all), 'without paging parameters: the whole list as before')
      const p1 = await admin.get('/api/v1/admin/users?page=1&page_size=4')
      assert.equal(p1.status, 200, p1.text())
      assert.equal(p1.json.total, all.length)
      assert.equal(p1.json.items.length, 4)
      assert.equal(p1.json.page, 1)
      assert.equal(p1.json.page_size, 4)
      const lastPage = Math.ceil(all.length / 4)
      const pl = await admin.get(`/api/v1/admin/users?page=${lastPage}&page_size=4`)
      assert.equal(pl.json.items.length, all.length - 4 * (lastPage - 1))
      const seen = new Set()
      for (let p = 1; p <= lastPage; p++)
        for (const u of (await admin.get(`/api/v1/admin/users?page=${p}&page_size=4`)).json.items) seen.add(u.username)
      assert.equal(seen.size, all.length, 'pages cover everyone once')
      const byUnit = await admin.get(`/api/v1/admin/users?q=${encodeURIComponent('芦淞区')}`)
      assert.deepEqual(byUnit.json.items.map((u) => u.username), ['dispatcher_ls'])
      assert.equal(byUnit.json.total, 1)
      const byName = await admin.get('/api/v1/admin/users?q=HANDLER')
      assert.ok(byName.json.total >= 2, 'handler_zjj and handler_cgj, case aside')
      assertProblem(assert, await admin.get('/api/v1/admin/users?page=0'), 422, { field: 'page' })
      assertProblem(assert, await admin.get('/api/v1/admin/users?page_size=500'), 422, { field: 'page_size' })
    })

    test('the ledger downloads as 问题台账_<unit>_<date>.xlsx with its title rows and columns', async () => {
      const leader = await loginAs(ctx.base, 'leader')
      const r = await leader.get(`/api/v1/ledger.xlsx?status=assigned&org=${ORGS.city}`)
      assert.equal(r.status, 200, r.text())
      const cd = r.headers.get('content-disposition')
      const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10).replace(/-/g, '')
      assert.match(cd, new RegExp(`^attachment; filename="ledger_${today}\\.xlsx"; filename\\*=UTF-8''`))
      const star = /filename\*=UTF-8''([^;]+)/.exec(cd)[1]
      assert.match(star, /^[A-Za-z0-9%!#$&+\-.^_`|~]+$/, 'RFC 5987: only attr-chars and %XX')
      assert.equal(decodeURIComponent(star), `问题台账_株洲市_${today}.xlsx`)
      const rows = sheetRows(r.buf)
      assert.equal(rows[0][0], '问题台账(株洲市)')
      assert.match(rows[1][0], /^筛选条件:办理状态 已交办;单位 株洲市\(含下级\)/)
      assert.match(rows[1][0], /导出时间:\d{4}-\d\d-\d\d \d\d:\d\d/)
      const head = rows[2]
      assert.deepEqual(head, ['序号', '问题编号', '问题来源', '问题类别', '问题描述', '所在区域', '责任单位', '责任人', '整改措施',
        '完成时限', '措施完成时限', '整改进展', '办理状态', '是否销号', '反映时间', '受理时间', '办结时间', '来源记录',
        '原定时限', '延期后时限'])
      assert.ok(rows.length > 3 && rows[3][1], 'an assigned matter below the header')
      assert.equal(rows[3][0], '1')
      assert.match(rows[3][head.indexOf('反映时间')], /^\d{4}-\d\d-\d\d \d\d:\d\d$/)

      // Without filters: 全部, and a district dispatcher's file is named after the district.
      const plain = sheetRows((await leader.get('/api/v1/ledger.xlsx')).buf)
      assert.match(plain[1][0], /^筛选条件:全部/)
      const ls = await loginAs(ctx.base, 'dispatcher_other')
      const theirs = await ls.get('/api/v1/ledger.xlsx')
      assert.equal(decodeURIComponent(/filename\*=UTF-8''([^;]+)/.exec(theirs.headers.get('content-disposition'))[1]), `问题台账_芦淞区_${today}.xlsx`)
      assert.equal(sheetRows(theirs.buf)[0][0], '问题台账(芦淞区)')
    })

    test('the ledger names the field record that raised a matter (来源记录)', async () => {
      const d = await loginAs(ctx.base, 'dispatcher')
      const rec = await d.post('/api/v1/records', {
        kind: 'visit', method: 'random', date: '2026-11-28', place: { org: ORGS.street, address: '月塘街道' },
        leaders: ['dispatcher'], topic: '老旧小区走访', matters: [{ title: '楼道灯不亮', content: '3栋楼道灯坏了一个月' }],
      })
      assert.equal(rec.status, 201, rec.text())
      const code = rec.json.matters[0].code
      const rows = sheetRows((await d.get('/api/v1/ledger.xlsx?channel=visit')).buf)
      const col = rows[2].indexOf('来源记录')
      assert.equal(col, 17, 'after the office columns, which keep their places (原定时限 and 延期后时限 follow)')
      const row = rows.find((r) => r[1] === code)
      assert.ok(row, 'the visit\'s matter is in the ledger')
      assert.equal(row[col], `走访调研 ${rec.json.code}`)
    })
  })
}
