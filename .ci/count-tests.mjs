// Sums vitest's JSON reports (`.vitest/results.json` of every workspace package that has a `test` script)
// into one line. A package whose report is missing has not run its tests: that fails the count.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

const roots = ['packages', 'apps', 'tools']
let passed = 0
let failed = 0
let skipped = 0
const missing = []

for (const root of roots) {
  if (!existsSync(root)) continue
  for (const name of readdirSync(root).sort()) {
    const dir = join(root, name)
    const manifest = join(dir, 'package.json')
    if (!existsSync(manifest)) continue
    if (!JSON.parse(readFileSync(manifest, 'utf8')).scripts?.test) continue
    const report = join(dir, '.vitest', 'results.json')
    if (!existsSync(report)) {
      missing.push(dir)
      continue
    }
    const r = JSON.parse(readFileSync(report, 'utf8'))
    passed += r.numPassedTests
    failed += r.numFailedTests
    skipped += r.numPendingTests + r.numTodoTests
    console.log(
      `${dir}: ${r.numPassedTests} passed, ${r.numFailedTests} failed (${r.numTotalTestSuites} suites)`,
    )
  }
}

for (const dir of missing) console.log(`${dir}: no test report (its tests did not run to the end)`)
const total = passed + failed
console.log(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`)
process.exit(failed > 0 || skipped > 0 || missing.length > 0 || total === 0 ? 1 : 0)
