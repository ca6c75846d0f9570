/**
 * The role policy: the matrix of docs/design.md (Role matrix) as ONE table, action → who may. Routes name an action and the
 * `authorize` middleware consults this table; there are no role `if`s anywhere else. A global admin may do
 * everything. Every action of every feature (tokens, MCP, preview URLs, audit, keys) is a row here, so a
 * new route names an existing action and the whole matrix stays readable in one place.
 */
import type { SpaceRole, UserRoles } from './roles'

/** Who may perform an action, besides a global admin (who always may). */
export type Rule =
  /** Needs one of these roles in the space named by the route. */
  | { readonly scope: 'space'; readonly roles: readonly SpaceRole[] }
  /** Global admins only. */
  | { readonly scope: 'global' }
  /** Anyone with at least one role anywhere (a first-time OIDC user has none). */
  | { readonly scope: 'member' }

const EDITOR_OR_ADMIN: readonly SpaceRole[] = ['editor', 'admin']
const SPACE_ADMIN: readonly SpaceRole[] = ['admin']

/** Every action the CMS knows. */
export type Action =
  | 'content.read'
  | 'content.write'
  | 'tokens.list'
  | 'tokens.create'
  | 'tokens.revoke'
  | 'tokens.reveal'
  | 'mcp.list'
  | 'mcp.test'
  | 'mcp.rpc'
  | 'mcp.create'
  | 'mcp.update'
  | 'mcp.delete'
  | 'preview.list'
  | 'preview.probe'
  | 'preview.create'
  | 'preview.update'
  | 'preview.delete'
  | 'audit.read'
  | 'keys.status'
  | 'keys.rewrap'
  | 'keys.reseal'
  | 'users.list'
  | 'users.create'
  | 'users.manage'
  | 'roles.grant'
  | 'members.list'
  | 'members.manage'
  | 'spaces.list'
  | 'spaces.read'
  | 'spaces.create'
  | 'spaces.rename'
  | 'spaces.delete'

/** The matrix. Keep it in the order of the table in docs/design.md (Role matrix). */
export const POLICY: Readonly<Record<Action, Rule>> = {
  // read/write content
  'content.read': { scope: 'space', roles: EDITOR_OR_ADMIN },
  'content.write': { scope: 'space', roles: EDITOR_OR_ADMIN },
  // create / revoke / reveal API tokens
  'tokens.list': { scope: 'space', roles: SPACE_ADMIN },
  'tokens.create': { scope: 'space', roles: SPACE_ADMIN },
  'tokens.revoke': { scope: 'space', roles: SPACE_ADMIN },
  'tokens.reveal': { scope: 'space', roles: SPACE_ADMIN },
  // MCP integrations: list, test, rpc / create, change, delete
  'mcp.list': { scope: 'space', roles: EDITOR_OR_ADMIN },
  'mcp.test': { scope: 'space', roles: EDITOR_OR_ADMIN },
  'mcp.rpc': { scope: 'space', roles: EDITOR_OR_ADMIN },
  'mcp.create': { scope: 'space', roles: SPACE_ADMIN },
  'mcp.update': { scope: 'space', roles: SPACE_ADMIN },
  'mcp.delete': { scope: 'space', roles: SPACE_ADMIN },
  // preview URLs: list, probe / create, change, delete
  'preview.list': { scope: 'space', roles: EDITOR_OR_ADMIN },
  'preview.probe': { scope: 'space', roles: EDITOR_OR_ADMIN },
  'preview.create': { scope: 'space', roles: SPACE_ADMIN },
  'preview.update': { scope: 'space', roles: SPACE_ADMIN },
  'preview.delete': { scope: 'space', roles: SPACE_ADMIN },
  // audit log of the space
  'audit.read': { scope: 'space', roles: SPACE_ADMIN },
  // key status, rewrap, reseal; users and roles
  'keys.status': { scope: 'global' },
  'keys.rewrap': { scope: 'global' },
  'keys.reseal': { scope: 'global' },
  'users.list': { scope: 'global' },
  'users.create': { scope: 'global' },
  'users.manage': { scope: 'global' },
  'roles.grant': { scope: 'global' },
  // a space's members: its admins list them and grant or remove space roles (never a global one)
  'members.list': { scope: 'space', roles: SPACE_ADMIN },
  'members.manage': { scope: 'space', roles: SPACE_ADMIN },
  // spaces themselves: any member lists the spaces they belong to; a space admin renames theirs
  'spaces.list': { scope: 'member' },
  'spaces.read': { scope: 'space', roles: EDITOR_OR_ADMIN },
  'spaces.create': { scope: 'global' },
  'spaces.rename': { scope: 'space', roles: SPACE_ADMIN },
  'spaces.delete': { scope: 'global' },
}

/**
 * Whether a user with `roles` may perform `action` (in `spaceId` for space-scoped actions).
 * @example can(roles, 'tokens.create', 'spc_…') // true for that space's admins and global admins
 */
export function can(roles: UserRoles, action: Action, spaceId?: string): boolean {
  if (roles.global.includes('admin')) return true
  const rule: Rule = POLICY[action]
  switch (rule.scope) {
    case 'global':
      return false
    case 'member':
      return roles.spaces.length > 0
    case 'space':
      return (
        spaceId !== undefined &&
        roles.spaces.some((r) => r.spaceId === spaceId && rule.roles.includes(r.role))
      )
  }
}
