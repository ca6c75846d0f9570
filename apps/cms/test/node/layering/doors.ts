/**
 * The rules that make each feature's service its only door, beside the layer table of `layers.ts`: a
 * feature's `store*` files are imported only by that feature's own non-edge files (so a route, a page,
 * the request edge or another feature can reach the data only through the feature's service), type-only
 * imports included, since a row type leaking out ties its readers to the SQL; `domain/` imports nothing
 * but `domain/`, types included; and the edge never reads the `DB` binding itself, but passes the request
 * scope (`c.var.scope`) to services. Only the scope builder, `http/scope.ts`, puts the binding in the scope.
 * And services are the one audit writer: the edge records nothing itself, but for the refusals of
 * `authorize` (no service runs then) and the files named in `EDGE_AUDIT_WRITERS`.
 */
import type { SourceNode } from './import-graph'
import { layerOf } from './layers'

/** The one edge file that reads the `DB` binding: it builds the request scope every service gets. */
const SCOPE_BUILDER = 'http/scope.ts'

/** Edge files that record audit entries themselves, each with its reason. */
export const EDGE_AUDIT_WRITERS: Readonly<Record<string, string>> = {
  'http/identify.ts': '`authorize` records its refusals: no service runs for a refused request',
}

function featureOf(file: string): string | undefined {
  const parts = file.split('/')
  return parts[0] === 'features' ? parts[1] : undefined
}

function isFeatureStore(file: string): boolean {
  return featureOf(file) !== undefined && layerOf(file) === 'store'
}

function allImports(node: SourceNode): { target: string; kind: string }[] {
  return [
    ...node.imports.map((target) => ({ target, kind: 'imports' })),
    ...node.typeImports.map((target) => ({ target, kind: 'imports types from' })),
  ]
}

/**
 * Every import of a feature's store from outside that feature or from its edge (`api`, `page*`), as
 * readable lines.
 * @example expect(storeImportViolations(graph)).toEqual([])
 */
export function storeImportViolations(graph: readonly SourceNode[]): string[] {
  const problems: string[] = []
  for (const node of graph) {
    for (const { target, kind } of allImports(node)) {
      if (!isFeatureStore(target)) continue
      const own = featureOf(node.file) === featureOf(target)
      if (own && layerOf(node.file) !== 'edge') continue
      const who = own ? 'its own edge' : 'outside its feature'
      problems.push(`${node.file} ${kind} ${target} (a store, from ${who})`)
    }
  }
  return problems
}

/**
 * Every import from `domain/` of anything outside `domain/`, types included, as readable lines.
 * @example expect(domainImportViolations(graph)).toEqual([])
 */
export function domainImportViolations(graph: readonly SourceNode[]): string[] {
  const problems: string[] = []
  for (const node of graph) {
    if (layerOf(node.file) !== 'domain') continue
    for (const { target, kind } of allImports(node)) {
      const to = layerOf(target)
      if (to !== 'domain') problems.push(`${node.file} (domain) ${kind} ${target} (${to})`)
    }
  }
  return problems
}

// `env.DB`, `env['DB']` (however `env` is reached: `c.env.DB`), or `DB` destructured from an `env`.
const DB_BINDING = /\benv\s*(?:\.\s*DB\b|\[\s*['"`]DB['"`]\s*\])|\{[^}]*\bDB\b[^}]*\}\s*=\s*(?:\w+\.)?env\b/g

/**
 * Every edge file (but the scope builder) whose source reads the `DB` binding, with the line of each read.
 * A source scan: the binding is a property, not an import, so the graph cannot see it.
 * @example expect(edgeDatabaseReads(sources)).toEqual([])
 */
export function edgeDatabaseReads(sources: readonly { file: string; text: string }[]): string[] {
  const problems: string[] = []
  for (const { file, text } of sources) {
    if (layerOf(file) !== 'edge' || file === SCOPE_BUILDER) continue
    for (const match of text.matchAll(DB_BINDING)) {
      const line = text.slice(0, match.index).split('\n').length
      problems.push(`${file}:${line} reads the DB binding (pass c.var.scope to a service)`)
    }
  }
  return problems
}

const AUDIT_WRITE = /\baudit\s*\.\s*record\s*\(/g

/**
 * Every edge file (but those in `writers`) whose source records an audit entry, with the line of each write.
 * @example expect(edgeAuditWrites(sources, EDGE_AUDIT_WRITERS)).toEqual([])
 */
export function edgeAuditWrites(
  sources: readonly { file: string; text: string }[],
  writers: Readonly<Record<string, string>>,
): string[] {
  const problems: string[] = []
  for (const { file, text } of sources) {
    if (layerOf(file) !== 'edge' || Object.hasOwn(writers, file)) continue
    for (const match of text.matchAll(AUDIT_WRITE)) {
      const line = text.slice(0, match.index).split('\n').length
      problems.push(`${file}:${line} records an audit entry (the service it calls should)`)
    }
  }
  return problems
}
