/**
 * The public name of a sealed value's context. It is called `SealContext` rather than `Context` so an
 * application built on Hono (whose request type is `Context`) can import both without renaming one.
 */

/**
 * A sealed value's context: where it lives (table, column, row id, space). Values are strings; key
 * order does not matter and an omitted context equals `{}`. The same context must be given to open the
 * value, so a sealed value copied to another row or space does not open there.
 *
 * @example
 * ```ts
 * const context: SealContext = { table: 'api_tokens', column: 'secret', id: row.id, space: row.spaceId }
 * const sealed = await seal(keyring, token, context)
 * ```
 */
export type SealContext = Readonly<Record<string, string>>
