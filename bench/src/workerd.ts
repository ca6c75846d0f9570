/**
 * Benchmarks inside workerd. A bench worker (bundled with esbuild) exports `fetch` and answers
 * `GET /?case=<name>&n=<N>` by running that case N times. Deployed Workers freeze the clock during CPU
 * work, so the time is taken here, outside the worker: the median of (time for N ops − time for 0 ops,
 * the request overhead) over several rounds.
 */
import { build } from 'esbuild'
import { Miniflare } from 'miniflare'
import { type CaseResult, toResults } from './harness.ts'

export interface WorkerdSuite {
  title: string
  floor: string
  /** Path to the worker entry (TypeScript is fine). */
  entry: string
  /** Names of the cases the worker knows. */
  cases: string[]
  /** Operations per timed request: large enough to amortise the ~4 ms request overhead. */
  opsPerRequest: number
  rounds?: number
}

async function bundle(entry: string): Promise<string> {
  const out = await build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    write: false,
    conditions: ['workerd', 'worker', 'browser', 'import'],
    mainFields: ['module', 'main'],
  })
  const file = out.outputFiles[0]
  if (!file) throw new Error('esbuild produced no output')
  return file.text
}

/** A bench worker running in Miniflare on 127.0.0.1. */
export interface BenchWorker {
  url: URL
  dispose(): Promise<void>
}

/**
 * Bundles a bench worker entry and starts it in workerd (Miniflare).
 * @example const worker = await startBenchWorker(entry); try { … } finally { await worker.dispose() }
 */
export async function startBenchWorker(entry: string): Promise<BenchWorker> {
  const mf = new Miniflare({
    modules: true,
    script: await bundle(entry),
    compatibilityDate: '2026-04-20',
    compatibilityFlags: ['nodejs_compat'],
    host: '127.0.0.1',
  })
  return { url: await mf.ready, dispose: () => mf.dispose() }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN
}

/** Runs every case of a bench worker inside workerd and returns ops/s with ratios to the floor. */
export async function runWorkerdSuite(suite: WorkerdSuite): Promise<CaseResult[]> {
  const worker = await startBenchWorker(suite.entry)
  try {
    const url = worker.url
    const timeRequest = async (name: string, n: number): Promise<number> => {
      const start = performance.now()
      const res = await fetch(new URL(`/?case=${encodeURIComponent(name)}&n=${n}`, url))
      const body = await res.text()
      if (!res.ok) throw new Error(`bench worker failed on ${name}: ${res.status} ${body.slice(0, 200)}`)
      return performance.now() - start
    }
    const rounds = suite.rounds ?? 7
    const ops = new Map<string, number>()
    for (const name of suite.cases) {
      await timeRequest(name, Math.ceil(suite.opsPerRequest / 10)) // warm-up: JIT, key import, caches
      const perOp: number[] = []
      for (let i = 0; i < rounds; i++) {
        const empty = await timeRequest(name, 0)
        const full = await timeRequest(name, suite.opsPerRequest)
        perOp.push(Math.max(full - empty, 0.001) / suite.opsPerRequest)
      }
      ops.set(name, 1000 / median(perOp))
    }
    return toResults(ops, suite.floor)
  } finally {
    await worker.dispose()
  }
}
