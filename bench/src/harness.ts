/**
 * The benchmark harness: every suite names a floor (the fastest honest way to do the same work on this
 * machine, e.g. raw node:crypto) and each case is reported as median ops/s and as a ratio to that floor
 * measured in the same run. The machine is shared and noisy, so absolute numbers drift; ratios do not.
 */
import { Bench } from 'tinybench'

type BenchFn = () => unknown | Promise<unknown>

export interface Suite {
  /** What is measured, e.g. "crypto: seal 64 B (node)". */
  title: string
  /** The name of the case every other case is compared to. */
  floor: string
  /** Case name → one operation. Must include `floor`. */
  cases: Record<string, BenchFn>
}

export interface CaseResult {
  name: string
  opsPerSecond: number
  ratioToFloor: number
}

const timeMs = Number(process.env.BENCH_TIME_MS ?? 700)

/** Runs a suite in this process and returns the median ops/s of each case and its ratio to the floor. */
export async function runSuite(suite: Suite): Promise<CaseResult[]> {
  if (!(suite.floor in suite.cases)) throw new TypeError(`floor "${suite.floor}" is not a case`)
  const bench = new Bench({ time: timeMs, warmupTime: Math.min(200, timeMs / 2) })
  for (const [name, fn] of Object.entries(suite.cases)) bench.add(name, fn)
  await bench.run()
  const medians = new Map<string, number>()
  for (const task of bench.tasks) {
    const result = task.result
    if (result?.state !== 'completed') throw new Error(`bench case "${task.name}" did not complete`)
    // tinybench reports latency percentiles; the median latency gives the median throughput.
    medians.set(task.name, 1000 / result.latency.p50)
  }
  return toResults(medians, suite.floor)
}

/** Turns a map of case → ops/s into results with ratios to the floor. */
export function toResults(opsPerSecond: Map<string, number>, floor: string): CaseResult[] {
  const floorOps = opsPerSecond.get(floor)
  if (floorOps === undefined) throw new TypeError(`floor "${floor}" was not measured`)
  return [...opsPerSecond].map(([name, ops]) => ({ name, opsPerSecond: ops, ratioToFloor: ops / floorOps }))
}

/** Prints results as a Markdown table (ready to paste into a README). */
export function printResults(title: string, floor: string, results: CaseResult[]): void {
  console.log(`\n### ${title}\n`)
  console.log(`| case | median ops/s | × ${floor} |`)
  console.log('|---|---:|---:|')
  for (const r of results) {
    console.log(
      `| ${r.name} | ${Math.round(r.opsPerSecond).toLocaleString('en-US')} | ${r.ratioToFloor.toFixed(2)} |`,
    )
  }
}
