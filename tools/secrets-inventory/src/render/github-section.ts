/**
 * The "GitHub Actions secrets" section of the secrets page: repository secrets, then environment secrets,
 * each with what it does, from the declaration in `apps/cms/src/config/github-secrets.ts`.
 */
import type { GithubSecretsDefinition } from '../github-secrets.ts'
import { code, ghExpression, table } from '../internal/markdown.ts'

/**
 * Renders the section (without a trailing newline).
 *
 * @example
 * ```ts
 * githubSection(cmsProject.github).startsWith('## GitHub Actions secrets') // true
 * ```
 */
export function githubSection(github: GithubSecretsDefinition): string {
  const entries = Object.entries(github.secrets)
  const repo = entries.filter(([, e]) => e.scope === 'repository')
  const env = entries.filter(([, e]) => e.scope === 'environment')
  const exempt = github.exempt.map(code).join(', ')
  return [
    '## GitHub Actions secrets',
    '',
    '### Repository secrets',
    '',
    repo.length === 0
      ? 'None.'
      : table(
          ['Name', 'Description', 'Used by'],
          repo.map(([name, e]) => [code(name), e.description, e.usedBy.join(', ')]),
        ),
    '',
    '### Environment secrets',
    '',
    'Visible only to jobs that declare a matching `environment:`; each environment holds its own value.',
    '',
    env.length === 0
      ? 'None.'
      : table(
          ['Name', 'Environments', 'Description', 'Used by'],
          env.map(([name, e]) => [
            code(name),
            (e.environments ?? []).join(', '),
            e.description,
            e.usedBy.join(', '),
          ]),
        ),
    '',
    `${exempt === '' ? 'No secret is' : `${exempt} is`} exempt: GitHub provides it per run, scoped by the`,
    `job's \`permissions:\`. Every other \`${ghExpression('secrets.X')}\` must be declared here, read under its own`,
    `name (\`X: ${ghExpression('secrets.X')}\`, or its declared \`envName\`: both registry tokens reach`,
    'registry.npmrc as `VERDACCIO_AUTH_TOKEN`) and, when environment-scoped, in a job with that `environment:`.',
    'A job that runs pull-request code may read only a read-only secret, and only a read-only secret may be',
    'repository-wide without every job reading it.',
  ].join('\n')
}
