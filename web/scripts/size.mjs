// Prints the gzip size of what the public pages load (dist/index.html and everything reachable
// from it: the entry, shared chunks, CSS, and the lazily loaded public routes), after `npm run build`.
// Usage: node scripts/size.mjs [--json]
import { readFileSync, existsSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import { join, dirname, basename } from 'node:path'
import { fileURLToPath } from 'node:url'

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist')
if (!existsSync(join(dist, 'index.html'))) {
  console.error('size: dist/index.html is missing; run `npm run build` first')
  process.exit(1)
}
const gz = (file) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length
const refs = (text) => [...text.matchAll(/["'(](?:\/|\.\/)?(assets\/[\w.-]+\.(?:js|css))["')]|["']\.\/([\w.-]+\.(?:js|css))["']/g)]
  .map((m) => m[1] || `assets/${m[2]}`)

function closure(html) {
  const first = new Set(refs(html))
  const all = new Set(first)
  const queue = [...first]
  while (queue.length) {
    const f = queue.shift()
    if (!f.endsWith('.js')) continue
    for (const r of refs(readFileSync(join(dist, f), 'utf8'))) if (!all.has(r)) all.add(r), queue.push(r)
  }
  return { first, all }
}

const html = readFileSync(join(dist, 'index.html'), 'utf8')
const { first, all } = closure(html)
// What the first page (我要反映) needs: the files index.html names and their static imports.
const initial = new Set(first)
for (const f of first) if (f.endsWith('.js')) {
  const text = readFileSync(join(dist, f), 'utf8')
  for (const m of text.matchAll(/from\s*["']\.\/([\w.-]+\.js)["']/g)) initial.add(`assets/${m[1]}`)
}
const sum = (set) => [...set].reduce((n, f) => n + gz(f), 0)
const kb = (n) => `${(n / 1024).toFixed(1)} KB`
const rows = [...all].sort().map((f) => ({ file: basename(f), gzip: gz(f), initial: initial.has(f) }))
const staffHtml = readFileSync(join(dist, 'staff.html'), 'utf8')
const staff = closure(staffHtml).all
if (process.argv.includes('--json')) {
  console.log(JSON.stringify({ initial: sum(initial), all_public: sum(all), staff_all: sum(staff), files: rows }, null, 2))
} else {
  for (const r of rows) console.log(`${r.initial ? '*' : ' '} ${kb(r.gzip).padStart(9)}  ${r.file}`)
  console.log(`public first page (我要反映, files marked *): ${kb(sum(initial))} gzip`)
  console.log(`all public pages (incl. lazily loaded 进度查询/回音壁):  ${kb(sum(all))} gzip`)
  console.log(`staff app, everything (for comparison):        ${kb(sum(staff))} gzip`)
}
