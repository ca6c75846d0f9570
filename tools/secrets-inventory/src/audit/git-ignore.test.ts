/** Tests of the gitignore evaluation and the local secret file checks. */
import { describe, expect, it } from 'vitest'
import { fixtures, mutate } from '../../test/fixtures/index.ts'
import { auditSecretFiles, isIgnored } from './git-ignore.ts'

const root = (source: string) => [{ dir: '', source }]
const clean = {
  ignoreFiles: root(fixtures.gitignore),
  tracked: ['apps/cms/.dev.vars.example'],
  workerDirs: ['apps/cms'],
}

describe('isIgnored', () => {
  it('follows git: unanchored names match at any depth, negation re-includes, later rules win', () => {
    const rules = root(fixtures.gitignore)
    expect(isIgnored(rules, 'apps/cms/.dev.vars')).toBe(true)
    expect(isIgnored(rules, 'apps/cms/.dev.vars.staging')).toBe(true)
    expect(isIgnored(rules, 'apps/cms/.dev.vars.example')).toBe(false)
    expect(isIgnored(rules, '.env.local')).toBe(true)
    expect(isIgnored(rules, 'src/env.ts')).toBe(false)
  })

  it('anchors patterns with a slash, matches ** and directory-only patterns, and never re-includes inside an ignored directory', () => {
    const rules = root('/top.txt\ndocs/**/*.md\nbuild/\n!build/keep.txt\n[ab].log\n')
    expect(isIgnored(rules, 'top.txt')).toBe(true)
    expect(isIgnored(rules, 'x/top.txt')).toBe(false)
    expect(isIgnored(rules, 'docs/a/b/c.md')).toBe(true)
    expect(isIgnored(rules, 'docs/c.md')).toBe(true)
    expect(isIgnored(rules, 'build/keep.txt')).toBe(true)
    expect(isIgnored(rules, 'build')).toBe(false) // a file named build is not a directory
    expect(isIgnored(rules, 'x/a.log')).toBe(true)
    expect(isIgnored(rules, 'x/c.log')).toBe(false)
  })

  it('applies a nested .gitignore only below its directory', () => {
    const files = [
      { dir: '', source: '' },
      { dir: 'apps/cms', source: '.dev.vars\n' },
    ]
    expect(isIgnored(files, 'apps/cms/.dev.vars')).toBe(true)
    expect(isIgnored(files, '.dev.vars')).toBe(false)
  })
})

describe('auditSecretFiles', () => {
  it('finds nothing for the clean fixture', () => {
    expect(auditSecretFiles(clean)).toEqual([])
  })

  it('reports .dev.vars when the rule that ignores it is missing', () => {
    const source = mutate(fixtures.gitignore, '.dev.vars\n', '')
    expect(auditSecretFiles({ ...clean, ignoreFiles: root(source) })).toEqual([
      {
        check: 'secret-file-not-ignored',
        file: '.dev.vars',
        message: 'is not git-ignored: add `.dev.vars`, `.dev.vars.*`, `.env` and `.env.*` to .gitignore',
      },
      {
        check: 'secret-file-not-ignored',
        file: 'apps/cms/.dev.vars',
        message: 'is not git-ignored: add `.dev.vars`, `.dev.vars.*`, `.env` and `.env.*` to .gitignore',
      },
    ])
  })

  it('reports .env files when .env.* is not ignored, or is re-included', () => {
    const missing = mutate(fixtures.gitignore, '.env.*\n', '')
    expect(auditSecretFiles({ ...clean, ignoreFiles: root(missing) }).map((f) => f.file)).toEqual([
      '.env.local',
      'apps/cms/.env.local',
    ])
    const reincluded = `${fixtures.gitignore}!.env\n`
    expect(auditSecretFiles({ ...clean, ignoreFiles: root(reincluded) }).map((f) => f.file)).toEqual([
      '.env',
      'apps/cms/.env',
    ])
  })

  it('reports a tracked .dev.vars or .env file even when it is ignored now', () => {
    const findings = auditSecretFiles({
      ...clean,
      tracked: [
        'apps/cms/.dev.vars',
        'apps/cms/.dev.vars.example',
        '.env.production',
        '.env.example',
        'src/env.ts',
      ],
    })
    expect(findings.map((f) => [f.check, f.file])).toEqual([
      ['secret-file-tracked', 'apps/cms/.dev.vars'],
      ['secret-file-tracked', '.env.production'],
    ])
  })
})
