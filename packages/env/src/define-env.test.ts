/**
 * defineEnv: a valid definition is frozen in order; a malformed one fails at definition time with TypeError.
 */
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { defineEnv } from './define-env.ts'
import type { EnvEntries } from './types.ts'

/** Calls defineEnv on a deliberately malformed definition, bypassing the types that would refuse it. */
function defineLoose(entries: Record<string, unknown>, options?: Record<string, unknown>): unknown {
  return (defineEnv as (e: EnvEntries<unknown>, o?: unknown) => unknown)(
    entries as EnvEntries<unknown>,
    options,
  )
}

const mode = { schema: z.enum(['a', 'b']), description: 'mode' }

describe('defineEnv', () => {
  it('returns a frozen definition that keeps the entries in order', () => {
    const def = defineEnv({
      B: { schema: z.string(), description: 'b' },
      A: { schema: z.string(), description: 'a' },
    })
    expect(Object.keys(def.entries)).toEqual(['B', 'A'])
    expect(Object.isFrozen(def)).toBe(true)
    expect(Object.isFrozen(def.entries)).toBe(true)
    expect(def.placeholdersAllowedWhen).toBeUndefined()
  })

  it('accepts a requiredWhen with one value, a list of values, or a predicate', () => {
    expect(() =>
      defineEnv({
        MODE: mode,
        X: { schema: z.string(), description: 'x', requiredWhen: { MODE: 'a' } },
        Y: { schema: z.string(), description: 'y', requiredWhen: { MODE: ['a', 'b'] } },
        Z: { schema: z.string(), description: 'z', requiredWhen: (raw) => raw.MODE === 'b' },
      }),
    ).not.toThrow()
  })

  it.each([
    ['a schema that is not zod', { X: { schema: {}, description: 'x' } }, /X\.schema must be a zod schema/],
    ['an empty description', { X: { schema: z.string(), description: ' ' } }, /X\.description must be/],
    ['an entry that is not an object', { X: 'nope' }, /X must be an object/],
    [
      'a requiredWhen naming two variables',
      {
        MODE: mode,
        M2: mode,
        X: { schema: z.string(), description: 'x', requiredWhen: { MODE: 'a', M2: 'a' } },
      },
      /X\.requiredWhen must name exactly one variable/,
    ],
    [
      'a requiredWhen naming the entry itself',
      { X: { schema: z.string(), description: 'x', requiredWhen: { X: 'a' } } },
      /X\.requiredWhen names X, which is itself conditional/,
    ],
    [
      'a requiredWhen naming a conditional variable',
      {
        MODE: mode,
        X: { schema: z.string(), description: 'x', requiredWhen: { MODE: 'a' } },
        Y: { schema: z.string(), description: 'y', requiredWhen: { X: 'q' } },
      },
      /Y\.requiredWhen names X, which is itself conditional/,
    ],
    [
      'a requiredWhen naming a secret',
      { S: { ...mode, secret: true }, X: { schema: z.string(), description: 'x', requiredWhen: { S: 'a' } } },
      /X\.requiredWhen names S, which is secret/,
    ],
    [
      'a requiredWhen with an empty list of values',
      { MODE: mode, X: { schema: z.string(), description: 'x', requiredWhen: { MODE: [] } } },
      /must give MODE a string or a non-empty list of strings/,
    ],
    [
      'a check that is not a function',
      { X: { schema: z.string(), description: 'x', check: 'no' } },
      /X\.check must be a function/,
    ],
  ])('throws TypeError for %s', (_, entries, message) => {
    expect(() => defineLoose(entries)).toThrow(TypeError)
    expect(() => defineLoose(entries)).toThrow(message)
  })

  it('throws TypeError for a placeholdersAllowedWhen naming an unknown variable', () => {
    expect(() => defineLoose({ MODE: mode }, { placeholdersAllowedWhen: { NOPE: 'a' } })).toThrow(
      /placeholdersAllowedWhen names NOPE, which is not defined/,
    )
  })

  it('throws TypeError when the entries are not an object', () => {
    expect(() => defineLoose(null as unknown as Record<string, unknown>)).toThrow(TypeError)
  })
})
