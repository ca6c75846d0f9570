/**
 * cmsEnv rule by rule: lengths, hex keys, the key list, the provider and OIDC settings, a fail-closed
 * ENVIRONMENT, and the development placeholders refused everywhere else.
 */
import { type EnvIssue, EnvValidationError, parseEnv } from '@alokai/env'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { cmsEnv, DEV_PLACEHOLDERS } from '../../src/config/env-definition'

const KEY_A = '0123456789abcdef'.repeat(4)
const KEY_B = 'FEDCBA9876543210'.repeat(4)
const SECRET = 'k7Qp2vXw9LmN4rTs8YzA1bCd5EfGh3Jk'

/** A fresh, valid production env (a new object each time: parseEnv memoises per object). */
function prod(overrides: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  return { AUTH_JWT_SECRET: SECRET, TOKEN_ENCRYPTION_KEY: KEY_A, ENVIRONMENT: 'production', ...overrides }
}

function oidc(overrides: Record<string, string | undefined> = {}): Record<string, string | undefined> {
  return prod({
    AUTH_PROVIDER: 'oidc',
    OIDC_ISSUER: 'https://idp.example.com',
    OIDC_AUDIENCE: 'cms',
    ...overrides,
  })
}

function issuesOf(env: Record<string, string | undefined>): readonly EnvIssue[] {
  try {
    parseEnv(cmsEnv, env)
  } catch (err) {
    if (err instanceof EnvValidationError) return err.issues
    throw err
  }
  return []
}

describe('cmsEnv', () => {
  it('parses a minimal production env, with AUTH_PROVIDER defaulting to local and no previous keys', () => {
    expect(parseEnv(cmsEnv, prod())).toEqual({
      AUTH_JWT_SECRET: SECRET,
      AUTH_JWT_SECRET_PREVIOUS: undefined,
      TOKEN_ENCRYPTION_KEY: KEY_A,
      TOKEN_ENCRYPTION_KEY_PREVIOUS: [],
      AUTH_PROVIDER: 'local',
      OIDC_ISSUER: undefined,
      OIDC_AUDIENCE: undefined,
      OIDC_CLIENT_ID: undefined,
      OIDC_REQUIRED_SCOPE: 'cms',
      ENVIRONMENT: 'production',
      AUDIT_RETENTION_DAYS: 400,
    })
  })

  it('takes AUDIT_RETENTION_DAYS as whole days from a year and a day up, and refuses less or a fraction', () => {
    expect(parseEnv(cmsEnv, { ...prod(), AUDIT_RETENTION_DAYS: '730' }).AUDIT_RETENTION_DAYS).toBe(730)
    for (const bad of ['30', '400.5', 'forever']) {
      expect(issuesOf({ ...prod(), AUDIT_RETENTION_DAYS: bad }).map((i) => i.name)).toEqual([
        'AUDIT_RETENTION_DAYS',
      ])
    }
  })

  it('takes one OAuth scope token as OIDC_REQUIRED_SCOPE and refuses a list', () => {
    expect(parseEnv(cmsEnv, { ...prod(), OIDC_REQUIRED_SCOPE: 'cms:admin' }).OIDC_REQUIRED_SCOPE).toBe(
      'cms:admin',
    )
    expect(issuesOf({ ...prod(), OIDC_REQUIRED_SCOPE: 'cms admin' }).map((i) => i.name)).toEqual([
      'OIDC_REQUIRED_SCOPE',
    ])
  })

  it('reports every missing variable of an empty env at once', () => {
    expect(issuesOf({})).toEqual([
      { name: 'AUTH_JWT_SECRET', problem: 'is required' },
      { name: 'TOKEN_ENCRYPTION_KEY', problem: 'is required' },
      { name: 'ENVIRONMENT', problem: 'is required' },
    ])
  })

  describe('ENVIRONMENT', () => {
    it('is required with no default: missing or empty fails closed', () => {
      expect(issuesOf(prod({ ENVIRONMENT: undefined }))).toEqual([
        { name: 'ENVIRONMENT', problem: 'is required' },
      ])
      expect(issuesOf(prod({ ENVIRONMENT: '' }))).toEqual([{ name: 'ENVIRONMENT', problem: 'is required' }])
    })

    it('accepts development, staging and production only', () => {
      for (const environment of ['development', 'staging', 'production']) {
        expect(parseEnv(cmsEnv, prod({ ENVIRONMENT: environment })).ENVIRONMENT).toBe(environment)
      }
      expect(issuesOf(prod({ ENVIRONMENT: 'dev' }))).toEqual([
        { name: 'ENVIRONMENT', problem: 'must be one of: development, staging, production' },
      ])
    })

    it('does not fall back to development when missing: the placeholders stay refused', () => {
      expect(
        issuesOf(prod({ ENVIRONMENT: undefined, AUTH_JWT_SECRET: DEV_PLACEHOLDERS.AUTH_JWT_SECRET })),
      ).toEqual([
        {
          name: 'AUTH_JWT_SECRET',
          problem: 'is a development placeholder, accepted only when ENVIRONMENT is development',
        },
        { name: 'ENVIRONMENT', problem: 'is required' },
      ])
    })
  })

  describe('AUTH_JWT_SECRET and AUTH_JWT_SECRET_PREVIOUS', () => {
    it('need at least 32 characters', () => {
      expect(parseEnv(cmsEnv, prod({ AUTH_JWT_SECRET: 'x'.repeat(32) })).AUTH_JWT_SECRET).toHaveLength(32)
      expect(
        issuesOf(prod({ AUTH_JWT_SECRET: 'x'.repeat(31), AUTH_JWT_SECRET_PREVIOUS: 'y'.repeat(31) })),
      ).toEqual([
        { name: 'AUTH_JWT_SECRET', problem: 'must be at least 32 characters' },
        { name: 'AUTH_JWT_SECRET_PREVIOUS', problem: 'must be at least 32 characters' },
      ])
    })

    it('count characters as code points, as @alokai/auth-jwt does', () => {
      // 16 emoji are 32 UTF-16 units but 16 characters.
      expect(issuesOf(prod({ AUTH_JWT_SECRET: '🔑'.repeat(16) }))).toEqual([
        { name: 'AUTH_JWT_SECRET', problem: 'must be at least 32 characters' },
      ])
      expect(parseEnv(cmsEnv, prod({ AUTH_JWT_SECRET: '🔑'.repeat(32) })).AUTH_JWT_SECRET).toBe(
        '🔑'.repeat(32),
      )
    })

    it('keep the previous secret optional', () => {
      expect(
        parseEnv(cmsEnv, prod({ AUTH_JWT_SECRET_PREVIOUS: SECRET.toLowerCase() })).AUTH_JWT_SECRET_PREVIOUS,
      ).toBe(SECRET.toLowerCase())
    })
  })

  describe('TOKEN_ENCRYPTION_KEY', () => {
    it('must be exactly 64 hex characters, either case', () => {
      expect(parseEnv(cmsEnv, prod({ TOKEN_ENCRYPTION_KEY: KEY_B })).TOKEN_ENCRYPTION_KEY).toBe(KEY_B)
      for (const bad of [KEY_A.slice(1), `${KEY_A}0`, `${KEY_A.slice(1)}g`, ` ${KEY_A.slice(1)}`]) {
        expect(issuesOf(prod({ TOKEN_ENCRYPTION_KEY: bad }))).toEqual([
          { name: 'TOKEN_ENCRYPTION_KEY', problem: 'must be exactly 64 hex characters (32 bytes)' },
        ])
      }
    })
  })

  describe('TOKEN_ENCRYPTION_KEY_PREVIOUS', () => {
    it('parses a comma list of 64-hex keys, trimming whitespace', () => {
      const env = parseEnv(cmsEnv, prod({ TOKEN_ENCRYPTION_KEY_PREVIOUS: ` ${KEY_B} ,\n${KEY_A}\t` }))
      expect(env.TOKEN_ENCRYPTION_KEY_PREVIOUS).toEqual([KEY_B, KEY_A])
      expect(Object.isFrozen(env.TOKEN_ENCRYPTION_KEY_PREVIOUS)).toBe(true)
    })

    it('is the empty list when absent or empty', () => {
      expect(parseEnv(cmsEnv, prod()).TOKEN_ENCRYPTION_KEY_PREVIOUS).toEqual([])
      expect(
        parseEnv(cmsEnv, prod({ TOKEN_ENCRYPTION_KEY_PREVIOUS: '' })).TOKEN_ENCRYPTION_KEY_PREVIOUS,
      ).toEqual([])
    })

    it('names the position of a bad or empty item', () => {
      expect(issuesOf(prod({ TOKEN_ENCRYPTION_KEY_PREVIOUS: `${KEY_A},abc,,${KEY_B}` }))).toEqual([
        {
          name: 'TOKEN_ENCRYPTION_KEY_PREVIOUS',
          problem: 'item 2: must be exactly 64 hex characters (32 bytes)',
        },
        { name: 'TOKEN_ENCRYPTION_KEY_PREVIOUS', problem: 'item 3: is empty' },
      ])
      expect(issuesOf(prod({ TOKEN_ENCRYPTION_KEY_PREVIOUS: '  ' }))).toEqual([
        { name: 'TOKEN_ENCRYPTION_KEY_PREVIOUS', problem: 'item 1: is empty' },
      ])
    })
  })

  describe('AUTH_PROVIDER and the OIDC settings', () => {
    it('accepts local and oidc only', () => {
      expect(issuesOf(prod({ AUTH_PROVIDER: 'saml' }))).toEqual([
        { name: 'AUTH_PROVIDER', problem: 'must be one of: local, oidc' },
      ])
    })

    it('requires OIDC_ISSUER and OIDC_AUDIENCE when AUTH_PROVIDER is oidc', () => {
      expect(issuesOf(prod({ AUTH_PROVIDER: 'oidc' }))).toEqual([
        { name: 'OIDC_ISSUER', problem: 'is required when AUTH_PROVIDER is oidc' },
        { name: 'OIDC_AUDIENCE', problem: 'is required when AUTH_PROVIDER is oidc' },
      ])
      const env = parseEnv(cmsEnv, oidc({ OIDC_CLIENT_ID: 'dashboard' }))
      expect(env).toMatchObject({
        AUTH_PROVIDER: 'oidc',
        OIDC_ISSUER: 'https://idp.example.com',
        OIDC_AUDIENCE: 'cms',
        OIDC_CLIENT_ID: 'dashboard',
      })
    })

    it('accepts any https issuer, with a path and port', () => {
      for (const issuer of ['https://idp.example.com', 'https://idp.example.com:8443/realms/cms/']) {
        expect(parseEnv(cmsEnv, oidc({ OIDC_ISSUER: issuer })).OIDC_ISSUER).toBe(issuer)
      }
    })

    it('accepts an http issuer only on localhost, 127.0.0.1 or [::1], and only in development', () => {
      for (const issuer of ['http://localhost:9000', 'http://127.0.0.1:9000/oidc', 'http://[::1]:9000']) {
        expect(parseEnv(cmsEnv, oidc({ OIDC_ISSUER: issuer, ENVIRONMENT: 'development' })).OIDC_ISSUER).toBe(
          issuer,
        )
        for (const environment of ['staging', 'production', undefined]) {
          const issues = issuesOf(oidc({ OIDC_ISSUER: issuer, ENVIRONMENT: environment }))
          expect(issues).toContainEqual({
            name: 'OIDC_ISSUER',
            problem: 'may use http only when ENVIRONMENT is development',
          })
        }
      }
    })

    it('refuses http on any other host, other schemes, credentials, a query, a fragment or a non-URL', () => {
      const problem =
        'must be an https URL (http only for localhost, 127.0.0.1 or [::1]) without credentials, query or fragment'
      for (const issuer of [
        'http://idp.example.com',
        'http://localhost.example.com',
        'http://10.0.0.1',
        'ftp://idp.example.com',
        'https://user:pass@idp.example.com',
        'https://idp.example.com/?tenant=1',
        'https://idp.example.com/?',
        'https://idp.example.com/#x',
        'idp.example.com',
        'not a url',
      ]) {
        expect(issuesOf(oidc({ OIDC_ISSUER: issuer, ENVIRONMENT: 'development' }))).toEqual([
          { name: 'OIDC_ISSUER', problem },
        ])
      }
    })

    it('validates OIDC settings that are set even when AUTH_PROVIDER is local', () => {
      expect(issuesOf(prod({ OIDC_ISSUER: 'http://idp.example.com' }))).toHaveLength(1)
    })
  })

  describe('development placeholders', () => {
    it('are the documented, clearly fake values', () => {
      expect(DEV_PLACEHOLDERS.AUTH_JWT_SECRET).toBe('dev-only-insecure-session-secret-change-me-0000')
      expect(Object.isFrozen(DEV_PLACEHOLDERS)).toBe(true)
      expect([...DEV_PLACEHOLDERS.AUTH_JWT_SECRET].length).toBeGreaterThanOrEqual(32)
    })

    it('are accepted in development', () => {
      const env = parseEnv(
        cmsEnv,
        oidc({
          ENVIRONMENT: 'development',
          AUTH_JWT_SECRET: DEV_PLACEHOLDERS.AUTH_JWT_SECRET,
          OIDC_ISSUER: DEV_PLACEHOLDERS.OIDC_ISSUER,
          OIDC_AUDIENCE: DEV_PLACEHOLDERS.OIDC_AUDIENCE,
        }),
      )
      expect(env.AUTH_JWT_SECRET).toBe(DEV_PLACEHOLDERS.AUTH_JWT_SECRET)
    })

    it('are refused in staging and production, in any secret variable', () => {
      const placeholder = 'is a development placeholder, accepted only when ENVIRONMENT is development'
      for (const environment of ['staging', 'production']) {
        expect(
          issuesOf(
            oidc({
              ENVIRONMENT: environment,
              AUTH_JWT_SECRET: DEV_PLACEHOLDERS.AUTH_JWT_SECRET,
              AUTH_JWT_SECRET_PREVIOUS: DEV_PLACEHOLDERS.AUTH_JWT_SECRET,
              OIDC_AUDIENCE: DEV_PLACEHOLDERS.OIDC_AUDIENCE,
            }),
          ),
        ).toEqual([
          { name: 'AUTH_JWT_SECRET', problem: placeholder },
          { name: 'AUTH_JWT_SECRET_PREVIOUS', problem: placeholder },
          { name: 'OIDC_AUDIENCE', problem: placeholder },
        ])
      }
    })
  })
})

describe('cmsEnv and secret values', () => {
  it('never puts a secret value into an error, whatever the values and the configuration', () => {
    const value = fc.oneof(
      fc.string({ minLength: 4, maxLength: 80 }),
      fc.stringMatching(/^[0-9a-fA-F]{60,68}$/),
      fc.stringMatching(/^https?:\/\/[a-z0-9.:@?#-]{4,40}$/),
    )
    fc.assert(
      fc.property(
        fc.record({
          AUTH_JWT_SECRET: value,
          TOKEN_ENCRYPTION_KEY: value,
          TOKEN_ENCRYPTION_KEY_PREVIOUS: value,
          OIDC_ISSUER: value,
          OIDC_AUDIENCE: value,
          AUTH_PROVIDER: fc.constantFrom('local', 'oidc', 'saml'),
          ENVIRONMENT: fc.constantFrom('development', 'staging', 'production', 'prod'),
        }),
        (env) => {
          let error: unknown
          try {
            parseEnv(cmsEnv, { ...env })
          } catch (caught) {
            error = caught
          }
          if (!(error instanceof EnvValidationError)) return
          const output = [error.message, String(error), JSON.stringify(error)].join('\n')
          // The fixed text a caller sees whatever the values: problems, variable names, the error's own
          // name and code, and the JSON field names (a value such as "name" proves nothing).
          const fixed = [
            ...error.issues.map((issue) => issue.problem),
            ...Object.keys(cmsEnv.entries),
            error.name,
            error.code,
            JSON.stringify({ name: '', code: '', message: '', issues: [{ name: '', problem: '' }] }),
          ].join('\n')
          for (const secret of [
            env.AUTH_JWT_SECRET,
            env.TOKEN_ENCRYPTION_KEY,
            env.OIDC_ISSUER,
            env.OIDC_AUDIENCE,
          ]) {
            // A value that happens to be a fixed word of the messages proves nothing.
            if (fixed.includes(secret) || 'Invalid environment'.includes(secret)) continue
            expect(output.includes(secret)).toBe(false)
          }
        },
      ),
      { numRuns: 60 },
    )
  })
})
