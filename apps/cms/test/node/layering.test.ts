import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { findCycles, readImportGraph, type SourceNode } from './layering/import-graph'
import { layeringViolations, layerOf } from './layering/layers'

const graph = readImportGraph(resolve(import.meta.dirname, '../../src'))

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

  it('puts each kind of file in its layer', () => {
    expect(layerOf('features/api-tokens/api.ts')).toBe('edge')
    expect(layerOf('features/api-tokens/page.tsx')).toBe('edge')
    expect(layerOf('features/api-tokens/view.tsx')).toBe('view')
    expect(layerOf('features/api-tokens/service.ts')).toBe('service')
    expect(layerOf('features/key-rotation/store-runs.ts')).toBe('store')
    expect(layerOf('domain/errors.ts')).toBe('domain')
    expect(layerOf('outbound/url-policy.ts')).toBe('lib')
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
})
