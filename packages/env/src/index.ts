/**
 * `@alokai/env`: typed, secret-safe env validation with zod. Define a service's variables once, parse an
 * env against them (memoised per env object), and render `.dev.vars.example` and the secrets table from
 * the same definition. The CMS definition ships separately as `@alokai/env/cms`.
 */

// Defining and parsing
export { defineEnv } from './define-env.ts'
export { parseEnv } from './parse-env.ts'
export type { ParsedEnv } from './parsed-env.ts'
export type {
  DefineEnvOptions,
  EntryOutput,
  EnvCondition,
  EnvDefinition,
  EnvEntries,
  EnvEntry,
  EnvEntryFields,
  EnvPredicate,
  ParsedValues,
  RawEnvView,
  RequiredWhen,
} from './types.ts'

// GitHub Actions secrets
export {
  type DefineGithubSecretsOptions,
  defineGithubSecrets,
  type GithubEnvironment,
  type GithubSecretEntry,
  type GithubSecretsDefinition,
} from './github-secrets.ts'

// Generators
export { type RenderDevVarsExampleOptions, renderDevVarsExample } from './render-dev-vars-example.ts'
export { renderSecretsPage, type SealedSecretDoc, type SecretsPageInput } from './render-secrets-page.ts'
export { renderSecretsTable } from './render-secrets-table.ts'

// Errors
export { EnvError, type EnvErrorCode, type EnvIssue, EnvValidationError } from './errors.ts'
