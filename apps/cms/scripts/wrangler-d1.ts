/**
 * Runs SQL against the CMS's D1 database through `wrangler d1 execute` (local, staging or production) and
 * returns the rows of the last statement. Values are validated by the callers and quoted here; wrangler
 * offers no bound parameters on the command line.
 */
import { execFileSync } from 'node:child_process'
import { delimiter, dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

/** Where the SQL goes. */
export type Target = { kind: 'local'; persistTo?: string } | { kind: 'staging' } | { kind: 'production' }

/** The apps/cms folder (wrangler.jsonc lives there). */
export const CMS_DIR: string = resolve(dirname(fileURLToPath(import.meta.url)), '..')

/** Quotes a string as an SQL literal. */
export function sqlString(value: string): string {
  if (value.includes('\0')) throw new TypeError('NUL in SQL value')
  return `'${value.replace(/'/g, "''")}'`
}

/** Wrangler's flags for a target. */
export function targetFlags(target: Target): string[] {
  switch (target.kind) {
    case 'local':
      return ['--local', ...(target.persistTo ? ['--persist-to', target.persistTo] : [])]
    case 'staging':
      return ['--remote', '--env', 'staging']
    case 'production':
      return ['--remote']
  }
}

/** Environment for wrangler child processes: no metrics, no request.cf download. */
export function wranglerEnv(): NodeJS.ProcessEnv {
  // The workspace's pinned wrangler, even when started outside pnpm.
  const bins = [join(CMS_DIR, 'node_modules/.bin'), join(CMS_DIR, '../../node_modules/.bin')]
  return {
    ...process.env,
    PATH: [...bins, process.env.PATH].join(delimiter),
    WRANGLER_SEND_METRICS: 'false',
    CLOUDFLARE_CF_FETCH_ENABLED: 'false',
  }
}

/** Executes `sql` and returns the rows of its last statement. */
export function executeSql(target: Target, sql: string): Record<string, unknown>[] {
  const out = execFileSync(
    'wrangler',
    ['d1', 'execute', 'DB', ...targetFlags(target), '--json', '--command', sql],
    { cwd: CMS_DIR, env: wranglerEnv(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
  )
  const results = JSON.parse(out) as { results?: Record<string, unknown>[] }[]
  return results.at(-1)?.results ?? []
}
