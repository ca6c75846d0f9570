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
  VERDACCIO_AUTH_TOKEN: {
    scope: 'repository',
    usedBy: [
      'ci.yml (verify, build-docs, deploy-staging)',
      'deploy-prod.yml (deploy)',
      'publish-packages.yml (publish)',
    ],
    description:
      'Authenticates the `@alokai` scope on the private Verdaccio registry (install everywhere, publish in ' +
      'publish-packages.yml). Read through registry.npmrc, never on a command line.',
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
      'hand, docs/deploy.md) and no zone permission, because the Worker has no routes. preview needs only ' +
      'Account → Cloudflare Pages: Edit (`wrangler pages deploy`).',
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
    protection: 'none: every push to `main` deploys it after `verify` passes',
    branches: '`main` (the job runs only for pushes to main)',
    jobs: 'ci.yml (deploy-staging)',
  },
  production: {
    protection: 'required reviewers; deployment branches: `main` only',
    branches: '`main` only',
    jobs: 'deploy-prod.yml (deploy)',
  },
  preview: {
    protection:
      'none needed: the job runs in the base repository after CI (workflow_run), never checks out PR code, and ' +
      'deploys only static files',
    branches:
      'the default branch (workflow_run runs the workflow file of `main`), for pull requests from any branch',
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
  'publish-packages.yml `publish` (contents: write, pull-requests: write): the changesets action pushes the version branch, opens the "version packages" pull request and pushes the package tags.',
] as const
