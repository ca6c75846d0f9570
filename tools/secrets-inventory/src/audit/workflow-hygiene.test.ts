/** Tests of the workflow hygiene rules over the clean fixtures, each made to fail by one mutation. */
import { describe, expect, it } from 'vitest'
import { fixtures, mutate } from '../../test/fixtures/index.ts'
import { cmsProject } from '../cms-project.ts'
import { workflowHygiene } from './workflow-hygiene.ts'
import { workflowFindings } from './workflow-rules.ts'

const CI = '.github/workflows/ci.yml'
const PROD = '.github/workflows/deploy-prod.yml'
const PREVIEW = '.github/workflows/docs-preview.yml'
const ci = (source = fixtures.workflows.ci) => workflowHygiene({ path: CI, source })
const prod = (source = fixtures.workflows.deployProd) => workflowHygiene({ path: PROD, source })
const preview = (source = fixtures.workflows.docsPreview) => workflowHygiene({ path: PREVIEW, source })
const OPEN = ['$', '{{'].join('')
const accountId = `CLOUDFLARE_ACCOUNT_ID: ${OPEN} secrets.CLOUDFLARE_ACCOUNT_ID }}\n`

describe('workflowHygiene', () => {
  it('finds nothing in the clean fixtures', () => {
    expect([...ci(), ...prod(), ...preview()]).toEqual([])
  })

  it('requires CLOUDFLARE_ACCOUNT_ID beside every command that talks to Cloudflare, with its line', () => {
    expect(ci(mutate(fixtures.workflows.ci, `          ${accountId}`, ''))).toEqual([
      {
        check: 'cloudflare-account',
        file: CI,
        line: 49,
        message:
          'jobs.deploy-staging.steps[1] talks to Cloudflare without CLOUDFLARE_ACCOUNT_ID from secrets.CLOUDFLARE_ACCOUNT_ID',
      },
    ])
    expect(
      preview(mutate(fixtures.workflows.docsPreview, `          ${accountId}`, '')).map((f) => f.check),
    ).toEqual(['cloudflare-account'])
  })

  it('requires pnpm deploy:preflight before a Worker deploy or a remote migration', () => {
    const without = mutate(
      fixtures.workflows.deployProd,
      '      - run: pnpm deploy:preflight --env production\n',
      '',
    )
    expect(prod(without).map((f) => [f.check, f.line])).toEqual([['deploy-preflight', 19]])
    const migrateFirst = mutate(
      fixtures.workflows.deployProd,
      '      - run: pnpm deploy:preflight --env production\n',
      '      - run: pnpm --filter @alokai/cms exec wrangler d1 migrations apply DB --remote\n        env:\n          CLOUDFLARE_API_TOKEN: x\n          CLOUDFLARE_ACCOUNT_ID: x\n      - run: pnpm deploy:preflight --env production\n',
    )
    expect(prod(migrateFirst).map((f) => f.check)).toContain('deploy-preflight')
  })

  it('deploys static files only to Pages: the build output loses _worker.js, functions/ and _routes.json first', () => {
    const today = mutate(
      fixtures.workflows.docsPreview,
      '      - run: rm -rf site/_worker.js site/functions site/_routes.json\n',
      '',
    )
    expect(preview(today)).toEqual([
      {
        check: 'pages-static-only',
        file: PREVIEW,
        line: 20,
        message:
          'jobs.deploy-docs-preview.steps[1] deploys site to Pages without first removing _worker.js, functions/ and _routes.json (server code from the build)',
      },
    ])
    const partial = mutate(fixtures.workflows.docsPreview, ' site/_routes.json', '')
    expect(preview(partial).map((f) => f.check)).toEqual(['pages-static-only'])
    const otherDir = mutate(fixtures.workflows.docsPreview, 'pages deploy site', 'pages deploy dist')
    expect(preview(otherDir).map((f) => f.check)).toEqual(['pages-static-only'])
  })

  it.each([
    ['a tag instead of a SHA', 'run: pnpm secrets:audit', 'uses: actions/checkout@v4 # v4.2.2', 'action-pin'],
    ['pull_request_target', '  pull_request:\n', '  pull_request_target:\n', 'workflow-trigger'],
    ['top-level permissions', 'permissions: {}\n', 'permissions: read-all\n', 'workflow-permissions'],
    ['a deploy job without environment', '    environment: staging\n', '', 'deploy-environment'],
    ['an install without the registry', '      ALOKAI_REGISTRY_HOST: registry.example.com\n', '', 'registry'],
    [
      'event data spliced into a script',
      'run: pnpm secrets:audit',
      `run: echo "${OPEN} github.event.pull_request.title }}"`,
      'script-injection',
    ],
  ])('catches %s', (_, from, to, check) => {
    expect(ci(mutate(fixtures.workflows.ci, from, to)).map((f) => f.check)).toContain(check)
  })

  it('catches a pin without its tag comment and a checkout in a workflow_run job', () => {
    const checkout = mutate(
      fixtures.workflows.docsPreview,
      '    steps:\n',
      '    steps:\n      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683\n',
    )
    expect(preview(checkout).map((f) => [f.check, f.line])).toEqual([
      ['action-pin', 15],
      ['workflow-run', 10],
    ])
  })

  it('reports YAML that does not parse once, from the combined rule set', () => {
    const findings = workflowFindings({
      github: cmsProject.github,
      workflows: [{ path: CI, source: 'jobs: [\n' }],
      declarationFile: 'x.ts',
    })
    expect(findings.filter((f) => f.check === 'unreadable')).toHaveLength(1)
  })
})
