/**
 * The scopes of a per-space API token: `delivery` reads published content, `preview` drafts too,
 * `management` reads and writes content for its creator. What each grants is `TOKEN_SCOPE_GRANTS` in
 * `features/api-tokens/bearer.ts`.
 */

/** The scope of an API token. */
export type ApiTokenScope = 'delivery' | 'preview' | 'management'
