/**
 * parseEnv against a real Workers `env` inside workerd: string vars, an empty var and a KV binding side by
 * side, and the same `env` object across calls, as a Worker sees it across requests.
 */
import { env } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { sampleEnv } from '../test/fixtures/sample-env.ts'
import { parseEnv } from './index.ts'

describe('parseEnv on a Workers env', () => {
  it('parses the string vars, ignores the KV binding and treats the empty var as missing', () => {
    const parsed = parseEnv(sampleEnv, env)
    expect(parsed.ENVIRONMENT).toBe('staging')
    expect(parsed.TOKEN_ENCRYPTION_KEY_PREVIOUS).toEqual([])
    expect('SESSIONS' in parsed).toBe(false)
    expect(typeof (env as unknown as Record<string, unknown>).SESSIONS).toBe('object')
  })

  it('narrows on AUTH_PROVIDER', () => {
    const parsed = parseEnv(sampleEnv, env)
    if (parsed.AUTH_PROVIDER !== 'oidc') throw new Error('expected oidc')
    const issuer: string = parsed.OIDC_ISSUER
    expect(new URL(issuer).protocol).toBe('https:')
    expect(parsed.OIDC_AUDIENCE).toBe('cms-test')
  })

  it('answers from memory for the same env object', () => {
    expect(parseEnv(sampleEnv, env)).toBe(parseEnv(sampleEnv, env))
  })
})
