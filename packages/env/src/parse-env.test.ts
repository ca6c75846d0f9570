/**
 * parseEnv on small inline definitions: every problem at once, empty as missing, unknown variables ignored,
 * conditions, checks, and memoisation counted by how often a schema runs.
 */
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import * as zm from 'zod/mini'
import { defineEnv } from './define-env.ts'
import { EnvValidationError } from './errors.ts'
import { parseEnv } from './parse-env.ts'

const def = defineEnv({
  MODE: { schema: z.enum(['a', 'b']).default('a'), description: 'mode' },
  NAME: { schema: z.string().min(3), description: 'a name' },
  PORT: { schema: z.coerce.number().int().min(1), description: 'a port' },
  TOKEN: { schema: z.string().min(8), secret: true, description: 'for b', requiredWhen: { MODE: 'b' } },
  EXTRA: { schema: z.string().optional(), description: 'optional' },
})

function errorOf(fn: () => unknown): EnvValidationError {
  try {
    fn()
  } catch (err) {
    if (err instanceof EnvValidationError) return err
    throw err
  }
  throw new Error('expected an EnvValidationError')
}

describe('parseEnv', () => {
  it('returns the parsed values, with defaults applied and undefined for missing optional entries', () => {
    expect(parseEnv(def, { NAME: 'abc', PORT: '8080' })).toEqual({
      MODE: 'a',
      NAME: 'abc',
      PORT: 8080,
      TOKEN: undefined,
      EXTRA: undefined,
    })
  })

  it('returns a frozen object', () => {
    expect(Object.isFrozen(parseEnv(def, { NAME: 'abc', PORT: '1' }))).toBe(true)
  })

  it('reports every problem at once, in definition order, with the code ERR_ENV_INVALID', () => {
    const err = errorOf(() => parseEnv(def, { MODE: 'b', NAME: 'x', PORT: 'zero' }))
    expect(err.code).toBe('ERR_ENV_INVALID')
    expect(err.issues).toEqual([
      { name: 'NAME', problem: 'must be at least 3 characters' },
      { name: 'PORT', problem: 'must be a number' },
      { name: 'TOKEN', problem: 'is required when MODE is b' },
    ])
  })

  it('lists the allowed values of a non-secret enum', () => {
    const err = errorOf(() => parseEnv(def, { MODE: 'c', NAME: 'abc', PORT: '1' }))
    expect(err.issues).toEqual([{ name: 'MODE', problem: 'must be one of: a, b' }])
  })

  it('treats an empty string as missing', () => {
    const err = errorOf(() => parseEnv(def, { MODE: '', NAME: '', PORT: '1', EXTRA: '' }))
    expect(err.issues).toEqual([{ name: 'NAME', problem: 'is required' }])
    expect(parseEnv(def, { MODE: '', NAME: 'abc', PORT: '1', EXTRA: '' })).toMatchObject({
      MODE: 'a',
      EXTRA: undefined,
    })
  })

  it('ignores variables the definition does not name, bindings included', () => {
    const env = { NAME: 'abc', PORT: '1', OTHER: 'x', KV: { get() {} }, DB: 42 }
    const parsed = parseEnv(def, env)
    expect(Object.keys(parsed)).toEqual(['MODE', 'NAME', 'PORT', 'TOKEN', 'EXTRA'])
  })

  it('refuses a non-string value under a defined name as "must be a string"', () => {
    const err = errorOf(() => parseEnv(def, { NAME: { binding: true }, PORT: '1' }))
    expect(err.issues).toEqual([{ name: 'NAME', problem: 'must be a string' }])
  })

  it('requires a conditional entry only when its condition holds', () => {
    expect(parseEnv(def, { NAME: 'abc', PORT: '1', TOKEN: 'abcdefgh' }).TOKEN).toBe('abcdefgh')
    expect(parseEnv(def, { MODE: 'b', NAME: 'abc', PORT: '1', TOKEN: 'abcdefgh' }).TOKEN).toBe('abcdefgh')
    const err = errorOf(() => parseEnv(def, { MODE: 'a', NAME: 'abc', PORT: '1', TOKEN: 'short' }))
    expect(err.issues).toEqual([{ name: 'TOKEN', problem: 'must be at least 8 characters' }])
  })

  it('does not require a conditional entry when its discriminant is itself invalid, but reports the discriminant', () => {
    const err = errorOf(() => parseEnv(def, { MODE: 'x', NAME: 'abc', PORT: '1' }))
    expect(err.issues.map((issue) => issue.name)).toEqual(['MODE'])
  })

  it('evaluates a predicate requiredWhen over the raw env, empty strings as missing', () => {
    const seen: unknown[] = []
    const withPredicate = defineEnv({
      REGION: { schema: z.string().optional(), description: 'region' },
      KEY: {
        schema: z.string(),
        description: 'key',
        requiredWhen: (raw) => {
          seen.push(raw.REGION, raw.UNRELATED)
          return raw.REGION !== undefined
        },
      },
    })
    expect(parseEnv(withPredicate, { REGION: '', UNRELATED: 'u' })).toEqual({
      REGION: undefined,
      KEY: undefined,
    })
    expect(seen).toEqual([undefined, 'u'])
    const err = errorOf(() => parseEnv(withPredicate, { REGION: 'eu' }))
    expect(err.issues).toEqual([{ name: 'KEY', problem: 'is required' }])
  })

  it('reports a predicate that throws instead of crashing', () => {
    const throwing = defineEnv({
      KEY: {
        schema: z.string(),
        description: 'key',
        requiredWhen: () => {
          throw new Error('boom')
        },
      },
    })
    const err = errorOf(() => parseEnv(throwing, {}))
    expect(err.issues).toEqual([{ name: 'KEY', problem: 'has a requiredWhen predicate that threw' }])
  })

  it('runs checks with the other parsed values, and skips them for entries that already failed', () => {
    let calls = 0
    const withCheck = defineEnv({
      LOW: { schema: z.coerce.number(), description: 'low' },
      HIGH: {
        schema: z.coerce.number(),
        description: 'high',
        check: (high: number, env) => {
          calls++
          return typeof env.LOW === 'number' && high <= env.LOW ? 'must be greater than LOW' : undefined
        },
      },
    })
    expect(errorOf(() => parseEnv(withCheck, { LOW: '5', HIGH: '3' })).issues).toEqual([
      { name: 'HIGH', problem: 'must be greater than LOW' },
    ])
    expect(parseEnv(withCheck, { LOW: '1', HIGH: '3' })).toEqual({ LOW: 1, HIGH: 3 })
    expect(calls).toBe(2)
    errorOf(() => parseEnv(withCheck, { LOW: '1', HIGH: 'x' }))
    expect(calls).toBe(2)
  })

  it('turns a transform that throws into "could not be validated", dropping the thrown message', () => {
    const throwing = defineEnv({
      URL: {
        schema: z.string().transform((s) => new URL(s).href),
        secret: true,
        description: 'a URL parsed in a transform',
      },
    })
    const err = errorOf(() => parseEnv(throwing, { URL: 'not a url with secret-xyz' }))
    expect(err.issues).toEqual([{ name: 'URL', problem: 'could not be validated' }])
    expect(JSON.stringify(err)).not.toContain('secret-xyz')
  })

  it('names list positions but never string path segments', () => {
    const list = defineEnv({
      LIST: {
        schema: z
          .string()
          .transform((s) => s.split(','))
          .pipe(z.array(z.string().length(2))),
        description: 'pairs',
      },
    })
    expect(errorOf(() => parseEnv(list, { LIST: 'ab,c,de' })).issues).toEqual([
      { name: 'LIST', problem: 'item 2: must be exactly 2 characters' },
    ])
  })

  it('validates once per env object: the same object gives the same result instance', () => {
    let runs = 0
    const counted = defineEnv({
      NAME: {
        schema: z.string().refine(() => {
          runs++
          return true
        }),
        description: 'counted',
      },
    })
    const env = { NAME: 'x' }
    const first = parseEnv(counted, env)
    expect(parseEnv(counted, env)).toBe(first)
    expect(parseEnv(counted, env)).toBe(first)
    expect(runs).toBe(1)
    expect(parseEnv(counted, { ...env })).not.toBe(first)
    expect(runs).toBe(2)
  })

  it('memoises per definition too: another definition over the same env validates separately', () => {
    const env = { NAME: 'abc', PORT: '1' }
    const other = defineEnv({ NAME: { schema: z.string(), description: 'name' } })
    expect(parseEnv(other, env)).toEqual({ NAME: 'abc' })
    expect(parseEnv(def, env)).toMatchObject({ NAME: 'abc', PORT: 1 })
  })

  it('memoises a failure: the same env throws the same error without validating again', () => {
    let runs = 0
    const counted = defineEnv({
      NAME: {
        schema: z.string().refine(() => {
          runs++
          return false
        }),
        description: 'counted',
      },
    })
    const env = { NAME: 'x' }
    const first = errorOf(() => parseEnv(counted, env))
    expect(errorOf(() => parseEnv(counted, env))).toBe(first)
    expect(runs).toBe(1)
  })

  it('accepts zod/mini schemas as well as classic ones', () => {
    const mini = defineEnv({
      LEVEL: { schema: zm._default(zm.enum(['debug', 'info']), 'info'), description: 'log level' },
      KEY: { schema: zm.string().check(zm.minLength(4)), secret: true, description: 'key' },
    })
    expect(parseEnv(mini, { KEY: 'abcd' })).toEqual({ LEVEL: 'info', KEY: 'abcd' })
    expect(errorOf(() => parseEnv(mini, { LEVEL: 'trace', KEY: 'abc' })).issues).toEqual([
      { name: 'LEVEL', problem: 'must be one of: debug, info' },
      { name: 'KEY', problem: 'must be at least 4 characters' },
    ])
  })

  it('throws TypeError for an env that is not an object', () => {
    expect(() => parseEnv(def, null as unknown as object)).toThrow(TypeError)
    expect(() => parseEnv(def, 'NAME=x' as unknown as object)).toThrow(TypeError)
  })
})
