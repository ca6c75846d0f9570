/**
 * The per-space settings tabs, with `aria-current` on the active one.
 */
import type { FC } from 'hono/jsx'

/** The tabs of a space's settings. */
export type SpaceTab = 'tokens' | 'mcp' | 'preview' | 'audit'

const TABS: readonly { tab: SpaceTab; path: string; label: string }[] = [
  { tab: 'tokens', path: 'settings/tokens', label: 'API tokens' },
  { tab: 'mcp', path: 'settings/mcp', label: 'MCP Integrations' },
  { tab: 'preview', path: 'settings/preview-urls', label: 'Preview URLs' },
  { tab: 'audit', path: 'audit', label: 'Audit log' },
]

/**
 * The space heading and its tabs.
 * @example <SpaceTabs space={space} current="tokens" />
 */
export const SpaceTabs: FC<{ space: { id: string; name: string }; current: SpaceTab }> = ({
  space,
  current,
}) => (
  <>
    <p>
      <a href="/spaces">Spaces</a> › {space.name}
    </p>
    <nav class="tabs" aria-label="Space settings">
      {TABS.map((t) => (
        <a href={`/spaces/${space.id}/${t.path}`} aria-current={t.tab === current ? 'page' : undefined}>
          {t.label}
        </a>
      ))}
    </nav>
  </>
)
