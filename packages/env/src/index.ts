/**
 * `@alokai/env`: typed, secret-safe env validation with zod. Define a service's variables once and parse
 * an env against them (memoised per env object); problems name variables, never values. A service's own
 * definition lives with the service (the CMS's is `apps/cms/src/config/env-definition.ts`), and the
 * repository's secrets inventory (docs page, `.dev.vars.example`, audit) is the private workspace tool
 * `tools/secrets-inventory`.
 */

// Defining and parsing
export { defineEnv } from './define-env.ts'
export { parseEnv } from './parse-env.ts'
export type { ParsedEnv } from './parsed-env.ts'
export type {
  AnyEnvEntry,
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

// Reading a definition's conditions (for generators that describe an entry)
export { type ConditionParts, conditionParts, describeCondition, isPredicate } from './condition.ts'

// Errors
export { EnvError, type EnvErrorCode, type EnvIssue, EnvValidationError, isEnvError } from './errors.ts'
