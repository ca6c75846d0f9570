/**
 * `pnpm --filter @alokai/repo-checks check [root]`: exits 1 and lists every tracked file that references
 * a path outside the repository (see `outside-references.ts`); `.ci/run` runs it before anything else.
 */
import { resolve } from 'node:path'
import { findOutsideReferences } from './outside-references.ts'

const root = resolve(process.argv[2] ?? resolve(import.meta.dirname, '../../..'))
const found = findOutsideReferences(root)
for (const r of found) console.error(`${r.path}:${r.line}: references ${r.match}`)
if (found.length > 0) {
  console.error(
    `${found.length} reference(s) to paths outside the repository: a fresh clone has none of them`,
  )
  process.exit(1)
}
console.log('no tracked file references a path outside the repository')
