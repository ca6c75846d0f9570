/**
 * EnvValidationError: its code, its frozen issues, and a message, string and JSON made of names and problems only.
 */
import { describe, expect, it } from 'vitest'
import { EnvError, type EnvErrorCode, EnvValidationError, isEnvError } from './errors.ts'

describe('EnvValidationError', () => {
  const issues = [
    { name: 'AUTH_JWT_SECRET', problem: 'must be at least 32 characters' },
    { name: 'ENVIRONMENT', problem: 'is required' },
  ]

  it('carries the stable code ERR_ENV_INVALID and every issue, frozen', () => {
    const err = new EnvValidationError(issues)
    expect(err).toBeInstanceOf(EnvError)
    expect(err).toBeInstanceOf(Error)
    expect(err.name).toBe('EnvValidationError')
    expect(err.code satisfies EnvErrorCode).toBe('ERR_ENV_INVALID')
    expect(err.issues).toEqual(issues)
    expect(Object.isFrozen(err.issues)).toBe(true)
    expect(Object.isFrozen(err.issues[0])).toBe(true)
  })

  it('joins every issue into the message, by name', () => {
    const err = new EnvValidationError(issues)
    expect(err.message).toBe(
      'Invalid environment (2 problems): AUTH_JWT_SECRET must be at least 32 characters; ENVIRONMENT is required',
    )
    expect(String(err)).toBe(`EnvValidationError: ${err.message}`)
  })

  it('says "problem" for a single issue', () => {
    expect(new EnvValidationError([issues[1]!]).message).toBe(
      'Invalid environment (1 problem): ENVIRONMENT is required',
    )
  })

  it('serialises to name, code, message and issues', () => {
    const err = new EnvValidationError(issues)
    expect(JSON.parse(JSON.stringify(err))).toEqual({
      name: 'EnvValidationError',
      code: 'ERR_ENV_INVALID',
      message: err.message,
      issues,
    })
  })

  it('copies the issues it is given, keeping only name and problem', () => {
    const source = [{ name: 'A', problem: 'is required', value: 'leak' }]
    const err = new EnvValidationError(source)
    source[0]!.name = 'B'
    expect(err.issues).toEqual([{ name: 'A', problem: 'is required' }])
  })
})

describe('isEnvError', () => {
  it('recognises the package errors by class and code, and nothing that merely looks like one', () => {
    const err = new EnvValidationError([{ name: 'A', problem: 'is required' }])
    expect(isEnvError(err)).toBe(true)
    expect(isEnvError(err, 'ERR_ENV_INVALID')).toBe(true)
    expect(isEnvError({ code: 'ERR_ENV_INVALID', message: 'duck' })).toBe(false)
    expect(isEnvError(new Error('other'))).toBe(false)
  })
})

describe('isEnvError across copies of the package', () => {
  it('recognises an error made by a second copy of the module (the ESM and CJS builds in one app)', async () => {
    // A query string makes Vite load this file again as a separate module: its own EnvError class.
    const secondCopy = './errors.ts?second-copy'
    const other = (await import(/* @vite-ignore */ secondCopy)) as typeof import('./errors.ts')
    const error = new other.EnvValidationError([{ name: 'ENVIRONMENT', problem: 'is required' }])
    expect(error).not.toBeInstanceOf(EnvValidationError)
    expect(isEnvError(error)).toBe(true)
    expect(isEnvError(error, 'ERR_ENV_INVALID')).toBe(true)
  })
})
