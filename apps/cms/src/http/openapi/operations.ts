/**
 * What the code cannot say about each API route: a one-line summary, a note for the reader, the success
 * status and, for the small fixed answers, its schema (a test checks each against the real answer), who
 * may call the routes that have no `authorize` (sign-in, the caller, the form token), and the failures a
 * service adds. Everything else in the OpenAPI document (paths, methods, path parameters,
 * bodies, policy actions, roles, API-token scopes, the common problems) is read from the app's routes, and
 * a test fails for a key here that is no route, or a route without a key, so this text cannot drift into a
 * second route list.
 */
import * as z from 'zod'
import type { ProblemCode } from '../problem'

/** Who may call a route that has no `authorize(action)`. */
export type Access = 'public' | 'user' | 'idp-token'

/** The hand-written part of one operation. */
export interface OperationText {
  summary: string
  /** More for the reader (Markdown). @default none */
  description?: string
  /** The success status. @default 200 */
  status?: 200 | 201 | 202 | 204
  /** The success answer, where it is small and fixed. @default none (described in words) */
  response?: z.ZodType
  /** Required exactly for routes without `authorize`. */
  access?: Access
  /** Failures beyond the derived ones (body, auth, policy, CSRF, unknown id). @default none */
  problems?: readonly ProblemCode[]
}

/** The tag of each first path word (after `/api`, `/api/admin` or `/api/spaces/:spaceId`). */
export const TAGS: Readonly<Record<string, { name: string; description: string }>> = {
  healthz: { name: 'Health', description: 'Liveness and a D1 round trip.' },
  'openapi.json': { name: 'API description', description: 'This document.' },
  auth: { name: 'Sessions', description: 'Password and IdP sign-in, the caller, the CSRF form token.' },
  spaces: { name: 'Spaces', description: 'Spaces: ids are immutable, only the name changes.' },
  entries: { name: 'Entries', description: 'The content API, for users and API tokens.' },
  tokens: { name: 'API tokens', description: 'Per-space API tokens, managed by space admins.' },
  mcp: { name: 'MCP integrations', description: 'MCP servers of a space; bearers are write-only.' },
  'preview-urls': { name: 'Preview URLs', description: 'Storefront preview URLs with probe secrets.' },
  members: { name: 'Members', description: "A space's members and invitations, managed by its admins." },
  audit: {
    name: 'Audit log',
    description:
      'Read-only, newest first, keyset pagination; filters by actor, action, outcome and UTC days; entries past the retention age are read from the R2 archive.',
  },
  users: { name: 'Users', description: 'User administration (global admins).' },
  invitations: {
    name: 'Invitations',
    description: 'Roles granted by email before the account exists; the first verified sign-in claims them.',
  },
  keys: { name: 'Key rotation', description: 'Key status and the resumable rewrap and reseal passes.' },
}

const URL_PROBLEMS: readonly ProblemCode[] = ['url_not_allowed', 'conflict']
const OK = z.strictObject({ ok: z.literal(true) })
const SIGNED_IN = z.strictObject({
  userId: z.string(),
  expiresAt: z.number().int().describe('When the session ends, in epoch milliseconds.'),
})
const ROLES = z.strictObject({
  global: z.array(z.literal('admin')),
  spaces: z.array(z.strictObject({ spaceId: z.string(), role: z.enum(['admin', 'editor']) })),
})

/** The operations, by `METHOD /path` as the app registers them. */
export const OPERATIONS: Readonly<Record<string, OperationText>> = {
  'GET /healthz': { summary: '`{ ok: true }` after a D1 round trip', access: 'public', response: OK },
  'GET /api/openapi.json': {
    summary: 'This OpenAPI 3.1 document',
    description:
      'Public: it describes routes and roles, never data, and every route enforces its own access.',
    access: 'public',
  },
  'POST /api/auth/login': {
    summary: 'Password sign-in (local mode): sets the session cookie',
    description: 'Same origin only.',
    access: 'public',
    response: SIGNED_IN,
    problems: ['invalid_credentials', 'locked_out', 'wrong_auth_provider'],
  },
  'POST /api/auth/session': {
    summary: 'Trades an IdP bearer token for a session cookie (oidc mode)',
    description: 'Same origin only. The session is no fresher and no longer-lived than the token.',
    access: 'idp-token',
    response: SIGNED_IN,
    problems: ['wrong_auth_provider'],
  },
  'POST /api/auth/logout': {
    summary: 'Revokes the session and clears the cookie',
    status: 204,
    access: 'public',
  },
  'POST /api/auth/password': {
    summary:
      'Changes your own password (local users): the current one first, throttled like sign-in; your other sessions end',
    access: 'user',
    status: 204,
    problems: ['invalid_credentials', 'locked_out', 'wrong_auth_provider'],
  },
  'GET /api/auth/me': {
    summary: 'The caller: id, email, name, roles, how and when authenticated',
    access: 'user',
    response: z.strictObject({
      id: z.string(),
      email: z.string().nullable().describe("The login email, or an IdP user's last `email` claim."),
      name: z.string().nullable().describe("An IdP user's last `name` claim."),
      via: z.enum(['session', 'bearer']),
      authenticatedAt: z.number().int(),
      roles: ROLES,
    }),
  },
  'GET /api/auth/csrf': {
    summary: 'The CSRF form token (session-bound, or a double-submit cookie before sign-in)',
    access: 'public',
    response: z.strictObject({ csrfToken: z.string() }),
  },
  'GET /api/spaces': { summary: "The caller's spaces (global admins: all)" },
  'POST /api/spaces': { summary: 'Creates a space with an immutable `spc_…` id', status: 201 },
  'GET /api/spaces/:spaceId': { summary: 'One space' },
  'PATCH /api/spaces/:spaceId': { summary: 'Renames a space' },
  'GET /api/spaces/:spaceId/entries': {
    summary: 'Entries, a page at a time: `{ entries, next }`, `next` being the `after` of the next page',
    description: 'Delivery tokens see published entries only; everyone else the drafts.',
  },
  'POST /api/spaces/:spaceId/entries': {
    summary: 'Creates an entry with a server-generated `ent_…` id (and `Location`)',
    description: 'The `body` is at most 12 KiB as JSON.',
    status: 201,
  },
  'GET /api/spaces/:spaceId/entries/:entryId': {
    summary: 'One entry: the draft view, or the published snapshot for delivery tokens',
  },
  'PUT /api/spaces/:spaceId/entries/:entryId': { summary: 'Replaces the draft of an existing entry' },
  'POST /api/spaces/:spaceId/entries/:entryId/publish': { summary: 'Publishes the current draft' },
  'DELETE /api/spaces/:spaceId/entries/:entryId': { summary: 'Deletes the entry', status: 204 },
  'GET /api/spaces/:spaceId/tokens': {
    summary:
      'API tokens, 20 a page: `{ tokens, total, page, pages }`; each with name, description, scope, creator, created, last used, expiry, revoked, last 4 characters',
    description:
      'The same listing as the dashboard: `q` searches names, `state` picks live, revoked (or expired) or all tokens. Times are epoch milliseconds.',
  },
  'POST /api/spaces/:spaceId/tokens': {
    summary: 'Creates an API token; the answer carries the full `token`, once (`no-store`)',
    description:
      'An `expiresAt` must be in the future (`validation_failed` on `expiresAt` otherwise); past it the token gets the unknown-token 401.',
    status: 201,
    problems: ['conflict'],
  },
  'POST /api/spaces/:spaceId/tokens/:tokenId/roll': {
    summary:
      'Rolls a token: a new one under the same name, answered once (`no-store`); the old one ends after `overlapSeconds`',
    description:
      'The old token keeps working for the overlap (default 3600 s, at most 604800 s), then gets the unknown-token 401. A revoked, expired or already rolled token answers 409 `conflict` with reason `not_live`.',
    status: 201,
    problems: ['conflict'],
  },
  'POST /api/spaces/:spaceId/tokens/:tokenId/reveal': {
    summary: 'Reveals a token to a space admin who signed in within the last 5 minutes (`no-store`)',
    problems: ['reauth_required'],
  },
  'DELETE /api/spaces/:spaceId/tokens/:tokenId': {
    summary: 'Revokes a token: its next request gets 401',
  },
  'GET /api/spaces/:spaceId/mcp': {
    summary: 'MCP integrations: name, URL, `hasSecret`, `secretHint` (`••••` + last 4), last test',
  },
  'POST /api/spaces/:spaceId/mcp': {
    summary: 'Adds an MCP integration',
    description: 'A URL the outbound policy refuses answers 422 `url_not_allowed` with a `reason`.',
    status: 201,
    problems: URL_PROBLEMS,
  },
  'GET /api/spaces/:spaceId/mcp/:integrationId': { summary: 'One MCP integration' },
  'PATCH /api/spaces/:spaceId/mcp/:integrationId': {
    summary: 'Changes an MCP integration',
    description: '`secret` absent or `""` keeps it (unless the origin changes), `null` removes it.',
    problems: URL_PROBLEMS,
  },
  'DELETE /api/spaces/:spaceId/mcp/:integrationId': { summary: 'Deletes an MCP integration', status: 204 },
  'POST /api/spaces/:spaceId/mcp/:integrationId/test': {
    summary: 'Tests the connection (`initialize`, `tools/list`); the result is stored',
  },
  'POST /api/spaces/:spaceId/mcp/:integrationId/rpc': {
    summary: 'Forwards one JSON-RPC request (JSON only) with the stored bearer',
    problems: ['upstream_failed', 'url_not_allowed'],
  },
  'GET /api/spaces/:spaceId/preview-urls': {
    summary: 'Preview URLs: URL, `label`, `hasSecret`, last probe',
  },
  'POST /api/spaces/:spaceId/preview-urls': {
    summary: 'Adds a preview URL (an address the space has: 409 `duplicate_url`)',
    status: 201,
    problems: URL_PROBLEMS,
  },
  'GET /api/spaces/:spaceId/preview-urls/:previewUrlId': { summary: 'One preview URL' },
  'PATCH /api/spaces/:spaceId/preview-urls/:previewUrlId': {
    summary: 'Changes a preview URL; same secret rules as MCP, `label: null` or `""` removes it',
    problems: URL_PROBLEMS,
  },
  'DELETE /api/spaces/:spaceId/preview-urls/:previewUrlId': {
    summary: 'Deletes a preview URL',
    status: 204,
  },
  'POST /api/spaces/:spaceId/preview-urls/:previewUrlId/probe': {
    summary: 'Probes the storefront: `verified`, `reachable_unverified` or `failed`; stored',
  },
  'GET /api/spaces/:spaceId/audit': {
    summary: "The space's audit log, newest first: `{ entries, next }`, `next` the next page's query",
  },
  'DELETE /api/spaces/:spaceId': {
    summary:
      'Deletes a space, its name typed back as `{ name }`: everything in it goes, tokens and sealed secrets included',
    status: 204,
  },
  'GET /api/spaces/:spaceId/members': {
    summary: "The space's members (`userId`, `email`, `name`, `role`, `status`) and pending `invitations`",
  },
  'POST /api/spaces/:spaceId/members': {
    summary:
      'Adds a member by email: `{ email, role }`, the same answer whether the address has an account or not',
    description:
      'Space roles only (`admin`, `editor`); the global admin role stays with global admins. The account that has the address holds the role at once; otherwise (also when several accounts hold it) an invitation waits, claimed by the first dashboard sign-in with that verified email. The answer does not say which, so it tells nobody whether an address has an account; the member list shows who holds a role in the space.',
    status: 202,
    response: z.strictObject({ email: z.string(), role: z.enum(['admin', 'editor']) }),
  },
  'DELETE /api/spaces/:spaceId/members/:userId': {
    summary: "Removes the user's role in the space (404 when they hold none)",
    status: 204,
  },
  'DELETE /api/spaces/:spaceId/members/invitations/:invitationId': {
    summary: 'Withdraws a pending invitation of the space',
    status: 204,
  },
  'GET /api/admin/users': { summary: 'Users' },
  'POST /api/admin/users': {
    summary: 'Creates a local user (password sign-in; 12+ characters)',
    status: 201,
    problems: ['conflict', 'wrong_auth_provider'],
  },
  'POST /api/admin/users/:userId/roles': {
    summary: 'Grants a global or space role, or revokes it with `revoke: true`',
    description:
      'A revoke removes only the role it names: 404 `not_found` when the user does not hold it. The last active global admin keeps their role (409 `last_admin`).',
    response: OK,
    problems: ['last_admin'],
  },
  'POST /api/admin/users/:userId/status': {
    summary: 'Enables or disables a user',
    description:
      "Disabling revokes the user's sessions and management tokens: enabling them again revives none. Nobody disables themselves or the last active global admin (409 `last_admin`).",
    response: OK,
    problems: ['last_admin'],
  },
  'POST /api/admin/users/:userId/password/reset': {
    summary: "Resets a local user's password: `{ password }`, shown this once; every session of theirs ends",
    problems: ['conflict'],
    response: z.strictObject({ password: z.string().describe('The new password, 192 random bits.') }),
  },
  'DELETE /api/admin/users/:userId': {
    summary: 'Deletes a user: sessions and management tokens end; the audit log keeps their name',
    description: 'Nobody deletes themselves or the last active global admin (409 `last_admin`).',
    status: 204,
    problems: ['last_admin'],
  },
  'POST /api/admin/users/:userId/sessions/revoke': {
    summary: 'Revokes every session of the user',
    response: z.strictObject({ revoked: z.number().int().describe('How many sessions were revoked.') }),
  },
  'GET /api/admin/invitations': { summary: 'Pending invitations, newest first: `{ invitations }`' },
  'POST /api/admin/invitations': {
    summary: 'Grants a role by email: at once to the user who has it (200), else as an invitation (201)',
    description:
      'The invitation is claimed by the first dashboard sign-in whose ID token carries the email with `email_verified: true` (in local mode: by creating the local user with that email). This is how the first OIDC admin is made.',
    status: 201,
    problems: ['conflict'],
  },
  'DELETE /api/admin/invitations/:invitationId': { summary: 'Withdraws a pending invitation', status: 204 },
  'GET /api/admin/keys': {
    summary: 'Per sealed column: counts per kid and the next step; `?list=unopenable` lists rows',
  },
  'POST /api/admin/keys/rewrap': {
    summary: 'Runs one batch of a rewrap pass (a new pass, or `run` to continue one)',
  },
  'POST /api/admin/keys/reseal': {
    summary: 'Runs one batch of a reseal pass: a new data key per value (after a leaked key)',
  },
  'GET /api/admin/audit': { summary: "Every space's audit entries, same filters and paging" },
}
