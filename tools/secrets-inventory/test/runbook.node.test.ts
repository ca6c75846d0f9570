/**
 * The deploy guide and the rotation runbooks, run: their shell blocks in order, in bash, against recording
 * stand-ins for wrangler, pnpm, gh, openssl and git (test/runbook/). A first deploy of both environments,
 * then a key and session-secret rotation of each, then a second rotation from the secrets page, whose
 * `$OLD_KEY` can only be the key the first rotation had the operator keep. Each rule is also shown to fail
 * when a step is removed from the text or a name changes in the code. Offline: nothing reaches a network.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { mutate } from './fixtures/index.ts'
import { deployedEnvironments, judge } from './runbook/judge.ts'
import { pastedNames, type RunbookRun, runBlocks, shellBlocks, storedSecrets } from './runbook/run-blocks.ts'
import { createWorkspace, REPO, type Workspace } from './runbook/workspace.ts'

const doc = (path: string): string => readFileSync(join(REPO, path), 'utf8')
const DEPLOY = doc('docs/deploy.md')
const ROTATION = doc('docs/key-rotation.md')
const SECRETS = doc('docs/secrets.md')
const ROTATION_SECTION = '## Rotation runbooks'
const URLS: Record<string, string> = { staging: 'https://cms-staging.test', production: 'https://cms.test' }

let workspaces: Workspace[] = []
afterEach(() => {
  for (const ws of workspaces) ws.remove()
  workspaces = []
})

async function workspace(edit?: (path: string, text: string) => string): Promise<Workspace> {
  const ws = await createWorkspace(edit)
  workspaces.push(ws)
  return ws
}

function deploy(ws: Workspace, guide = DEPLOY): RunbookRun {
  return runBlocks(ws, shellBlocks(guide), {})
}

/** Runs rotation blocks for one environment, answering each `read` from what the operator kept. */
function rotate(ws: Workspace, blocks: string[], env: string, kept: readonly RunbookRun[]): RunbookRun {
  const vault = new Set(kept.flatMap((run) => [...run.kept.values()].flatMap((values) => [...values])))
  const stored = storedSecrets(ws)[env] ?? {}
  const answers = pastedNames(blocks).map((name) => (vault.has(stored[name] ?? '') ? stored[name]! : ''))
  return runBlocks(
    ws,
    blocks,
    { CMS_ENV: env, CMS_URL: URLS[env]!, CMS_ADMIN_EMAIL: 'ada@example.com' },
    answers,
  )
}

function expectClean(run: RunbookRun): void {
  expect(run.stderr.split('\n').filter((line) => line.includes('(stand-in)'))).toEqual([])
  expect(run.status).toBe(0)
  expect(judge(run)).toEqual([])
}

// Each case runs bash with a few dozen stand-in processes: seconds, more on a busy machine.
describe('docs/deploy.md, run', { timeout: 180_000 }, () => {
  it('deploys staging and production with every key kept, the packages built, and the preflight and remote audit first', async () => {
    const ws = await workspace()
    const run = deploy(ws)
    expectClean(run)
    expect(deployedEnvironments(run.events)).toEqual(['staging', 'production'])
    for (const env of ['staging', 'production']) {
      expect(Object.keys(storedSecrets(ws)[env] ?? {})).toEqual(
        expect.arrayContaining(['TOKEN_ENCRYPTION_KEY', 'AUTH_JWT_SECRET']),
      )
    }
    expect(run.events.filter((e) => e.type === 'pages-project')).toHaveLength(1)
  })

  it('never pipes freshly generated key material into wrangler, in any deploy or rotation text', () => {
    const piped = /openssl rand[^\n|]*\|[^\n]*wrangler/
    for (const text of [DEPLOY, ROTATION, SECRETS]) expect(text).not.toMatch(piped)
  })

  it.each([
    [
      'a key piped straight from openssl into wrangler',
      (t: string) =>
        mutate(t, 'KEK_STAGING=$(openssl rand -hex 32)\n', '')
          .replace(
            /printf '\{"TOKEN_ENCRYPTION_KEY":"%s","AUTH_JWT_SECRET":"%s"\}' "\$KEK_STAGING" "\$SESSION_STAGING" \\\n {2}\| pnpm --filter @alokai\/cms exec wrangler secret bulk --env staging/,
            'openssl rand -hex 32 | pnpm --filter @alokai/cms exec wrangler secret put TOKEN_ENCRYPTION_KEY --env staging\nprintf \'{"AUTH_JWT_SECRET":"%s"}\' "$SESSION_STAGING" | pnpm --filter @alokai/cms exec wrangler secret bulk --env staging',
          )
          .replace(/"\$KEK_STAGING"/g, '"-"'),
      'staging: a generated TOKEN_ENCRYPTION_KEY was stored without the operator keeping it',
    ],
    [
      'the package build',
      (t: string) => t.replaceAll('pnpm exec turbo run build --filter=./packages/*\n', ''),
      'staging: migrate before the packages were built',
    ],
    [
      'the staging preflight',
      (t: string) => t.replace(/^pnpm deploy:preflight --env staging.*\n/gm, ''),
      'staging: migrate without an earlier `pnpm deploy:preflight --env staging`',
    ],
    [
      'the remote audit of production',
      (t: string) => t.replace(/^pnpm secrets:audit --remote --env production.*\n/gm, ''),
      'production: migrate without an earlier passing `pnpm secrets:audit --remote --env production`',
    ],
  ])('fails when %s is removed', async (_, edit, problem) => {
    const run = deploy(await workspace(), edit(DEPLOY))
    expect(judge(run)).toContain(problem)
  })

  it('stops at the remote audit, before any deploy, when the production secrets step is missing', async () => {
    const start = DEPLOY.indexOf('KEK_PRODUCTION=$(openssl')
    const end = DEPLOY.indexOf('wrangler secret bulk\n', start) + 'wrangler secret bulk\n'.length
    const run = deploy(await workspace(), DEPLOY.slice(0, start) + DEPLOY.slice(end))
    expect(run.status).not.toBe(0)
    expect(run.stderr).toContain('production lacks AUTH_JWT_SECRET, TOKEN_ENCRYPTION_KEY')
    expect(deployedEnvironments(run.events)).toEqual([])
  })

  it.each([
    [
      'a root script renamed',
      'package.json',
      '"deploy:preflight":',
      '"deploy:check":',
      'Missing script: deploy:preflight',
    ],
    [
      'the D1 binding renamed',
      'apps/cms/wrangler.jsonc',
      '"binding": "DB"',
      '"binding": "DATABASE"',
      'has no D1 binding DB',
    ],
    [
      'the staging database renamed',
      'apps/cms/wrangler.jsonc',
      '"database_name": "alokai-cms-staging"',
      '"database_name": "cms-staging"',
      'no d1_databases entry is named alokai-cms-staging',
    ],
    [
      'the staging audit archive bucket renamed',
      'apps/cms/wrangler.jsonc',
      '"bucket_name": "alokai-cms-audit-archive-staging"',
      '"bucket_name": "cms-audit-staging"',
      'no r2_buckets entry is named alokai-cms-audit-archive-staging',
    ],
  ])('fails when the code changes a name the guide uses: %s', async (_, file, from, to, message) => {
    const ws = await workspace((path, text) =>
      path === file ? mutate(text, from, to).replaceAll(from, to) : text,
    )
    const run = deploy(ws)
    expect(run.status).not.toBe(0)
    expect(run.stderr).toContain(message)
  })
})

describe('the rotation runbooks, run after the deploy guide', { timeout: 180_000 }, () => {
  it('rotate the key and the session secret in both environments, twice in staging, dropping nothing still in use', async () => {
    const ws = await workspace()
    const first = deploy(ws)
    expectClean(first)
    const blocks = shellBlocks(ROTATION)
    const staging = rotate(ws, blocks, 'staging', [first])
    expectClean(staging)
    expectClean(rotate(ws, blocks, 'production', [first]))
    const before = storedSecrets(ws).staging!
    const again = rotate(ws, shellBlocks(SECRETS, ROTATION_SECTION), 'staging', [first, staging])
    expectClean(again)
    expect(
      again.events.filter((e) => e.type === 'store').map((e) => e.values?.TOKEN_ENCRYPTION_KEY_PREVIOUS),
    ).toContain(before.TOKEN_ENCRYPTION_KEY)
    expect(Object.keys(storedSecrets(ws).staging!).filter((name) => name.endsWith('_PREVIOUS'))).toEqual([])
  })

  it.each([
    [
      'the rewrap',
      (t: string) => mutate(t, '   pnpm --filter @alokai/cms keys:rewrap -- $CMS_TARGET\n', '   true\n'),
      'staging: TOKEN_ENCRYPTION_KEY_PREVIOUS was deleted before a rewrap moved the values sealed under it',
    ],
    [
      'the previous key from the bulk',
      (t: string) =>
        mutate(
          t,
          '"TOKEN_ENCRYPTION_KEY_PREVIOUS":"%s"}\' "$NEW_KEY" "$OLD_KEY"',
          '"X":"%s"}\' "$NEW_KEY" "$OLD_KEY"',
        ).replace('"X":"%s"', '"AUTH_JWT_SECRET_PREVIOUS":"%s"'),
      'staging: TOKEN_ENCRYPTION_KEY was replaced without the old value as TOKEN_ENCRYPTION_KEY_PREVIOUS',
    ],
    [
      'the previous session secret',
      (t: string) =>
        mutate(t, ',"AUTH_JWT_SECRET_PREVIOUS":"%s"}\' "$NEW_SESSION" "$OLD_SESSION"', '}\' "$NEW_SESSION"'),
      'staging: AUTH_JWT_SECRET was replaced without the old value as AUTH_JWT_SECRET_PREVIOUS',
    ],
  ])('fails when %s is removed', async (_, edit, problem) => {
    const ws = await workspace()
    const first = deploy(ws)
    const run = rotate(ws, shellBlocks(edit(ROTATION)), 'staging', [first])
    expect(judge(run)).toContain(problem)
  })

  it('fails when the guide did not have the operator keep the key: $OLD_KEY has no source then', async () => {
    const ws = await workspace()
    const guide = mutate(
      DEPLOY,
      'KEK_STAGING=$(openssl rand -hex 32)\n',
      'KEK_STAGING=$(openssl rand -hex 32); export KEK_ONCE="$KEK_STAGING"\n',
    ).replace(
      '  | pnpm --filter @alokai/cms exec wrangler secret bulk --env staging\n',
      '  | pnpm --filter @alokai/cms exec wrangler secret bulk --env staging\nunset KEK_STAGING KEK_ONCE\n',
    )
    const first = deploy(ws, guide)
    const run = rotate(ws, shellBlocks(ROTATION), 'staging', [first])
    expect(judge(run)).toContain(
      'staging: TOKEN_ENCRYPTION_KEY was replaced without the old value as TOKEN_ENCRYPTION_KEY_PREVIOUS',
    )
  })
})
