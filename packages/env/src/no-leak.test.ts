/**
 * The property this package exists for: whatever the values of secret variables, no error output
 * contains them. Random secrets (too short, non-hex, near-hex, huge, any Unicode) go through a realistic definition and
 * through a hostile definition whose zod error maps echo the input; every output is searched for them.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { callerView } from '../../../test-support/no-leak.ts'
import { sampleEnv } from '../test/fixtures/sample-env.ts'
import { defineEnv } from './define-env.ts'
import { EnvValidationError } from './errors.ts'
import { parseEnv } from './parse-env.ts'
import type { EnvDefinition, EnvEntries } from './types.ts'

const secretValue: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 31 }),
  fc.string({ minLength: 32, maxLength: 120 }),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 60 }),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 60 }),
  fc.stringMatching(/^[0-9a-fA-F]{60,68}$/),
  fc.stringMatching(/^[0-9a-z]{64}$/),
  fc
    .array(fc.stringMatching(/^ ?[0-9a-f]{62,66} ?$/), { minLength: 1, maxLength: 4 })
    .map((keys) => keys.join(',')),
  fc.stringMatching(/^(https?|ftp):\/\/[a-z0-9.:@?#-]{1,40}$/),
  fc
    .tuple(fc.string({ minLength: 1, maxLength: 8 }), fc.integer({ min: 200, max: 1000 }))
    .map(([unit, times]) => unit.repeat(times)),
)

const maybe = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(arb, { nil: undefined })

/** What a caller sees (message, string and JSON forms, own properties, causes), never the stack's paths. */
function outputsOf(err: EnvValidationError): string[] {
  return [
    callerView(err),
    ...err.issues.flatMap((issue) => [issue.name, issue.problem, JSON.stringify(issue)]),
  ]
}

/** Values worth searching for: the raw value and each comma item, skipping ones too short to mean anything. */
function needlesOf(value: string): string[] {
  return [value, ...value.split(',').map((item) => item.trim())].filter((needle) => needle.trim().length >= 4)
}

/**
 * Asserts that the error is made of fixed text only, then searches every output for every secret.
 * `allowed` lists every problem text the definition can produce; none is built from input. The message,
 * `String(err)` and `JSON.stringify(err)` must then equal what the names and those texts alone give, and
 * the stack may add only frames. A needle that occurs in that fixed text anyway (a secret `name`, say)
 * proves nothing, so only the others are searched for.
 */
function assertNoLeak<D extends EnvEntries<D>>(
  def: EnvDefinition<D>,
  env: Record<string, string | undefined>,
  secrets: string[],
  allowed: readonly (string | RegExp)[],
): void {
  let error: EnvValidationError | undefined
  try {
    parseEnv(def, env)
  } catch (err) {
    if (!(err instanceof EnvValidationError)) throw err
    error = err
  }
  if (error === undefined) return
  const names = Object.keys(def.entries)
  for (const { name, problem } of error.issues) {
    expect(names).toContain(name)
    expect(
      allowed.some((p) => (typeof p === 'string' ? p === problem : p.test(problem))),
      problem,
    ).toBe(true)
  }
  const n = error.issues.length
  const lines = error.issues.map((issue) => `${issue.name} ${issue.problem}`).join('; ')
  const message = `Invalid environment (${n} ${n === 1 ? 'problem' : 'problems'}): ${lines}`
  const issues = error.issues.map(({ name, problem }) => ({ name, problem }))
  const json = JSON.stringify({ name: 'EnvValidationError', code: 'ERR_ENV_INVALID', message, issues })
  expect(error.message).toBe(message)
  expect(String(error)).toBe(`EnvValidationError: ${message}`)
  expect(JSON.stringify(error)).toBe(json)
  const stack = error.stack ?? ''
  expect(stack.startsWith(`EnvValidationError: ${message}\n`)).toBe(true)
  const frames = stack.slice(`EnvValidationError: ${message}\n`.length)
  for (const frame of frames.split('\n')) expect(frame).toMatch(/^\s+at /)
  // The stack is checked above to add only frames; it is not searched: frames are code locations (function
  // names, file paths that depend on where the clone sits), not input.
  const fixed = [json, `EnvValidationError: ${message}`, ...allowed.map(String)].join('\n')
  const outputs = outputsOf(error)
  for (const needle of secrets.flatMap(needlesOf)) {
    if (fixed.includes(needle)) continue
    for (const output of outputs) expect(output.includes(needle)).toBe(false)
  }
}

const sampleProblems: readonly (string | RegExp)[] = [
  'is required',
  'is required when AUTH_PROVIDER is oidc',
  'must be at least 32 characters',
  'has the wrong format',
  /^item \d+: has the wrong format$/,
  'must be a URL',
  'must be one of: local, oidc',
  'must be one of: development, staging, production',
  'may use http only when ENVIRONMENT is development',
  'is a development placeholder, accepted only when ENVIRONMENT is development',
]

const hostileProblems: readonly string[] = [
  'is required',
  'must be at least 40 characters',
  'has the wrong format',
  'must be a URL',
  'is not an allowed value',
  'is not valid',
  'does not match any allowed form',
  'must be exactly 3 characters',
]

describe('no secret value ever appears in an error', () => {
  it('holds for a realistic service definition with random secret values and any configuration', () => {
    fc.assert(
      fc.property(
        fc.record({
          AUTH_JWT_SECRET: maybe(secretValue),
          AUTH_JWT_SECRET_PREVIOUS: maybe(secretValue),
          TOKEN_ENCRYPTION_KEY: maybe(secretValue),
          TOKEN_ENCRYPTION_KEY_PREVIOUS: maybe(secretValue),
          OIDC_ISSUER: maybe(secretValue),
          OIDC_AUDIENCE: maybe(secretValue),
          AUTH_PROVIDER: fc.constantFrom('local', 'oidc', undefined, 'saml'),
          ENVIRONMENT: fc.constantFrom('development', 'staging', 'production', undefined, 'prod'),
        }),
        (env) => {
          const secrets = [
            env.AUTH_JWT_SECRET,
            env.AUTH_JWT_SECRET_PREVIOUS,
            env.TOKEN_ENCRYPTION_KEY,
            env.TOKEN_ENCRYPTION_KEY_PREVIOUS,
            env.OIDC_ISSUER,
            env.OIDC_AUDIENCE,
          ].filter((value): value is string => value !== undefined)
          assertNoLeak(sampleEnv, { ...env }, secrets, sampleProblems)
        },
      ),
      { numRuns: 80 },
    )
    // 80 runs of random env through every schema: a few seconds alone, far more on a busy 2-core runner.
  }, 120_000)

  it('holds even when the schemas use zod error maps that echo the input', () => {
    const echo = { error: (issue: { input?: unknown }) => `bad value: ${String(issue.input)}` }
    const hostile = defineEnv({
      MIN: { schema: z.string().min(40, echo), secret: true, description: 'min' },
      HEX: { schema: z.string().regex(/^[0-9a-f]+$/, echo), secret: true, description: 'hex' },
      PREFIX: { schema: z.string().startsWith('pre-', echo), secret: true, description: 'prefix' },
      URL: { schema: z.url(echo), secret: true, description: 'url' },
      ONE_OF: { schema: z.enum(['x-allowed-1', 'x-allowed-2'], echo), secret: true, description: 'enum' },
      REFINED: {
        schema: z.string().refine((s) => s.startsWith('ok-'), echo),
        secret: true,
        description: 'refined',
      },
      UNION: {
        schema: z.union([z.literal('aaaa'), z.string().length(3)], echo),
        secret: true,
        description: 'u',
      },
    })
    const names = Object.keys(hostile.entries)
    fc.assert(
      fc.property(fc.array(secretValue, { minLength: names.length, maxLength: names.length }), (values) => {
        const env = Object.fromEntries(names.map((name, i) => [name, values[i]]))
        assertNoLeak(hostile, env, values, hostileProblems)
      }),
      { numRuns: 60 },
    )
  }, 120_000)

  it('does not list the allowed values of a secret enum', () => {
    const def = defineEnv({ S: { schema: z.enum(['hunter2-value']), secret: true, description: 's' } })
    expect(() => parseEnv(def, { S: 'nope' })).toThrow(/S is not an allowed value/)
  })

  it('catches a leak when one is planted (the search itself works)', () => {
    const leaky = new EnvValidationError([{ name: 'X', problem: 'is bad: s3cr3t-value' }])
    expect(outputsOf(leaky).some((output) => output.includes('s3cr3t-value'))).toBe(true)
  })
})
