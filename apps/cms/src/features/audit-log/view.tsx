/**
 * The audit log page: who did what, when, with which outcome, newest first, with a link to older entries.
 * Entries hold ids, fixed codes and times only, so nothing here can be a secret value.
 */
import type { FC } from 'hono/jsx'
import { Badge, When } from '../../views/components/badge'
import { SpaceTabs } from '../../views/components/space-tabs'
import { TableScroll } from '../../views/components/table-scroll'
import { Layout, type Viewer } from '../../views/layout'
import type { SpaceRow } from '../spaces/store'
import type { AuditRow } from './store'

/** Props of {@link AuditLogPage}. */
export interface AuditLogProps {
  viewer: Viewer
  /** The space, or undefined for the global log. */
  space?: SpaceRow | undefined
  entries: AuditRow[]
  /** Query string of the next (older) page, or null. */
  older: string | null
}

const TONE = { success: 'ok', denied: 'warn', failure: 'bad' } as const

/**
 * The page.
 * @example c.html(<AuditLogPage viewer={viewer} space={space} entries={rows} older={null} />)
 */
export const AuditLogPage: FC<AuditLogProps> = (p) => (
  <Layout title={p.space ? `Audit log · ${p.space.name}` : 'Audit log'} viewer={p.viewer}>
    {p.space ? <SpaceTabs space={p.space} current="audit" roles={p.viewer.roles} /> : null}
    <h1>Audit log{p.space ? '' : ' (all spaces)'}</h1>
    {p.entries.length === 0 ? (
      <p class="empty">Nothing has been recorded yet.</p>
    ) : (
      <TableScroll label="Audit log entries">
        <table>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">Action</th>
              <th scope="col">Outcome</th>
              <th scope="col">Target</th>
              <th scope="col">Client IP</th>
            </tr>
          </thead>
          <tbody>
            {p.entries.map((e) => (
              <tr>
                <td>
                  <When at={e.at} />
                </td>
                <td>
                  {e.actor_type}
                  {e.actor_id ? (
                    <>
                      {' '}
                      <code>{e.actor_id}</code>
                    </>
                  ) : null}
                </td>
                <td>
                  <code>{e.action}</code>
                </td>
                <td>
                  <Badge tone={TONE[e.outcome]}>{e.outcome}</Badge>
                  {e.reason ? <span class="hint"> {e.reason}</span> : null}
                </td>
                <td>
                  {e.target_type ? (
                    <>
                      {e.target_type} <code>{e.target_id}</code>
                    </>
                  ) : (
                    '—'
                  )}
                </td>
                <td>{e.client_ip ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    )}
    {p.older ? (
      <p>
        <a href={p.older}>Older entries</a>
      </p>
    ) : null}
  </Layout>
)
