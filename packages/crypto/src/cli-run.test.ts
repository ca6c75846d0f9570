import { describe, expect, it } from 'vitest'
import { known } from '../test/fixtures.ts'
import { runCli } from './cli-run.ts'

function run(args: string[]): { code: number; out: string; err: string } {
  let out = ''
  let err = ''
  const code = runCli(args, { out: (t) => (out += t), err: (t) => (err += t) })
  return { code, out, err }
}

describe('alokai-crypto CLI', () => {
  it('keygen prints a fresh 64-hex key', () => {
    const a = run(['keygen'])
    expect(a.code).toBe(0)
    expect(a.out).toMatch(/^[0-9a-f]{64}\n$/)
    expect(run(['keygen']).out).not.toBe(a.out)
  })

  it('inspect prints version and kid as JSON', () => {
    const r = run(['inspect', known.sealed])
    expect(r.code).toBe(0)
    expect(JSON.parse(r.out)).toEqual({ version: 'v1', kid: known.kid })
  })

  it('inspect reports a malformed value by code, without echoing it', () => {
    const bad = `${known.sealed}=`
    const r = run(['inspect', bad])
    expect(r.code).toBe(1)
    expect(r.err).toContain('ERR_MALFORMED')
    expect(r.err).not.toContain(bad.split('.')[2]!.slice(0, 20))
  })

  it('prints usage for unknown commands and wrong arity', () => {
    for (const args of [[], ['nope'], ['inspect'], ['keygen', 'extra']]) expect(run(args).code).toBe(2)
    expect(run(['--help']).code).toBe(0)
  })
})
