/**
 * The roles a user can hold: the global `admin` role and, per space, `admin` or `editor`. The policy table
 * (`policy.ts`) decides what each may do; the users feature stores them (`user_roles`, `space_roles`).
 */

/** The only global role. */
export type GlobalRole = 'admin'
/** Roles within one space. */
export type SpaceRole = 'admin' | 'editor'

/** Everything a user may be, loaded in one round trip. */
export interface UserRoles {
  global: GlobalRole[]
  spaces: { spaceId: string; role: SpaceRole }[]
}
