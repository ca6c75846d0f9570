/**
 * The CMS's layering, as documented in `apps/cms/README.md` (Structure): every file under `src/` belongs
 * to one layer, decided by where it lives and the first word of its name, and may import at run time only
 * the layers below it. Types (erased when compiled) may come from any layer but the edge: a view renders
 * what a service returns. Only the edge imports `hono`; views import `hono/jsx` (and `hono/html`) only.
 */
import type { SourceNode } from './import-graph'

/**
 * From the request inward: the HTTP edge; views (JSX); services; stores (D1); libraries (crypto, outbound,
 * config); the domain vocabulary (errors, caller, policy, the scope type) that every layer speaks.
 */
export type Layer = 'edge' | 'view' | 'service' | 'store' | 'lib' | 'domain'

/** What each layer may import at run time (its own layer included). */
const MAY_IMPORT: Readonly<Record<Layer, readonly Layer[]>> = {
  edge: ['edge', 'view', 'service', 'store', 'lib', 'domain'],
  view: ['view', 'lib', 'domain'],
  service: ['service', 'store', 'lib', 'domain'],
  store: ['store', 'lib', 'domain'],
  lib: ['lib', 'domain'],
  domain: ['domain'],
}

/**
 * The layer of a file (path relative to `src/`).
 * @example layerOf('features/api-tokens/page.tsx') // 'edge'
 */
export function layerOf(file: string): Layer {
  const parts = file.split('/')
  const top = parts[0]
  const name = parts.at(-1) ?? ''
  if (top === 'app.ts' || top === 'index.ts' || top === 'http') return 'edge'
  if (top === 'views') return 'view'
  if (top === 'domain') return 'domain'
  if (top === 'jobs') return 'service'
  if (top === 'db') return 'store'
  if (top === 'features') {
    if (/^store\b/.test(name)) return 'store'
    if (/^(api|page|routes)\b/.test(name)) return 'edge'
    // The dashboard's shared page code is edge, all but its service (the flash store behind it).
    if (parts[1] === 'dashboard') return /^service\b/.test(name) ? 'service' : 'edge'
    if (/^view\b/.test(name)) return 'view'
    return 'service'
  }
  return 'lib'
}

const HONO_FOR_VIEWS = new Set(['hono/jsx', 'hono/html', 'hono/jsx/jsx-runtime'])

/**
 * Every import that runs against the layering, as readable lines.
 * @example expect(layeringViolations(graph)).toEqual([])
 */
export function layeringViolations(graph: readonly SourceNode[]): string[] {
  const problems: string[] = []
  for (const node of graph) {
    const from = layerOf(node.file)
    for (const target of node.imports) {
      const to = layerOf(target)
      if (!MAY_IMPORT[from].includes(to)) problems.push(`${node.file} (${from}) imports ${target} (${to})`)
    }
    for (const target of node.typeImports) {
      if (layerOf(target) === 'edge' && from !== 'edge')
        problems.push(`${node.file} (${from}) imports types from ${target} (edge)`)
    }
    for (const pkg of node.packages) {
      if (pkg !== 'hono' && !pkg.startsWith('hono/')) continue
      if (from === 'edge') continue
      if (from === 'view' && HONO_FOR_VIEWS.has(pkg)) continue
      problems.push(`${node.file} (${from}) imports ${pkg}`)
    }
  }
  return problems
}
