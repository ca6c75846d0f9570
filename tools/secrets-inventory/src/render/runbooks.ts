/**
 * The fixed sections of the secrets page: the exact wrangler commands, the rotation runbooks of the
 * encryption key and the session secret, local development and the removal checklist. They are generated
 * (not prose) so the commands cannot drift from the variable names, and so the statement about what a
 * key rotation invalidates cannot be edited away.
 */
import { code, ghExpression } from '../internal/markdown.ts'

const FENCE = '```'

function sh(...lines: string[]): string {
  return [`${FENCE}sh`, ...lines, FENCE].join('\n')
}

/** Indents a block so Markdown keeps it inside the list item above it. */
function indent(block: string): string {
  return block
    .split('\n')
    .map((line) => (line === '' ? '' : `   ${line}`))
    .join('\n')
}

/** `wrangler secret put|bulk|list|delete`, production (top level) and staging (`--env staging`). */
export function commandsSection(secretNames: readonly string[]): string {
  const example = secretNames[0] ?? 'NAME'
  return [
    '## Setting Worker secrets',
    '',
    'Run these from `apps/cms`. The top level of `wrangler.jsonc` is **production**: a command without',
    '`--env` changes production. Add `--env staging` for staging. Values are read from a prompt or stdin,',
    'never from an argument (shell history, `ps`).',
    '',
    sh(
      `npx wrangler secret put ${example}                 # production: prompts for the value`,
      `npx wrangler secret put ${example} --env staging   # staging`,
      '',
      '# several secrets in ONE deployment (a rotation must never be two deployments): JSON on stdin, from a',
      '# variable whose value you keep (a generated key goes into your password manager first)',
      `printf '{"${example}":"%s"}' "$VALUE" | npx wrangler secret bulk [--env staging]`,
      '',
      '# names only (values are never shown); the remote audit reads the same list',
      'npx wrangler secret list --format json [--env staging]',
      '',
      `npx wrangler secret delete ${example} [--env staging]`,
    ),
    '',
    `Locally, secrets live in ${code('apps/cms/.dev.vars')} (see Local development), never in`,
    `${code('wrangler.jsonc')}: ${code('pnpm secrets:audit')} fails when a secret name appears in any ${code('vars')}.`,
  ].join('\n')
}

/** A shell parameter that stops the script with `message` when unset (built in parts: not a JS template). */
function required(name: string, message: string): string {
  return `${['$', '{'].join('')}${name}:?${message}}`
}

/**
 * The runbooks' first block: which environment, and the flags wrangler (`--env staging` or nothing for the
 * top level) and `keys:rewrap` (`--env staging` or `--prod`) take for it.
 *
 * @example
 * ```ts
 * environmentChoice().includes('CMS_TARGET="--prod"') // true
 * ```
 */
export function environmentChoice(): string {
  return [
    'The rotation blocks run **from the repository root** in bash, after choosing the environment and its',
    'address (its workers.dev address or Custom Domain, [deploy.md](deploy.md)) with `export CMS_ENV=staging` (or',
    "`production`) and `export CMS_URL=https://…`, and, for `keys:rewrap`, a global admin's `CMS_ADMIN_EMAIL`",
    '(or `CMS_BEARER` with OIDC). This block picks the flags:',
    '',
    sh(
      `: "${required('CMS_ENV', 'export CMS_ENV=staging or production')}" "${required('CMS_URL', 'export CMS_URL=https://<the CMS hostname>')}"`,
      'if [ "$CMS_ENV" = production ]; then WRANGLER_ENV=""; CMS_TARGET="--prod"; else WRANGLER_ENV="--env $CMS_ENV"; CMS_TARGET="--env $CMS_ENV"; fi',
    ),
  ].join('\n')
}

/** The current value of `name`, read at a prompt from the operator's password manager, never echoed. */
function readOld(variable: string, name: string): string {
  return `read -rs ${variable}    # paste: ${name}`
}

/** Generates into a variable and has the operator keep it before anything is stored. */
function generateKept(variable: string, name: string, command: string): string[] {
  return [
    `${variable}=$(${command})`,
    `printf '%s ${name} (new): %s\\n' "$CMS_ENV" "$${variable}"   # into the password manager now`,
  ]
}

/** The TOKEN_ENCRYPTION_KEY runbook: add → rewrap → wait → drop, and the leaked-key variant. */
export function encryptionKeyRunbook(key: string, previous: string): string {
  return [
    `### Rotating ${code(key)}`,
    '',
    `**Rotating the encryption key no longer invalidates stored secrets.** While ${code(previous)} holds`,
    'the old key, every stored value still opens, and new values are sealed under the new key. Stored',
    `secrets become unreadable only when you drop the previous key (delete ${code(previous)}) while values`,
    'are still sealed under it. The detailed runbook, with the key status API, is',
    '[key-rotation.md](key-rotation.md).',
    '',
    `1. **Add** the new key with the old one as previous, in ONE \`wrangler secret bulk\` call (two separate`,
    "   `put`s leave a window where the Worker has the new key but can't open the old values). `$OLD_KEY` is",
    '   the current key from the password-manager entry saved when it was set (Cloudflare never shows a',
    '   secret again); the new key goes into a new entry before it is stored:',
    '',
    indent(
      sh(
        readOld('OLD_KEY', key),
        ...generateKept('NEW_KEY', key, 'openssl rand -hex 32'),
        `printf '{"${key}":"%s","${previous}":"%s"}' "$NEW_KEY" "$OLD_KEY" \\`,
        '  | pnpm --filter @alokai/cms exec wrangler secret bulk $WRANGLER_ENV',
      ),
    ),
    '',
    `   Start only when no earlier rotation is running (${code(previous)} unset).`,
    '2. **Rewrap** every stored value under the new key, through `POST /api/admin/keys/rewrap` in resumable',
    '   batches:',
    '',
    indent(sh('pnpm --filter @alokai/cms keys:rewrap -- $CMS_TARGET')),
    '',
    '3. **Wait** until `GET /api/admin/keys` says "You can remove the previous key": two counts of zero values',
    '   under the previous key at least 10 minutes apart.',
    '4. **Drop** the previous key, only then:',
    '',
    indent(sh(`pnpm --filter @alokai/cms exec wrangler secret delete ${previous} $WRANGLER_ENV`)),
    '',
    '**The key leaked.** Add a new key as in step 1, then **reseal** instead of rewrapping',
    '(`keys:rewrap -- $CMS_TARGET --reseal`, `POST /api/admin/keys/reseal`: new data keys, new ciphertext; a',
    'rewrapped data key would still open with the leaked key and an old database dump), wait and drop as in',
    'steps 3–4. Then assume the stored secrets leaked too and rotate them at their sources: revoke and',
    're-issue the API tokens, replace the MCP bearers at the MCP servers and the preview probe secrets at the',
    'storefronts (see Per-space secrets).',
  ].join('\n')
}

/** The AUTH_JWT_SECRET runbook with its verify-only previous secret. */
export function sessionSecretRunbook(secret: string, previous: string): string {
  return [
    `### Rotating ${code(secret)}`,
    '',
    `${code(previous)} is verify-only: sessions signed with the old secret stay valid until they expire`,
    '(8 hours), new sessions are signed with the new one, so a routine rotation signs no one out.',
    '`$OLD_SESSION` comes from the password-manager entry, like the key above:',
    '',
    sh(
      readOld('OLD_SESSION', secret),
      ...generateKept('NEW_SESSION', secret, 'openssl rand -base64 48'),
      `printf '{"${secret}":"%s","${previous}":"%s"}' "$NEW_SESSION" "$OLD_SESSION" \\`,
      '  | pnpm --filter @alokai/cms exec wrangler secret bulk $WRANGLER_ENV',
    ),
    '',
    '8 hours later:',
    '',
    sh(`pnpm --filter @alokai/cms exec wrangler secret delete ${previous} $WRANGLER_ENV`),
    '',
    `**The session secret leaked.** Set a new ${code(secret)} and do **not** keep the old one as`,
    `${code(previous)} (delete it if set): every session ends at once and everyone signs in again.`,
  ].join('\n')
}

/** What `pnpm dev` does with `.dev.vars`. */
export function localDevSection(): string {
  return [
    '## Local development',
    '',
    '`pnpm dev` creates `apps/cms/.dev.vars` from `apps/cms/.dev.vars.example` when it is missing, with a',
    'fresh `TOKEN_ENCRYPTION_KEY` for your machine, and never overwrites an existing file. The example holds',
    'only public placeholders, accepted only when `ENVIRONMENT=development`. `.dev.vars` and `.env*` are',
    'git-ignored, and `pnpm secrets:audit` fails if either is tracked or stops being ignored.',
    '**Never copy a production (or staging) value into `.dev.vars`**: a laptop, its backups and every local',
    'tool would hold the key to the deployed data. Development uses its own generated values only.',
    '`.dev.vars.example` is generated: change the definition in `apps/cms/src/config/env-definition.ts`',
    'and run `pnpm secrets:generate`.',
  ].join('\n')
}

/** The checklist for removing a secret everywhere. */
export function removalChecklist(): string {
  return [
    '## Removing a secret',
    '',
    'A deploy runs `pnpm secrets:audit --remote` first and refuses a secret that nothing declares, so a',
    'Worker secret goes in three steps:',
    '',
    '1. Remove the code that reads it and make its entry in `cmsEnv` (`apps/cms/src/config/env-definition.ts`)',
    '   optional; `pnpm secrets:generate`, commit, deploy both environments.',
    '2. `npx wrangler secret delete NAME` and `npx wrangler secret delete NAME --env staging` (from `apps/cms`).',
    '3. Remove the entry from `cmsEnv`; `pnpm secrets:generate` (this page and `.dev.vars.example`), commit.',
    '',
    'A GitHub secret: remove its reads and its entry in `cmsGithubSecrets`',
    '(`apps/cms/src/config/github-secrets.ts`), then delete it from the repository or from each environment',
    '(Settings → Secrets and variables → Actions); `pnpm secrets:audit` reports a workflow that still reads it.',
    'Then, for either kind:',
    '',
    '- Revoke it at its issuer (Cloudflare API token, Verdaccio token), so a copy is worthless.',
    "- Remove it from every developer's `.dev.vars`.",
    '- **Remove old `wrangler secret put` references from runbooks** (docs, READMEs): `pnpm secrets:audit`',
    '  reports a `wrangler secret put|delete NAME` or a `secret bulk` key that names no declared Worker secret',
    '  (`stale-runbook`).',
  ].join('\n')
}

/** What `pnpm secrets:audit` checks, so the page's checklist says what the machine runs. */
export function auditSection(): string {
  return [
    '## Inventory and audit',
    '',
    'CI runs `pnpm secrets:audit` on every push (from source: no build needed, so it always judges the',
    'current definitions); it fails with one line per finding (`file:line [check] message`, each naming the',
    'fix) when:',
    '',
    '- `docs/secrets.md` or `apps/cms/.dev.vars.example` differs from what the definitions render',
    '  (`stale-generated`: run `pnpm secrets:generate`);',
    '- a secret name appears in any `vars` of `wrangler.jsonc`, top level or `env.*` (`secret-in-vars`), or in',
    '  a `define`, which inlines it into the bundle (`secret-in-define`); a var the definition does not',
    '  declare (`undeclared-var`), or a var whose name looks like a secret: SECRET, TOKEN, KEY, PASSWORD,',
    '  PRIVATE or CREDENTIAL (`secret-like-var`);',
    '- an environment lacks its own `ENVIRONMENT` var, or names another environment (`missing-environment-var`);',
    '- `.dev.vars`, `.env` or any `.dev.vars.*`/`.env.*` name (every usual suffix, every name a `.gitignore`',
    "  re-includes, every such file present) is not git-ignored (git's own verdict, `git check-ignore`) or is",
    '  tracked (`secret-file-not-ignored`, `secret-file-tracked`);',
    '- a runbook names a Worker secret the definition no longer has (`stale-runbook`);',
    `- a workflow reads \`${ghExpression('secrets.X')}\` that is not declared (\`undeclared-secret\`), an`,
    '  environment-scoped secret in a job without that `environment:`, a repository-wide secret that not every',
    '  job reads (unless it is read-only), `secrets: inherit` or the whole context (`secret-scope`);',
    '- a job that runs pull-request code (a `pull_request` trigger, a checkout, no push-only `if:`) can reach a',
    '  secret that is not read-only, by reading it or through its `environment:` (`pull-request-secret`);',
    `- a secret is spliced into a \`run:\` script instead of passed through \`env:\` (\`secret-in-script\`);`,
    "- a declared secret's `usedBy` differs from the jobs that read it (`used-by`), or a declared GitHub",
    '  secret, or one of its environments, is read by no workflow (`unused-secret`);',
    '- an `env:` entry is named differently from the secret it reads (`env-name-mismatch`; `GITHUB_TOKEN`',
    `  is exempt, so \`GH_TOKEN: ${ghExpression('secrets.GITHUB_TOKEN')}\` for the \`gh\` CLI is fine);`,
    '- a workflow breaks a workflow rule (the same rules tools/release-check tests): unpinned actions, job',
    '  permissions beyond what its steps need (`workflow-permissions`), `environment:` on deploys,',
    '  `CLOUDFLARE_ACCOUNT_ID` beside every Cloudflare command (`cloudflare-account`), and before a Worker',
    '  deploy or remote migration (`wrangler@x.y.z` through npx included) a step that fails the job on',
    '  `pnpm deploy:preflight --env <its environment>` (`deploy-preflight`) and on',
    '  `pnpm secrets:audit --remote --env <its environment>` (`deploy-audit`; no `|| true`, no',
    '  continue-on-error), and a Pages deploy of static files only (`pages-static-only`).',
    '',
    'Before each deploy, `pnpm secrets:audit --remote --env staging|production` also compares',
    '`wrangler secret list --format json` with the definition: a required secret that is missing',
    "(`remote-missing`, judged with that environment's `vars`, e.g. `OIDC_ISSUER` only when",
    '`AUTH_PROVIDER=oidc`) or a secret nothing declares, the leftover of a removal (`remote-undeclared`).',
    'Exit codes: 0 clean, 1 findings, 2 usage error or an audit that could not run (wrangler failed:',
    '`remote-failed`).',
    '',
    '`pnpm deploy:preflight --env staging|production` runs first in each deploy job and fails while',
    '`apps/cms/wrangler.jsonc` still holds a placeholder account, D1 or KV id, a placeholder hostname, or no',
    'address for that environment (`placeholder-id`).',
  ].join('\n')
}
