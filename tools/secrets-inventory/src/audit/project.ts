/**
 * A project the audit knows: its env definition, its GitHub secrets, its sealed secrets and where its
 * files are. `cmsProject` (../cms-project.ts) is the CMS; the generator and every check read the same
 * object, so what `generate` writes is exactly what `audit` expects.
 */
import type { AnyEnvEntry, EnvDefinition } from '@alokai/env'
import type { GithubSecretsDefinition } from '../github-secrets.ts'
import type { GithubEnvironmentDoc } from '../render/deployment.ts'
import { renderDevVarsExample } from '../render/dev-vars-example.ts'
import type { SealedSecretDoc } from '../render/sealed-secrets.ts'
import { renderSecretsPage } from '../render/secrets-page.ts'

/** Any definition's entries: the generators and checks only read names, flags and schemas. */
type AnyEntries = Readonly<Record<string, AnyEnvEntry>>

/**
 * Everything the generator and the audit need to know about a project. Paths are repository-relative.
 *
 * @example
 * ```ts
 * const project: SecretsProject = { ...cmsProject, secretsPage: 'docs/other.md' }
 * ```
 */
export interface SecretsProject {
  readonly env: EnvDefinition<AnyEntries>
  readonly github: GithubSecretsDefinition
  readonly sealed: readonly SealedSecretDoc[]
  /** The GitHub deployment environments and their protection, for the page. */
  readonly environments: Readonly<Record<string, GithubEnvironmentDoc>>
  /** What `GITHUB_TOKEN` does in the release jobs, for the page. */
  readonly githubTokenUses: readonly string[]
  /** The Worker's directory, holding `wrangler.jsonc` and `.dev.vars.example`. */
  readonly workerDir: string
  /** The generated secrets page. */
  readonly secretsPage: string
  /** The file that declares the env, named by findings about Worker vars and secrets. */
  readonly envDefinitionFile: string
  /** The file that declares the GitHub secrets, named by "unused" findings. */
  readonly declarationFile: string
}

/**
 * A file the generator writes: its path and content.
 *
 * @example
 * ```ts
 * const file: RenderedFile = { path: 'docs/secrets.md', content: '# Secrets\n' }
 * ```
 */
export interface RenderedFile {
  readonly path: string
  readonly content: string
}

/**
 * Renders the project's generated files. `readFile` gives the committed secrets page, whose prose blocks
 * are kept.
 *
 * @example
 * ```ts
 * for (const file of renderProjectFiles(cmsProject, readFile)) writeFileSync(file.path, file.content)
 * ```
 */
export function renderProjectFiles(
  project: SecretsProject,
  readFile: (path: string) => string | undefined,
): RenderedFile[] {
  const existing = readFile(project.secretsPage)
  return [
    {
      path: project.secretsPage,
      content: renderSecretsPage({
        env: project.env,
        github: project.github,
        sealed: project.sealed,
        environments: project.environments,
        githubTokenUses: project.githubTokenUses,
        ...(existing === undefined ? {} : { existing }),
      }),
    },
    { path: `${project.workerDir}/.dev.vars.example`, content: renderDevVarsExample(project.env) },
  ]
}
