/**
 * The scale bench's numbers: percentiles by nearest rank (the value below which `p` per cent of the
 * samples lie, always one of the samples), and the Markdown row of a measured request.
 */

/**
 * The `p`th percentile (0 < p ≤ 100) of `samples` by nearest rank; NaN for no samples.
 * @example percentile([5, 1, 3, 2, 4], 50) // 3
 */
export function percentile(samples: readonly number[], p: number): number {
  if (!(p > 0 && p <= 100)) throw new RangeError('p must be in (0, 100]')
  if (samples.length === 0) return Number.NaN
  const sorted = [...samples].sort((a, b) => a - b)
  return sorted[Math.ceil((p / 100) * sorted.length) - 1] as number
}

/** p50 and p95 of one measured request, in milliseconds. */
export interface Timing {
  name: string
  p50: number
  p95: number
  samples: number
}

/**
 * Summarises the samples of one request.
 * @example timing('bearer content read', [1.2, 1.4, 1.3])
 */
export function timing(name: string, samples: readonly number[]): Timing {
  return { name, p50: percentile(samples, 50), p95: percentile(samples, 95), samples: samples.length }
}

/**
 * A Markdown table of timings.
 * @example console.log(markdownTable([timing('x', [1, 2])]))
 */
export function markdownTable(rows: readonly Timing[]): string {
  const lines = ['| request | p50 | p95 | samples |', '|---|---|---|---|']
  for (const r of rows)
    lines.push(`| ${r.name} | ${r.p50.toFixed(1)} ms | ${r.p95.toFixed(1)} ms | ${r.samples} |`)
  return lines.join('\n')
}
