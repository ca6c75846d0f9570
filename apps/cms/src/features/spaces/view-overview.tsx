/**
 * A space's home (`/spaces/<id>`): its name and id, what it holds (only the counts the viewer's roles may
 * see, decided by `spaceHoldings`), a link to each settings tab those roles open, Rename for space
 * admins and Delete for global admins. It is where the spaces list leads, so an editor's first click lands
 * on a page that opens, and where a new space opens (with the "Space created" notice).
 */
import type { Child, FC } from 'hono/jsx'
import { can } from '../../domain/policy'
import { When } from '../../views/components/badge'
import { ColumnHeads } from '../../views/components/column-heads'
import { DangerLink } from '../../views/components/danger'
import { Notice } from '../../views/components/form'
import { SpaceTabs } from '../../views/components/space-tabs'
import { TableScroll } from '../../views/components/table-scroll'
import { Layout, type Viewer } from '../../views/layout'
import type { SpaceHoldings } from './holdings'
import type { SpaceRow } from './store'
import { SpaceAbilities } from './view-abilities'

/** Props of {@link SpaceOverviewPage}. */
export interface SpaceOverviewProps {
  viewer: Viewer
  space: SpaceRow
  holdings: SpaceHoldings
  /** The result of the create that led here, shown once. */
  notice?: string | undefined
}

const Row: FC<{ id: string; label: string; n: number | undefined; children?: Child }> = (p) =>
  p.n === undefined ? null : (
    <tr>
      <th scope="row">{p.label}</th>
      <td id={`count-${p.id}`}>{p.n}</td>
      <td>{p.children}</td>
    </tr>
  )

/**
 * The page.
 * @example c.html(<SpaceOverviewPage viewer={viewer} space={space} holdings={holdings} />)
 */
export const SpaceOverviewPage: FC<SpaceOverviewProps> = (p) => {
  const base = `/spaces/${p.space.id}`
  const h = p.holdings
  return (
    <Layout title={p.space.name} viewer={p.viewer}>
      <SpaceTabs space={p.space} current="overview" roles={p.viewer.roles} />
      <h1>{p.space.name}</h1>
      {p.notice ? <Notice tone="ok">{p.notice}</Notice> : null}
      <p>
        Id <code>{p.space.id}</code> · created <When at={p.space.created_at} />
      </p>
      {can(p.viewer.roles, 'spaces.rename', p.space.id) ? (
        <p>
          <a href={`${base}/rename`}>Rename this space</a>
        </p>
      ) : null}
      <section aria-labelledby="holdings">
        <h2 id="holdings">What it holds</h2>
        <TableScroll label="What this space holds">
          <table>
            <ColumnHeads columns={['Kind', 'Count', 'Where']} />
            <tbody>
              <Row id="entries" label="Entries" n={h.entries}>
                <span class="hint">
                  Through the Content API: <code>/api/spaces/{p.space.id}/entries</code>
                </span>
              </Row>
              <Row id="tokens" label="Live API tokens" n={h.liveTokens}>
                <a href={`${base}/settings/tokens`}>Manage API tokens</a>
              </Row>
              <Row id="mcp" label="MCP integrations" n={h.mcpIntegrations}>
                <a href={`${base}/settings/mcp`}>Open MCP integrations</a>
              </Row>
              <Row id="preview" label="Preview URLs" n={h.previewUrls}>
                <a href={`${base}/settings/preview-urls`}>Open preview URLs</a>
              </Row>
            </tbody>
          </table>
        </TableScroll>
      </section>
      <SpaceAbilities roles={p.viewer.roles} spaceId={p.space.id} />
      {can(p.viewer.roles, 'audit.read', p.space.id) ? (
        <p>
          <a href={`${base}/audit`}>Open this space’s audit log</a>
        </p>
      ) : null}
      {can(p.viewer.roles, 'spaces.delete', p.space.id) ? (
        <section aria-labelledby="danger-zone">
          <h2 id="danger-zone">Delete this space</h2>
          <p class="hint">Its entries, tokens, integrations and preview URLs go with it, for good.</p>
          <p>
            <DangerLink href={`${base}/delete`}>Delete space…</DangerLink>
          </p>
        </section>
      ) : null}
    </Layout>
  )
}
