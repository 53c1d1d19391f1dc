// What the upgrade test reads, shared by the fixture maker (scripts/make_upgrade_fixture.sh, run
// against the old release) and tests/api/upgrade.test.mjs (run against the current binary), so
// both sides read exactly the same things the same way.
//
//   node tests/api/upgrade_fixture.mjs extras BASE   add what the demo lacks (photos) through the API
//   node tests/api/upgrade_fixture.mjs read BASE     print everything the readers below can read, as JSON
import crypto from 'node:crypto'
import { fileURLToPath } from 'node:url'
import { Client } from './lib.mjs'

export const DEMO_PASSWORD = 'Huiyin@2026'
// Sees every matter of the demo city and is the one role that reads the user list in both
// releases; its reading of a matter is the unmasked one (the unit complained about is masked).
export const READER = 'admin'

// Small pictures that pass the upload type check (the magic bytes decide), different bytes each.
const picture = (magic, text) => Buffer.concat([Buffer.from(magic), Buffer.from(text)])
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]
const JPEG = [0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0]

async function upload(client, bytes, type) {
  const r = await client.request('POST', '/api/v1/attachments', { raw: bytes, headers: { 'content-type': type } })
  if (r.status !== 201) throw new Error(`upload: ${r.status} ${r.text()}`)
  return r.json.id
}

async function must(r, status, what) {
  if (r.status !== status) throw new Error(`${what}: ${r.status} ${r.text()}`)
  return r.json
}

// The demo records no photos, so the release's own API adds a few: a citizen's report with two
// photos (tracked by its token), a field visit recorded by the collector with one, and a photo
// never linked to a matter (the current release removes such uploads after a day).
export async function addExtras(base) {
  const citizen = new Client(base)
  const photos = [
    await upload(citizen, picture(PNG, '月塘路口积水照片一'), 'image/png'),
    await upload(citizen, picture(JPEG, '月塘路口积水照片二'), 'image/jpeg'),
  ]
  const report = await must(await citizen.post('/api/v1/intake', {
    title: '月塘路口下雨积水严重',
    content: '荷塘区月塘街道月塘路与新华路交叉口一下雨就积水,深处没过脚踝,行人只能绕行,请尽快疏通排水口。附现场照片两张。',
    location: { address: '荷塘区月塘街道月塘路与新华路交叉口', district: '430202001' },
    contact: { name: '周建国', phone: '13907331234' },
    public_consent: true,
    attachments: photos,
  }, { headers: { 'idempotency-key': 'upgrade-fixture-citizen-1' } }), 201, 'citizen intake')

  const collector = await new Client(base).login('collector', DEMO_PASSWORD)
  const visitPhoto = await upload(collector, picture(PNG, '走访拍摄:楼道堆放杂物'), 'image/png')
  const visit = await must(await collector.post('/api/v1/intake', {
    title: '老旧小区楼道堆放杂物',
    content: '走访月塘社区3栋时发现楼道内长期堆放纸箱和旧家具,堵塞消防通道,住户多次反映。',
    channel: 'visit',
    location: { address: '荷塘区月塘街道月塘社区3栋', district: '430202001' },
    contact: { name: '李秀英', phone: '0731-22334455' },
    attachments: [visitPhoto],
  }), 201, 'collector intake')

  await upload(new Client(base), picture(PNG, '上传后没有提交的照片'), 'image/png')
  return { tracked: [{ code: report.code, token: report.token }], recorded: [visit.code] }
}

// Everything READER can read of every matter, plus the user list and the tracking view of the
// matters whose tokens are known. Attachments are read as bytes and kept as their SHA-256.
export async function readAll(base, { tracked = [] } = {}) {
  const c = await new Client(base).login(READER, DEMO_PASSWORD)
  const list = []
  for (let cursor = ''; ;) {
    const page = await must(await c.get('/api/v1/matters?limit=100' + (cursor ? '&cursor=' + encodeURIComponent(cursor) : '')), 200, 'matter list')
    list.push(...page.items)
    if (!page.next_cursor) break
    cursor = page.next_cursor
  }
  const matters = {}
  for (const item of list) {
    const detail = await must(await c.get(`/api/v1/matters/${item.code}`), 200, `matter ${item.code}`)
    const measures = await must(await c.get(`/api/v1/matters/${item.code}/measures`), 200, `measures of ${item.code}`)
    const files = []
    for (const a of detail.attachments) {
      const r = await c.get(`/api/v1/attachments/${a.id}`)
      if (r.status !== 200) throw new Error(`attachment ${a.id} of ${item.code}: ${r.status}`)
      files.push({ sha256: crypto.createHash('sha256').update(r.buf).digest('hex'), type: r.headers.get('content-type') })
    }
    matters[item.code] = { detail, measures, files }
  }
  const users = await must(await c.get('/api/v1/admin/users'), 200, 'user list')
  const tracks = {}
  for (const { code, token } of tracked) {
    tracks[code] = { token, view: await must(await new Client(base).get(`/api/v1/track/${code}?token=${encodeURIComponent(token)}`), 200, `track ${code}`) }
  }
  return { read_at: new Date().toISOString(), reader: READER, list, matters, users, tracks }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [cmd, base, extra] = process.argv.slice(2)
  if (cmd === 'extras') {
    process.stdout.write(JSON.stringify(await addExtras(base)) + '\n')
  } else if (cmd === 'read') {
    const extras = extra ? JSON.parse(extra) : {}
    process.stdout.write(JSON.stringify({ extras, ...(await readAll(base, extras)) }) + '\n')
  } else {
    console.error('usage: upgrade_fixture.mjs extras BASE | read BASE [EXTRAS_JSON]')
    process.exit(2)
  }
}
