/**
 * "What you can do here" on a space's overview: the things the viewer's roles allow in this space, each
 * read from the policy matrix through `can` (never from a role name), so an editor is shown what an
 * editor can do and is not invited to change what only a space admin may; and who does the rest.
 */
import type { FC } from 'hono/jsx'
import { type Action, can } from '../../domain/policy'
import type { UserRoles } from '../../domain/roles'

// The first action of each line the viewer may perform decides its wording; a line with none is left out.
const ABILITIES: readonly (readonly [Action, string][])[] = [
  [['content.write', 'Read and write its entries through the Content API']],
  [
    ['mcp.create', 'Add and change MCP integrations'],
    ['mcp.test', 'Test its MCP integrations'],
  ],
  [
    ['preview.create', 'Add and change preview URLs'],
    ['preview.probe', 'Probe its preview URLs'],
  ],
  [['tokens.create', 'Create, roll and revoke API tokens']],
  [['members.manage', 'Manage who has a role here']],
  [['spaces.rename', 'Rename it']],
]

/**
 * The list, and a pointer to the space admins when some of it is theirs alone.
 * @example <SpaceAbilities roles={viewer.roles} spaceId={space.id} />
 */
export const SpaceAbilities: FC<{ roles: UserRoles; spaceId: string }> = ({ roles, spaceId }) => {
  const lines = ABILITIES.map(
    (choices) => choices.find(([action]) => can(roles, action, spaceId))?.[1],
  ).filter((line): line is string => line !== undefined)
  const adminsDoTheRest = !can(roles, 'tokens.create', spaceId) || !can(roles, 'members.manage', spaceId)
  return (
    <section aria-labelledby="abilities">
      <h2 id="abilities">What you can do here</h2>
      <ul>
        {lines.map((line) => (
          <li>{line}</li>
        ))}
      </ul>
      {adminsDoTheRest ? (
        <p class="hint">
          Changing its integrations, preview URLs, tokens and members is for its space admins: ask one of them
          for a change you cannot make.
        </p>
      ) : null}
    </section>
  )
}
