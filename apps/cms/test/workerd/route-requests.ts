/**
 * One request per state-changing route of the app that its service completes, for the route audit walk:
 * fresh things to act on (a space with an entry, an API token, an MCP integration, a preview URL, and a
 * user), the route's path with their ids, and the body it needs (JSON for `/api`, a form with its form
 * token for the dashboard). Outbound calls (an MCP test or RPC, a preview probe) go to a stub that
 * refuses, so they complete with a recorded failure. A route missing here fails the walk: a new route
 * gets a request, and so a proof that its service records what it declares.
 */
import { env } from 'cloudflare:test'
import { createSpace } from '../../src/features/spaces/store'
import { formToken } from './forms'
import { type Client, client, loggedIn, makeUser, PASSWORD, uniqueEmail } from './helpers'
import { createLocalIdp, type LocalIdp, oidcEnv } from './oidc-idp'

/** The ids a route's path is filled with. */
export interface Things {
  spaceId: string
  entryId: string
  tokenId: string
  integrationId: string
  previewUrlId: string
  userId: string
  invitationId: string
}

/** How to send one route its request: the body, and (for sign-in and sign-out) whose client sends it. */
export interface RouteRequest {
  json?: unknown
  form?: Record<string, string>
  /** `anonymous`: a fresh client (sign-in); `own`: a client of its own (sign-out, so the admin stays). */
  as?: 'anonymous' | 'own' | 'idp'
  /** No `authorize` guards it (sign-in, sign-out): there is no refusal to check. */
  open?: boolean
}

const refused = async (): Promise<Response> => new Response('refused', { status: 503 })
/** The deps of every client of the walk: outbound calls reach a stub that answers 503. */
export const WALK_DEPS = { outboundFetch: refused }

const rpc = { jsonrpc: '2.0', id: 1, method: 'tools/list' }

/** A request for every state-changing route, keyed `METHOD /path` as the walker names them. */
export const ROUTE_REQUESTS: Readonly<Record<string, RouteRequest>> = {
  'POST /api/auth/login': { as: 'anonymous', open: true },
  'POST /api/auth/session': { as: 'idp', open: true },
  'POST /api/auth/logout': { as: 'own', open: true, json: {} },
  'POST /api/auth/password': {
    as: 'own',
    open: true,
    json: { currentPassword: PASSWORD, newPassword: 'walk-new-password-42' },
  },
  'POST /api/spaces/:spaceId/entries': { json: { body: { title: 'A' } } },
  'PUT /api/spaces/:spaceId/entries/:entryId': { json: { body: { title: 'B' } } },
  'POST /api/spaces/:spaceId/entries/:entryId/publish': { json: {} },
  'DELETE /api/spaces/:spaceId/entries/:entryId': {},
  'POST /api/spaces/:spaceId/tokens': { json: { name: 'walk', scope: 'delivery' } },
  'POST /api/spaces/:spaceId/tokens/:tokenId/roll': { json: { overlapSeconds: 60 } },
  'POST /api/spaces/:spaceId/tokens/:tokenId/reveal': { json: {} },
  'DELETE /api/spaces/:spaceId/tokens/:tokenId': {},
  'POST /api/spaces/:spaceId/mcp': { json: { name: 'walk', url: 'https://mcp.example.com/new' } },
  'PATCH /api/spaces/:spaceId/mcp/:integrationId': { json: { name: 'renamed' } },
  'DELETE /api/spaces/:spaceId/mcp/:integrationId': {},
  'POST /api/spaces/:spaceId/mcp/:integrationId/test': { json: {} },
  'POST /api/spaces/:spaceId/mcp/:integrationId/rpc': { json: rpc },
  'POST /api/spaces/:spaceId/preview-urls': { json: { url: 'https://shop.example.com/new' } },
  'PATCH /api/spaces/:spaceId/preview-urls/:previewUrlId': { json: { label: 'renamed' } },
  'DELETE /api/spaces/:spaceId/preview-urls/:previewUrlId': {},
  'POST /api/spaces/:spaceId/preview-urls/:previewUrlId/probe': { json: {} },
  'POST /api/spaces': { json: { name: 'walk' } },
  'PATCH /api/spaces/:spaceId': { json: { name: 'renamed' } },
  'DELETE /api/spaces/:spaceId': { json: { name: 'Walk' } },
  'POST /api/admin/users': { json: { email: '<email>', password: PASSWORD } },
  'POST /api/admin/users/:userId/roles': { json: { scope: 'global', role: 'admin' } },
  'POST /api/admin/users/:userId/status': { json: { status: 'disabled' } },
  'POST /api/admin/users/:userId/sessions/revoke': { json: {} },
  'DELETE /api/admin/users/:userId': {},
  'POST /api/admin/users/:userId/password/reset': { json: {} },
  'POST /api/spaces/:spaceId/members': { json: { email: '<email>', role: 'editor' } },
  'DELETE /api/spaces/:spaceId/members/:userId': {},
  'DELETE /api/spaces/:spaceId/members/invitations/:invitationId': {},
  'POST /api/admin/invitations': { json: { email: '<email>', scope: 'global', role: 'admin' } },
  'DELETE /api/admin/invitations/:invitationId': {},
  'POST /api/admin/keys/rewrap': { json: {} },
  'POST /api/admin/keys/reseal': { json: {} },
  'POST /login': { as: 'anonymous', open: true, form: {} },
  'POST /logout': { as: 'own', open: true, form: {} },
  'POST /spaces/:spaceId/settings/tokens': { form: { name: 'walk', scope: 'preview' } },
  'POST /spaces/:spaceId/settings/tokens/:tokenId/roll': { form: {} },
  'POST /spaces/:spaceId/settings/tokens/:tokenId/reveal': { form: {} },
  'POST /spaces/:spaceId/settings/tokens/:tokenId/revoke': { form: {} },
  'POST /spaces/:spaceId/settings/mcp': { form: { name: 'walk', url: 'https://mcp.example.com/new' } },
  'POST /spaces/:spaceId/settings/mcp/:integrationId': { form: { name: 'renamed' } },
  'POST /spaces/:spaceId/settings/mcp/:integrationId/delete': { form: {} },
  'POST /spaces/:spaceId/settings/mcp/:integrationId/test': { form: {} },
  'POST /spaces/:spaceId/settings/preview-urls': { form: { url: 'https://shop.example.com/new' } },
  'POST /spaces/:spaceId/settings/preview-urls/:previewUrlId': { form: { label: 'renamed' } },
  'POST /spaces/:spaceId/settings/preview-urls/:previewUrlId/delete': { form: {} },
  'POST /spaces/:spaceId/settings/preview-urls/:previewUrlId/probe': { form: {} },
  'POST /spaces': { form: { name: 'walk' } },
  'POST /spaces/:spaceId/rename': { form: { name: 'renamed' } },
  'POST /spaces/:spaceId/delete': { form: { name: 'Walk' } },
  'POST /account/password': {
    as: 'own',
    open: true,
    form: { currentPassword: PASSWORD, newPassword: 'walk-new-password-42' },
  },
  'POST /admin/keys/rewrap': { form: {} },
  'POST /admin/keys/reseal': { form: {} },
  'POST /spaces/:spaceId/members': { form: { email: '<email>', role: 'editor' } },
  'POST /spaces/:spaceId/members/:userId/remove': { form: {} },
  'POST /admin/users/:userId/roles': { form: { grant: 'global:admin', confirmed: 'yes' } },
  'POST /admin/users/:userId/roles/revoke': { form: { scope: 'global', role: 'admin' } },
  'POST /admin/users': { form: { email: '<email>' } },
  'POST /admin/users/:userId/status': { form: { status: 'disabled' } },
  'POST /admin/users/:userId/sessions/revoke': { form: {} },
  'POST /admin/users/:userId/reset-password': { form: {} },
  'POST /admin/users/:userId/delete': { form: {} },
  'POST /admin/invitations': { form: { email: '<email>', grant: 'global:admin', confirmed: 'yes' } },
  'POST /admin/invitations/:invitationId/revoke': { form: {} },
}

async function created(res: Response): Promise<string> {
  if (res.status !== 201) throw new Error(`fixture not created: ${res.status}`)
  return ((await res.json()) as { id: string }).id
}

/**
 * Fresh things for one route to act on, made by `admin` (from no client address, so none of their
 * entries is mistaken for the route's).
 * @example const things = await makeThings(admin)
 */
export async function makeThings(admin: Client): Promise<Things> {
  const spaceId = (await createSpace(env.DB, { name: 'Walk', createdBy: null, now: Date.now() })).id
  const base = `/api/spaces/${spaceId}`
  const [entryId, tokenId, integrationId, previewUrlId, user, invitation] = await Promise.all([
    admin.fetch(`${base}/entries`, { json: { body: { title: 'A' } } }).then(created),
    admin.fetch(`${base}/tokens`, { json: { name: 'fixture', scope: 'delivery' } }).then(created),
    admin.fetch(`${base}/mcp`, { json: { name: 'fixture', url: 'https://mcp.example.com/' } }).then(created),
    admin.fetch(`${base}/preview-urls`, { json: { url: 'https://shop.example.com' } }).then(created),
    makeUser({ label: 'walk-target', spaces: [{ spaceId, role: 'editor' }] }),
    admin.fetch('/api/admin/invitations', {
      json: { email: uniqueEmail('walk-invitee'), scope: 'space', spaceId, role: 'editor' },
    }),
  ])
  const { invitation: invited } = (await invitation.json()) as { invitation: { id: string } }
  return { spaceId, entryId, tokenId, integrationId, previewUrlId, userId: user.id, invitationId: invited.id }
}

/**
 * The route's path with `things`' ids in place of its parameters.
 * @example fillPath('/api/spaces/:spaceId', things) // '/api/spaces/spc_…'
 */
export function fillPath(path: string, things: Things): string {
  return path.replace(/:(\w+)/g, (_, name: string) => {
    const id = (things as unknown as Record<string, string>)[name]
    if (id === undefined) throw new Error(`no fixture for :${name}`)
    return id
  })
}

// An IdP client's own local IdP issues its token (a new `sub`: a first sign-in creates the user). The
// verifier caches an issuer's keys for the whole test file, so a file makes one IdP client (one route).
const idps = new WeakMap<Client, LocalIdp>()
async function idpToken(sender: Client): Promise<string> {
  const idp = idps.get(sender)
  if (!idp) throw new Error('not an IdP client')
  return idp.accessToken({ sub: `walk-${crypto.randomUUID()}` })
}

/**
 * The client that sends the route's request: the caller given, or a fresh one for sign-in and sign-out.
 * @example const sender = await senderFor(request, admin)
 */
export async function senderFor(request: RouteRequest, caller: Client): Promise<Client> {
  if (request.as === 'own') return loggedIn({ globalAdmin: true }, { deps: WALK_DEPS })
  if (request.as !== 'idp') return request.as === 'anonymous' ? client({ deps: WALK_DEPS }) : caller
  const idp = await createLocalIdp()
  const sender = client({ env: oidcEnv, deps: { oidcFetch: (input, init) => idp.fetch(input, init) } })
  idps.set(sender, idp)
  return sender
}

/**
 * Sends the route's request from client address `ip`; the answer.
 * @example const res = await sendRoute(sender, 'POST', path, request, ip)
 */
export async function sendRoute(
  sender: Client,
  method: string,
  path: string,
  request: RouteRequest,
  ip: string,
): Promise<Response> {
  const headers: Record<string, string> = { 'cf-connecting-ip': ip }
  if (request.as === 'anonymous') {
    const user = await makeUser({ label: 'walk-login' })
    const creds = { email: user.email, password: PASSWORD }
    if (request.form === undefined) return sender.fetch(path, { method, headers, json: creds })
    request = { ...request, form: { ...request.form, ...creds } }
  }
  if (request.as === 'idp') {
    headers.authorization = `Bearer ${await idpToken(sender)}`
    return sender.fetch(path, { method, headers })
  }
  const fill = (value: unknown): unknown =>
    JSON.parse(JSON.stringify(value ?? {}).replaceAll('<email>', uniqueEmail('walk')))
  if (request.form !== undefined) {
    const fields = fill(request.form) as Record<string, string>
    const body = new URLSearchParams({ ...fields, csrf_token: await formToken(sender) }).toString()
    headers['content-type'] = 'application/x-www-form-urlencoded'
    return sender.fetch(path, { method, headers, body })
  }
  return sender.fetch(path, {
    method,
    headers,
    ...(request.json === undefined ? {} : { json: fill(request.json) }),
  })
}
