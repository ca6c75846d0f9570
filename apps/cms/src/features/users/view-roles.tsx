/**
 * Roles as the users pages show them: one role in words (`global admin`, `editor of Storefront`), and
 * the picker of a role to grant (each space's editor and admin roles, then the global admin role) with
 * its one value per choice and their reading back: `global:admin` for the global admin role,
 * `space:<role>:<spaceId>` for a space role. The Users page's grant form and the invitations page post it
 * as `grant`; what it reads as is checked by the API's own schema (`roleChangeBody`, `grantByEmailBody`).
 */
import type { FC } from 'hono/jsx'
import type { SpaceRow } from '../spaces/service'

/** The picker's value of the global admin role (its confirmation pages post it on). */
export const GLOBAL_ADMIN_CHOICE = 'global:admin'

/**
 * The picker's value of a space role.
 * @example spaceRoleChoice('editor', 'spc_…') // 'space:editor:spc_…'
 */
function spaceRoleChoice(role: 'admin' | 'editor', spaceId: string): string {
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

/**
 * A role in words; a space no longer listed by its id.
 * @example roleInWords({ spaceId: 'spc_…', role: 'editor' }, spaceName) // 'editor of Storefront'
 */
export function roleInWords(
  r: { spaceId: string | null; role: string },
  spaceName: ReadonlyMap<string, string>,
): string {
  return r.spaceId === null ? `global ${r.role}` : `${r.role} of ${spaceName.get(r.spaceId) ?? r.spaceId}`
}

/** Props of {@link GrantPicker}. */
export interface GrantPickerProps {
  /** The select's id (its label's `for`, the error summary's link). */
  id: string
  label: string
  spaces: SpaceRow[]
  /** The choice to show selected (a refused form's). */
  chosen?: string | undefined
  error?: string | undefined
}

/**
 * The labelled `grant` select with its error.
 * @example <GrantPicker id="f-grant" label="Role" spaces={spaces} chosen={form?.grant} error={errors?.grant} />
 */
export const GrantPicker: FC<GrantPickerProps> = (p) => (
  <div class="field">
    <label for={p.id}>{p.label}</label>
    <select
      id={p.id}
      name="grant"
      aria-invalid={p.error ? 'true' : undefined}
      aria-describedby={p.error ? `${p.id}-error` : undefined}
    >
      {p.spaces.flatMap((s) =>
        (['editor', 'admin'] as const).map((role) => {
          const value = spaceRoleChoice(role, s.id)
          return (
            <option value={value} selected={p.chosen === value}>
              {role} of {s.name}
            </option>
          )
        }),
      )}
      <option value={GLOBAL_ADMIN_CHOICE} selected={p.chosen === GLOBAL_ADMIN_CHOICE}>
        global admin (everything, key rotation)
      </option>
    </select>
    {p.error ? (
      <p class="error" id={`${p.id}-error`}>
        {p.error}
      </p>
    ) : null}
  </div>
)
