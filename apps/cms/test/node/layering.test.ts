import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  domainImportViolations,
  EDGE_AUDIT_WRITERS,
  edgeAuditWrites,
  edgeDatabaseReads,
  storeImportViolations,
} from './layering/doors'
import { findCycles, readImportGraph, type SourceNode } from './layering/import-graph'
import { layeringViolations, layerOf } from './layering/layers'

const src = resolve(import.meta.dirname, '../../src')
const graph = readImportGraph(src)
const sources = graph.map((n) => ({ file: n.file, text: readFileSync(resolve(src, n.file), 'utf8') }))

describe('the CMS source layering', () => {
  it('reads the whole source tree', () => {
    expect(graph.length).toBeGreaterThan(80)
    expect(graph.find((n) => n.file === 'app.ts')?.packages).toContain('hono')
  })

  it('has no import against the documented layers, and no hono outside the HTTP edge', () => {
    expect(layeringViolations(graph)).toEqual([])
  })

  it('has no circular imports', () => {
    expect(findCycles(graph)).toEqual([])
  })

  it('imports each store only from its own feature, and never from the edge', () => {
    expect(storeImportViolations(graph)).toEqual([])
  })

  it('keeps domain/ free of imports from any other layer, types included', () => {
    expect(domainImportViolations(graph)).toEqual([])
  })

  it('reads the DB binding at the edge only where the request scope is built', () => {
    expect(sources.some((s) => s.file === 'http/scope.ts' && s.text.includes('c.env.DB'))).toBe(true)
    expect(edgeDatabaseReads(sources)).toEqual([])
  })

  it('leaves audit entries to the services, but for the edge writers named with their reason', () => {
    expect(edgeAuditWrites(sources, EDGE_AUDIT_WRITERS)).toEqual([])
    for (const file of Object.keys(EDGE_AUDIT_WRITERS)) {
      expect(
        edgeAuditWrites(sources, {}).some((p) => p.startsWith(`${file}:`)),
        file,
      ).toBe(true)
    }
  })

  it('puts each kind of file in its layer', () => {
    expect(layerOf('features/api-tokens/api.ts')).toBe('edge')
    expect(layerOf('features/api-tokens/page.tsx')).toBe('edge')
    expect(layerOf('features/api-tokens/view.tsx')).toBe('view')
    expect(layerOf('features/api-tokens/service.ts')).toBe('service')
    expect(layerOf('features/key-rotation/store-runs.ts')).toBe('store')
    expect(layerOf('domain/errors.ts')).toBe('domain')
    expect(layerOf('outbound/url-policy.ts')).toBe('lib')
    expect(layerOf('features/dashboard/flash.ts')).toBe('edge')
    expect(layerOf('features/dashboard/service.ts')).toBe('service')
  })
})

describe('the checks themselves', () => {
  const node = (
    file: string,
    imports: string[],
    packages: string[] = [],
    typeImports: string[] = [],
  ): SourceNode => ({
    file,
    imports,
    typeImports,
    packages,
  })

  it('report a service importing the edge, a store importing a service, hono in a service and edge types below the edge', () => {
    const problems = layeringViolations([
      node('features/x/service.ts', ['http/problem.ts'], ['hono']),
      node('features/x/store.ts', ['features/x/service.ts']),
      node('features/x/view.tsx', [], ['hono/jsx'], ['features/x/service.ts']),
      node('features/x/model.ts', [], [], ['http/hono-types.ts']),
      node('features/x/api.ts', ['features/x/service.ts'], ['hono']),
    ])
    expect(problems).toEqual([
      'features/x/service.ts (service) imports http/problem.ts (edge)',
      'features/x/service.ts (service) imports hono',
      'features/x/store.ts (store) imports features/x/service.ts (service)',
      'features/x/model.ts (service) imports types from http/hono-types.ts (edge)',
    ])
  })

  it('find a cycle of three files and a file importing itself, and nothing in a tree', () => {
    expect(findCycles([node('a.ts', ['b.ts']), node('b.ts', ['c.ts']), node('c.ts', ['a.ts'])])).toEqual([
      ['a.ts', 'b.ts', 'c.ts'],
    ])
    expect(findCycles([node('a.ts', ['a.ts'])])).toEqual([['a.ts']])
    expect(findCycles([node('a.ts', ['b.ts', 'c.ts']), node('b.ts', ['c.ts']), node('c.ts', [])])).toEqual([])
  })

  it('report a store imported from another feature, from its own edge or as types, and not from its own service or view', () => {
    const problems = storeImportViolations([
      node('features/x/store.ts', []),
      node('features/x/store-list.ts', ['features/x/store.ts']),
      node('features/x/service.ts', ['features/x/store.ts', 'features/x/store-list.ts']),
      node('features/x/view.tsx', [], [], ['features/x/store.ts']),
      node('features/x/api.ts', ['features/x/store.ts']),
      node('features/x/page-list.tsx', [], [], ['features/x/store-list.ts']),
      node('features/y/service.ts', ['features/x/store.ts']),
      node('features/y/view.tsx', [], [], ['features/x/store.ts']),
      node('http/identify.ts', ['features/x/store.ts']),
      node('jobs/scheduled.ts', ['features/x/service.ts']),
    ])
    expect(problems).toEqual([
      'features/x/api.ts imports features/x/store.ts (a store, from its own edge)',
      'features/x/page-list.tsx imports types from features/x/store-list.ts (a store, from its own edge)',
      'features/y/service.ts imports features/x/store.ts (a store, from outside its feature)',
      'features/y/view.tsx imports types from features/x/store.ts (a store, from outside its feature)',
      'http/identify.ts imports features/x/store.ts (a store, from outside its feature)',
    ])
  })

  it('report domain/ importing any other layer, also for types only', () => {
    const problems = domainImportViolations([
      node('domain/caller.ts', ['domain/roles.ts'], ['@alokai/crypto'], ['features/x/store.ts']),
      node('domain/scope.ts', ['config/load-config.ts'], [], ['features/x/service.ts', 'domain/audit.ts']),
      node('features/x/service.ts', ['domain/caller.ts']),
    ])
    expect(problems).toEqual([
      'domain/caller.ts (domain) imports types from features/x/store.ts (store)',
      'domain/scope.ts (domain) imports config/load-config.ts (lib)',
      'domain/scope.ts (domain) imports types from features/x/service.ts (service)',
    ])
  })

  it('report every read of the DB binding in the edge but the scope builder, and none below the edge', () => {
    const problems = edgeDatabaseReads([
      { file: 'http/scope.ts', text: 'const scope = { db: c.env.DB }' },
      { file: 'features/x/api.ts', text: "import x from 'y'\nawait list(c.env.DB)\nconst { DB } = c.env\n" },
      { file: 'features/x/page.tsx', text: "await c.env['DB'].prepare('SELECT 1')" },
      { file: 'http/params.ts', text: 'find(c.env .DB, id)' },
      { file: 'features/x/service.ts', text: 'run(env.DB)' },
      { file: 'features/x/api.ts', text: 'c.env.DATABASE_URL; c.var.scope' },
    ])
    expect(problems).toEqual([
      'features/x/api.ts:2 reads the DB binding (pass c.var.scope to a service)',
      'features/x/api.ts:3 reads the DB binding (pass c.var.scope to a service)',
      'features/x/page.tsx:1 reads the DB binding (pass c.var.scope to a service)',
      'http/params.ts:1 reads the DB binding (pass c.var.scope to a service)',
    ])
  })

  it('report an audit write in the edge, but not in a named edge writer or below the edge', () => {
    const write = "await c.var.scope.audit.record({ action: 'x', outcome: 'success' })"
    const problems = edgeAuditWrites(
      [
        { file: 'features/x/api.ts', text: `const a = 1\n${write}` },
        { file: 'http/identify.ts', text: write },
        { file: 'features/x/service.ts', text: "await scope.audit.record({ action: 'x' })" },
        { file: 'http/audit-declaration.ts', text: 'audit.\n  record(event)' },
      ],
      { 'http/identify.ts': 'refusals' },
    )
    expect(problems).toEqual([
      'features/x/api.ts:2 records an audit entry (the service it calls should)',
      'http/audit-declaration.ts:1 records an audit entry (the service it calls should)',
    ])
  })
})
