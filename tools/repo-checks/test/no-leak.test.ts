import { describe, expect, it } from 'vitest'
import { callerView, leakedIn, randomHexKey, randomSecret } from '../../../test-support/no-leak.ts'

class CodedError extends Error {
  readonly code = 'ERR_X'
  detail: unknown
  constructor(message: string, options?: { cause?: unknown; detail?: unknown }) {
    super(message, options)
    this.detail = options?.detail
  }
}

describe('the shared leak check (test-support/no-leak.ts)', () => {
  it('finds a secret in the message, a property, the JSON form or any cause', () => {
    const secret = randomSecret()
    expect(leakedIn(new Error(`bad ${secret}`), [secret])).toContain(secret)
    expect(leakedIn(new CodedError('bad', { detail: { token: secret } }), [secret])).toContain(secret)
    const deep = new Error('outer', { cause: new Error('middle', { cause: new Error(secret) }) })
    expect(leakedIn(deep, [secret])).toContain(secret)
    expect(leakedIn(`thrown text ${secret}`, [secret])).toContain(secret)
  })

  it('finds a 16-character piece of a long secret', () => {
    const secret = randomSecret(64)
    expect(leakedIn(new Error(`partial ${secret.slice(20, 40)}`), [secret]).length).toBeGreaterThan(0)
  })

  it('never reads the stack: a secret in a file path is not a leak', () => {
    const secret = randomSecret()
    const error = new Error('fixed message')
    error.stack = `Error: fixed message\n    at /tmp/${secret}/repo/a.ts:1:1`
    expect(callerView(error)).not.toContain(secret)
    expect(leakedIn(error, [secret])).toEqual([])
  })

  it('refuses needles too short to prove anything, and skips empty ones', () => {
    expect(() => leakedIn(new Error('x'), ['fr'])).toThrow(TypeError)
    expect(leakedIn(new Error('x'), [''])).toEqual([])
  })

  it('makes fresh secrets of the asked length and 64-hex keys', () => {
    expect(randomSecret()).toMatch(/^[A-Za-z0-9_-]{48}$/)
    expect(randomSecret(20)).toHaveLength(20)
    expect(randomSecret()).not.toBe(randomSecret())
    expect(randomHexKey()).toMatch(/^[0-9a-f]{64}$/)
  })

  it('survives errors whose JSON form throws (a BigInt property, a cycle)', () => {
    const error = new CodedError('m', { detail: 1n })
    const cyclic: Record<string, unknown> = {}
    cyclic.self = cyclic
    expect(() => callerView(error)).not.toThrow()
    expect(() => callerView(Object.assign(new Error('c'), { cyclic }))).not.toThrow()
  })
})
