/**
 * The two token tables of Settings → API tokens: live tokens with Reveal (a secondary button: it shows a
 * secret, so it is never the page's primary action) and Revoke… (danger styling, to its confirmation), and
 * revoked tokens with the time each was revoked and no action. Each row is `#row-<id>`.
 */
import type { FC } from 'hono/jsx'
import { When } from '../../views/components/badge'
import { DangerLink } from '../../views/components/danger'
import { CsrfField } from '../../views/components/form'
import { TableScroll } from '../../views/components/table-scroll'
import type { ApiTokenSummary } from './store'

/** Props of {@link TokenTable}. */
export interface TokenTableProps {
  tokens: ApiTokenSummary[]
  /** Which table: live tokens carry actions, revoked ones their revocation time. */
  kind: 'live' | 'revoked'
  /** The tokens page's address. */
  base: string
  csrf: string
}

/**
 * A table of tokens.
 * @example <TokenTable kind="live" tokens={live.tokens} base={base} csrf={viewer.csrf} />
 */
export const TokenTable: FC<TokenTableProps> = (p) => (
  <TableScroll label={p.kind === 'live' ? 'Live API tokens' : 'Revoked API tokens'}>
    <table>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Scope</th>
          <th scope="col">Token</th>
          <th scope="col">Created</th>
          {p.kind === 'live' ? (
            <>
              <th scope="col">Last used</th>
              <th scope="col">Actions</th>
            </>
          ) : (
            <th scope="col">Revoked</th>
          )}
        </tr>
      </thead>
      <tbody>
        {p.tokens.map((t) => (
          <tr id={`row-${t.id}`}>
            <td>{t.name}</td>
            <td>{t.scope}</td>
            <td>
              <code>…{t.last4}</code>
            </td>
            <td>
              <When at={t.createdAt} />
            </td>
            {p.kind === 'live' ? (
              <>
                <td>
                  <When at={t.lastUsedAt} />
                </td>
                <td>
                  <form method="post" action={`${p.base}/${t.id}/reveal`}>
                    <CsrfField token={p.csrf} />
                    <button type="submit" aria-label={`Reveal token ${t.name}`}>
                      Reveal
                    </button>
                  </form>
                  <DangerLink href={`${p.base}/${t.id}/revoke`} label={`Revoke token ${t.name}`}>
                    Revoke…
                  </DangerLink>
                </td>
              </>
            ) : (
              <td>
                <When at={t.revokedAt} />
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  </TableScroll>
)
