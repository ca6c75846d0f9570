/**
 * The "Per-space secrets (sealed in D1)" section of the secrets page. Its rows come from the CMS's
 * rotation registry (`apps/cms/src/features/key-rotation/sealed-columns.ts`), so the page lists exactly the columns key
 * rotation walks; the context column is rendered from the registry's own context function.
 */
import { code, table } from '../internal/markdown.ts'
import { proseBlock } from '../internal/prose.ts'

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
 * A context object as the docs show it: values that are row columns stay bare (`space: space_id`, and
 * `id` alone when key and column agree), constants are quoted (`purpose: 'api-token'`). Call the
 * registry's context function with each row column's own name as its value to get `context`.
 *
 * @example
 * ```ts
 * contextText({ purpose: 'api-token', space: 'space_id', id: 'id' }, ['id', 'space_id'])
 * // "{ purpose: 'api-token', space: space_id, id }"
 * ```
 */
export function contextText(
  context: Readonly<Record<string, string>>,
  rowColumns: readonly string[],
): string {
  const parts = Object.entries(context).map(([key, value]) => {
    if (!rowColumns.includes(value)) return `${key}: '${value}'`
    return key === value ? key : `${key}: ${value}`
  })
  return `{ ${parts.join(', ')} }`
}

/**
 * The section, with the `per-space` prose block; `key` names the encryption key variable.
 *
 * @example
 * ```ts
 * sealedSection(cmsProject.sealed, 'TOKEN_ENCRYPTION_KEY', new Map())
 * ```
 */
export function sealedSection(
  sealed: readonly SealedSecretDoc[],
  key: string,
  kept: ReadonlyMap<string, string>,
): string {
  return [
    '## Per-space secrets (sealed in D1)',
    '',
    `Values users give the CMS are stored sealed with ${code(key)} (AES-256-GCM envelope, \`v1.<kid>.<…>\`),`,
    'bound to an encryption context of immutable ids: a value copied to another row, space or column does',
    'not open. They are never shown again after they are saved. See [storage-schema.md](storage-schema.md).',
    'The list is `SEALED_COLUMNS` in `apps/cms/src/features/key-rotation/sealed-columns.ts`, the registry key rotation',
    'walks, so a column cannot be documented here and forgotten by rotation (or the reverse).',
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
