/**
 * What the CMS's scripts run wrangler and tsx with: the workspace's pinned binaries first on `PATH`, so a
 * script started with plain `node` runs the same versions as `pnpm`, and wrangler's metrics and `request.cf`
 * fetch off, since neither can reach Cloudflare from a developer's or CI's machine.
 */
import { delimiter, dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The CMS app's folder (`apps/cms`). */
export const cmsDir = resolve(dirname(fileURLToPath(import.meta.url)), '..')

const bins = [join(cmsDir, 'node_modules/.bin'), join(cmsDir, '../../node_modules/.bin')]

/**
 * The environment for the scripts' child processes.
 * @example execFileSync('wrangler', ['types'], { cwd: cmsDir, env: toolEnv })
 */
export const toolEnv = {
  ...process.env,
  PATH: [...bins, process.env.PATH].join(delimiter),
  WRANGLER_SEND_METRICS: 'false',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
}
