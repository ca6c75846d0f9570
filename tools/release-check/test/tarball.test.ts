import { describe, expect, it } from 'vitest'
import { ReleaseCheckError, redact } from '../src/errors.ts'
import { type PublishedPackage, tarballProblems } from '../src/tarball.ts'

const clean: PublishedPackage = {
  name: '@alokai/env',
  version: '0.1.0',
  files: ['CHANGELOG.md', 'LICENSE', 'README.md', 'dist/index.cjs', 'dist/index.js', 'package.json'],
  manifest: { name: '@alokai/env', version: '0.1.0', dependencies: { zod: '4.6.7' } },
}

describe('tarballProblems', () => {
  it('accepts dist, README, CHANGELOG, LICENSE and package.json', () => {
    expect(tarballProblems(clean)).toEqual([])
  })

  it('names every file outside the allowed set', () => {
    const pkg = { ...clean, files: [...clean.files, 'src/index.ts', 'tsup.config.ts', '.env'] }
    expect(tarballProblems(pkg)).toEqual([
      '@alokai/env@0.1.0: unexpected file src/index.ts',
      '@alokai/env@0.1.0: unexpected file tsup.config.ts',
      '@alokai/env@0.1.0: unexpected file .env',
    ])
  })

  it('requires a README and a non-empty dist', () => {
    const pkg = { ...clean, files: ['package.json'] }
    expect(tarballProblems(pkg)).toEqual([
      '@alokai/env@0.1.0: missing README.md',
      '@alokai/env@0.1.0: missing dist/',
    ])
  })

  it('refuses workspace: and catalog: ranges left in the published manifest', () => {
    const manifest = { ...clean.manifest, dependencies: { zod: 'catalog:', '@alokai/crypto': 'workspace:*' } }
    expect(tarballProblems({ ...clean, manifest })).toEqual([
      '@alokai/env@0.1.0: dependencies.zod was published as catalog:',
      '@alokai/env@0.1.0: dependencies.@alokai/crypto was published as workspace:*',
    ])
  })
})

describe('redact', () => {
  it('removes every occurrence of every secret', () => {
    expect(redact('a tok b tok c key', ['tok', 'key', ''])).toBe('a [redacted] b [redacted] c [redacted]')
  })

  it('gives errors a stable code', () => {
    const error = new ReleaseCheckError('ERR_RELEASE_SMOKE', 'smoke failed')
    expect(error.code).toBe('ERR_RELEASE_SMOKE')
    expect(error).toBeInstanceOf(Error)
  })
})
