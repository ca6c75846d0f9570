/**
 * `pnpm bench:scale`: how the CMS behaves as its tables grow. Starts the real Worker on `wrangler dev`
 * (127.0.0.1, free ports, a temporary local D1 with the real migrations, `--test-scheduled`; stopped by pid
 * at the end), then for each size of BENCH_SCALE_SIZES (default 10,000, 100,000 and 1,000,000 audit
 * entries, with one space per 100 entries and one API token per 10, so 10,000 spaces and 100,000 tokens at
 * the largest) grows the database in batches of 100,000 rows (`bench/scale-data.ts`) and measures, one
 * request at a time, p50 and p95 of: the bearer content read, the token list page, the audit log page
 * (first, filtered, deep in the keyset), the CSV export of one day and one cron run. Prints a Markdown table
 * per size and the growth ratios; then, unless BENCH_LOAD_SECONDS=0, `bench/scale-load.ts` at the largest
 * size. Not part of `pnpm test`.
 */
import { execFileSync } from 'node:child_process'
import { startWranglerDev } from '../test/node/fixtures/wrangler-dev.ts'
import { bytesPerRow } from './scale-bytes.ts'
import { auditSql, fillerDay, spacesSql, tokensSql } from './scale-data.ts'
import { runLoad } from './scale-load.ts'
import { markdownTable, type Timing, timing } from './scale-stats.ts'

const sizes = (process.env.BENCH_SCALE_SIZES ?? '10000,100000,1000000').split(',').map(Number)
const samples = Number(process.env.BENCH_SCALE_SAMPLES ?? 40)
const cronSamples = Number(process.env.BENCH_SCALE_CRON_SAMPLES ?? 5)
const loadSeconds = Number(process.env.BENCH_LOAD_SECONDS ?? 30)
// One statement per batch keeps each `wrangler d1 execute` bounded in memory and time.
const BATCH = 100_000

async function post(base: string, path: string, cookie: string, body: unknown): Promise<Response> {
  return fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base, ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(body),
  })
}

async function time(n: number, request: () => Promise<Response>): Promise<number[]> {
  const out: number[] = []
  for (let i = 0; i < n; i++) {
    const t0 = performance.now()
    const res = await request()
    await res.arrayBuffer()
    out.push(performance.now() - t0)
    if (res.status !== 200) throw new Error(`bench request answered ${res.status}`)
  }
  return out
}

const uptime = () => execFileSync('uptime', { encoding: 'utf8' }).trim()
const started = performance.now()
console.log(`machine at start: ${uptime()}`)
const cms = await startWranglerDev({}, { args: ['--test-scheduled'] })
try {
  const login = await post(cms.base, '/api/auth/login', '', {
    email: cms.admin.email,
    password: cms.admin.password,
  })
  if (login.status !== 200) throw new Error(`login failed: ${login.status}`)
  const cookie = login.headers
    .getSetCookie()
    .map((l) => l.split(';')[0])
    .join('; ')
  const space = (await (await post(cms.base, '/api/spaces', cookie, { name: 'bench' })).json()) as {
    id: string
  }
  const created = await post(cms.base, `/api/spaces/${space.id}/tokens`, cookie, {
    name: 'bench reader',
    scope: 'delivery',
  })
  const { token } = (await created.json()) as { token: string }
  const bearer = { authorization: `Bearer ${token}` }
  const now = Date.now()
  const have = { audit: 0, spaces: 0, tokens: 0, benchTokens: 0 }
  const results: { size: number; rows: Timing[] }[] = []
  for (const size of sizes) {
    const t0 = performance.now()
    const grow = async (key: keyof typeof have, target: number, sql: (from: number, n: number) => string) => {
      while (have[key] < target) {
        const n = Math.min(BATCH, target - have[key])
        await cms.d1(sql(have[key], n))
        have[key] += n
      }
    }
    const spaces = Math.max(1, Math.floor(size / 100))
    await grow('spaces', spaces, (from, n) => spacesSql(from, n, now))
    await grow('tokens', Math.floor(size / 10), (from, n) => tokensSql(1_000_000 + from, n, { spaces }, now))
    // The bench space's own list grows too: 1 token per 1,000 entries (1,000 at the largest size).
    await grow('benchTokens', Math.floor(size / 1000), (from, n) =>
      tokensSql(from, n, { spaceId: space.id }, now),
    )
    await grow('audit', size, (from, n) => auditSql(from, n, { spaces, now }))
    const fill = ((performance.now() - t0) / 1000).toFixed(0)
    const [[ids]] = (await cms.d1('SELECT MIN(id) AS lo, MAX(id) AS hi FROM audit_log')) as [
      [{ lo: number; hi: number }],
    ]
    const deep = Math.floor(ids.lo + (ids.hi - ids.lo) / 20)
    const get =
      (path: string, headers: Record<string, string> = { cookie }) =>
      () =>
        fetch(`${cms.base}${path}`, { headers })
    const day = fillerDay(now, 30)
    const requests: [string, () => Promise<Response>][] = [
      ['floor: GET /healthz (one D1 round trip, no table)', get('/healthz', {})],
      ['bearer content read', get(`/api/spaces/${space.id}/entries`, bearer)],
      ['token list page', get(`/spaces/${space.id}/settings/tokens`)],
      ['audit page, first', get('/admin/audit')],
      [
        'audit page, filtered (actor + action)',
        get('/admin/audit?actor=usr_0000000000000000000003&action=tokens.reveal'),
      ],
      ['audit page, deep keyset (5 % from the oldest)', get(`/admin/audit?before=${deep}`)],
      ['CSV export of one day', get(`/admin/audit/export.csv?from=${day}&to=${day}`)],
    ]
    // Warm the isolate and SQLite's page cache the same way at every size.
    for (const [, request] of requests) await time(2, request)
    // Round-robin: every request sees the same moments of a shared machine's load.
    const taken = requests.map((): number[] => [])
    const cron: number[] = []
    for (let round = 0; round < samples; round++) {
      for (const [k, [, request]] of requests.entries()) taken[k]?.push(...(await time(1, request)))
      if (round % Math.ceil(samples / cronSamples) === 0)
        cron.push(...(await time(1, get('/__scheduled?cron=17+*+*+*+*', {}))))
    }
    const rows = [
      ...requests.map(([name], k) => timing(name, taken[k] ?? [])),
      timing('cron run (/__scheduled)', cron),
    ]
    results.push({ size, rows })
    console.log(
      `\n### ${size.toLocaleString('en')} audit entries, ${have.spaces.toLocaleString('en')} spaces, ${(have.tokens + have.benchTokens + 1).toLocaleString('en')} API tokens (filled in ${fill} s)\n`,
    )
    console.log(markdownTable(rows))
  }
  const [small, large] = [results[0], results.at(-1)]
  const p95 = (r: typeof small, name: string) =>
    r?.rows.find((t) => t.name.startsWith(name))?.p95 ?? Number.NaN
  const worstAudit = (r: typeof small) =>
    Math.max(...(r?.rows.filter((t) => t.name.startsWith('audit page')).map((t) => t.p95) ?? []))
  const label = (n: number | undefined) => (n === undefined ? '?' : n >= 1e6 ? `${n / 1e6}M` : `${n / 1e3}k`)
  const ratio = (f: (r: typeof small) => number) => f(large) / f(small)
  // The same ratios with each p95 taken relative to the floor measured in the same rounds.
  const floored = (f: (r: typeof small) => number) => (r: typeof small) => f(r) / p95(r, 'floor')
  console.log(`\n### Bytes per row at ${label(large?.size)}\n\n${bytesPerRow(cms.persist)}`)
  if (loadSeconds > 0) await runLoad(cms.base, `/api/spaces/${space.id}/entries`, bearer, loadSeconds)
  console.log(`\nmachine at end: ${uptime()}; total ${((performance.now() - started) / 1000).toFixed(0)} s`)
  const bearer95 = (r: typeof small) => p95(r, 'bearer')
  const [to, from] = [label(large?.size), label(small?.size)]
  console.log(
    `floor-relative (each p95 / the floor's p95 in the same rounds): audit ${ratio(floored(worstAudit)).toFixed(2)}; bearer ${ratio(floored(bearer95)).toFixed(2)}`,
  )
  console.log(
    `scale: audit page p95 at ${to} / at ${from} = ${ratio(worstAudit).toFixed(2)}; bearer p95 at ${to} / at ${from} = ${ratio(bearer95).toFixed(2)}`,
  )
} finally {
  cms.stop()
}
