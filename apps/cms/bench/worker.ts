/**
 * `pnpm bench:worker`: the Worker's request overhead on a real `wrangler dev` (local workerd + local D1),
 * started here on 127.0.0.1 with free ports and stopped by pid at the end. autocannon drives 50
 * connections for BENCH_DURATION seconds (default 20; 5 when CI is set) against two development-only
 * routes that run the same D1 queries: (a) verifies the session and opens one sealed API token, (b) does
 * neither. The routes exist only in the bench entry (`bench/worker-entry.ts`), never in the deployed
 * Worker. Prints p50/p99 latency, req/s and non-2xx for both, the p50 overhead ratio, the production
 * Worker's bundle size (minified, gzip) and the measured login time. Not part of `pnpm test`.
 */
import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { gzipSync } from 'node:zlib'
import autocannon from 'autocannon'
import { startWranglerDev } from '../test/node/fixtures/wrangler-dev.ts'

const cmsDir = resolve(import.meta.dirname, '..')
const duration = Number(process.env.BENCH_DURATION ?? (process.env.CI ? 5 : 20))
const connections = 50

interface Measured {
  p50: number
  p99: number
  rps: number
  non2xx: number
  errors: number
  requests: number
}

async function hammer(url: string, cookie: string): Promise<Measured> {
  const result = await autocannon({ url, connections, duration, headers: { cookie } })
  return {
    p50: result.latency.p50,
    p99: result.latency.p99,
    rps: result.requests.average,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    requests: result.requests.total,
  }
}

async function bundleSize(): Promise<{ minified: number; gzip: number }> {
  const out = mkdtempSync(join(tmpdir(), 'cms-bundle-'))
  try {
    await promisify(execFile)('wrangler', ['deploy', '--dry-run', '--minify', '--outdir', out], {
      cwd: cmsDir,
      env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
    })
    const code = readFileSync(join(out, 'index.js'))
    return { minified: code.length, gzip: gzipSync(code, { level: 9 }).length }
  } finally {
    rmSync(out, { recursive: true, force: true })
  }
}

async function post(base: string, path: string, cookie: string, body: unknown): Promise<Response> {
  return fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base, ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(body),
  })
}

// The bench entry: the production app plus the two routes, which the deployed Worker does not carry.
const cms = await startWranglerDev({}, { main: 'bench/worker-entry.ts' })
try {
  // Login time: wall clock of real password logins (PBKDF2 100,000 + D1), median of 5.
  const logins: number[] = []
  let cookie = ''
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now()
    const res = await post(cms.base, '/api/auth/login', '', {
      email: cms.admin.email,
      password: cms.admin.password,
    })
    logins.push(performance.now() - t0)
    if (res.status !== 200) throw new Error(`login failed: ${res.status}`)
    cookie = res.headers
      .getSetCookie()
      .map((l) => l.split(';')[0])
      .join('; ')
  }
  logins.sort((a, b) => a - b)
  const space = (await (await post(cms.base, '/api/spaces', cookie, { name: 'bench' })).json()) as {
    id: string
  }
  const tokenRes = await post(cms.base, `/api/spaces/${space.id}/tokens`, cookie, {
    name: 'b',
    scope: 'delivery',
  })
  const token = (await tokenRes.json()) as { id: string }
  const path = `${space.id}/${token.id}`
  for (const kind of ['open', 'plain']) {
    const check = await fetch(`${cms.base}/api/bench/${kind}/${path}`, { headers: { cookie } })
    if (check.status !== 200) throw new Error(`bench route ${kind} answered ${check.status}`)
  }
  // Warm-up, then the two runs back to back.
  await autocannon({
    url: `${cms.base}/api/bench/plain/${path}`,
    connections,
    duration: 2,
    headers: { cookie },
  })
  const plain = await hammer(`${cms.base}/api/bench/plain/${path}`, cookie)
  const open = await hammer(`${cms.base}/api/bench/open/${path}`, cookie)
  const size = await bundleSize()

  const row = (name: string, m: Measured): string =>
    `| ${name} | ${m.p50} ms | ${m.p99} ms | ${m.rps.toFixed(0)} | ${m.requests} | ${m.non2xx + m.errors} |`
  console.log(`\nwrangler dev, ${connections} connections, ${duration} s each\n`)
  console.log('| route | p50 | p99 | req/s | requests | non-2xx + errors |')
  console.log('|---|---|---|---|---|---|')
  console.log(row('(b) same D1 queries, nothing verified or opened', plain))
  console.log(row('(a) session JWT verified + one sealed token opened', open))
  const ratio = plain.p50 > 0 ? open.p50 / plain.p50 : Number.NaN
  console.log(
    `\np50 overhead (a)/(b): ${ratio.toFixed(2)}x (${((ratio - 1) * 100).toFixed(1)} %); target ≤ 15 %`,
  )
  console.log(
    `req/s ratio (b)/(a): ${(plain.rps / open.rps).toFixed(2)}x; p99 ratio (a)/(b): ${(open.p99 / plain.p99).toFixed(2)}x`,
  )
  console.log(
    `bundle: ${(size.minified / 1024).toFixed(1)} KiB minified, ${(size.gzip / 1024).toFixed(1)} KiB gzip (target ≤ 250 KB)`,
  )
  console.log(
    `login (PBKDF2-SHA256 100,000 + D1, wall clock on wrangler dev): median ${logins[2]?.toFixed(0)} ms of 5`,
  )
} finally {
  cms.stop()
}
