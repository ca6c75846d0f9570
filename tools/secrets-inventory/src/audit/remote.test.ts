/**
 * Tests of `--remote`: the wrangler transport is injected (dependency injection of the command runner,
 * since there is no Cloudflare account here). The fake runner records its arguments and answers fixture
 * JSON shaped like `wrangler secret list --format json`; the comparison logic under test is the real one.
 */
import { describe, expect, it } from 'vitest'
import { cmsEnv } from '../../../../apps/cms/src/config/env-definition.ts'
import { fixtures, mutate } from '../../test/fixtures/index.ts'
import { auditRemoteSecrets, secretListArgs, type WranglerRunner } from './remote.ts'

const wranglerFile = 'apps/cms/wrangler.jsonc'

function fakeWrangler(stdout: string, code = 0): WranglerRunner & { calls: (readonly string[])[] } {
  const calls: (readonly string[])[] = []
  const run = async (args: readonly string[]) => {
    calls.push(args)
    return { code, stdout }
  }
  return Object.assign(run, { calls })
}

const withNames = (list: string, names: string[]) =>
  JSON.stringify([...(JSON.parse(list) as object[]), ...names.map((name) => ({ name, type: 'secret_text' }))])

async function remote(environment: string, stdout: string, source = fixtures.wrangler, code = 0) {
  const run = fakeWrangler(stdout, code)
  const findings = await auditRemoteSecrets({
    def: cmsEnv,
    wranglerSource: source,
    wranglerFile,
    environment,
    run,
  })
  return { findings, calls: run.calls }
}

describe('auditRemoteSecrets', () => {
  it('lists staging with --env staging and production without --env', async () => {
    expect((await remote('staging', fixtures.secretList.staging)).calls).toEqual([
      ['secret', 'list', '--format', 'json', '--env', 'staging'],
    ])
    expect((await remote('production', fixtures.secretList.production)).calls).toEqual([
      ['secret', 'list', '--format', 'json'],
    ])
    expect(secretListArgs('production')).toEqual(['secret', 'list', '--format', 'json'])
  })

  it('finds nothing when every required secret is there and nothing else', async () => {
    expect((await remote('staging', fixtures.secretList.staging)).findings).toEqual([])
    expect((await remote('production', fixtures.secretList.production)).findings).toEqual([])
  })

  it('reports a missing required secret with the command that sets it', async () => {
    const list = JSON.stringify(
      (JSON.parse(fixtures.secretList.production) as { name: string }[]).filter(
        (s) => s.name !== 'TOKEN_ENCRYPTION_KEY',
      ),
    )
    expect((await remote('production', list)).findings).toEqual([
      {
        check: 'remote-missing',
        file: wranglerFile,
        line: 1,
        message:
          'production ((top level)) lacks the required secret TOKEN_ENCRYPTION_KEY: `wrangler secret put TOKEN_ENCRYPTION_KEY`',
      },
    ])
  })

  it('requires the OIDC secrets only where that environment’s vars select oidc', async () => {
    // Staging selects oidc in its vars: OIDC_ISSUER and OIDC_AUDIENCE are required there…
    const staging = JSON.stringify(
      (JSON.parse(fixtures.secretList.staging) as { name: string }[]).filter(
        (s) => !s.name.startsWith('OIDC_'),
      ),
    )
    expect((await remote('staging', staging)).findings.map((f) => f.message)).toEqual([
      'staging (env.staging) lacks the required secret OIDC_ISSUER: `wrangler secret put OIDC_ISSUER --env staging`',
      'staging (env.staging) lacks the required secret OIDC_AUDIENCE: `wrangler secret put OIDC_AUDIENCE --env staging`',
    ])
    // …and not when AUTH_PROVIDER falls back to its default (local).
    const defaulted = mutate(fixtures.wrangler, '"AUTH_PROVIDER": "oidc",', '')
    expect((await remote('staging', staging, defaulted)).findings).toEqual([])
  })

  it('reports leftovers nothing declares, and a declared var stored as a secret', async () => {
    const list = withNames(fixtures.secretList.production, ['OLD_STRIPE_KEY', 'AUTH_PROVIDER'])
    expect((await remote('production', list)).findings).toEqual([
      {
        check: 'remote-undeclared',
        file: wranglerFile,
        line: 1,
        message:
          'production ((top level)) has the secret OLD_STRIPE_KEY, which nothing declares (a leftover?): `wrangler secret delete OLD_STRIPE_KEY`',
      },
      {
        check: 'remote-undeclared',
        file: wranglerFile,
        line: 1,
        message:
          'production ((top level)) has AUTH_PROVIDER as a secret, but it is declared as a plain var: move it to vars and `wrangler secret delete AUTH_PROVIDER`',
      },
    ])
  })

  it('reports a failed or unparseable wrangler run as remote-failed', async () => {
    const failed = await remote('staging', '', fixtures.wrangler, 1)
    expect(failed.findings).toEqual([
      {
        check: 'remote-failed',
        file: wranglerFile,
        line: 16,
        message:
          '`wrangler secret list --format json --env staging` exited with 1; run it by hand to see why',
      },
    ])
    expect((await remote('staging', 'Not logged in')).findings[0]?.message).toContain('answered no JSON list')
    expect((await remote('staging', '[{"nope":1}]')).findings[0]?.check).toBe('remote-failed')
  })

  it('tolerates a banner before the JSON', async () => {
    expect((await remote('staging', ` ⛅️ wrangler 4.86.0\n${fixtures.secretList.staging}`)).findings).toEqual(
      [],
    )
  })

  it('throws RangeError for an environment wrangler.jsonc does not have', async () => {
    await expect(remote('qa', '[]')).rejects.toThrow(RangeError)
  })
})
