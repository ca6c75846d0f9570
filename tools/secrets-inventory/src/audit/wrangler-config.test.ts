/** Tests of the wrangler.jsonc checks, each made to fail by one mutation of the clean fixture. */
import { describe, expect, it } from 'vitest'
import { cmsEnv } from '../../../../apps/cms/src/config/env-definition.ts'
import { fixtures, mutate } from '../../test/fixtures/index.ts'
import { auditWranglerConfig, readWorkerEnvironments } from './wrangler-config.ts'

const file = 'apps/cms/wrangler.jsonc'
const audit = (source: string) => auditWranglerConfig(cmsEnv, source, { file })

describe('auditWranglerConfig', () => {
  it('finds nothing in the clean fixture', () => {
    expect(audit(fixtures.wrangler)).toEqual([])
  })

  it('reads the top level as production and each env block by name', () => {
    expect(readWorkerEnvironments(fixtures.wrangler).map((e) => [e.name, e.at, e.topLevel])).toEqual([
      ['production', '(top level)', true],
      ['staging', 'env.staging', false],
    ])
  })

  it('reports a secret name in the top-level vars', () => {
    const source = mutate(fixtures.wrangler, '"AUTH_PROVIDER": "local",', '"AUTH_JWT_SECRET": "x",')
    expect(audit(source)).toEqual([
      {
        check: 'secret-in-vars',
        file,
        line: 12,
        message:
          'vars holds AUTH_JWT_SECRET, a secret: remove it and use `wrangler secret put AUTH_JWT_SECRET`',
      },
    ])
  })

  it('reports a secret name in an environment’s vars, with the --env command', () => {
    const source = mutate(fixtures.wrangler, '"OIDC_CLIENT_ID"', '"OIDC_AUDIENCE"')
    const [finding] = audit(source)
    expect(finding?.check).toBe('secret-in-vars')
    expect(finding?.message).toContain('env.staging.vars holds OIDC_AUDIENCE')
    expect(finding?.message).toContain('wrangler secret put OIDC_AUDIENCE --env staging')
  })

  it('never prints the value of a secret found in vars', () => {
    const source = mutate(
      fixtures.wrangler,
      '"AUTH_PROVIDER": "local",',
      '"TOKEN_ENCRYPTION_KEY": "s3cr3t-kek-value",',
    )
    expect(JSON.stringify(audit(source))).not.toContain('s3cr3t-kek-value')
  })

  it('reports an environment without its own ENVIRONMENT var', () => {
    const source = mutate(fixtures.wrangler, '"ENVIRONMENT": "staging",', '')
    expect(audit(source)).toEqual([
      {
        check: 'missing-environment-var',
        file,
        line: 17,
        message: 'env.staging declares no ENVIRONMENT in its own vars (wrangler does not inherit vars)',
      },
    ])
  })

  it('reports a top level without ENVIRONMENT, and an environment without any vars', () => {
    const noTop = mutate(fixtures.wrangler, '"ENVIRONMENT": "production",', '')
    expect(audit(noTop).map((f) => f.message)).toEqual([
      '(top level) declares no ENVIRONMENT in its own vars (wrangler does not inherit vars)',
    ])
    const noVars = fixtures.wrangler.replace(/"vars": \{\s*"ENVIRONMENT": "staging",[^}]*\},/, '')
    expect(noVars).not.toBe(fixtures.wrangler)
    expect(audit(noVars).map((f) => f.message)).toEqual([
      'env.staging declares no ENVIRONMENT in its own vars (wrangler does not inherit vars)',
    ])
  })

  it('reports an ENVIRONMENT that is not allowed or names another environment', () => {
    const invalid = mutate(fixtures.wrangler, '"ENVIRONMENT": "staging"', '"ENVIRONMENT": "stage"')
    expect(audit(invalid).map((f) => f.message)).toEqual([
      'env.staging.vars.ENVIRONMENT is not an allowed value',
    ])
    const swapped = mutate(fixtures.wrangler, '"ENVIRONMENT": "staging"', '"ENVIRONMENT": "production"')
    expect(audit(swapped).map((f) => f.message)).toEqual([
      'env.staging.vars.ENVIRONMENT is production, but this is the staging environment',
    ])
  })

  it('reports a file that is not JSONC as unreadable', () => {
    expect(audit('{ "vars": ')).toEqual([
      { check: 'unreadable', file, line: 1, message: 'is not valid JSONC (an object)' },
    ])
    expect(audit('[]')[0]?.check).toBe('unreadable')
  })
})

describe('auditWranglerConfig on vars nothing declares', () => {
  it('reports an undeclared var with its line', () => {
    const source = mutate(
      fixtures.wrangler,
      '"AUTH_PROVIDER": "oidc",',
      '"AUTH_PROVIDER": "oidc",\n        "FEATURE_X": "on",',
    )
    expect(audit(source)).toEqual([
      {
        check: 'undeclared-var',
        file,
        line: 20,
        message:
          'env.staging.vars holds FEATURE_X, which the env definition (the definition) does not declare',
      },
    ])
  })

  it.each([
    'STRIPE_SECRET_KEY',
    'GITHUB_TOKEN',
    'SIGNING_KEY',
    'DB_PASSWORD',
    'PRIVATE_PEM',
    'aws_credentials',
  ])('always reports a secret-looking name such as %s, never its value', (name) => {
    const source = mutate(
      fixtures.wrangler,
      '"AUTH_PROVIDER": "local",',
      `"AUTH_PROVIDER": "local",\n    "${name}": "sk_live_x",`,
    )
    const findings = audit(source)
    expect(findings.map((f) => [f.check, f.line])).toEqual([['secret-like-var', 13]])
    expect(findings[0]?.message).toContain(name)
    expect(JSON.stringify(findings)).not.toContain('sk_live_x')
  })
})
