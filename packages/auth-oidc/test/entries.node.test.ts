/**
 * The Workers-facing entries load no `node:` module and no framework at run time: what `./hono` and `.`
 * import is read from the sources (following relative imports and `#runtime` to its web file), type-only
 * imports excluded. The workerd
 * project runs with `nodejs_compat`, so a stray `node:` import would pass there; this catches it.
 */
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const src = join(dirname(fileURLToPath(import.meta.url)), '../src')
// `import x from 'y'`, `import { a, type b } from 'y'`, `export { a } from 'y'`; not `import type …`.
const VALUE_IMPORT = /^(?:import|export)\s+(?!type\s)[^;]*?from\s+'([^']+)'/gms

function runtimeImports(entry: string, seen: Set<string> = new Set()): Set<string> {
  const external = new Set<string>()
  if (seen.has(entry)) return external
  seen.add(entry)
  const text = readFileSync(entry, 'utf8')
  for (const [, specifier] of text.matchAll(VALUE_IMPORT)) {
    if (specifier === undefined) continue
    // A Worker resolves `#runtime` to the web file (package.json `imports`, web conditions first).
    if (specifier === '#runtime') {
      for (const x of runtimeImports(join(src, 'internal/runtime-web.ts'), seen)) external.add(x)
    } else if (specifier.startsWith('.')) {
      for (const x of runtimeImports(join(dirname(entry), specifier), seen)) external.add(x)
    } else external.add(specifier)
  }
  return external
}

// jose and the primitives tsup bundles from @alokai/internal: nothing else may load at run time.
const allowed = new Set(['jose', '@alokai/internal'])

describe('entry points', () => {
  it.each(['hono.ts', 'express.ts', 'index.ts'])('%s loads no node: module and no framework', (entry) => {
    const imports = [...runtimeImports(join(src, entry))]
    expect(imports).toContain('jose')
    expect(imports.filter((x) => !allowed.has(x))).toEqual([])
  })

  it('sees a value import of node:fs in this very file (the scan works)', () => {
    expect([...runtimeImports(fileURLToPath(import.meta.url))]).toContain('node:fs')
  })
})
