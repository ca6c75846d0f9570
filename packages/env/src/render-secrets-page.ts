/**
 * `renderSecretsPage`: the whole `docs/secrets.md` from the definitions: the Worker secrets table, the
 * GitHub Actions tables per scope, the per-space secrets sealed in D1, local development, the exact
 * wrangler commands, the rotation runbooks and the removal checklist. Hand-written prose lives between
 * `<!-- prose:NAME:start -->` and `<!-- prose:NAME:end -->` markers and is carried over from the committed
 * page, so regenerating never loses it and the stale-file audit never flags it.
 */
import type { GithubSecretsDefinition } from './github-secrets.ts'
import { code, ghExpression, table } from './internal/markdown.ts'
import { proseBlock, readProse } from './internal/prose.ts'
import {
  auditSection,
  commandsSection,
  encryptionKeyRunbook,
  localDevSection,
  removalChecklist,
  sessionSecretRunbook,
} from './internal/secrets-page-runbooks.ts'
import { renderSecretsTable } from './render-secrets-table.ts'
import type { EnvDefinition, EnvEntries, EnvEntryFields } from './types.ts'

/**
 * A secret the Worker stores per space, sealed in D1 under the encryption key.
 *
 * @example
 * ```ts
 * const probe: SealedSecretDoc = {
 *   name: 'Preview probe secret',
 *   column: 'preview_urls.probe_secret_sealed',
 *   context: "{ purpose: 'preview.probe', space: space_id, id }",
 *   source: 'Shared with the storefront',
 *   rotate: 'Set a new secret at the storefront and in the CMS',
 * }
 * ```
 */
export interface SealedSecretDoc {
  readonly name: string
  /** `table.column` */
  readonly column: string
  /** The encryption context the value is sealed with. */
  readonly context: string
  /** Where the value comes from. */
  readonly source: string
  /** How to replace it. */
  readonly rotate: string
}

/**
 * What {@link renderSecretsPage} renders from.
 *
 * @example
 * ```ts
 * const input: SecretsPageInput = { env: cmsEnv, github: cmsGithubSecrets, sealed: cmsSealedSecrets }
 * ```
 */
export interface SecretsPageInput<D extends EnvEntries<D>> {
  readonly env: EnvDefinition<D>
  readonly github: GithubSecretsDefinition
  /** Per-space secrets sealed in D1. @default [] */
  readonly sealed?: readonly SealedSecretDoc[]
  /** The committed page, whose prose blocks are kept. @default no prose kept */
  readonly existing?: string
}

const KEY = 'TOKEN_ENCRYPTION_KEY'
const SESSION = 'AUTH_JWT_SECRET'

function githubSection(github: GithubSecretsDefinition): string {
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
          ['Name', 'Used by', 'Notes'],
          repo.map(([name, e]) => [code(name), e.usedBy.join(', '), e.notes]),
        ),
    '',
    '### Environment secrets',
    '',
    'Visible only to jobs that declare a matching `environment:`; each environment holds its own value.',
    '',
    env.length === 0
      ? 'None.'
      : table(
          ['Name', 'Environments', 'Used by', 'Notes'],
          env.map(([name, e]) => [
            code(name),
            (e.environments ?? []).join(', '),
            e.usedBy.join(', '),
            e.notes,
          ]),
        ),
    '',
    `${exempt === '' ? 'No secret is' : `${exempt} is`} exempt: GitHub provides it per run, scoped by the`,
    `job's \`permissions:\`. Every other \`${ghExpression('secrets.X')}\` must be declared here, read under its own`,
    `name (\`X: ${ghExpression('secrets.X')}\`) and, when environment-scoped, in a job with that \`environment:\`.`,
  ].join('\n')
}

function sealedSection(sealed: readonly SealedSecretDoc[], kept: ReadonlyMap<string, string>): string {
  return [
    '## Per-space secrets (sealed in D1)',
    '',
    `Values users give the CMS are stored sealed with ${code(KEY)} (AES-256-GCM envelope, \`v1.<kid>.<…>\`),`,
    'bound to an encryption context of immutable ids: a value copied to another row, space or column does',
    'not open. They are never shown again after they are saved. See [storage-schema.md](storage-schema.md).',
    '',
    sealed.length === 0
      ? 'None.'
      : table(
          ['Secret', 'Column', 'Context', 'Comes from', 'To rotate'],
          sealed.map((s) => [s.name, code(s.column), code(s.context), s.source, s.rotate]),
        ),
    '',
    proseBlock('per-space', kept, ''),
  ].join('\n')
}

function rotationSection(names: ReadonlySet<string>, kept: ReadonlyMap<string, string>): string {
  const parts = ['## Rotation runbooks', '']
  if (names.has(KEY) && names.has(`${KEY}_PREVIOUS`))
    parts.push(encryptionKeyRunbook(KEY, `${KEY}_PREVIOUS`), '')
  if (names.has(SESSION) && names.has(`${SESSION}_PREVIOUS`)) {
    parts.push(sessionSecretRunbook(SESSION, `${SESSION}_PREVIOUS`), '')
  }
  parts.push(proseBlock('rotation', kept, ''))
  return parts.join('\n')
}

/**
 * Renders the whole secrets page, ending with a newline. Pass the committed page as `existing` to keep
 * its prose blocks; blocks whose name the template no longer has are kept at the end, never dropped.
 *
 * @example
 * ```ts
 * import { renderSecretsPage } from '@alokai/env'
 * import { cmsEnv, cmsGithubSecrets, cmsSealedSecrets } from '@alokai/env/cms'
 *
 * const page = renderSecretsPage({ env: cmsEnv, github: cmsGithubSecrets, sealed: cmsSealedSecrets, existing })
 * ```
 */
export function renderSecretsPage<D extends EnvEntries<D>>(input: SecretsPageInput<D>): string {
  const kept = readProse(input.existing ?? '')
  const entries = Object.entries(input.env.entries as Readonly<Record<string, EnvEntryFields>>)
  const names = new Set(entries.map(([name]) => name))
  const secretNames = entries.filter(([, e]) => e.secret === true).map(([name]) => name)
  const sections = [
    '# Secrets',
    '',
    '<!-- Generated by `pnpm secrets:generate` (alokai-env generate) from cmsEnv and cmsGithubSecrets in',
    '     packages/env/src. Edit those, or the text between prose markers; anything else is overwritten. -->',
    '',
    proseBlock(
      'intro',
      kept,
      'Every secret the CMS and its workflows use, where it lives and how to change it.',
    ),
    '',
    '## Worker secrets and vars',
    '',
    'Entries marked `secret:` are Worker secrets (`wrangler secret put`, per environment); the others are',
    '`vars` in `apps/cms/wrangler.jsonc`, declared by every environment itself (wrangler does not inherit',
    'them), each with its own `ENVIRONMENT`.',
    '',
    renderSecretsTable(input.env).trimEnd(),
    '',
    proseBlock('worker', kept, ''),
    '',
    githubSection(input.github),
    '',
    proseBlock('github', kept, ''),
    '',
    sealedSection(input.sealed ?? [], kept),
    '',
    localDevSection(),
    '',
    commandsSection(secretNames),
    '',
    rotationSection(names, kept),
    '',
    removalChecklist(),
    '',
    proseBlock('removal', kept, ''),
    '',
    auditSection(),
  ]
  // The blocks the template rendered, read back from it so no list of their names can fall out of step.
  const rendered = readProse(sections.join('\n'))
  const orphans = [...kept.keys()].filter((name) => !rendered.has(name))
  if (orphans.length > 0) {
    sections.push('', '## Other notes', '', ...orphans.flatMap((name) => [proseBlock(name, kept, ''), '']))
  }
  return `${sections.join('\n').trimEnd()}\n`
}
