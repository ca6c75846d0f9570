/**
 * @alokai/crypto: seal and open of a 64-byte secret and a 4 KiB value, in Node (tinybench) and inside
 * workerd (bench worker, timed from outside). Each floor is the same envelope on the runtime's raw crypto
 * with exactly the package's checks and wiping (workers/crypto-*-envelope.ts): in Node raw `node:crypto`
 * (what `#runtime` gives the package there), in workerd `crypto.subtle`. Also measured: the noble
 * implementation and, in Node, the Web Crypto envelope. Targets: package ≥ 0.85× the floor in Node,
 * ≥ 0.9× in workerd.
 * The machine is shared and the harness runs cases one after another, so a load spike can land on one
 * case; each group is measured `reps` times and the summary reports the median ratio.
 */
import { fileURLToPath } from 'node:url'
import { type CaseResult, printResults, runSuite } from '../src/harness.ts'
import { runWorkerdSuite } from '../src/workerd.ts'
import { type Cases, envelopeCases, kek, sharedCases, sizes } from '../workers/crypto-cases.ts'
import { createNodeEnvelope } from '../workers/crypto-node-envelope.ts'

const reps = 5
const groups = Object.keys(sizes).flatMap((size) => [`seal ${size}`, `open ${size}`])
const entry = fileURLToPath(new URL('../workers/crypto.ts', import.meta.url))

type Measure = (group: string, title: string, floor: string) => Promise<CaseResult[]>

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN
}

async function measureRuntime(
  runtime: string,
  floorImpl: string,
  target: number,
  measure: Measure,
): Promise<void> {
  const ratios = new Map<string, { ops: number[]; floor: number[]; noble: number[] }>()
  for (let rep = 0; rep < reps; rep++) {
    for (const group of groups) {
      const title = `crypto: ${group} (${runtime}, run ${rep + 1}/${reps})`
      const floor = `${group}: ${floorImpl}`
      const results = await measure(group, title, floor)
      printResults(title, floor, results)
      const ops = (impl: string) =>
        results.find((r) => r.name === `${group}: ${impl}`)?.opsPerSecond ?? Number.NaN
      const slot = ratios.get(group) ?? { ops: [], floor: [], noble: [] }
      slot.ops.push(ops('package'))
      slot.floor.push(ops('package') / ops(floorImpl))
      slot.noble.push(ops('package') / ops('noble'))
      ratios.set(group, slot)
    }
  }
  console.log(`\n### crypto: package vs floor and noble (${runtime}, median of ${reps} runs)\n`)
  console.log(`| operation | package ops/s | × ${floorImpl} (target ≥ ${target}) | × noble |`)
  console.log('|---|---:|---:|---:|')
  for (const [group, r] of ratios) {
    const ops = Math.round(median(r.ops)).toLocaleString('en-US')
    console.log(`| ${group} | ${ops} | ${median(r.floor).toFixed(2)} | ${median(r.noble).toFixed(2)} |`)
  }
}

export async function run(): Promise<void> {
  const node: Cases = {
    ...(await sharedCases()),
    ...(await envelopeCases('node:crypto', createNodeEnvelope(kek))),
  }
  const pick = (group: string): Cases =>
    Object.fromEntries(Object.entries(node).filter(([name]) => name.startsWith(`${group}: `)))
  await measureRuntime('node', 'node:crypto', 0.85, (group, title, floor) =>
    runSuite({ title, floor, cases: pick(group) }),
  )

  const names = Object.keys(await sharedCases())
  await measureRuntime('workerd', 'crypto.subtle', 0.9, (group, title, floor) =>
    runWorkerdSuite({
      title,
      floor,
      entry,
      cases: names.filter((n) => n.startsWith(`${group}: `)),
      opsPerRequest: 2000,
      rounds: 5, // × reps: more, shorter samples spread over the run survive load spikes better
    }),
  )
}
