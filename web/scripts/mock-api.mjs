// A stand-in for `huiyin serve` while developing the web app without the C++ server: serves
// web/dist with the same fallbacks (/staff/* → staff.html, other pages → index.html) and answers
// the read endpoints of docs/api.md with a few fixed, plausible records. It keeps no state and
// checks no passwords; the real server is what the e2e tests run against.
// Usage: node scripts/mock-api.mjs [port]   (default 5180)
import { createServer } from 'node:http'
import { readFileSync, existsSync, statSync } from 'node:fs'
import { join, extname, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist')
const port = Number(process.argv[2] || 5180)
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png' }

const orgs = [
  { code: '430200', name: '株洲市', kind: 'area', level: 1 },
  { code: '430202', name: '荷塘区', kind: 'area', level: 2, parent: '430200' },
  { code: '430203', name: '芦淞区', kind: 'area', level: 2, parent: '430200' },
  { code: '430211', name: '天元区', kind: 'area', level: 2, parent: '430200' },
  { code: '430202001', name: '月塘街道', kind: 'area', level: 3, parent: '430202' },
  { code: '430200-CGJ', name: '市城管局', kind: 'dept', level: 1, parent: '430200' },
  { code: '430200-ZJJ', name: '市住建局', kind: 'dept', level: 1, parent: '430200' },
]
const categories = [
  { code: 'urban', name: '城乡建设', level: 1 },
  { code: 'urban.lighting', name: '路灯照明', level: 2, parent: 'urban' },
  { code: 'urban.road', name: '道路维修', level: 2, parent: 'urban' },
  { code: 'env', name: '环境保护', level: 1 },
  { code: 'env.noise', name: '噪声扰民', level: 2, parent: 'env' },
]
const at = (d, h = 9) => `2026-11-${String(d).padStart(2, '0')}T${String(h).padStart(2, '0')}:30:00+08:00`
const summary = (i, status, label) => ({
  code: `ZZ-202611${String(10 + (i % 12)).padStart(2, '0')}-${String(100 + i).padStart(6, '0')}`,
  title: ['建设路口路灯连续一周不亮', '小区门口占道经营严重', '夜间工地施工噪声扰民', '人行道地砖松动', '公交站台顶棚漏雨'][i % 5],
  status, status_label: label, channel: i % 2 ? 'hotline' : 'web', channel_label: i % 2 ? '12345热线' : '网上反映',
  kind: 'problem', kind_label: '问题', category: 'urban.lighting', category_label: '路灯照明',
  area: { code: '430202', name: '荷塘区' }, lead_org: status === 'submitted' ? null : { code: '430200-CGJ', name: '市城管局' },
  handling_class: 'phased', handling_class_label: '限期整改', deadline: at(28, 17),
  deadline_text: i % 4 === 0 ? '超期2天' : `剩余${(i % 5) + 1}个工作日`, overdue: i % 4 === 0,
  created_at: at(10 + (i % 12)), updated_at: at(12 + (i % 10), 15), version: 3,
})
const STAT = (k) => ({ collected: 14235 - k * 900, responded: 14000 - k * 900, accepted: 13500, rejected: 120, assigned: 13200, resolved: 12800 - k * 800,
  evaluated: 9000, solved: 8625, satisfied: 8400, closed: 12000, overdue: 37 + k * 10, returned: 85,
  response_rate: 0.9835 - k * 0.01, resolution_rate: 0.9583 - k * 0.02, satisfaction_rate: 0.9333 + k * 0.01 })
const units = ['市城管局', '市住建局', '荷塘区', '芦淞区', '天元区', '市生态环境局', '市交通运输局'].map((name, i) => ({
  key: `u${i}`, name, ...STAT(0), collected: 2100 - i * 220, overdue: (i * 7) % 11, returned: (i * 5) % 9,
  response_rate: 0.99 - i * 0.012, resolution_rate: 0.97 - i * 0.018, satisfaction_rate: 0.95 - ((i * 3) % 7) * 0.01,
}))
const user = { id: 1, username: 'admin', display_name: '系统管理员', roles: [{ role: 'admin', role_label: '管理员', org: { code: '430200', name: '株洲市' } }], primary_org: { code: '430200', name: '株洲市' } }
const detail = {
  ...summary(3, 'signed', '办理中'), content: '荷塘区建设路与新华路交叉口的三盏路灯连续一周晚上不亮,行人和车辆通行很不安全,请尽快维修。', address: '建设路与新华路交叉口',
  reporter: { name: '王*', phone: '139****5678', anonymous: false, masked: true }, co_orgs: [{ code: '430202', name: '荷塘区' }], reply: '', attachments: [],
  extension_pending: false, return_count: 1, available_actions: ['resolve', 'extend_request'],
  events: [
    { seq: 1, at: at(13), type: 'submit', type_label: '提交反映', actor: '群众', to_status: 'submitted', payload: {} },
    { seq: 2, at: at(13, 10), type: 'accept', type_label: '受理', actor: '刘芳(市12345热线)', from_status: 'submitted', to_status: 'accepted', payload: {} },
    { seq: 3, at: at(13, 11), type: 'assign', type_label: '交办', actor: '刘芳(市12345热线)', from_status: 'accepted', to_status: 'assigned', payload: { lead_org_name: '荷塘区城管局', deadline: '2026-11-27' } },
    { seq: 4, at: at(14), type: 'return', type_label: '退回', actor: '龙勇(荷塘区城管局)', from_status: 'assigned', to_status: 'returned', payload: { reason: '该路段路灯由市城管局路灯所管理' } },
    { seq: 5, at: at(14, 11), type: 'assign', type_label: '交办', actor: '刘芳(市12345热线)', from_status: 'returned', to_status: 'assigned', payload: { lead_org_name: '市城管局', deadline: '2026-11-28' } },
    { seq: 6, at: at(15), type: 'sign', type_label: '签收', actor: '张伟(市城管局)', from_status: 'assigned', to_status: 'signed', payload: {} },
  ],
  measures: [{ id: 1, content: '更换老化电缆120米,更换LED灯具3套', owner_org: { code: '430200-CGJ', name: '市城管局' }, owner_name: '张伟', deadline: '2026-11-26', progress: 60, status: 'in_progress', status_label: '推进中', evidence: '', version: 1 }],
}

function api(path, q) {
  if (path === '/session') return { csrf_token: 'x', user }
  if (path === '/categories') return categories
  if (path === '/districts') return orgs.filter((o) => o.kind === 'area')
  if (path === '/orgs') return orgs
  if (path === '/campaigns') return [{ code: 'zzxc-2026', name: '常态化走找想促' }]
  if (path === '/workbench') {
    const counts = { to_accept: 12, to_sign: 5, in_progress: 23, returned: 2, to_verify: 8, to_close: 4, extension_requests: 1, overdue: 3 }
    const labels = { to_accept: '待受理', to_sign: '待签收', in_progress: '办理中', returned: '被退回', to_verify: '待回访', to_close: '待销号', extension_requests: '延期申请', overdue: '已超期' }
    const cards = Object.entries(counts).map(([key, count]) => ({ key, label: labels[key], hot: key === 'returned' || key === 'overdue', count, query: { card: key } }))
    return { cards, counts }
  }
  if (path === '/matters') return { items: Array.from({ length: 20 }, (_, i) => summary(i, ...[['signed', '办理中'], ['submitted', '待受理'], ['resolved', '已办结'], ['returned', '被退回']][i % 4])), next_cursor: 'x' }
  if (path.startsWith('/matters/') && path.endsWith('/similar')) return [{ code: 'ZZ-20261101-000042', title: '建设路路灯不亮', status: 'closed', score: 0.86, created_at: at(1) }]
  if (path.startsWith('/matters/') && path.endsWith('/suggestions')) return null
  if (path.startsWith('/matters/')) return detail
  if (path.startsWith('/track/')) return { ...detail, timeline: detail.events.map((e) => ({ at: e.at, type: e.type, type_label: e.type_label, status_label: e.to_status })), can_evaluate: false }
  if (path === '/wall') return { items: Array.from({ length: 6 }, (_, i) => ({ ...summary(i, i % 2 ? 'closed' : 'signed', i % 2 ? '已销号' : '办理中'), content: '建设路口三盏路灯连续一周不亮,夜间通行不安全。', district_name: '荷塘区', reply: i % 2 ? '已更换电缆和灯具,恢复正常照明。' : '', unit_name: '市城管局', resolved_at: at(20) })), totals: { collected: 14235, resolved: 13642 } }
  if (path === '/deadline') return { deadline: '2026-12-04', days: 10, unit: 'working', text: '按规则10个工作日,至 2026-12-04' }
  if (path === '/stats/overview') return { ...STAT(0), previous: STAT(1) }
  if (path === '/stats/grouped') {
    if (q.get('by') === 'day') return Array.from({ length: 30 }, (_, i) => ({ key: `2026-10-${String(i + 1).padStart(2, '0')}`, name: `2026-10-${String(i + 1).padStart(2, '0')}`, collected: 400 + ((i * 37) % 120), resolved: 360 + ((i * 29) % 110) }))
    if (q.get('by') === 'category') return categories.map((c, i) => ({ key: c.code, name: c.name, collected: 3000 - i * 400 }))
    if (q.get('by') === 'channel') return ['网上反映', '12345热线', '走访调研', '信访接待', '夜话家常'].map((name, i) => ({ key: `c${i}`, name, collected: 6000 / (i + 1) }))
    return units
  }
  if (path === '/admin/users') return [user, { username: 'handler', display_name: '张伟(市城管局)', active: true, roles: [{ role: 'handler', role_label: '承办人', org: { code: '430200-CGJ', name: '市城管局' } }] }]
  if (path === '/admin/calendar') return { days: [{ date: '2026-10-01', type: 'holiday', name: '国庆节' }, { date: '2026-10-10', type: 'workday', name: '国庆节调休' }] }
  if (path === '/admin/deadline-rules') return { rules: [{ days: 10, unit: 'working' }, { channel: 'hotline', handling_class: 'immediate', days: 3, unit: 'working' }] }
  return undefined
}

createServer((req, res) => {
  const u = new URL(req.url, 'http://x')
  if (u.pathname.startsWith('/api/v1/')) {
    const body = api(u.pathname.slice(7), u.searchParams)
    if (body === undefined || body === null) {
      res.writeHead(404, { 'Content-Type': 'application/problem+json' })
      return res.end(JSON.stringify({ type: 'https://huiyin.local/problems/not_found', title: '未找到', status: 404, detail: '未找到相关内容' }))
    }
    res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' })
    return res.end(JSON.stringify(body))
  }
  let file = join(dist, u.pathname)
  if (!file.startsWith(dist) || !existsSync(file) || statSync(file).isDirectory()) {
    file = join(dist, u.pathname.startsWith('/staff') ? 'staff.html' : 'index.html')
  }
  res.writeHead(200, { 'Content-Type': TYPES[extname(file)] || 'application/octet-stream' })
  res.end(readFileSync(file))
}).listen(port, '127.0.0.1', () => console.log(`mock api on http://127.0.0.1:${port}`))
