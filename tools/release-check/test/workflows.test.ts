import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { type WorkflowSource, workflowProblems } from '../src/workflow-rules.ts'

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url))
const read = (path: string): WorkflowSource => ({ path, source: readFileSync(join(repoRoot, path), 'utf8') })
const workflows = readdirSync(join(repoRoot, '.github/workflows'))
  .filter((name) => /\.ya?ml$/.test(name))
  .map((name) => read(`.github/workflows/${name}`))
const actions = readdirSync(join(repoRoot, '.github/actions')).map((name) =>
  read(`.github/actions/${name}/action.yml`),
)
const byName = (name: string): WorkflowSource => workflows.find((file) => file.path.endsWith(`/${name}`))!
type Job = Record<string, unknown> & { steps?: Record<string, unknown>[] }
const jobsOf = (name: string): Record<string, Job> => parse(byName(name).source).jobs
const scriptOf = (job: Job | undefined): string =>
  (job?.steps ?? []).map((step) => String(step.run ?? '')).join('\n')
const mutate = (name: string, from: string, to: string): WorkflowSource => {
  const file = byName(name)
  expect(file.source).toContain(from)
  return { path: file.path, source: file.source.replace(from, to) }
}

describe('the repository workflows', () => {
  it('has the workflows the release issue asks for', () => {
    expect(workflows.map((file) => file.path.split('/').at(-1)).sort()).toEqual([
      'ci.yml',
      'deploy-prod.yml',
      'docs-preview.yml',
      'publish-packages.yml',
    ])
  })

  it.each([...workflows, ...actions].map((file) => [file.path, file] as const))(
    '%s follows every rule',
    (_, file) => {
      expect(workflowProblems(file)).toEqual([])
    },
  )

  it('deploys staging from main only, in the staging environment, with migrations and the remote audit', () => {
    const job = jobsOf('ci.yml')['deploy-staging']!
    expect(job.environment).toBe('staging')
    expect(job.if).toContain("github.ref == 'refs/heads/main'")
    const script = scriptOf(job)
    expect(script).toContain('wrangler deploy --env staging')
    expect(script).toContain('wrangler d1 migrations apply DB --remote --env staging')
    expect(script).toContain('pnpm secrets:audit --remote --env staging')
  })

  it('runs lint, typecheck, build, test and the audit on every pull request and push', () => {
    const ci = parse(byName('ci.yml').source)
    expect(Object.keys(ci.on).sort()).toEqual(['pull_request', 'push'])
    const script = scriptOf(ci.jobs.verify)
    for (const command of ['pnpm lint', 'pnpm typecheck', 'pnpm build', 'pnpm test', 'pnpm secrets:audit']) {
      expect(script).toContain(command)
    }
    expect(scriptOf(ci.jobs['build-docs'])).toContain('pnpm docs:build')
  })

  it('deploys the docs preview from a workflow_run that only downloads the artifact', () => {
    const preview = parse(byName('docs-preview.yml').source)
    expect(Object.keys(preview.on)).toEqual(['workflow_run'])
    const job = preview.jobs['deploy-docs-preview'] as Job
    expect(job.environment).toBe('preview')
    expect(job.steps?.map((step) => String(step.uses ?? 'run').split('@')[0])).toEqual([
      'actions/download-artifact',
      'actions/setup-node',
      'run',
    ])
    const buildDocs = jobsOf('ci.yml')['build-docs']!
    expect(buildDocs.environment).toBeUndefined()
    expect(JSON.stringify(buildDocs)).not.toContain('CLOUDFLARE')
  })

  it('deploys production behind its environment and tags cms@version with GITHUB_TOKEN', () => {
    const jobs = jobsOf('deploy-prod.yml')
    expect(jobs.deploy?.environment).toBe('production')
    expect(scriptOf(jobs.deploy)).toContain('pnpm secrets:audit --remote --env production')
    expect(scriptOf(jobs['tag-release'])).toContain('gh release create "cms@$VERSION"')
    expect(jobs['tag-release']?.permissions).toEqual({ contents: 'write' })
  })

  it('publishes the packages with the changesets action and pnpm release', () => {
    const step = jobsOf('publish-packages.yml').publish?.steps?.find((s) =>
      String(s.uses).startsWith('changesets/action@'),
    )
    expect(step?.with).toMatchObject({ publish: 'pnpm release', version: 'pnpm changeset version' })
  })
})

describe('the workflow rules', () => {
  const cases: [string, WorkflowSource, string][] = [
    [
      'a tag instead of a SHA',
      mutate('ci.yml', 'actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683', 'actions/checkout@v4'),
      'not pinned by a full commit SHA',
    ],
    ['a pin without its tag comment', mutate('ci.yml', ' # v4.2.2', ''), 'has no "# vX.Y.Z" comment'],
    [
      'pull_request_target',
      mutate('ci.yml', '  pull_request:\n', '  pull_request_target:\n'),
      'pull_request_target',
    ],
    [
      'top-level permissions',
      mutate('ci.yml', 'permissions: {}\n', 'permissions: read-all\n'),
      '`permissions: {}`',
    ],
    [
      'a job without permissions',
      mutate(
        'publish-packages.yml',
        '    permissions:\n      contents: write\n      pull-requests: write\n',
        '',
      ),
      'needs its own `permissions:`',
    ],
    [
      'a deploy job without environment',
      mutate('ci.yml', '    environment: staging\n', ''),
      'needs `environment:`',
    ],
    [
      'an install without the registry token',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, not a JS template
      mutate('publish-packages.yml', '      VERDACCIO_AUTH_TOKEN: ${{ secrets.VERDACCIO_AUTH_TOKEN }}\n', ''),
      'installs without VERDACCIO_AUTH_TOKEN',
    ],
    [
      'a renamed secret',
      mutate('ci.yml', 'CLOUDFLARE_API_TOKEN: ${{ secrets', 'CF_TOKEN: ${{ secrets'),
      'CF_TOKEN reads secrets.CLOUDFLARE_API_TOKEN',
    ],
    [
      'an environment secret outside an environment',
      mutate(
        'ci.yml',
        '      - name: build the docs\n',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, not a JS template
        '      - name: build the docs\n        env:\n          CLOUDFLARE_API_TOKEN: ${{ secrets.CLOUDFLARE_API_TOKEN }}\n',
      ),
      'reads secrets.CLOUDFLARE_API_TOKEN without an `environment:`',
    ],
    [
      'event data spliced into a script',
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, not a JS template
      mutate('docs-preview.yml', '"pr-${HEAD_SHA:0:12}"', '"${{ github.event.workflow_run.head_branch }}"'),
      'splices github.event',
    ],
    [
      'a checkout in a workflow_run job',
      mutate(
        'docs-preview.yml',
        '    steps:\n',
        '    steps:\n      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2\n',
      ),
      'must not check out code',
    ],
  ]

  it.each(cases)('catches %s', (_, file, expected) => {
    expect(workflowProblems(file).join('\n')).toContain(expected)
  })

  it('reports YAML that does not parse', () => {
    expect(workflowProblems({ path: 'x.yml', source: 'jobs: [\n' })).toEqual(['x.yml: not valid YAML'])
  })
})
