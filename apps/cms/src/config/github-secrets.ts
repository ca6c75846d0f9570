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
      'A different token per environment: staging and production may edit Workers scripts and D1 and read ' +
      'Worker secrets (`wrangler secret list` for the remote audit); preview may only edit Cloudflare Pages.',
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
