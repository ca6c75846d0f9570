/**
 * The CMS's OpenAPI document is valid OpenAPI 3.1, checked with a maintained validator against the
 * specification's own JSON schemas (`@seriousme/openapi-schema-validator`, ajv). It checks the committed
 * `docs/openapi.json`, which a workerd test proves is exactly what the Worker serves (the validator reads
 * its schemas from disk and compiles them to code, which workerd allows neither of).
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { Validator } from '@seriousme/openapi-schema-validator'
import { describe, expect, it } from 'vitest'

const committed = JSON.parse(
  readFileSync(resolve(import.meta.dirname, '../../../../docs/openapi.json'), 'utf8'),
) as Record<string, unknown>

describe('docs/openapi.json', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const validator = new Validator()
    const result = await validator.validate(committed)
    expect(result.errors ?? []).toEqual([])
    expect(result.valid).toBe(true)
    expect(validator.version).toBe('3.1')
  })

  it('would be refused with an optional path parameter (the validator is not a formality)', async () => {
    const broken = structuredClone(committed) as {
      paths: Record<string, Record<string, { parameters: { required: boolean }[] }>>
    }
    const param = broken.paths['/api/spaces/{spaceId}']?.get?.parameters[0]
    if (!param) throw new Error('no path parameter to break')
    param.required = false
    const result = await new Validator().validate(broken)
    expect(result.valid).toBe(false)
  })
})
