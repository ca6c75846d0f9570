/**
 * renderDevVarsExample: line structure, generated keys left empty, only public placeholders, and a round
 * trip through a dotenv reader into parseEnv.
 */

import { defineEnv, EnvValidationError, parseEnv } from '@alokai/env'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { cmsEnv, DEV_PLACEHOLDERS } from '../../../../apps/cms/src/config/env-definition.ts'
import { renderDevVarsExample } from './dev-vars-example.ts'

/** The KEY=VALUE lines a dotenv reader (wrangler's) would load: comments and blanks skipped. */
function load(text: string): Record<string, string> {
  const vars: Record<string, string> = {}
  for (const line of text.split('\n')) {
    const match = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line)
    if (match) vars[match[1]!] = match[2]!
  }
  return vars
}

function freshKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32))
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
}

const text = renderDevVarsExample(cmsEnv)
const lines = text.split('\n')

describe('renderDevVarsExample(cmsEnv)', () => {
  it('ends with one newline and has only comments, blanks and assignments', () => {
    expect(text.endsWith('\n')).toBe(true)
    expect(text.endsWith('\n\n')).toBe(false)
    for (const line of lines.slice(0, -1)) expect(line).toMatch(/^(#( .*)?|[A-Z][A-Z0-9_]*=.*|)$/)
  })

  it('has one line per variable, in definition order, active or commented out', () => {
    const names = lines
      .map((line) => /^(?:# )?([A-Z][A-Z0-9_]*)=/.exec(line)?.[1])
      .filter((name) => name !== undefined)
    expect(names).toEqual(Object.keys(cmsEnv.entries))
  })

  it('puts the description and the rule above each variable', () => {
    const at = lines.indexOf(`AUTH_JWT_SECRET=${DEV_PLACEHOLDERS.AUTH_JWT_SECRET}`)
    expect(lines[at - 2]).toBe(`# ${cmsEnv.entries.AUTH_JWT_SECRET.description}`)
    expect(lines[at - 1]).toBe('# Required. Format: at least 32 characters. Secret.')
  })

  it('leaves TOKEN_ENCRYPTION_KEY empty and gives the command that generates one', () => {
    const at = lines.indexOf('TOKEN_ENCRYPTION_KEY=')
    expect(at).toBeGreaterThan(0)
    expect(lines[at - 1]).toContain('openssl rand -hex 32')
  })

  it('sets the non-secret defaults for local development', () => {
    expect(load(text)).toMatchObject({ AUTH_PROVIDER: 'local', ENVIRONMENT: 'development' })
  })

  it('comments out the variables needed only for oidc, with their placeholders', () => {
    expect(lines).toContain(`# OIDC_ISSUER=${DEV_PLACEHOLDERS.OIDC_ISSUER}`)
    expect(lines).toContain(`# OIDC_AUDIENCE=${DEV_PLACEHOLDERS.OIDC_AUDIENCE}`)
    expect(lines).toContain('# Required when AUTH_PROVIDER is oidc. Format: text. Secret.')
    expect(lines).toContain('# OIDC_CLIENT_ID=')
  })

  it('holds no secret but the public placeholders', () => {
    const placeholders: string[] = Object.values(DEV_PLACEHOLDERS)
    for (const [name, value] of Object.entries(load(text))) {
      const entry = cmsEnv.entries[name as keyof typeof cmsEnv.entries]
      if (entry.secret === true && value !== '') expect(placeholders).toContain(value)
    }
  })

  it('loads, with a generated key, into an env that parses in development and is refused elsewhere', () => {
    const vars = { ...load(text), TOKEN_ENCRYPTION_KEY: freshKey() }
    expect(parseEnv(cmsEnv, vars).ENVIRONMENT).toBe('development')
    try {
      parseEnv(cmsEnv, { ...vars, ENVIRONMENT: 'production' })
      expect.unreachable('the placeholder must be refused in production')
    } catch (err) {
      expect(err).toBeInstanceOf(EnvValidationError)
      expect((err as EnvValidationError).issues.map((issue) => issue.name)).toEqual(['AUTH_JWT_SECRET'])
    }
  })

  it('gives a working oidc development setup when the oidc lines are uncommented', () => {
    const uncommented = text
      .replace(/^# (OIDC_[A-Z_]+=)/gm, '$1')
      .replace('AUTH_PROVIDER=local', 'AUTH_PROVIDER=oidc')
    const env = parseEnv(cmsEnv, { ...load(uncommented), TOKEN_ENCRYPTION_KEY: freshKey() })
    expect(env.AUTH_PROVIDER === 'oidc' && env.OIDC_ISSUER).toBe(DEV_PLACEHOLDERS.OIDC_ISSUER)
  })
})

describe('renderDevVarsExample on other definitions', () => {
  const def = defineEnv({
    GREETING: {
      schema: z.string(),
      description: 'First line.\nSecond line.',
      example: 'hello world # not a comment',
    },
    QUOTED: { schema: z.string().optional(), description: 'q', example: 'say "hi" \\ bye' },
  })

  it('quotes values a dotenv reader would split, and splits multi-line descriptions', () => {
    const out = renderDevVarsExample(def).split('\n')
    expect(out).toContain('GREETING="hello world # not a comment"')
    expect(out).toContain('QUOTED="say \\"hi\\" \\\\ bye"')
    expect(out).toContain('# First line.')
    expect(out).toContain('# Second line.')
  })

  it('uses a custom header and mentions placeholders only when the definition refuses them', () => {
    const out = renderDevVarsExample(def, { header: ['My service', 'Second'] }).split('\n')
    expect(out.slice(0, 3)).toEqual(['# My service', '# Second', ''])
    expect(out.join('\n')).not.toContain('placeholder')
    expect(text).toContain(
      '# Secret values here are public placeholders, accepted only when ENVIRONMENT is development.',
    )
  })
})
