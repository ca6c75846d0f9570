import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cmsEnv } from '../../../apps/cms/src/config/env-definition.ts'
import { renderDevVarsExample } from '../src/render/dev-vars-example.ts'

describe('.dev.vars.example', () => {
  const file = readFileSync(resolve(import.meta.dirname, '../../../apps/cms/.dev.vars.example'), 'utf8')

  it('is exactly what @alokai/env renders from cmsEnv (regenerate it, never edit it)', () => {
    expect(file).toBe(renderDevVarsExample(cmsEnv))
  })

  it('leaves TOKEN_ENCRYPTION_KEY empty for `pnpm dev` to fill, and selects development', () => {
    expect(file).toMatch(/^TOKEN_ENCRYPTION_KEY=$/m)
    expect(file).toMatch(/^ENVIRONMENT=development$/m)
  })
})
