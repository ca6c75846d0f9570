/**
 * Who may call a route, for the OpenAPI document: the three ways to authenticate (the session cookie, an
 * IdP access token, a per-space API token) as security schemes, and, for a route with
 * `authorize(action)`, the roles of the policy table (`domain/policy.ts`) and the API-token scopes
 * (`TOKEN_SCOPE_GRANTS`) that allow the action. Read from those tables, so the document says what
 * `authorize` enforces.
 */
import { type Action, POLICY } from '../../domain/policy'
import { TOKEN_SCOPE_GRANTS } from '../../features/api-tokens/bearer'
import type { Access } from './operations'

/** A security requirement: scheme name → scopes (none here). */
type SecurityRequirement = Record<string, string[]>

/** The security schemes of the document's `components`. */
export const SECURITY_SCHEMES: Readonly<Record<string, Record<string, string>>> = {
  session: {
    type: 'apiKey',
    in: 'cookie',
    // `cms_session` only in development over plain http (browsers refuse `__Host-` cookies there).
    name: '__Host-cms_session',
    description: 'The session cookie set by `POST /api/auth/login` or `POST /api/auth/session`.',
  },
  idpToken: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: "An access token of the configured IdP (oidc mode), with the CMS's required scope.",
  },
  apiToken: {
    type: 'http',
    scheme: 'bearer',
    description: 'A per-space API token (`cms_…`), for the content routes of its own space only.',
  },
}

/** What the document says about a route's callers. */
export interface Callers {
  security: SecurityRequirement[]
  /** One sentence for the reader. */
  who: string
  /** The `x-cms-policy` extension: the action and what allows it, for generated clients. */
  policy?: { action: Action; roles: string[]; apiTokenScopes: string[] }
}

const USERS: SecurityRequirement[] = [{ session: [] }, { idpToken: [] }]

function roles(action: Action, spaceScoped: boolean): string[] {
  const rule = POLICY[action]
  const space = rule.scope === 'space' && spaceScoped ? rule.roles.map((role) => `space ${role}`) : []
  return [...(rule.scope === 'member' ? ['member of any space'] : space), 'global admin']
}

/**
 * The callers of a route guarded by `authorize(action)`; `spaceScoped` when its path has `{spaceId}` (a
 * space-role rule without one lets only global admins through).
 * @example callersOf('tokens.create', true).who // 'space admin, global admin (users only)'
 */
export function callersOf(action: Action, spaceScoped: boolean): Callers {
  const scopes = Object.entries(TOKEN_SCOPE_GRANTS)
    .filter(([, grant]) => grant.actions.includes(action))
    .map(([scope]) => scope)
  const who = roles(action, spaceScoped)
  const tokens = scopes.length > 0 && spaceScoped ? scopes : []
  return {
    security: tokens.length > 0 ? [...USERS, { apiToken: [] }] : USERS,
    who: `${who.join(', ')}${tokens.length > 0 ? `; API tokens: ${tokens.join(', ')}` : ' (users only)'}`,
    policy: { action, roles: who, apiTokenScopes: tokens },
  }
}

/**
 * The callers of a route without `authorize`, from its declared access.
 * @example callersAllowed('public').security // []
 */
export function callersAllowed(access: Access): Callers {
  switch (access) {
    case 'public':
      return { security: [], who: 'anyone' }
    case 'user':
      return { security: USERS, who: 'any signed-in user (not an API token)' }
    case 'idp-token':
      return { security: [{ idpToken: [] }], who: 'the holder of an IdP access token' }
  }
}
