/**
 * The deployment facts of the secrets page: which Cloudflare account a job acts on (the `account_id` pin
 * and its override), the GitHub environments with their protection, what `GITHUB_TOKEN` does in the
 * release jobs, the first-time provisioning of the Worker secrets, and where this project deliberately
 * differs from the secrets documentation it replaced, with the reason. Generated, so the commands carry
 * the real variable names.
 */
import { code, table } from '../internal/markdown.ts'

/**
 * One GitHub deployment environment, as `apps/cms/src/config/github-secrets.ts` declares it.
 *
 * @example
 * ```ts
 * const production: GithubEnvironmentDoc = { protection: 'required reviewers', branches: 'main', jobs: 'deploy-prod.yml' }
 * ```
 */
export interface GithubEnvironmentDoc {
  readonly protection: string
  readonly branches: string
  readonly jobs: string
}

const FENCE = '```'

/**
 * The `account_id` pin, its override, and the environments table with `GITHUB_TOKEN`'s uses.
 *
 * @example
 * ```ts
 * environmentsSection(cmsProject.environments, cmsProject.githubTokenUses)
 * ```
 */
export function environmentsSection(
  environments: Readonly<Record<string, GithubEnvironmentDoc>>,
  tokenUses: readonly string[],
): string {
  const rows = Object.entries(environments).map(([name, e]) => [code(name), e.protection, e.branches, e.jobs])
  return [
    '### Cloudflare account',
    '',
    '`apps/cms/wrangler.jsonc` pins `account_id`, so a deploy from a laptop cannot land in another account.',
    'The `CLOUDFLARE_ACCOUNT_ID` environment variable overrides the pin, and every CI step that talks to',
    'Cloudflare sets it from the environment secret of the same name (the docs-preview job has no checkout, so',
    'no `wrangler.jsonc` to read the pin from). A new account replaces the placeholder pin: see',
    '[deploy.md](deploy.md).',
    '',
    '### GitHub environments',
    '',
    rows.length === 0 ? 'None.' : table(['Environment', 'Protection', 'Deployment branches', 'Jobs'], rows),
    '',
    'What `GITHUB_TOKEN` does in the release jobs:',
    '',
    ...tokenUses.map((use) => `- ${use}`),
  ].join('\n')
}

/**
 * First-time provisioning of the always-required Worker secrets, per environment: generated into a
 * variable, kept in the operator's password manager, then piped to wrangler.
 *
 * @example
 * ```ts
 * provisioningSection(['TOKEN_ENCRYPTION_KEY']) // '… KEY=$(openssl rand -hex 32) … | … wrangler secret bulk …'
 * ```
 */
export function provisioningSection(names: readonly string[]): string {
  const json = `'{${names.map((name) => `"${name}":"%s"`).join(',')}}'`
  const vars = names.map((_, i) => `"$V${i}"`).join(' ')
  return [
    '## First-time provisioning',
    '',
    'A new environment needs its required Worker secrets before its first deploy (the deploy jobs run',
    '`pnpm secrets:audit --remote` first and stop without them). Generate each value into a shell variable,',
    'save it in your password manager (a rotation needs it as the old value, and Cloudflare never shows a',
    'secret again), then pipe it to wrangler, so it never appears in a file, an argument or the shell',
    'history. From the repository root, per environment (no `--env` is production):',
    '',
    `${FENCE}text`,
    ...names.map(
      (name, i) =>
        `V${i}=$(${name === 'TOKEN_ENCRYPTION_KEY' ? 'openssl rand -hex 32' : 'openssl rand -base64 48'})   # ${name}: into the password manager now`,
    ),
    `printf ${json} ${vars} \\`,
    '  | pnpm --filter @alokai/cms exec wrangler secret bulk --env staging',
    FENCE,
    '',
    'OIDC settings (`OIDC_ISSUER`, `OIDC_AUDIENCE`) come from your identity provider, set the same way when',
    '`AUTH_PROVIDER` is `oidc`. Then run `pnpm secrets:audit --remote --env staging|production`. The whole',
    'first deploy, both environments, is [deploy.md](deploy.md).',
  ].join('\n')
}

/**
 * Where this project deliberately departs from the secrets documentation it replaced, and why.
 *
 * @example
 * ```ts
 * differencesSection().startsWith('## Where this differs') // true
 * ```
 */
export function differencesSection(): string {
  return [
    '## Where this differs from the original secrets documentation',
    '',
    '- **The docs preview has its own workflow.** The original deployed PR docs previews from the CI job that',
    '  built them, with the Pages token in reach of PR code. Here CI builds the site without any Cloudflare',
    '  secret and `docs-preview.yml` (a `workflow_run` in the base repository, `preview` environment) deploys',
    '  the artifact without checking out or running PR code, and only its static files: `_worker.js`,',
    '  `functions/` and `_routes.json` are removed first, so a PR cannot ship server code to the preview site.',
    '- **Rotating the encryption key no longer invalidates stored secrets.** The original said that changing',
    '  `TOKEN_ENCRYPTION_KEY` makes every stored token unreadable. The CMS now opens values with the previous',
    '  keys (`TOKEN_ENCRYPTION_KEY_PREVIOUS`) and rewraps them, so a rotation loses nothing unless a previous',
    '  key is dropped while values are still sealed under it (see the runbook above).',
    '- **The version bump.** The original bumped a version by hand at deploy time. Here package versions are',
    "  changesets' business (`publish-packages.yml`); the CMS's own version is `apps/cms/package.json`, and a",
    '  manual production deploy refuses a version that is already tagged, so bump it before deploying; the',
    '  deploy then tags `cms@<version>` and creates the GitHub Release.',
    '- **Two registry tokens instead of one.** The original gave every job the one Verdaccio token, so jobs that',
    '  run pull-request code could publish. Here CI installs with a read-only `VERDACCIO_READ_TOKEN` and only the',
    '  publish job, in the `publish` environment, holds `VERDACCIO_PUBLISH_TOKEN`.',
    '- **Keys are kept before they are stored.** The original piped `openssl rand` straight into',
    '  `wrangler secret put`, leaving no copy for the rotation that needs the old value; here every generated',
    '  key goes into a variable and the password manager first ([deploy.md](deploy.md), tested by running it).',
    '- **`CLOUDFLARE_ACCOUNT_ID` is kept as a secret in every environment**, as the original had it, even though',
    '  `wrangler.jsonc` pins `account_id`: the docs-preview job has no checkout and Pages-only tokens cannot list',
    '  account memberships.',
  ].join('\n')
}
