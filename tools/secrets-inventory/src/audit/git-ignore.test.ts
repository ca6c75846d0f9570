/**
 * Tests of the local secret file checks over git's verdict (given as data here; test/cli.node.test.ts asks the
 * real `git check-ignore`, nested and untracked .gitignore files included).
 */
import { describe, expect, it } from 'vitest'
import { auditSecretFiles, reIncludedSecretNames, secretFileCandidates } from './git-ignore.ts'

const clean = { tracked: ['apps/cms/.dev.vars.example'], workerDirs: ['apps/cms'], isIgnored: () => true }

describe('secretFileCandidates', () => {
  it('lists .dev.vars and .env with every usual environment suffix, at the root and in every Worker directory', () => {
    const candidates = secretFileCandidates(['apps/cms'])
    for (const name of [
      '.dev.vars',
      '.dev.vars.staging',
      '.dev.vars.production',
      '.env',
      '.env.local',
      '.env.production',
    ]) {
      expect(candidates).toContain(name)
      expect(candidates).toContain(`apps/cms/${name}`)
    }
    expect(candidates).not.toContain('apps/cms/.dev.vars.example')
  })

  it('adds the extra names (re-included or present) and does not list the root twice', () => {
    const plain = secretFileCandidates(['', 'apps/cms'])
    expect(plain).toHaveLength(new Set(plain).size)
    expect(secretFileCandidates(['apps/cms'], ['.env.qa', 'notes.txt'])).toEqual([
      ...secretFileCandidates([]),
      '.env.qa',
      ...secretFileCandidates([]).map((name) => `apps/cms/${name}`),
      'apps/cms/.env.qa',
    ])
  })
})

describe('reIncludedSecretNames', () => {
  it('reads every secret-file name a .gitignore negates, globs made concrete, the example excepted', () => {
    const gitignore = '.dev.vars*\n!.dev.vars.example\n!.dev.vars.qa\n!apps/cms/.env.*\n!README.md\n'
    expect(reIncludedSecretNames(gitignore)).toEqual(['.dev.vars.qa', '.env.probe'])
  })
})

describe('auditSecretFiles', () => {
  it('finds nothing when git ignores every candidate and none is tracked', () => {
    expect(auditSecretFiles(clean)).toEqual([])
  })

  it('reports each candidate git would not ignore, with a line', () => {
    const findings = auditSecretFiles({ ...clean, isIgnored: (path) => path !== 'apps/cms/.dev.vars' })
    expect(findings).toEqual([
      {
        check: 'secret-file-not-ignored',
        file: 'apps/cms/.dev.vars',
        line: 1,
        message:
          'is not git-ignored (`git check-ignore` says so): ignore `.dev.vars`, `.dev.vars.*`, `.env` and `.env.*`, and remove any `.gitignore` rule that re-includes it',
      },
    ])
  })

  it('asks about exactly the candidates', () => {
    const asked: string[] = []
    auditSecretFiles({ ...clean, isIgnored: (path) => asked.push(path) > 0 })
    expect(asked).toEqual(secretFileCandidates(['apps/cms']))
  })

  it('reports a tracked .dev.vars or .env file even when it is ignored now', () => {
    const findings = auditSecretFiles({
      ...clean,
      tracked: [
        'apps/cms/.dev.vars',
        'apps/cms/.dev.vars.example',
        '.env.production',
        '.env.example',
        'src/config/load-config.ts',
      ],
    })
    expect(findings.map((f) => [f.check, f.file, f.line])).toEqual([
      ['secret-file-tracked', 'apps/cms/.dev.vars', 1],
      ['secret-file-tracked', '.env.production', 1],
    ])
  })
})
