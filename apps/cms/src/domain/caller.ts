/**
 * Who is calling, as the domain sees it: a user (from a session cookie or an IdP bearer token, roles read
 * from D1) or a per-space API token (no user, only its scope in its space). The HTTP edge resolves it;
 * services receive it as an argument and never look at headers.
 */
import type { ApiTokenScope } from './api-token-scope'
import type { UserRoles } from './roles'

/** A user, resolved from a session cookie or an IdP bearer token, with roles read from D1. */
export interface UserCaller {
  userId: string
  /** `session`: a CMS session cookie; `bearer`: an IdP access token on this request. */
  via: 'session' | 'bearer'
  /** The session id when `via` is `session`. */
  sid: string | undefined
  /** When the user last proved who they are (epoch ms). */
  authenticatedAt: number
  roles: UserRoles
  /**
   * How pages name the user (`user-label.ts`), when authenticating already read it: a session's lookup
   * does; a bearer request, which no page answers, leaves it `undefined`.
   */
  label?: string | undefined
}

/** A per-space API token (`Authorization: Bearer cms_…`): no user, no roles, only its scope in its space. */
export interface ApiTokenCaller {
  via: 'api_token'
  tokenId: string
  scope: ApiTokenScope
  spaceId: string
  /** A management token's creator's current roles (it never does more than they may); else `undefined`. */
  creatorRoles: UserRoles | undefined
}

/** Who is calling; narrow on `via` (`'api_token'` has no user). */
export type Caller = UserCaller | ApiTokenCaller
