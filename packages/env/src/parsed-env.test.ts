/**
 * The parsed types, proved with expectTypeOf: the union on AUTH_PROVIDER, lists of values, several
 * discriminants, and no narrowing through a predicate.
 */
import { describe, expect, expectTypeOf, it } from 'vitest'
import { z } from 'zod'
import { type SampleEnv, sampleEnv } from '../test/fixtures/sample-env.ts'
import { defineEnv } from './define-env.ts'
import { parseEnv } from './parse-env.ts'
import type { ParsedEnv } from './parsed-env.ts'
import type { EnvEntry } from './types.ts'

const key = 'a'.repeat(64)
const oidcEnv = {
  AUTH_JWT_SECRET: 's'.repeat(40),
  TOKEN_ENCRYPTION_KEY: key,
  AUTH_PROVIDER: 'oidc',
  OIDC_ISSUER: 'https://idp.example.com',
  OIDC_AUDIENCE: 'cms',
  ENVIRONMENT: 'production',
}

describe('the parsed type of a service definition', () => {
  it('is a union on AUTH_PROVIDER in which oidc makes the OIDC settings plain strings', () => {
    const env = parseEnv(sampleEnv, { ...oidcEnv })
    expectTypeOf(env).toEqualTypeOf<SampleEnv>()
    expectTypeOf(env.AUTH_PROVIDER).toEqualTypeOf<'local' | 'oidc'>()
    expectTypeOf(env.OIDC_ISSUER).toEqualTypeOf<string | undefined>()
    if (env.AUTH_PROVIDER === 'oidc') {
      expectTypeOf(env.OIDC_ISSUER).toEqualTypeOf<string>()
      expectTypeOf(env.OIDC_AUDIENCE).toEqualTypeOf<string>()
    } else {
      expectTypeOf(env.AUTH_PROVIDER).toEqualTypeOf<'local'>()
      expectTypeOf(env.OIDC_ISSUER).toEqualTypeOf<string | undefined>()
      expectTypeOf(env.OIDC_AUDIENCE).toEqualTypeOf<string | undefined>()
    }
  })

  it('types the unconditional entries from their schemas', () => {
    const env = parseEnv(sampleEnv, { ...oidcEnv })
    expectTypeOf(env.AUTH_JWT_SECRET).toEqualTypeOf<string>()
    expectTypeOf(env.AUTH_JWT_SECRET_PREVIOUS).toEqualTypeOf<string | undefined>()
    expectTypeOf(env.TOKEN_ENCRYPTION_KEY).toEqualTypeOf<string>()
    expectTypeOf(env.TOKEN_ENCRYPTION_KEY_PREVIOUS).toEqualTypeOf<readonly string[]>()
    expectTypeOf(env.OIDC_CLIENT_ID).toEqualTypeOf<string | undefined>()
    expectTypeOf(env.ENVIRONMENT).toEqualTypeOf<'development' | 'staging' | 'production'>()
  })

  it('is read-only in its type and frozen at run time', () => {
    const env = parseEnv(sampleEnv, { ...oidcEnv })
    expect(() => {
      // @ts-expect-error - the parsed env is typed readonly
      env.ENVIRONMENT = 'development'
    }).toThrow(TypeError)
  })
})

describe('the parsed type of an inline definition', () => {
  const def = defineEnv({
    MODE: { schema: z.enum(['a', 'b', 'c']).default('a'), description: 'mode' },
    REGION: { schema: z.enum(['eu', 'us']), description: 'region' },
    B_TOKEN: { schema: z.string(), secret: true, description: 'for b', requiredWhen: { MODE: 'b' } },
    BC_URL: { schema: z.url(), description: 'for b and c', requiredWhen: { MODE: ['b', 'c'] } },
    US_KEY: { schema: z.string(), description: 'for us', requiredWhen: { REGION: 'us' } },
    LOOSE: { schema: z.string(), description: 'predicate', requiredWhen: (raw) => raw.MODE === 'b' },
    PORT: { schema: z.coerce.number().int(), description: 'port' },
  })

  it('narrows on a single value, a list of values, and several discriminants at once', () => {
    const env = parseEnv(def, { REGION: 'us', US_KEY: 'k', PORT: '8080' })
    expectTypeOf(env.PORT).toEqualTypeOf<number>()
    if (env.MODE === 'b') {
      expectTypeOf(env.B_TOKEN).toEqualTypeOf<string>()
      expectTypeOf(env.BC_URL).toEqualTypeOf<string>()
    }
    if (env.MODE === 'c') {
      expectTypeOf(env.B_TOKEN).toEqualTypeOf<string | undefined>()
      expectTypeOf(env.BC_URL).toEqualTypeOf<string>()
    }
    if (env.MODE === 'a') expectTypeOf(env.BC_URL).toEqualTypeOf<string | undefined>()
    if (env.REGION === 'us') expectTypeOf(env.US_KEY).toEqualTypeOf<string>()
    if (env.REGION === 'us' && env.MODE === 'b') {
      expectTypeOf(env.US_KEY).toEqualTypeOf<string>()
      expectTypeOf(env.B_TOKEN).toEqualTypeOf<string>()
    }
  })

  it('never narrows an entry whose requiredWhen is a predicate, which the type system cannot see into', () => {
    const env = parseEnv(def, { REGION: 'eu', PORT: '1' })
    expectTypeOf(env.LOOSE).toEqualTypeOf<string | undefined>()
    if (env.MODE === 'b') expectTypeOf(env.LOOSE).toEqualTypeOf<string | undefined>()
  })

  it('refuses a requiredWhen that names a variable the definition does not have', () => {
    expect(() =>
      defineEnv({
        A: { schema: z.string(), description: 'a' },
        // @ts-expect-error - MISSING is not an entry of this definition
        B: { schema: z.string(), description: 'b', requiredWhen: { MISSING: 'x' } },
      }),
    ).toThrow(/B\.requiredWhen names MISSING, which is not defined/)
  })

  it('types a check with the entry value when the entry types are given, as a service definition does', () => {
    type Entries = { readonly N: EnvEntry<number> }
    defineEnv<Entries>({
      N: {
        schema: z.coerce.number(),
        description: 'n',
        check: (n) => {
          expectTypeOf(n).toEqualTypeOf<number>()
          return n > 0 ? undefined : 'must be positive'
        },
      },
    })
  })

  it('accepts an annotated check parameter in an inline definition', () => {
    defineEnv({
      N: {
        schema: z.coerce.number(),
        description: 'n',
        check: (n: number) => (n > 0 ? undefined : 'must be positive'),
      },
    })
  })

  it('gives a definition without conditions a plain object type', () => {
    type Plain = ParsedEnv<{ A: { schema: z.ZodString; description: string } }>
    expectTypeOf<Plain>().toEqualTypeOf<{ readonly A: string }>()
  })
})
