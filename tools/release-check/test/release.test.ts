import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'
import { releasedPackages } from '../src/packages.ts'
import { type ReleaseCheckResult, runReleaseCheck } from '../src/release-check.ts'

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url))

// One real run: Verdaccio 6.8.0 on 127.0.0.1, changesets version + publish from a scratch copy, a fresh
// consumer installing from it. The tests below read what that run saw.
let result: ReleaseCheckResult | undefined
let failure: unknown

// The type check of a stranger's project alone takes about a minute on a busy 2-core machine.
beforeAll(async () => {
  try {
    result = await runReleaseCheck({ repoRoot })
  } catch (error) {
    failure = error
  }
}, 360_000)

const passed = (): ReleaseCheckResult => {
  if (failure) throw failure
  return result!
}

describe('the release to a real Verdaccio', () => {
  it('versions and publishes all four packages with changesets, tagging each', () => {
    const { versions, tags } = passed()
    expect(Object.keys(versions).sort()).toEqual(releasedPackages.map((pkg) => pkg.name).sort())
    for (const [name, version] of Object.entries(versions)) {
      expect(version).toMatch(/^\d+\.\d+\.\d+$/)
      expect(version).not.toBe('0.0.0')
      expect(tags).toContain(`${name}@${version}`)
    }
  })

  it('ships only dist, README, CHANGELOG, LICENSE and package.json, with no workspace ranges', () => {
    const { problems, published } = passed()
    expect(problems).toEqual([])
    for (const pkg of published) {
      expect(pkg.files.filter((file) => !file.startsWith('dist/'))).toEqual(
        expect.arrayContaining(['README.md', 'package.json']),
      )
      expect(JSON.stringify(pkg.manifest)).not.toMatch(/"(workspace|catalog):/)
    }
  })

  it.each(['esm', 'cjs'] as const)('runs the smoke script from the consumer project as %s', (mode) => {
    const report = passed()[mode]
    expect(report.failed).toEqual([])
    expect(report.checks.length).toBeGreaterThanOrEqual(9)
    const extension = mode === 'esm' ? '.js' : '.cjs'
    for (const [name, url] of Object.entries(report.loadedFrom)) {
      expect(url, name).toContain('/consumer/node_modules/')
      // One build per package: the entries sit in dist/ (the runtime's crypto is picked by `#runtime`).
      expect(url, name).toMatch(new RegExp(`/dist/[a-z-]+\\${extension}$`))
    }
  })

  it.each(['esm', 'cjs'] as const)(
    "has Node pick each package's node backend through #runtime as %s",
    (mode) => {
      const report = passed()[mode]
      const extension = mode === 'esm' ? 'js' : 'cjs'
      const picked = report.runtimeFiles.map((url) => {
        const match = /\/node_modules\/@alokai\/([a-z-]+)\/dist\/(runtime-[a-z]+)\.([a-z]+)$/.exec(url)
        return match ? `${match[1]} ${match[2]}.${match[3]}` : url
      })
      expect(picked).toEqual(
        ['auth-jwt', 'auth-oidc', 'crypto'].map((pkg) => `${pkg} runtime-node.${extension}`),
      )
    },
  )

  it('type-checks a stranger project against the tarballs under node16, nodenext and bundler', () => {
    expect(passed().types.modes).toEqual(['node16', 'nodenext', 'bundler'])
  })

  it('installs examples/node-service from the registry and exercises it over HTTP', () => {
    const { example } = passed()
    expect(example.failed).toEqual([])
    const names = example.checks.map(([name]) => name).join('\n')
    for (const expected of [
      '200 with its subject',
      'no token → 401',
      'wrong audience',
      'tampered cookie',
      'ends when its IdP token expires',
      'revokes the session',
    ]) {
      expect(names).toContain(expected)
    }
    expect(() => process.kill(example.pid, 0)).toThrow(expect.objectContaining({ code: 'ESRCH' }))
  })

  it('stops Verdaccio by its pid', () => {
    const { verdaccioPid } = passed()
    expect(() => process.kill(verdaccioPid, 0)).toThrow(expect.objectContaining({ code: 'ESRCH' }))
  })
})
