/**
 * The root scripts as a developer or CI starts them: `pnpm secrets:generate` and `pnpm secrets:audit`
 * spawned for real from the repository root, and the same entry started with tsx from inside another
 * repository. Whatever starts it, the exit code is 0 clean, 1 findings, 2 usage error.
 */
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fixtures, mutate } from './fixtures/index.ts'
import { createScratchRepo, type ScratchRepo } from './scratch-repo.ts'

const toolDir = fileURLToPath(new URL('..', import.meta.url))
const repoRoot = join(toolDir, '..', '..')
let repo: ScratchRepo

function pnpm(...args: string[]) {
  const result = spawnSync('pnpm', args, { cwd: repoRoot, encoding: 'utf8', timeout: 90_000 })
  return { code: result.status, out: result.stdout, err: result.stderr }
}

/** The entry without pnpm, started in the scratch repository (the root comes from git). */
function tsx(...args: string[]) {
  const bin = join(toolDir, 'node_modules', '.bin', 'tsx')
  const entry = [bin, '--tsconfig', join(toolDir, 'tsconfig.json'), join(toolDir, 'src', 'bin.ts')]
  const result = spawnSync(entry[0]!, [...entry.slice(1), ...args], {
    cwd: repo.root,
    encoding: 'utf8',
    timeout: 90_000,
  })
  return { code: result.status, out: result.stdout, err: result.stderr }
}

beforeAll(() => {
  repo = createScratchRepo('secrets-scripts-')
  const generated = pnpm('secrets:generate', '--root', repo.root)
  expect(generated.code).toBe(0)
  repo.git('add', '.')
})

afterAll(() => repo.remove())

describe('pnpm secrets:audit', () => {
  it('exits 0 on a clean repository', () => {
    const result = pnpm('secrets:audit', '--root', repo.root)
    expect(result.code).toBe(0)
    expect(result.out).toContain('secrets audit: no findings')
  })

  it('exits 1 with the findings when a secret sits in vars', () => {
    const vars = mutate(fixtures.wrangler, '"AUTH_PROVIDER": "local",', '"AUTH_JWT_SECRET": "oops-a-value",')
    repo.write('apps/cms/wrangler.jsonc', vars)
    try {
      const result = pnpm('secrets:audit', '--root', repo.root)
      expect(result.code).toBe(1)
      expect(result.err).toContain('apps/cms/wrangler.jsonc:12 [secret-in-vars]')
      expect(result.err).toContain('[secret-in-vars]')
      expect(result.err).not.toContain('oops-a-value')
    } finally {
      repo.write('apps/cms/wrangler.jsonc', fixtures.wrangler)
    }
  })

  it('exits 2 on a usage error', () => {
    const result = pnpm('secrets:audit', '--root', repo.root, '--bogus')
    expect(result.code).toBe(2)
    expect(result.err).toContain('Usage:')
  })
})

describe('the entry started with tsx inside another repository', () => {
  it('finds the repository from the working directory and exits 0, 1 and 2 alike', () => {
    expect(tsx('audit').code).toBe(0)
    repo.write('apps/cms/.dev.vars.example', 'STALE=1\n')
    try {
      const stale = tsx('audit')
      expect(stale.code).toBe(1)
      expect(stale.err).toContain('apps/cms/.dev.vars.example:1 [stale-generated]')
    } finally {
      expect(tsx('generate').code).toBe(0)
    }
    expect(tsx('audit', '--remote').code).toBe(2)
  })
})
