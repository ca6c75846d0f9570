/**
 * The CMS as the inventory sees it: its env definition, its GitHub secrets and its sealed columns, read
 * straight from `apps/cms/src` (the one file of this tool that reaches into the app), so the generator and
 * the audit always judge the source as it is now. {@link cmsProject} is what `generate` writes from and
 * what `audit` checks against.
 */
import { cmsEnv } from '../../../apps/cms/src/config/env-definition.ts'
import {
  cmsGithubEnvironments,
  cmsGithubSecrets,
  cmsGithubTokenUses,
} from '../../../apps/cms/src/config/github-secrets.ts'
import { columnName, SEALED_COLUMNS } from '../../../apps/cms/src/features/key-rotation/sealed-columns.ts'
import type { SecretsProject } from './audit/project.ts'
import { defineGithubSecrets } from './github-secrets.ts'
import { contextText, type SealedSecretDoc } from './render/sealed-secrets.ts'

/**
 * The sealed secrets as the page lists them, from the registry rotation walks: one list, two readers.
 *
 * @example
 * ```ts
 * cmsSealedSecrets.map((s) => s.column) // ['api_tokens.token_sealed', …]
 * ```
 */
const cmsSealedSecrets: readonly SealedSecretDoc[] = Object.freeze(
  SEALED_COLUMNS.map((col) => ({
    name: col.doc.label,
    column: columnName(col),
    context: contextText(col.context({ id: 'id', space_id: 'space_id' }), ['id', 'space_id']),
    source: col.doc.source,
    rotate: col.doc.rotate,
  })),
)

/**
 * The CMS project: `cmsEnv`, its GitHub secrets, its sealed columns, `apps/cms`, `docs/secrets.md`.
 *
 * @example
 * ```ts
 * renderProjectFiles(cmsProject, readFile).map((f) => f.path) // ['docs/secrets.md', 'apps/cms/.dev.vars.example']
 * ```
 */
export const cmsProject: SecretsProject = Object.freeze({
  env: cmsEnv,
  github: defineGithubSecrets(cmsGithubSecrets),
  sealed: cmsSealedSecrets,
  environments: cmsGithubEnvironments,
  githubTokenUses: cmsGithubTokenUses,
  workerDir: 'apps/cms',
  secretsPage: 'docs/secrets.md',
  envDefinitionFile: 'apps/cms/src/config/env-definition.ts',
  declarationFile: 'apps/cms/src/config/github-secrets.ts',
})
