/**
 * Tests of the whole offline audit over a fixture snapshot, and of the stale-file check: the generated
 * files are rendered by the real generator, then edited to go stale.
 */
import { describe, expect, it } from 'vitest'
import { fixtures, mutate } from '../../test/fixtures/index.ts'
import { cmsProject } from '../cms-project.ts'
import { formatFindings } from './finding.ts'
import { auditGeneratedFiles } from './generated.ts'
import { renderProjectFiles } from './project.ts'
import { auditRepository, type RepositorySnapshot } from './repository.ts'

function snapshot(
  overrides: Record<string, string | undefined> = {},
  tracked?: string[],
): RepositorySnapshot {
  const files: Record<string, string | undefined> = {
    '.gitignore': fixtures.gitignore,
    'apps/cms/wrangler.jsonc': fixtures.wrangler,
    '.github/workflows/ci.yml': fixtures.workflows.ci,
    '.github/workflows/deploy-prod.yml': fixtures.workflows.deployProd,
    '.github/workflows/docs-preview.yml': fixtures.workflows.docsPreview,
    '.github/workflows/publish-packages.yml': fixtures.workflows.publishPackages,
  }
  for (const file of renderProjectFiles(cmsProject, () => undefined)) files[file.path] = file.content
  Object.assign(files, overrides)
  return {
    readFile: (path) => files[path],
    tracked: tracked ?? Object.keys(files).filter((path) => files[path] !== undefined),
    workflowPaths: Object.keys(files).filter((path) => path.startsWith('.github/workflows/')),
    // The fixture .gitignore ignores every candidate; git's own verdict is tested in test/cli.node.test.ts.
    isIgnored: () => true,
  }
}

describe('auditRepository', () => {
  it('finds nothing in a clean repository', () => {
    expect(auditRepository(cmsProject, snapshot())).toEqual([])
  })

  it('reports a stale secrets page with the first differing line', () => {
    const page = snapshot().readFile('docs/secrets.md')!
    const stale = mutate(
      page,
      ' | always | secret: at least 32 characters |',
      ' | optional | secret: at least 32 characters |',
    )
    const findings = auditRepository(cmsProject, snapshot({ 'docs/secrets.md': stale }))
    expect(findings).toHaveLength(1)
    expect(findings[0]).toMatchObject({
      check: 'stale-generated',
      file: 'docs/secrets.md',
      message: 'is stale: run `pnpm secrets:generate`',
    })
    expect(stale.split('\n')[findings[0]!.line! - 1]).toContain('optional')
  })

  it('reports a stale or missing .dev.vars.example', () => {
    const example = snapshot().readFile('apps/cms/.dev.vars.example')!
    const stale = mutate(example, 'ENVIRONMENT=development', 'ENVIRONMENT=production')
    expect(
      auditRepository(cmsProject, snapshot({ 'apps/cms/.dev.vars.example': stale })).map((f) => f.file),
    ).toEqual(['apps/cms/.dev.vars.example'])
    expect(auditRepository(cmsProject, snapshot({ 'apps/cms/.dev.vars.example': undefined }))).toEqual([
      {
        check: 'stale-generated',
        file: 'apps/cms/.dev.vars.example',
        line: 1,
        message: 'is missing: run `pnpm secrets:generate`',
      },
    ])
  })

  it('keeps hand-written prose: editing between markers does not make the page stale', () => {
    const page = snapshot().readFile('docs/secrets.md')!
    const edited = mutate(
      page,
      '<!-- prose:worker:start -->\n',
      '<!-- prose:worker:start -->\nAsk #platform before adding one.\n',
    )
    expect(auditRepository(cmsProject, snapshot({ 'docs/secrets.md': edited }))).toEqual([])
  })

  it('runs every other check over the snapshot', () => {
    const findings = auditRepository(cmsProject, {
      ...snapshot({
        'apps/cms/wrangler.jsonc': mutate(fixtures.wrangler, '"ENVIRONMENT": "staging",', ''),
        'apps/cms/.dev.vars': 'AUTH_JWT_SECRET=tracked-by-mistake',
      }),
      // As git would answer without the `.dev.vars` rule.
      isIgnored: (path) => !path.endsWith('.dev.vars'),
    })
    expect(new Set(findings.map((f) => f.check))).toEqual(
      new Set(['missing-environment-var', 'secret-file-not-ignored', 'secret-file-tracked']),
    )
    expect(formatFindings(findings)).not.toContain('tracked-by-mistake')
  })

  it('reports a missing wrangler.jsonc', () => {
    expect(auditRepository(cmsProject, snapshot({ 'apps/cms/wrangler.jsonc': undefined }))).toEqual([
      { check: 'unreadable', file: 'apps/cms/wrangler.jsonc', line: 1, message: 'is missing' },
    ])
  })
})

describe('auditGeneratedFiles and formatFindings', () => {
  it('names the command to run and sorts the list by file and line', () => {
    const findings = auditGeneratedFiles(
      [
        { path: 'b.md', committed: 'x\ny\n', expected: 'x\nz\n' },
        { path: 'a.md', committed: 'same\n', expected: 'same\n' },
        { path: 'a.txt', committed: undefined, expected: '' },
      ],
      'make docs',
    )
    expect(formatFindings(findings)).toBe(
      'a.txt:1 [stale-generated] is missing: run `make docs`\nb.md:2 [stale-generated] is stale: run `make docs`',
    )
  })
})
