/**
 * The GitHub Actions secrets of the CMS repository, beside `cmsEnv`: `docs/secrets.md` renders its GitHub
 * tables from this declaration and `alokai-env audit` checks `.github/workflows/` against it. There is no
 * `CLOUDFLARE_ACCOUNT_ID` secret: `wrangler.jsonc` pins `account_id`, so a deploy cannot land elsewhere.
 */
import { defineGithubSecrets, type GithubSecretsDefinition } from './github-secrets.ts'

/**
 * The CMS repository's GitHub Actions secrets. `GITHUB_TOKEN` is GitHub's own, known and exempt.
 *
 * @example
 * ```ts
 * import { cmsGithubSecrets } from '@alokai/env/cms'
 *
 * cmsGithubSecrets.secrets.CLOUDFLARE_API_TOKEN?.scope // 'environment'
 * ```
 */
export const cmsGithubSecrets: GithubSecretsDefinition = defineGithubSecrets({
  VERDACCIO_AUTH_TOKEN: {
    scope: 'repository',
    usedBy: [
      'ci.yml (verify, build-docs, deploy-staging)',
      'deploy-prod.yml (deploy)',
      'publish-packages.yml (publish)',
    ],
    notes:
      'Authenticates the `@alokai` scope on the private Verdaccio registry (install everywhere, publish in ' +
      'publish-packages.yml). Read through registry.npmrc, never on a command line.',
  },
  CLOUDFLARE_API_TOKEN: {
    scope: 'environment',
    environments: ['staging', 'production', 'preview'],
    usedBy: ['ci.yml (deploy-staging)', 'deploy-prod.yml (deploy)', 'docs-preview.yml (deploy-docs-preview)'],
    notes:
      'A different token per environment: staging and production may edit Workers scripts and D1 and read ' +
      'Worker secrets (`wrangler secret list` for the remote audit); preview may only edit Cloudflare Pages.',
  },
})
