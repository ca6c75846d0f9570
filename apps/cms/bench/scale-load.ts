/**
 * The load part of `bench:scale`: autocannon against `wrangler dev` on 127.0.0.1 only, 50 connections for
 * a bounded number of seconds on the bearer content read, reported beside the single-connection p50 of the
 * same request, with errors, timeouts and non-2xx answers counted (the target is 0).
 */
import autocannon from 'autocannon'
import { percentile } from './scale-stats.ts'

/**
 * Runs the load and prints one Markdown table.
 * @example await runLoad('http://127.0.0.1:8787', '/api/spaces/spc_x/entries', { authorization: 'Bearer …' }, 30)
 */
export async function runLoad(
  base: string,
  path: string,
  headers: Record<string, string>,
  seconds: number,
): Promise<void> {
  if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(base)) throw new Error('load runs against loopback only')
  const single: number[] = []
  for (let i = 0; i < 40; i++) {
    const t0 = performance.now()
    const res = await fetch(`${base}${path}`, { headers })
    await res.arrayBuffer()
    single.push(performance.now() - t0)
  }
  const result = await autocannon({ url: `${base}${path}`, connections: 50, duration: seconds, headers })
  const failed = result.errors + result.timeouts + result.non2xx
  console.log(`\n### Load: bearer content read, 50 connections, ${seconds} s\n`)
  console.log(
    '| single-connection p50 | 50-connection p50 | p99 | req/s | requests | errors + timeouts + non-2xx |',
  )
  console.log('|---|---|---|---|---|---|')
  console.log(
    `| ${percentile(single, 50).toFixed(1)} ms | ${result.latency.p50} ms | ${result.latency.p99} ms | ${result.requests.average.toFixed(0)} | ${result.requests.total} | ${failed} |`,
  )
}
