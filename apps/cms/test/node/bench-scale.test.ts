/**
 * The pure parts of `bench:scale`: the percentile math (nearest rank, always a sample) and the data
 * generator's SQL text (batches numbered on from the last, entries inside the retention age, no input that
 * is not a number or an id's alphabet). The bench itself runs the SQL against the real migrations.
 */
import { describe, expect, it } from 'vitest'
import { AUDIT_DAYS, auditSql, FILLER_ACTIONS, fillerDay, spacesSql, tokensSql } from '../../bench/scale-data'
import { markdownTable, percentile, timing } from '../../bench/scale-stats'

describe('percentile', () => {
  it('takes the nearest rank, so p50 and p95 are samples, whatever the order', () => {
    const samples = [9, 1, 8, 2, 7, 3, 6, 4, 5, 10]
    expect(percentile(samples, 50)).toBe(5)
    expect(percentile(samples, 95)).toBe(10)
    expect(percentile(samples, 100)).toBe(10)
    expect(percentile([42], 95)).toBe(42)
    expect(samples[0]).toBe(9)
  })

  it('is NaN for no samples and refuses a p outside (0, 100]', () => {
    expect(percentile([], 50)).toBeNaN()
    expect(() => percentile([1], 0)).toThrow(RangeError)
    expect(() => percentile([1], 101)).toThrow(RangeError)
  })

  it('renders a Markdown row per timing', () => {
    expect(markdownTable([timing('bearer', [1, 2, 3])])).toBe(
      '| request | p50 | p95 | samples |\n|---|---|---|---|\n| bearer | 2.0 ms | 3.0 ms | 3 |',
    )
  })
})

describe('the data generator', () => {
  const now = Date.UTC(2026, 11, 7, 12)

  it('numbers one bounded batch from where the last one ended', () => {
    const sql = auditSql(200_000, 100_000, { spaces: 10_000, now })
    expect(sql).toContain('SELECT 200000 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < 300000')
    expect(sql).toContain('i % 10000')
    expect(sql).toContain(`i % ${AUDIT_DAYS}`)
    for (const action of FILLER_ACTIONS) expect(sql).toContain(`'${action}'`)
  })

  it('puts every entry inside the retention age, on whole days before today', () => {
    const dayMs = 24 * 60 * 60 * 1000
    const end = Math.floor(now / dayMs) * dayMs
    expect(auditSql(0, 1, { spaces: 1, now })).toContain(`${end} - (1 + i % ${AUDIT_DAYS}) * ${dayMs}`)
    expect(fillerDay(now, 30)).toBe('2026-11-07')
  })

  it('refuses numbers that are not whole and non-negative, and keeps a space id to its alphabet', () => {
    expect(() => spacesSql(-1, 10, now)).toThrow(RangeError)
    expect(() => tokensSql(0, 1.5, { spaces: 1 }, now)).toThrow(RangeError)
    expect(tokensSql(0, 1, { spaceId: "spc_x'; DROP TABLE spaces; --" }, now)).toContain(
      "'spc_xDROPTABLEspaces--'",
    )
  })
})
