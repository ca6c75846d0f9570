/** Tests of the JSONC reader: comments and trailing commas go, strings stay exactly as written. */
import { describe, expect, it } from 'vitest'
import { fixtures } from '../../test/fixtures/index.ts'
import { parseJsonc, stripJsonc } from './jsonc.ts'

describe('parseJsonc', () => {
  it('reads line and block comments and trailing commas, keeping strings intact', () => {
    const config = parseJsonc(fixtures.wrangler) as { note: string; env: { staging: { vars: unknown } } }
    expect(config.note).toBe('a // that is not a comment, and a trailing comma inside a string,]')
    expect(config.env.staging.vars).toEqual({
      ENVIRONMENT: 'staging',
      AUTH_PROVIDER: 'oidc',
      OIDC_CLIENT_ID: 'cms-dashboard',
    })
  })

  it('keeps escaped quotes inside strings and line breaks of removed comments', () => {
    expect(parseJsonc('{ "a": "x\\" // y" /* c\n d */, }')).toEqual({ a: 'x" // y' })
    expect(stripJsonc('/* a\nb */1').split('\n')).toHaveLength(2)
  })

  it('throws SyntaxError on text that is not JSONC', () => {
    expect(() => parseJsonc('{ "a": }')).toThrow(SyntaxError)
    expect(() => parseJsonc('{ "a": 1 ')).toThrow(SyntaxError)
  })

  it('names the line of the error but never quotes the text, which may hold a secret', () => {
    for (const text of ['{\n "vars": {\n "A": supersecretvalue } }', '{\n "A": "supersecretvalue" x }']) {
      let caught: unknown
      try {
        parseJsonc(text)
      } catch (error) {
        caught = error
      }
      expect(caught).toBeInstanceOf(SyntaxError)
      expect((caught as Error).message).not.toContain('supersecre')
      expect((caught as Error).cause).toBeUndefined()
    }
    expect(() => parseJsonc('{\n "a": 1,\n "b": 2 x\n}')).toThrow('not valid JSONC (line 3)')
  })
})
