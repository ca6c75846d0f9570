/**
 * The audit filter's list of actions is the domain's `AUDIT_ACTIONS`, not a scan of the log: this test
 * reads every source file and fails when a literal action a service records (or a route declares) is
 * missing from it.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { AUDIT_ACTIONS } from '../../src/domain/audit-actions'

const SRC = join(import.meta.dirname, '../../src')

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
  )
}

/** Literal actions: `action: 'x.y'`, `action: c ? 'x.y' : 'x.z'`, `authorize('x.y'`. */
function recorded(text: string): string[] {
  const found: string[] = []
  for (const m of text.matchAll(/action: ([^,\n}]+)/g))
    for (const lit of (m[1] ?? '').matchAll(/'([a-z_]+\.[a-z_]+)'/g)) found.push(lit[1] ?? '')
  for (const m of text.matchAll(/authorize\('([a-z_]+\.[a-z_]+)'/g)) found.push(m[1] ?? '')
  return found
}

describe('the audit action list', () => {
  it('holds every literal action the source records or declares', () => {
    const all = new Set(sources(SRC).flatMap((file) => recorded(readFileSync(file, 'utf8'))))
    expect(all.size).toBeGreaterThan(20)
    expect([...all].filter((a) => !AUDIT_ACTIONS.includes(a as never)).sort()).toEqual([])
  })

  it('is sorted and has no duplicates', () => {
    expect([...AUDIT_ACTIONS]).toEqual([...new Set(AUDIT_ACTIONS)].sort())
  })
})
