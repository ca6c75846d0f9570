/**
 * renderSecretsTable: the five columns, one row per variable, escaping, and no secret in the output.
 */

import { defineEnv } from '@alokai/env'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { cmsEnv, DEV_PLACEHOLDERS } from '../../../../apps/cms/src/config/env-definition.ts'
import { renderSecretsTable } from './secrets-table.ts'

/** Splits a Markdown row on its unescaped pipes. */
function cells(row: string): string[] {
  return row
    .slice(2, -2)
    .split(/(?<!\\) \| /)
    .map((cell) => cell.trim())
}

const table = renderSecretsTable(cmsEnv)
const rows = table.trimEnd().split('\n')

function rowOf(name: string): string[] {
  const row = rows.find((r) => r.startsWith(`| \`${name}\` |`))
  if (row === undefined) throw new Error(`no row for ${name}`)
  return cells(row)
}

describe('renderSecretsTable(cmsEnv)', () => {
  it('has the columns of the secrets page and one row per variable, in order', () => {
    expect(rows[0]).toBe('| Name | Description | Required | Format | Used by |')
    expect(rows[1]).toBe('| --- | --- | --- | --- | --- |')
    expect(rows.slice(2).map((row) => cells(row)[0])).toEqual(
      Object.keys(cmsEnv.entries).map((name) => `\`${name}\``),
    )
    for (const row of rows.slice(2)) expect(cells(row)).toHaveLength(5)
    expect(table.endsWith('|\n')).toBe(true)
  })

  it('says when each variable is required', () => {
    expect(rowOf('AUTH_JWT_SECRET')[2]).toBe('always')
    expect(rowOf('AUTH_JWT_SECRET_PREVIOUS')[2]).toBe('optional')
    expect(rowOf('AUTH_PROVIDER')[2]).toBe('optional, default `local`')
    expect(rowOf('OIDC_ISSUER')[2]).toBe('when `AUTH_PROVIDER` is `oidc`')
    expect(rowOf('ENVIRONMENT')[2]).toBe('always')
  })

  it('marks secrets in the Format column and names who uses each variable', () => {
    expect(rowOf('TOKEN_ENCRYPTION_KEY').slice(3)).toEqual([
      'secret: 64 hex characters (32 bytes)',
      'apps/cms, @alokai/crypto',
    ])
    expect(rowOf('OIDC_CLIENT_ID')[3]).toBe('text')
    expect(rowOf('OIDC_ISSUER')[1]).toBe(cmsEnv.entries.OIDC_ISSUER.description)
  })

  it('contains no placeholder value', () => {
    for (const value of Object.values(DEV_PLACEHOLDERS)) expect(table).not.toContain(value)
  })
})

describe('renderSecretsTable on other definitions', () => {
  const def = defineEnv({
    MODE: { schema: z.enum(['a', 'b']).default('b'), description: 'mode' },
    HIDDEN: { schema: z.enum(['x-secret-option']), secret: true, description: 'h' },
    PIPE: { schema: z.string(), description: 'p', format: 'a | b\nor c', usedBy: ['one|two'] },
    LOOSE: { schema: z.string(), description: 'l', requiredWhen: (raw) => raw.MODE === 'a' },
  })
  const other = renderSecretsTable(def).trimEnd().split('\n').slice(2).map(cells)

  it('derives the format of a non-secret enum and hides the options of a secret one', () => {
    expect(other[0]).toEqual(['`MODE`', 'mode', 'optional, default `b`', 'one of `a`, `b`', '—'])
    expect(other[1]).toEqual(['`HIDDEN`', 'h', 'always', 'secret: text', '—'])
    expect(renderSecretsTable(def)).not.toContain('x-secret-option')
  })

  it('escapes pipes and keeps each cell on one line', () => {
    expect(other[2]).toEqual(['`PIPE`', 'p', 'always', 'a \\| b or c', 'one\\|two'])
  })

  it('says "conditional" for a predicate requiredWhen', () => {
    expect(other[3]?.[2]).toBe('conditional')
  })
})
