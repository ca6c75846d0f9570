/**
 * The audit against this repository itself: the clean tree has no finding, and each way the secrets
 * setup has been broken before (one mutation of a real file or declaration per test) is caught with the
 * file, the line and a message that names the fix. The snapshot is the real tree (`git ls-files`, file
 * texts) with one file replaced in memory; the `.gitignore` mutations need git's own verdict and run the
 * CLI in a scratch repository instead. Node only: it reads the repository and runs git.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { cmsGithubSecrets } from '../../../apps/cms/src/config/github-secrets.ts'
import type { AuditFinding } from '../src/audit/finding.ts'
import type { SecretsProject } from '../src/audit/project.ts'
import { auditRepository, type RepositorySnapshot } from '../src/audit/repository.ts'
import { main } from '../src/cli.ts'
import { cmsProject } from '../src/cms-project.ts'
import { defineGithubSecrets } from '../src/github-secrets.ts'
import { fixtures, mutate } from './fixtures/index.ts'
import { REPO } from './runbook/workspace.ts'
import { createScratchRepo, type ScratchRepo } from './scratch-repo.ts'

const tracked = execFileSync('git', ['ls-files', '-z'], { cwd: REPO, encoding: 'utf8' })
  .split('\0')
  .filter((path) => path !== '')
const real = (path: string): string => readFileSync(join(REPO, path), 'utf8')
const CI = '.github/workflows/ci.yml'
const PREVIEW = '.github/workflows/docs-preview.yml'
const WRANGLER = 'apps/cms/wrangler.jsonc'
const DECLARATION = 'apps/cms/src/config/github-secrets.ts'
// Built from parts so no line holds a literal "$" + "{" (GitHub expressions, not JS templates).
const expr = (inner: string) => `${['$', '{{'].join('')} ${inner} }}`

function audit(overrides: Record<string, string> = {}, project: SecretsProject = cmsProject): AuditFinding[] {
  const snapshot: RepositorySnapshot = {
    readFile: (path) => overrides[path] ?? (existsSync(join(REPO, path)) ? real(path) : undefined),
    tracked,
    workflowPaths: tracked.filter((path) =>
      /^\.github\/(workflows\/[^/]+\.ya?ml|actions\/[^/]+\/action\.yml)$/.test(path),
    ),
    // The .gitignore rules are judged by git itself in the scratch-repository tests below.
    isIgnored: () => true,
  }
  return auditRepository(project, snapshot)
}

/** The 1-based line of the first line holding `needle`. */
function lineOf(text: string, needle: string): number {
  const at = text.indexOf(needle)
  if (at === -1) throw new Error(`not found: ${needle}`)
  return text.slice(0, at).split('\n').length
}

describe('pnpm secrets:audit on this repository', () => {
  it('finds nothing in the clean tree', () => {
    expect(audit()).toEqual([])
  })

  it('catches a secret under define in wrangler.jsonc', () => {
    const text = mutate(
      real(WRANGLER),
      '  "preview_urls": false,\n',
      '  "preview_urls": false,\n  "define": { "AUTH_JWT_SECRET": "\\"inlined\\"" },\n',
    )
    expect(audit({ [WRANGLER]: text })).toEqual([
      {
        check: 'secret-in-define',
        file: WRANGLER,
        line: lineOf(text, '"define"'),
        message:
          'define holds AUTH_JWT_SECRET, a secret inlined into the bundle: remove it and use `wrangler secret put AUTH_JWT_SECRET`',
      },
    ])
  })

  it('catches a removed secret name left in a hand-written runbook', () => {
    const text = `${real('docs/deploy.md')}\nnpx wrangler secret put SESSION_SIGNING_KEY --env staging\n`
    expect(audit({ 'docs/deploy.md': text })).toEqual([
      {
        check: 'stale-runbook',
        file: 'docs/deploy.md',
        line: lineOf(text, 'SESSION_SIGNING_KEY'),
        message:
          'names SESSION_SIGNING_KEY, which is not a Worker secret of the definition: remove the old `wrangler secret` reference, or use the name that replaced it',
      },
    ])
  })

  it('catches a Cloudflare token declared repository-wide though only some jobs read it', () => {
    const { CLOUDFLARE_API_TOKEN: token, ...others } = cmsGithubSecrets
    const github = defineGithubSecrets({
      ...others,
      CLOUDFLARE_API_TOKEN: { scope: 'repository', usedBy: token.usedBy, description: token.description },
    })
    const findings = audit({}, { ...cmsProject, github })
    expect(findings).toContainEqual({
      check: 'secret-scope',
      file: DECLARATION,
      line: lineOf(real(DECLARATION), 'CLOUDFLARE_API_TOKEN: {'),
      message:
        "CLOUDFLARE_API_TOKEN is repository-wide, so all 7 jobs can read it, but only 3 do: declare it per environment (scope: 'environment') for the jobs that need it",
    })
  })

  it('catches a secret spliced into a run: script', () => {
    const curl = `curl -H "Authorization: Bearer ${expr('secrets.CLOUDFLARE_API_TOKEN')}" https://api.cloudflare.com/client/v4/user/tokens/verify`
    const step = `      - name: verify the token\n        run: |\n          ${curl}\n`
    const text = mutate(
      real(CI),
      '      - name: wrangler deploy --env staging\n',
      `${step}      - name: wrangler deploy --env staging\n`,
    )
    expect(audit({ [CI]: text })).toContainEqual({
      check: 'secret-in-script',
      file: CI,
      line: lineOf(text, '- name: verify the token') + 1,
      message: expect.stringContaining('splices secrets.CLOUDFLARE_API_TOKEN into a shell script'),
    })
  })

  it('catches a pull_request job with environment: preview that checks out and runs PR code', () => {
    const job = [
      '  preview-docs:',
      '    runs-on: ubuntu-latest',
      '    environment: preview',
      '    permissions:',
      '      contents: read',
      '    steps:',
      '      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2',
      '        with:',
      '          persist-credentials: false',
      '      - run: node docs/scripts/build.mjs',
      '',
    ].join('\n')
    const text = mutate(real(CI), '  deploy-staging:\n', `${job}  deploy-staging:\n`)
    expect(audit({ [CI]: text })).toContainEqual({
      check: 'pull-request-secret',
      file: CI,
      line: lineOf(text, '  preview-docs:'),
      message: expect.stringMatching(
        /^jobs\.preview-docs runs pull-request code in environment preview, which holds CLOUDFLARE_API_TOKEN, CLOUDFLARE_ACCOUNT_ID: drop `environment:`/,
      ),
    })
  })

  it('catches the publish token within reach of a job that runs pull-request code', () => {
    const from = `VERDACCIO_AUTH_TOKEN: ${expr('secrets.VERDACCIO_READ_TOKEN')}`
    const text = mutate(real(CI), from, `VERDACCIO_AUTH_TOKEN: ${expr('secrets.VERDACCIO_PUBLISH_TOKEN')}`)
    expect(audit({ [CI]: text })).toContainEqual({
      check: 'pull-request-secret',
      file: CI,
      line: lineOf(text, 'secrets.VERDACCIO_PUBLISH_TOKEN'),
      message: expect.stringMatching(
        /^jobs\.verify runs pull-request code and reads secrets\.VERDACCIO_PUBLISH_TOKEN, which is not read-only/,
      ),
    })
  })

  it('catches `npx wrangler@4.86.0 deploy` with no preflight', () => {
    const text = mutate(real(PREVIEW), 'wrangler@4.86.0 pages deploy site \\', 'wrangler@4.86.0 deploy \\')
    expect(audit({ [PREVIEW]: text })).toContainEqual({
      check: 'deploy-preflight',
      file: PREVIEW,
      line: lineOf(text, '- name: wrangler pages deploy'),
      message: expect.stringContaining(
        'deploys or migrates without an earlier step that fails the job on `pnpm deploy:preflight --env preview`',
      ),
    })
  })

  it('catches `pnpm deploy:preflight --env production || true` in the staging job', () => {
    const text = mutate(
      real(CI),
      'run: pnpm deploy:preflight --env staging',
      'run: pnpm deploy:preflight --env production || true',
    )
    const findings = audit({ [CI]: text }).filter((f) => f.check === 'deploy-preflight')
    expect(findings.map((f) => f.line)).toEqual([
      lineOf(text, '- name: remote D1 migrations (staging)'),
      lineOf(text, '- name: wrangler deploy --env staging'),
    ])
    expect(findings[0]!.message).toContain(
      '`pnpm deploy:preflight --env staging` (placeholder ids; no `|| true`',
    )
  })

  it('catches a remote secrets audit after the deploy instead of before it', () => {
    const ci = real(CI)
    const start = ci.indexOf('      - name: remote secrets audit (staging)')
    const end = ci.indexOf('      # Migrations first')
    const text = `${ci.slice(0, start)}${ci.slice(end)}${ci.slice(start, end)}`
    expect(audit({ [CI]: text })).toContainEqual({
      check: 'deploy-audit',
      file: CI,
      line: lineOf(text, '- name: remote D1 migrations (staging)'),
      message: expect.stringContaining('`pnpm secrets:audit --remote --env staging`'),
    })
  })

  it('compares usedBy with the jobs that really read each secret', () => {
    const text = mutate(
      real(CI),
      '      - name: count tests\n',
      `      - name: count tests\n        env:\n          CLOUDFLARE_ACCOUNT_ID: ${expr('secrets.CLOUDFLARE_ACCOUNT_ID')}\n`,
    )
    expect(audit({ [CI]: text })).toContainEqual({
      check: 'used-by',
      file: DECLARATION,
      line: lineOf(real(DECLARATION), 'CLOUDFLARE_ACCOUNT_ID: {'),
      message:
        'CLOUDFLARE_ACCOUNT_ID is read by ci.yml (verify), which its usedBy does not list: add them, or stop the read',
    })
    const { VERDACCIO_READ_TOKEN: read, ...others } = cmsGithubSecrets
    const github = defineGithubSecrets({
      ...others,
      VERDACCIO_READ_TOKEN: { ...read, usedBy: ['ci.yml (verify)', 'publish-packages.yml (publish)'] },
    })
    expect(
      audit({}, { ...cmsProject, github })
        .filter((f) => f.check === 'used-by')
        .map((f) => f.message),
    ).toEqual([
      'VERDACCIO_READ_TOKEN is read by ci.yml (build-docs), ci.yml (deploy-staging), deploy-prod.yml (deploy), which its usedBy does not list: add them, or stop the read',
      "VERDACCIO_READ_TOKEN's usedBy lists publish-packages.yml (publish), which does not read it: remove them",
    ])
  })

  it('catches job permissions widened beyond what the steps need', () => {
    const text = mutate(
      real(CI),
      '    permissions:\n      contents: read\n',
      '    permissions:\n      contents: write\n      id-token: write\n',
    )
    expect(audit({ [CI]: text }).filter((f) => f.check === 'workflow-permissions')).toEqual([
      {
        check: 'workflow-permissions',
        file: CI,
        line: lineOf(text, 'contents: write'),
        message:
          'jobs.verify grants contents: write (only changesets/action or `gh release create` needs it): remove it',
      },
      {
        check: 'workflow-permissions',
        file: CI,
        line: lineOf(text, 'contents: write'),
        message: 'jobs.verify grants id-token: write (no step of this repository needs it): remove it',
      },
    ])
  })
})

describe('pnpm secrets:audit and a .gitignore that re-includes a secret file', () => {
  let repo: ScratchRepo
  const cli = async () => {
    const err: string[] = []
    const code = await main(['audit'], { cwd: repo.root, out: () => {}, err: (t) => err.push(t) })
    return { code, err: err.join('') }
  }

  beforeAll(async () => {
    repo = createScratchRepo('secrets-gitignore-')
    await main(['generate'], { cwd: repo.root, out: () => {}, err: () => {} })
    repo.git('add', '.')
  })
  afterAll(() => repo.remove())

  it.each(['.dev.vars.production', '.env.production', '.dev.vars.eu-west'])(
    'catches apps/cms/.gitignore un-ignoring %s',
    async (name) => {
      expect((await cli()).code).toBe(0)
      repo.write('apps/cms/.gitignore', `!${name}\n`)
      try {
        const result = await cli()
        expect(result.code).toBe(1)
        expect(result.err).toContain(`apps/cms/${name}:1 [secret-file-not-ignored] is not git-ignored`)
      } finally {
        repo.write('apps/cms/.gitignore', '')
      }
    },
  )

  it('catches a secret file that exists under a name no rule ignores', async () => {
    repo.write('.gitignore', mutate(fixtures.gitignore, '.env.*', '.env.local'))
    repo.write('apps/cms/.env.qa', 'X=1\n')
    try {
      expect((await cli()).err).toContain('apps/cms/.env.qa:1 [secret-file-not-ignored]')
    } finally {
      repo.write('.gitignore', fixtures.gitignore)
      rmSync(join(repo.root, 'apps/cms/.env.qa'))
    }
  })
})
