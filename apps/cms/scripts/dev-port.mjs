/**
 * The port `pnpm dev` serves the Worker on, so two checkouts (or a CMS beside another service on 8787) can
 * run at once: `--port N` (or `--port=N`) first, then the `PORT` environment variable, then 8787. A value
 * that is not a whole number from 1 to 65535 stops the script with a message naming where it came from,
 * rather than letting wrangler pick something else silently.
 */

/** The port when neither `--port` nor `PORT` names one. */
export const DEFAULT_DEV_PORT = 8787

/**
 * @param {string | undefined} raw
 * @param {string} source
 * @returns {number}
 */
function parsePort(raw, source) {
  const port = raw !== undefined && /^[0-9]{1,5}$/.test(raw) ? Number(raw) : Number.NaN
  if (!(port >= 1 && port <= 65535)) throw new Error(`dev: ${source} must be a port from 1 to 65535`)
  return port
}

/**
 * The port to serve on, from the script's arguments and environment.
 * @example devPort(process.argv.slice(2), process.env) // 8899 for `PORT=8899 pnpm dev`
 * @param {readonly string[]} argv the arguments after the script's path
 * @param {Readonly<Record<string, string | undefined>>} env
 * @returns {number}
 */
export function devPort(argv, env) {
  const at = argv.findIndex((arg) => arg === '--port' || arg.startsWith('--port='))
  if (at >= 0) {
    const arg = argv[at] ?? ''
    return parsePort(arg === '--port' ? argv[at + 1] : arg.slice('--port='.length), '--port')
  }
  if (env.PORT !== undefined && env.PORT !== '') return parsePort(env.PORT, 'PORT')
  return DEFAULT_DEV_PORT
}

/**
 * The `wrangler` arguments that serve the Worker on `port`, as `pnpm dev` runs it (the end-to-end fixture
 * starts wrangler with the same ones, plus its isolation flags).
 * @example spawn('wrangler', wranglerDevArgs(8899)) // wrangler dev --ip 127.0.0.1 --port 8899
 * @param {number} port
 * @returns {string[]}
 */
export function wranglerDevArgs(port) {
  return ['dev', '--ip', '127.0.0.1', '--port', String(port)]
}
