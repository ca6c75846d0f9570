/**
 * The secrets inventory CLI (`main`) end to end on a scratch git repository built from the fixtures: `generate`, then
 * `audit` on a clean tree (exit 0), after a mutation (exit 1 with the list) and with bad arguments
 * (exit 2). `--remote` gets an injected wrangler runner answering fixture JSON (dependency injection of
 * the transport: there is no Cloudflare account here). Node only: it runs git and writes files.
 */
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { WranglerRunner } from '../src/audit/remote.ts'
import { main } from '../src/cli.ts'
import { fixtures, mutate } from './fixtures/index.ts'
import { createScratchRepo, type ScratchRepo } from './scratch-repo.ts'

let repo: ScratchRepo
let root: string
const write = (path: string, text: string) => repo.write(path, text)
const git = (...args: string[]) => repo.git(...args)

async function cli(argv: string[], wrangler?: (dir: string) => WranglerRunner) {
  let out = ''
  let err = ''
  const code = await main(argv, {
    cwd: root,
    out: (t) => {
      out += t
    },
    err: (t) => {
      err += t
    },
    ...(wrangler === undefined ? {} : { wrangler }),
  })
  return { code, out, err }
}

beforeAll(async () => {
  repo = createScratchRepo('secrets-cli-')
  root = repo.root
  expect((await cli(['generate'])).out).toBe('wrote docs/secrets.md\nwrote apps/cms/.dev.vars.example\n')
  git('add', '.')
})

afterAll(() => repo.remove())

describe('the secrets CLI', () => {
  it('audit exits 0 on a clean repository', async () => {
    expect(await cli(['audit'])).toEqual({ code: 0, out: 'secrets audit: no findings\n', err: '' })
    expect((await cli(['audit', '--root', root])).code).toBe(0)
  })

  it('audit exits 1 and prints one line per finding', async () => {
    write(
      'apps/cms/wrangler.jsonc',
      mutate(fixtures.wrangler, '"AUTH_PROVIDER": "local",', '"AUTH_JWT_SECRET": "oops-a-value",'),
    )
    write('apps/cms/.dev.vars', 'AUTH_JWT_SECRET=local-only-value\n')
    git('add', '-f', 'apps/cms/.dev.vars')
    try {
      const result = await cli(['audit'])
      expect(result.code).toBe(1)
      expect(result.err.split('\n')).toEqual([
        'secrets audit: 2 findings',
        'apps/cms/.dev.vars:1 [secret-file-tracked] is tracked by git: `git rm --cached` it, rotate every value it held, and ignore it',
        'apps/cms/wrangler.jsonc:12 [secret-in-vars] vars holds AUTH_JWT_SECRET, a secret: remove it and use `wrangler secret put AUTH_JWT_SECRET`',
        '',
      ])
      expect(result.err).not.toContain('oops-a-value')
      expect(result.err).not.toContain('local-only-value')
    } finally {
      git('rm', '-q', '--cached', 'apps/cms/.dev.vars')
      rmSync(join(root, 'apps/cms/.dev.vars'))
      write('apps/cms/wrangler.jsonc', fixtures.wrangler)
    }
  })

  it('asks git whether .dev.vars is ignored: an untracked nested .gitignore that re-includes it is caught', async () => {
    write('apps/cms/.gitignore', '!.dev.vars\n')
    try {
      const result = await cli(['audit'])
      expect(result.code).toBe(1)
      expect(result.err).toContain('apps/cms/.dev.vars:1 [secret-file-not-ignored]')
      expect(git('ls-files', 'apps/cms/.gitignore')).toBe('') // untracked, and still judged
    } finally {
      rmSync(join(root, 'apps/cms/.gitignore'))
    }
    expect((await cli(['audit'])).code).toBe(0)
  })

  it('asks git about .git/info/exclude too: a path ignored only there passes', async () => {
    write('.gitignore', mutate(fixtures.gitignore, '.env\n', ''))
    try {
      expect((await cli(['audit'])).err).toContain('.env:1 [secret-file-not-ignored]')
      write('.git/info/exclude', '.env\n')
      expect((await cli(['audit'])).code).toBe(0)
    } finally {
      write('.gitignore', fixtures.gitignore)
      write('.git/info/exclude', '')
    }
  })

  it('deploy preflight exits 1 naming each placeholder id and route of the environment, 0 once they are real', async () => {
    const placeholders = await cli(['preflight', '--env', 'staging'])
    expect(placeholders.code).toBe(1)
    expect(placeholders.err).toMatch(
      /apps\/cms\/wrangler\.jsonc:\d+ \[placeholder-id\] env\.staging\.d1_databases\[0\]\.database_id is still a placeholder/,
    )
    expect(placeholders.err).toMatch(
      /apps\/cms\/wrangler\.jsonc:24 \[placeholder-id\] env\.staging\.routes\[0\]\.pattern cms-staging\.example\.com is still a placeholder: .*Zone → Workers Routes: Edit on its zone/,
    )
    const noRoute = mutate(
      fixtures.wrangler,
      '      "routes": [{ "pattern": "cms-staging.example.com", "custom_domain": true }],\n',
      '',
    )
    write('apps/cms/wrangler.jsonc', noRoute)
    try {
      expect((await cli(['preflight', '--env', 'staging'])).err).toContain(
        "env.staging.routes is missing, so this environment would take production's routes",
      )
      write(
        'apps/cms/wrangler.jsonc',
        mutate(
          fixtures.wrangler,
          '  "routes": [{ "pattern": "cms.example.com", "custom_domain": true }],\n',
          '',
        ),
      )
      expect((await cli(['preflight', '--env', 'production'])).err).toContain(
        'workers_dev is off and there are no routes: the CMS would have no address',
      )
    } finally {
      write('apps/cms/wrangler.jsonc', fixtures.wrangler)
    }
    const bucket = (name: string) => `[{ "binding": "AUDIT_ARCHIVE", "bucket_name": "${name}" }]`
    const withBuckets = (staging: string | undefined) =>
      fixtures.wrangler
        .replace('  "env": {', `  "r2_buckets": ${bucket('fixture-audit')},\n  "env": {`)
        .replace(
          '      "kv_namespaces"',
          staging === undefined
            ? '      "kv_namespaces"'
            : `      "r2_buckets": ${bucket(staging)},\n      "kv_namespaces"`,
        )
    try {
      write('apps/cms/wrangler.jsonc', withBuckets(undefined))
      expect((await cli(['preflight', '--env', 'staging'])).err).toContain(
        'env.staging.r2_buckets has no AUDIT_ARCHIVE: `wrangler r2 bucket create <name>`',
      )
      write('apps/cms/wrangler.jsonc', withBuckets('fixture-audit'))
      expect((await cli(['preflight', '--env', 'staging'])).err).toContain(
        "env.staging.r2_buckets AUDIT_ARCHIVE uses production's bucket fixture-audit",
      )
      write('apps/cms/wrangler.jsonc', withBuckets('fixture-audit-staging'))
      expect((await cli(['preflight', '--env', 'staging'])).err).not.toContain('r2_buckets')
    } finally {
      write('apps/cms/wrangler.jsonc', fixtures.wrangler)
    }
    const real = fixtures.wrangler
      .replace('cms-staging.example.com', 'cms-staging.alokai.dev')
      .replace('0123456789abcdef0123456789abcdef', 'a1b2c3d4e5f60718293a4b5c6d7e8f90')
      .replace('00000000-0000-4000-8000-000000000002', '6f1c2d3e-4b5a-4c6d-8e7f-901a2b3c4d5e')
      .replace('00000000000000000000000000000002', 'c0ffee00c0ffee00c0ffee00c0ffee00')
    write('apps/cms/wrangler.jsonc', real)
    try {
      expect(await cli(['preflight', '--env', 'staging'])).toMatchObject({ code: 0 })
      expect((await cli(['preflight', '--env', 'qa'])).code).toBe(2)
    } finally {
      write('apps/cms/wrangler.jsonc', fixtures.wrangler)
    }
  })

  it('audit --remote lists the environment through the injected runner and reports what is missing', async () => {
    const seen: { dir: string; args: readonly string[] }[] = []
    const wrangler =
      (dir: string): WranglerRunner =>
      async (args) => {
        seen.push({ dir, args })
        return { code: 0, stdout: '[{"name":"AUTH_JWT_SECRET","type":"secret_text"}]' }
      }
    const result = await cli(['audit', '--remote', '--env', 'staging'], wrangler)
    expect(seen).toEqual([
      { dir: join(root, 'apps/cms'), args: ['secret', 'list', '--format', 'json', '--env', 'staging'] },
    ])
    expect(result.code).toBe(1)
    expect(result.err).toContain(
      '[remote-missing] staging (env.staging) lacks the required secret TOKEN_ENCRYPTION_KEY',
    )
    expect(result.err).toContain('lacks the required secret OIDC_ISSUER')
    const clean = async () => ({ code: 0, stdout: fixtures.secretList.production })
    expect((await cli(['audit', '--remote', '--env', 'production'], () => clean)).code).toBe(0)
  })

  it('audit --remote exits 2, as documented, when wrangler cannot list the secrets', async () => {
    const failing = () => async () => ({ code: 1, stdout: '' })
    const result = await cli(['audit', '--remote', '--env', 'staging'], failing)
    expect(result.code).toBe(2)
    expect(result.err).toContain('[remote-failed]')
  })

  it.each([
    [['frob']],
    [[]],
    [['audit', '--remote']],
    [['audit', '--env', 'staging']],
    [['audit', '--remote', '--env', 'qa']],
    [['audit', '--bogus']],
    [['generate', '--remote']],
    [['audit', 'extra']],
  ])('exits 2 with the usage for %j', async (argv) => {
    const result = await cli(argv, () => async () => ({ code: 0, stdout: '[]' }))
    expect(result.code).toBe(2)
    expect(result.err).toContain('Usage:')
  })

  it('prints the usage for --help and exits 0', async () => {
    const result = await cli(['--help'])
    expect(result.code).toBe(0)
    expect(result.out).toContain('pnpm secrets:audit --remote --env ENV')
  })
})
