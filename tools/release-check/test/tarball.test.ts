import { describe, expect, it } from 'vitest'
import { ReleaseCheckError, redact } from '../src/errors.ts'
import { type PublishedPackage, peerRangeProblems, tarballProblems } from '../src/tarball.ts'

const clean: PublishedPackage = {
  name: '@alokai/env',
  version: '0.1.0',
  files: ['CHANGELOG.md', 'LICENSE', 'README.md', 'dist/index.cjs', 'dist/index.js', 'package.json'],
  manifest: { name: '@alokai/env', version: '0.1.0', dependencies: { zod: '^4.6.7' } },
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

describe('dependency ranges', () => {
  it('refuses an exact runtime dependency: an app on another release of it would carry two copies', () => {
    const manifest = { ...clean.manifest, dependencies: { jose: '6.2.18', zod: '^4.6.7' } }
    expect(tarballProblems({ ...clean, manifest })).toEqual([
      '@alokai/env@0.1.0: dependencies.jose is pinned to 6.2.18; publish a caret range',
    ])
  })

  it('refuses one peer dependency with different ranges across the published packages', () => {
    const withHono = (name: string, range: string): PublishedPackage => ({
      ...clean,
      name,
      manifest: { name, version: '0.1.0', peerDependencies: { hono: range, zod: '^4.0.0' } },
    })
    const a = withHono('@alokai/auth-jwt', '^4.6.0')
    expect(peerRangeProblems([a, withHono('@alokai/auth-oidc', '^4.6.0')])).toEqual([])
    expect(peerRangeProblems([a, withHono('@alokai/auth-oidc', '^4.0.0')])).toEqual([
      'peer hono has different ranges: @alokai/auth-jwt ^4.6.0, @alokai/auth-oidc ^4.0.0',
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
