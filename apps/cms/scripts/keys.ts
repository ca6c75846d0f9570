/**
 * The key rotation CLI: runs a rewrap (or, with --reseal, a reseal) pass to the end by calling the
 * Worker's own `POST /api/admin/keys/{rewrap,reseal}` batch by batch, then prints the key status and its
 * next step. It is a plain HTTPS client of the deployed CMS, so the batch logic has ONE implementation (the
 * Worker's) and the CLI holds no encryption key.
 *
 *   pnpm --filter @alokai/cms keys:rewrap -- --local|--env staging|--prod [--reseal] [--limit 100]
 *
 * It authenticates as a global admin, from the environment (never from arguments, which land in shell
 * history and `ps`):
 *   CMS_URL             the CMS origin; default http://127.0.0.1:8787 with --local, required otherwise
 *   CMS_BEARER          an IdP access token of a global admin (AUTH_PROVIDER=oidc), or
 *   CMS_ADMIN_EMAIL     a local global admin's email, with CMS_ADMIN_PASSWORD (prompted on a TTY if unset)
 * A password login creates a normal 8-hour session; the CLI logs it out when done.
 */
import { createInterface } from 'node:readline/promises'
import { parseArgs } from 'node:util'

interface Report {
  run: number
  done: number
  remaining: number
  failed: { table: string; id: string; reason: string }[]
  skipped: number
  complete: boolean
}

function fail(message: string): never {
  console.error(`keys: ${message}`)
  process.exit(1)
}

const { values } = parseArgs({
  options: {
    local: { type: 'boolean' },
    env: { type: 'string' },
    prod: { type: 'boolean' },
    reseal: { type: 'boolean' },
    limit: { type: 'string', default: '100' },
  },
  allowPositionals: false,
})
const chosen = [values.local, values.env !== undefined, values.prod].filter(Boolean).length
if (chosen !== 1) fail('choose exactly one of --local, --env staging, --prod')
if (values.env !== undefined && values.env !== 'staging') fail('--env must be staging (production: --prod)')
const base = (process.env.CMS_URL ?? (values.local ? 'http://127.0.0.1:8787' : '')).replace(/\/+$/, '')
if (!base) fail('set CMS_URL to the CMS origin of that environment')
const origin = new URL(base).origin
if (!values.local && new URL(base).protocol !== 'https:') fail('CMS_URL must be https outside --local')
const limit = Number(values.limit)
if (!Number.isInteger(limit) || limit < 1 || limit > 200) fail('--limit must be 1-200')
const kind = values.reseal ? 'reseal' : 'rewrap'

async function password(): Promise<string> {
  const fromEnv = process.env.CMS_ADMIN_PASSWORD
  if (fromEnv) return fromEnv
  if (!process.stdin.isTTY) fail('set CMS_ADMIN_PASSWORD (or CMS_BEARER)')
  const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true })
  const answer = await rl.question('admin password: ')
  rl.close()
  return answer
}

async function authHeaders(): Promise<{ headers: Record<string, string>; logout?: () => Promise<void> }> {
  const bearer = process.env.CMS_BEARER
  if (bearer) return { headers: { authorization: `Bearer ${bearer}` } }
  const email = process.env.CMS_ADMIN_EMAIL
  if (!email) fail('set CMS_BEARER, or CMS_ADMIN_EMAIL and CMS_ADMIN_PASSWORD')
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin },
    body: JSON.stringify({ email, password: await password() }),
    redirect: 'error',
  })
  if (res.status !== 200) fail(`login failed with HTTP ${res.status}`)
  const cookie = res.headers
    .getSetCookie()
    .map((line) => line.split(';')[0] ?? '')
    .filter((pair) => pair.includes('session='))
    .join('; ')
  if (!cookie) fail('the login answered without a session cookie')
  const headers = { cookie, origin }
  return {
    headers,
    logout: async () => {
      await fetch(`${base}/api/auth/logout`, { method: 'POST', headers, redirect: 'error' })
    },
  }
}

async function call(path: string, headers: Record<string, string>, body?: unknown): Promise<unknown> {
  const res = await fetch(`${base}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    redirect: 'error',
  })
  const json = (await res.json().catch(() => null)) as { code?: string; title?: string } | null
  // Thrown, not `fail`ed: process.exit would skip the `finally` that logs the CLI's session out.
  if (!res.ok)
    throw new Error(`${path} answered HTTP ${res.status} ${json?.code ?? ''} ${json?.title ?? ''}`.trim())
  return json
}

const { headers, logout } = await authHeaders()
try {
  let run: number | undefined
  const failed: Report['failed'] = []
  let done = 0
  // Bounded: 10,000 batches of up to 200 rows is far beyond any CMS this serves.
  for (let i = 0; i < 10_000; i++) {
    const report = (await call(
      `/api/admin/keys/${kind}`,
      headers,
      run === undefined ? { limit } : { limit, run },
    )) as Report
    run = report.run
    done += report.done
    failed.push(...report.failed)
    console.log(
      `${kind} run ${run}: +${report.done} done, ${report.failed.length} failed, ${report.remaining} remaining`,
    )
    if (report.complete) break
  }
  console.log(
    `${kind} pass ${run} finished: ${done} values written under the primary key, ${failed.length} failed`,
  )
  for (const f of failed) console.log(`  not migrated: ${f.table} ${f.id} (${f.reason})`)
  const status = (await call('/api/admin/keys', headers)) as {
    nextStep: { message: string }
    warnings: string[]
  }
  for (const w of status.warnings) console.log(`warning: ${w}`)
  console.log(`next step: ${status.nextStep.message}`)
  if (failed.length > 0) process.exitCode = 2
} catch (err) {
  // Our own messages, or fetch's network error (its message names no header or body).
  console.error(`keys: ${(err as Error).message}`)
  process.exitCode = 1
} finally {
  await logout?.()
}
