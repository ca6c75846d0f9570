/** Tests of the GitHub secrets declaration: its rules, its freezing and the CMS's own declaration. */
import { describe, expect, it } from 'vitest'
import { cmsProject } from './cms-project.ts'
import { defineGithubSecrets, type GithubSecretEntry } from './github-secrets.ts'

const repo: GithubSecretEntry = { scope: 'repository', usedBy: ['ci.yml (verify)'], description: 'n' }

describe('defineGithubSecrets', () => {
  it('keeps the entries in order, frozen, with GITHUB_TOKEN exempt by default', () => {
    const def = defineGithubSecrets({
      B: repo,
      A: { scope: 'environment', environments: ['staging'], usedBy: ['ci.yml (verify)'], description: 'n' },
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
    ['a usedBy entry without its jobs', { A: { ...repo, usedBy: ['ci.yml'] } }, /file\.yml \(job/],
    ['an envName GitHub could not hold', { A: { ...repo, envName: 'not-a-name' } }, /envName/],
  ])('refuses %s with TypeError', (_, secrets, message) => {
    expect(() => defineGithubSecrets(secrets as never)).toThrow(TypeError)
    expect(() => defineGithubSecrets(secrets as never)).toThrow(message)
  })

  it('refuses to declare an exempt name', () => {
    expect(() => defineGithubSecrets({ NPM: repo }, { exempt: ['NPM'] })).toThrow(/exempt/)
  })
})

describe('cmsGithubSecrets', () => {
  it('declares the read-only registry token repository-wide, the publish token and the Cloudflare token per environment', () => {
    expect(cmsProject.github.secrets.VERDACCIO_READ_TOKEN).toMatchObject({
      scope: 'repository',
      readOnly: true,
    })
    expect(cmsProject.github.secrets.VERDACCIO_PUBLISH_TOKEN).toMatchObject({
      scope: 'environment',
      environments: ['publish'],
    })
    expect(cmsProject.github.secrets.VERDACCIO_PUBLISH_TOKEN?.readOnly).not.toBe(true)
    expect(cmsProject.github.secrets.CLOUDFLARE_API_TOKEN).toMatchObject({
      scope: 'environment',
      environments: ['staging', 'production', 'preview'],
    })
    expect(cmsProject.github.exempt).toEqual(['GITHUB_TOKEN'])
  })
})
