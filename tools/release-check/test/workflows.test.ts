import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  checkWorkflows,
  formatFindings,
  type WorkflowFile as WorkflowSource,
} from '@alokai/secrets-inventory/workflow-rules'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'

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
/** Every workflow and action, with `name` changed: the rules judge the set (a secret read nowhere is a finding). */
const mutate = (name: string, from: string, to: string): WorkflowSource[] => {
  const file = byName(name)
  expect(file.source).toContain(from)
  const changed = { path: file.path, source: file.source.replace(from, to) }
  return [...workflows, ...actions].map((f) => (f.path === file.path ? changed : f))
}
/** The findings of a set of files, one `file:line [check] message` per line. */
const problems = (files: WorkflowSource[]): string => formatFindings(checkWorkflows(files))

describe('the repository workflows', () => {
  it('has the workflows the release issue asks for', () => {
    expect(workflows.map((file) => file.path.split('/').at(-1)).sort()).toEqual([
      'ci.yml',
      'deploy-prod.yml',
      'docs-preview.yml',
      'publish-packages.yml',
    ])
  })

  it('follows every rule pnpm secrets:audit runs (one shared rule set)', () => {
    expect(problems([...workflows, ...actions])).toBe('')
  })

  it('passes CLOUDFLARE_ACCOUNT_ID to every step that deploys, migrates or lists remote secrets', () => {
    const talksToCloudflare =
      /wrangler(@\S+)? (deploy|pages deploy)|migrations apply\b.*--remote|secrets:audit --remote/
    const seen: string[] = []
    for (const file of workflows) {
      const doc = parse(file.source)
      for (const [id, job] of Object.entries(doc.jobs as Record<string, Job>)) {
        for (const step of job.steps ?? []) {
          if (!talksToCloudflare.test(String(step.run ?? ''))) continue
          const env = { ...doc.env, ...(job.env as object), ...(step.env as object) } as Record<
            string,
            unknown
          >
          expect(env.CLOUDFLARE_ACCOUNT_ID, `${file.path} ${id}`).toBe(
            // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, not a JS template
            '${{ secrets.CLOUDFLARE_ACCOUNT_ID }}',
          )
          expect(['staging', 'production', 'preview']).toContain(job.environment)
          seen.push(`${file.path.split('/').at(-1)} ${id}`)
        }
      }
    }
    expect([...new Set(seen)].sort()).toEqual([
      'ci.yml deploy-staging',
      'deploy-prod.yml deploy',
      'docs-preview.yml deploy-docs-preview',
    ])
  })

  it('runs pnpm deploy:preflight before migrating or deploying the Worker', () => {
    expect(scriptOf(jobsOf('ci.yml')['deploy-staging'])).toContain('pnpm deploy:preflight --env staging')
    expect(scriptOf(jobsOf('deploy-prod.yml').deploy)).toContain('pnpm deploy:preflight --env production')
  })

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
      'run',
    ])
    expect(scriptOf(job)).toContain('rm -rf site/_worker.js site/functions site/_routes.json')
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
  const cases: [string, WorkflowSource[], string][] = [
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
      mutate(
        'publish-packages.yml',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, not a JS template
        '      VERDACCIO_AUTH_TOKEN: ${{ secrets.VERDACCIO_PUBLISH_TOKEN }}\n',
        '',
      ),
      'installs without VERDACCIO_AUTH_TOKEN',
    ],
    [
      'a renamed secret',
      mutate('ci.yml', '          CLOUDFLARE_API_TOKEN: ${{ secrets', '          CF_TOKEN: ${{ secrets'),
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

  it.each(cases)('catches %s', (_, files, expected) => {
    expect(problems(files)).toContain(expected)
  })

  it("reports YAML that does not parse at the parser's line, with its reason", () => {
    expect(problems([{ path: 'x.yml', source: 'jobs: [\n' }])).toMatch(
      /^x\.yml:2 \[unreadable\] is not valid YAML: \S/m,
    )
  })

  it("holds the docs preview to static files: without the removal step, today's deploy fails the rule", () => {
    const step = byName('docs-preview.yml').source.match(
      / {6}- name: keep static files only\n(?: {8}.*\n| {10}.*\n)+/,
    )
    expect(step).not.toBeNull()
    expect(problems(mutate('docs-preview.yml', step![0], ''))).toContain(
      '[pages-static-only] jobs.deploy-docs-preview.steps[2] deploys site to Pages without first removing _worker.js, functions/ and _routes.json',
    )
  })

  it('catches a deploy step without CLOUDFLARE_ACCOUNT_ID and a deploy without the preflight', () => {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, not a JS template
    const account = '          CLOUDFLARE_ACCOUNT_ID: ${{ secrets.CLOUDFLARE_ACCOUNT_ID }}\n'
    expect(problems(mutate('deploy-prod.yml', account, ''))).toContain(
      '[cloudflare-account] jobs.deploy.steps[',
    )
    expect(
      problems(
        mutate('ci.yml', '        run: pnpm deploy:preflight --env staging\n', '        run: echo skipped\n'),
      ),
    ).toContain('[deploy-preflight] jobs.deploy-staging.steps[')
  })
})
