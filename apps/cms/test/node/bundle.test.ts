/**
 * What ships: the production Worker is bundled the way `pnpm build` bundles it (`wrangler deploy
 * --dry-run`) into a temporary folder, and must not contain the benchmark routes, which authenticate nobody
 * on purpose (`src/features/bench/api.ts`). The bench entry (`bench/worker-entry.ts`, used only by `pnpm
 * bench:worker`) is bundled the same way and must contain them, so the search is proven to find them.
 */
import { execFile } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'

const cmsDir = resolve(import.meta.dirname, '../..')
const out = mkdtempSync(join(tmpdir(), 'cms-bundle-test-'))

afterAll(() => rmSync(out, { recursive: true, force: true }))

/** The bundled code of `entry` (the config's `main` when undefined). */
async function bundle(name: string, entry?: string): Promise<string> {
  const dir = join(out, name)
  await promisify(execFile)('wrangler', ['deploy', '--dry-run', '--outdir', dir, ...(entry ? [entry] : [])], {
    cwd: cmsDir,
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false' },
  })
  // One module named after the entry (`index.js`, `worker-entry.js`), plus its source map.
  const modules = readdirSync(dir).filter((file) => file.endsWith('.js'))
  expect(modules).toHaveLength(1)
  return readFileSync(join(dir, modules[0] ?? ''), 'utf8')
}

const benchMarks = ['/api/bench', '/open/:spaceId/:tokenId', '/plain/:spaceId/:tokenId']

describe('the bundles', () => {
  it('ship no bench route in the production Worker, and every bench route in the bench entry', async () => {
    const [production, bench] = await Promise.all([
      bundle('production'),
      bundle('bench', 'bench/worker-entry.ts'),
    ])
    expect(production).toContain('/api/spaces')
    expect(benchMarks.filter((mark) => production.includes(mark))).toEqual([])
    expect(benchMarks.filter((mark) => bench.includes(mark))).toEqual(benchMarks)
  })
})
