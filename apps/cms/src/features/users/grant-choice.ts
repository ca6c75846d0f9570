/**
 * The role pickers' one value per choice, and its reading back: `global:admin` for the global admin role,
 * `space:<role>:<spaceId>` for a space role. The Users page's grant form and the invitations page post it
 * as `grant`; what it reads as is checked by the API's own schema (`roleChangeBody`, `grantByEmailBody`).
 */

/** The picker's value of the global admin role (its confirmation pages post it on). */
export const GLOBAL_ADMIN_CHOICE = 'global:admin'

/**
 * The picker's value of a space role.
 * @example spaceRoleChoice('editor', 'spc_…') // 'space:editor:spc_…'
 */
export function spaceRoleChoice(role: 'admin' | 'editor', spaceId: string): string {
  return `space:${role}:${spaceId}`
}

/**
 * A posted choice as the fields of a role change, unchecked (the caller's schema checks them).
 * @example roleChangeBody.safeParse({ ...grantChoiceFields(form.grant), revoke: false })
 */
export function grantChoiceFields(choice: string): { scope?: string; role?: string; spaceId?: string } {
  const [scope, role, spaceId] = choice.split(':')
  return scope === 'space' ? { scope, role, spaceId } : { scope, role }
}
