/**
 * `defineGithubSecrets`: the GitHub Actions secrets a repository's workflows read, declared once beside the
 * Worker's env definition. The secrets page renders its tables from it and `pnpm secrets:audit` holds the
 * workflows to it: every `${{ secrets.X }}` must be declared, read with the declared scope, and every
 * declared secret must still be read somewhere.
 */

/**
 * A GitHub deployment environment a secret can be scoped to.
 *
 * @example
 * ```ts
 * const where: GithubEnvironment = 'staging'
 * ```
 */
type GithubEnvironment = 'staging' | 'production' | 'preview' | 'publish'

/**
 * One GitHub Actions secret. `repository` secrets are visible to every job; `environment` secrets only to
 * jobs that declare a matching `environment:` (that is where GitHub's required reviewers apply).
 *
 * @example
 * ```ts
 * const token: GithubSecretEntry = {
 *   scope: 'environment',
 *   environments: ['staging', 'production'],
 *   usedBy: ['ci.yml deploy-staging'],
 *   description: 'Cloudflare API token: Workers Scripts edit, D1 edit.',
 * }
 * ```
 */
export type GithubSecretEntry = (
  | {
      readonly scope: 'repository'
      readonly environments?: undefined
    }
  | {
      readonly scope: 'environment'
      /** The environments that hold their own copy. */
      readonly environments: readonly GithubEnvironment[]
    }
) & {
  /**
   * Every job that reads it, as `file.yml (job, job)`; the audit compares this with the jobs that really
   * read it, so the docs cannot name fewer readers than there are.
   */
  readonly usedBy: readonly string[]
  /** What it does, who issues it, what it may do. */
  readonly description: string
  /**
   * It grants read access only (a read-only registry token): the one kind of secret a job that runs
   * pull-request code may read, and the one kind that may be repository-wide without every workflow
   * reading it. @default false
   */
  readonly readOnly?: boolean
  /**
   * The env variable a tool reads it as, when that is not its own name (registry.npmrc reads
   * `VERDACCIO_AUTH_TOKEN`, whichever token the job holds). @default the secret's name
   */
  readonly envName?: string
}

/**
 * Options of {@link defineGithubSecrets}.
 *
 * @example
 * ```ts
 * const options: DefineGithubSecretsOptions = { exempt: ['GITHUB_TOKEN'] }
 * ```
 */
export interface DefineGithubSecretsOptions {
  /**
   * Secrets GitHub provides itself: known, never declared, never audited. @default ['GITHUB_TOKEN']
   */
  readonly exempt?: readonly string[]
}

/**
 * A checked declaration, what the renderer and the audit read.
 *
 * @example
 * ```ts
 * const names: string[] = Object.keys(cmsGithubSecrets.secrets)
 * ```
 */
export interface GithubSecretsDefinition {
  /** The declared secrets, in the order they were written. */
  readonly secrets: Readonly<Record<string, GithubSecretEntry>>
  /** Names GitHub provides (`GITHUB_TOKEN`): allowed anywhere, never reported. */
  readonly exempt: readonly string[]
}

// GitHub's own rules for secret names: letters, digits and `_`, not starting with a digit or GITHUB_.
const SECRET_NAME = /^[A-Z_][A-Z0-9_]*$/
const ENVIRONMENTS: ReadonlySet<string> = new Set<GithubEnvironment>([
  'staging',
  'production',
  'preview',
  'publish',
])
const USED_BY = /^[\w.-]+\.ya?ml \([\w-]+(, [\w-]+)*\)$/

function fail(message: string): never {
  throw new TypeError(`defineGithubSecrets: ${message}`)
}

function assertEntry(name: string, entry: GithubSecretEntry): void {
  if (!SECRET_NAME.test(name) || name.startsWith('GITHUB_')) fail(`${name} is not a valid secret name`)
  if (entry === null || typeof entry !== 'object') fail(`${name} must be an object`)
  if (typeof entry.description !== 'string' || entry.description.trim() === '')
    fail(`${name}.description must be non-empty`)
  if (!Array.isArray(entry.usedBy) || entry.usedBy.length === 0) fail(`${name}.usedBy must be non-empty`)
  for (const use of entry.usedBy) {
    if (typeof use !== 'string' || !USED_BY.test(use))
      fail(`${name}.usedBy entries are \`file.yml (job, …)\``)
  }
  if (entry.readOnly !== undefined && typeof entry.readOnly !== 'boolean')
    fail(`${name}.readOnly is a boolean`)
  if (entry.envName !== undefined && !SECRET_NAME.test(entry.envName)) fail(`${name}.envName is not a name`)
  if (entry.scope === 'repository') {
    if (entry.environments !== undefined) fail(`${name} is repository-wide and cannot list environments`)
    return
  }
  if (entry.scope !== 'environment') fail(`${name}.scope must be 'repository' or 'environment'`)
  const envs: readonly unknown[] = Array.isArray(entry.environments) ? entry.environments : []
  if (envs.length === 0) fail(`${name} is environment-scoped and must list its environments`)
  for (const env of envs) {
    if (typeof env !== 'string' || !ENVIRONMENTS.has(env)) fail(`${name} lists an unknown environment`)
  }
  if (new Set(envs).size !== envs.length) fail(`${name} lists an environment twice`)
}

/**
 * Declares a repository's GitHub Actions secrets. Throws `TypeError` for an invalid name (GitHub refuses
 * names starting with `GITHUB_`), an environment-scoped secret without environments, a repository-wide
 * one with environments, or empty `usedBy`/`description`.
 *
 * @example
 * ```ts
 * import { defineGithubSecrets } from './github-secrets.ts'
 *
 * export const secrets = defineGithubSecrets({
 *   NPM_TOKEN: { scope: 'repository', usedBy: ['ci.yml'], description: 'Read-only registry token.' },
 *   CLOUDFLARE_API_TOKEN: {
 *     scope: 'environment',
 *     environments: ['production'],
 *     usedBy: ['deploy.yml'],
 *     description: 'Deploys the Worker.',
 *   },
 * })
 * ```
 */
export function defineGithubSecrets(
  secrets: Readonly<Record<string, GithubSecretEntry>>,
  options: DefineGithubSecretsOptions = {},
): GithubSecretsDefinition {
  if (secrets === null || typeof secrets !== 'object') fail('secrets must be an object')
  for (const [name, entry] of Object.entries(secrets)) assertEntry(name, entry)
  const exempt = options.exempt ?? ['GITHUB_TOKEN']
  for (const name of exempt) if (name in secrets) fail(`${name} is exempt and cannot also be declared`)
  const frozen: Record<string, GithubSecretEntry> = {}
  for (const [name, entry] of Object.entries(secrets)) {
    frozen[name] = Object.freeze({
      ...entry,
      usedBy: Object.freeze([...entry.usedBy]),
      ...(entry.environments === undefined ? {} : { environments: Object.freeze([...entry.environments]) }),
    }) as GithubSecretEntry
  }
  return Object.freeze({ secrets: Object.freeze(frozen), exempt: Object.freeze([...exempt]) })
}
