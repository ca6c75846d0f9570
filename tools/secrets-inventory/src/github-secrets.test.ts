/** Tests of the GitHub secrets declaration: its rules, its freezing and the CMS's own declaration. */
import { describe, expect, it } from 'vitest'
import { cmsProject } from './cms-project.ts'
import { defineGithubSecrets, type GithubSecretEntry } from './github-secrets.ts'

const repo: GithubSecretEntry = { scope: 'repository', usedBy: ['ci.yml'], description: 'n' }

describe('defineGithubSecrets', () => {
  it('keeps the entries in order, frozen, with GITHUB_TOKEN exempt by default', () => {
    const def = defineGithubSecrets({
      B: repo,
      A: { scope: 'environment', environments: ['staging'], usedBy: ['ci.yml'], description: 'n' },
    })
    expect(Object.keys(def.secrets)).toEqual(['B', 'A'])
    expect(def.exempt).toEqual(['GITHUB_TOKEN'])
    expect(Object.isFrozen(def.secrets)).toBe(true)
    expect(Object.isFrozen(def.secrets.A?.environments)).toBe(true)
  })

  it.each([
    ['a name GitHub refuses', { GITHUB_X: repo }, /GITHUB_X is not a valid secret name/],
    ['a lower-case name', { npm_token: repo }, /not a valid secret name/],
    [
      'an environment secret without environments',
      { A: { ...repo, scope: 'environment', environments: [] } },
      /must list its environments/,
    ],
    [
      'a repository secret with environments',
      { A: { ...repo, environments: ['staging'] } },
      /cannot list environments/,
    ],
    [
      'an unknown environment',
      { A: { ...repo, scope: 'environment', environments: ['qa'] } },
      /unknown environment/,
    ],
    [
      'a repeated environment',
      { A: { ...repo, scope: 'environment', environments: ['staging', 'staging'] } },
      /twice/,
    ],
    ['empty description', { A: { ...repo, description: ' ' } }, /description must be non-empty/],
    ['no usedBy', { A: { ...repo, usedBy: [] } }, /usedBy must be non-empty/],
  ])('refuses %s with TypeError', (_, secrets, message) => {
    expect(() => defineGithubSecrets(secrets as never)).toThrow(TypeError)
    expect(() => defineGithubSecrets(secrets as never)).toThrow(message)
  })

  it('refuses to declare an exempt name', () => {
    expect(() => defineGithubSecrets({ NPM: repo }, { exempt: ['NPM'] })).toThrow(/exempt/)
  })
})

describe('cmsGithubSecrets', () => {
  it('declares the registry token repository-wide and the Cloudflare token per environment', () => {
    expect(cmsProject.github.secrets.VERDACCIO_AUTH_TOKEN?.scope).toBe('repository')
    expect(cmsProject.github.secrets.CLOUDFLARE_API_TOKEN).toMatchObject({
      scope: 'environment',
      environments: ['staging', 'production', 'preview'],
    })
    expect(cmsProject.github.exempt).toEqual(['GITHUB_TOKEN'])
  })
})
