/**
 * The per-space tabs (the space's overview, then its settings), with `aria-current` on the active one; on
 * a phone they stay one row that scrolls sideways in place (`APP_CSS`, "frame").
 * Each tab names the policy action its page needs, so what a viewer may open is read from the role matrix,
 * never decided here.
 */
import type { FC } from 'hono/jsx'
import { type Action, can } from '../../domain/policy'
import type { UserRoles } from '../../domain/roles'

/** The tabs of a space's settings. */
export type SpaceTab = 'overview' | 'tokens' | 'mcp' | 'preview' | 'audit' | 'members'

const TABS: readonly { tab: SpaceTab; path: string; label: string; action: Action }[] = [
  { tab: 'overview', path: '', label: 'Overview', action: 'spaces.read' },
  { tab: 'tokens', path: 'settings/tokens', label: 'API tokens', action: 'tokens.list' },
  { tab: 'mcp', path: 'settings/mcp', label: 'MCP Integrations', action: 'mcp.list' },
  { tab: 'preview', path: 'settings/preview-urls', label: 'Preview URLs', action: 'preview.list' },
  { tab: 'audit', path: 'audit', label: 'Audit log', action: 'audit.read' },
  { tab: 'members', path: 'members', label: 'Members', action: 'members.list' },
]

/**
 * The address of a tab of space `spaceId`.
 * @example spaceTabHref('spc_…', 'settings/mcp') // '/spaces/spc_…/settings/mcp'
 */
function spaceTabHref(spaceId: string, path: string): string {
  return path === '' ? `/spaces/${spaceId}` : `/spaces/${spaceId}/${path}`
}

/**
 * The space heading and the tabs the viewer's roles open.
 * @example <SpaceTabs space={space} current="tokens" roles={viewer.roles} />
 */
export const SpaceTabs: FC<{ space: { id: string; name: string }; current: SpaceTab; roles: UserRoles }> = ({
  space,
  current,
  roles,
}) => (
  <>
    <p class="crumbs">
      <a href="/spaces">Spaces</a> › {space.name}
    </p>
    <nav class="tabs" aria-label="Space">
      {TABS.filter((t) => can(roles, t.action, space.id)).map((t) => (
        <a href={spaceTabHref(space.id, t.path)} aria-current={t.tab === current ? 'page' : undefined}>
          {t.label}
        </a>
      ))}
    </nav>
  </>
)
