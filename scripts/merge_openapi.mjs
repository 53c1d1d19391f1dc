// Writes docs/openapi.json: docs/openapi/base.json (info, tags, shared components) with the
// paths (and any component schemas) of each part's fragment — src/app/openapi.json for the
// kernel's own routes, src/features/<name>/openapi.json for each feature, in that order. A path
// and method documented twice is an error. The app_test checks the committed file is this merge
// and that it matches the route table. Run: node scripts/merge_openapi.mjs
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const read = (p) => JSON.parse(fs.readFileSync(path.join(root, p), 'utf8'))
const doc = read('docs/openapi/base.json')
doc.paths = {}
const features = fs.readdirSync(path.join(root, 'src/features')).sort()
  .map((f) => `src/features/${f}/openapi.json`)
  .filter((p) => fs.existsSync(path.join(root, p)))
for (const file of ['src/app/openapi.json', ...features]) {
  const frag = read(file)
  for (const [p, ops] of Object.entries(frag.paths || {})) {
    doc.paths[p] ??= {}
    for (const [method, op] of Object.entries(ops)) {
      if (doc.paths[p][method]) throw new Error(`${file}: ${method.toUpperCase()} ${p} is documented twice`)
      doc.paths[p][method] = op
    }
  }
  for (const [name, schema] of Object.entries(frag.components?.schemas || {})) {
    doc.components ??= {}
    doc.components.schemas ??= {}
    if (doc.components.schemas[name]) throw new Error(`${file}: schema ${name} is defined twice`)
    doc.components.schemas[name] = schema
  }
}
fs.writeFileSync(path.join(root, 'docs/openapi.json'), JSON.stringify(doc, null, 2) + '\n')
console.log(`docs/openapi.json: ${Object.keys(doc.paths).length} paths from ${features.length + 1} fragments`)
