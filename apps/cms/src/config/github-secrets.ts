/**
 * The GitHub Actions secrets the CMS's workflows read, declared beside the Worker's env definition. Plain
 * data, never imported by the Worker: tools/secrets-inventory checks it (`defineGithubSecrets`), renders
 * the GitHub tables of `docs/secrets.md` from it and holds `.github/workflows/` to it (every
 * `${{ secrets.X }}` declared, read under its own name and scope, every declared secret still read).
 */

/**
 * The repository's GitHub Actions secrets. `GITHUB_TOKEN` is GitHub's own, known and exempt.
 *
 * @example
 * ```ts
 * cmsGithubSecrets.CLOUDFLARE_API_TOKEN.scope // 'environment'
 * ```
 */
export const cmsGithubSecrets = {
  VERDACCIO_READ_TOKEN: {
    scope: 'repository',
    readOnly: true,
    envName: 'VERDACCIO_AUTH_TOKEN',
    usedBy: ['ci.yml (verify, build-docs, deploy-staging)', 'deploy-prod.yml (deploy)'],
    description:
      'A read-only Verdaccio token (a CI user in the registry with `access` to `@alokai/*` and no `publish`), ' +
      'for installs. Jobs that run pull-request code read it, so it must never be able to publish. ' +
      'registry.npmrc reads it as `VERDACCIO_AUTH_TOKEN`, never on a command line.',
  },
  VERDACCIO_PUBLISH_TOKEN: {
    scope: 'environment',
    environments: ['publish'],
    envName: 'VERDACCIO_AUTH_TOKEN',
    usedBy: ['publish-packages.yml (publish)'],
    description:
      'The Verdaccio token of the release user (`publish` on `@alokai/*`), in the `publish` environment that ' +
      'only the publish job on `main` names. registry.npmrc reads it as `VERDACCIO_AUTH_TOKEN`.',
  },
  CLOUDFLARE_API_TOKEN: {
    scope: 'environment',
    environments: ['staging', 'production', 'preview'],
    usedBy: ['ci.yml (deploy-staging)', 'deploy-prod.yml (deploy)', 'docs-preview.yml (deploy-docs-preview)'],
    description:
      'Authenticates wrangler in the deploy jobs. A different token per environment, each with only what its ' +
      'jobs run: staging and production need Account → Workers Scripts: Edit (`wrangler deploy`, and ' +
      '`wrangler secret list` for the remote audit) and Account → D1: Edit (`d1 migrations apply --remote`); ' +
      'no KV permission, because the deploy only binds the OIDC_CACHE namespace by id (it is created once by ' +
      'hand, docs/deploy.md) and, when the environment has a custom domain or route in wrangler.jsonc, Zone → ' +
      'Workers Routes: Edit on that zone. preview needs only Account → Cloudflare Pages: Edit ' +
      '(`wrangler pages deploy`).',
  },
  CLOUDFLARE_ACCOUNT_ID: {
    scope: 'environment',
    environments: ['staging', 'production', 'preview'],
    usedBy: ['ci.yml (deploy-staging)', 'deploy-prod.yml (deploy)', 'docs-preview.yml (deploy-docs-preview)'],
    description:
      'The Cloudflare account every wrangler command of the job acts on. Also pinned in ' +
      '`apps/cms/wrangler.jsonc#account_id`; the env var overrides it. docs-preview.yml has no checkout, so ' +
      'without it `wrangler pages deploy` falls back to listing memberships, which a Pages-only token cannot do.',
  },
} as const

/**
 * The GitHub deployment environments the secrets above live in, and how each is protected (Settings →
 * Environments). The secrets page renders this table; GitHub, not this file, enforces it.
 *
 * @example
 * ```ts
 * cmsGithubEnvironments.production.protection // 'required reviewers; …'
 * ```
 */
export const cmsGithubEnvironments = {
  staging: {
    protection: 'deployment branches: `main` only; every push to `main` deploys it after `verify` passes',
    branches: '`main` (the job runs only for pushes to main)',
    jobs: 'ci.yml (deploy-staging)',
  },
  production: {
    protection: 'required reviewers; deployment branches and tags: branch `main` and tags `cms@*`',
    branches:
      'branch `main` (a manual run) and tags matching `cms@*` (a published `cms@x.y.z` release runs on its tag)',
    jobs: 'deploy-prod.yml (deploy)',
  },
  publish: {
    protection: 'deployment branches: `main` only; holds the only token that can publish',
    branches: '`main` only',
    jobs: 'publish-packages.yml (publish)',
  },
  preview: {
    protection:
      'deployment branches: `main` only (the job runs in the base repository after CI, as a workflow_run, ' +
      'never checks out PR code, and deploys only static files)',
    branches: '`main`: a workflow_run job runs on the default branch, for pull requests from any branch',
    jobs: 'docs-preview.yml (deploy-docs-preview)',
  },
} as const

/**
 * What the exempt `GITHUB_TOKEN` does in the release jobs (minted per run, scoped by `permissions:`).
 *
 * @example
 * ```ts
 * cmsGithubTokenUses.length // 3
 * ```
 */
export const cmsGithubTokenUses = [
  'deploy-prod.yml `deploy` (contents: read): `gh api` checks that `cms@<version>` is not tagged yet.',
  'deploy-prod.yml `tag-release` (contents: write): `gh release create` tags `cms@<version>` and creates the GitHub Release.',
  'publish-packages.yml `publish` (contents: write, pull-requests: write): the changesets action pushes the version branch, opens the "version packages" pull request (allowed only with the repository setting "Allow GitHub Actions to create and approve pull requests") and pushes the package tags.',
] as const
