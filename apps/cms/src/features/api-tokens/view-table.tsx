/**
 * The two token tables of Settings → API tokens. Live tokens show their expiry (with a warning badge when it
 * is within a week) and three actions: Roll… (to its confirmation), Reveal, behind a disclosure that says what a reveal costs (a fresh
 * sign-in, an audit entry), because a token is meant to be shown once and a one-click Reveal on every row
 * would make "shown once" untrue in practice, and Revoke… (danger styling, to its confirmation); a rolled
 * token keeps only Revoke…. Ended
 * tokens (revoked or expired) show when they ended and no action. Each row is `#row-<id>`.
 */
import type { FC } from 'hono/jsx'
import { expiresSoon } from '../../domain/api-token-expiry'
import { Badge, When } from '../../views/components/badge'
import { ColumnHeads } from '../../views/components/column-heads'
import { DangerLink } from '../../views/components/danger'
import { CsrfField } from '../../views/components/form'
import { TableScroll } from '../../views/components/table-scroll'
import type { ApiTokenSummary } from './store'

/** Props of {@link TokenTable}. */
export interface TokenTableProps {
  tokens: ApiTokenSummary[]
  /** Which table: live tokens carry actions, ended ones the time they ended. */
  kind: 'live' | 'revoked'
  /** The tokens page's address. */
  base: string
  csrf: string
  /** The request's time, for the expiry warning. */
  now: number
}

const Expiry: FC<{ token: ApiTokenSummary; now: number }> = ({ token, now }) => (
  <>
    <When at={token.expiresAt} />
    {token.replacedBy !== null ? (
      <>
        {' '}
        <Badge tone="muted">rolled</Badge>
      </>
    ) : expiresSoon(token.expiresAt, now) ? (
      <>
        {' '}
        <Badge tone="warn">Expires soon</Badge>
      </>
    ) : null}
  </>
)

// A rolled token is on its way out: its replacement is the one to reveal or roll.
const LiveActions: FC<{ token: ApiTokenSummary; base: string; csrf: string }> = ({ token, base, csrf }) => (
  <>
    {token.replacedBy === null ? <RenewActions token={token} base={base} csrf={csrf} /> : null}
    <DangerLink href={`${base}/${token.id}/revoke`} label={`Revoke token ${token.name}`}>
      Revoke…
    </DangerLink>
  </>
)

const RenewActions: FC<{ token: ApiTokenSummary; base: string; csrf: string }> = ({ token, base, csrf }) => (
  <>
    <a href={`${base}/${token.id}/roll`} aria-label={`Roll token ${token.name}`}>
      Roll…
    </a>{' '}
    <details class="row-disclosure">
      <summary>Reveal…</summary>
      <p class="hint">
        Needs a sign-in within the last 5 minutes; every reveal is recorded in the audit log.
      </p>
      <form method="post" action={`${base}/${token.id}/reveal`}>
        <CsrfField token={csrf} />
        <button type="submit" aria-label={`Reveal token ${token.name}`}>
          Reveal
        </button>
      </form>
    </details>
  </>
)

/**
 * A table of tokens.
 * @example <TokenTable kind="live" tokens={live.tokens} base={base} csrf={viewer.csrf} now={now} />
 */
export const TokenTable: FC<TokenTableProps> = (p) => (
  <TableScroll label={p.kind === 'live' ? 'Live API tokens' : 'Revoked API tokens'}>
    <table>
      <ColumnHeads
        columns={[
          'Name',
          'Description',
          'Scope',
          'Token',
          'Created',
          ...(p.kind === 'live' ? ['Last used', 'Expires', 'Actions'] : ['Ended']),
        ]}
      />
      <tbody>
        {p.tokens.map((t) => (
          <tr id={`row-${t.id}`}>
            <td>{t.name}</td>
            <td>{t.description ?? ''}</td>
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
                  <Expiry token={t} now={p.now} />
                </td>
                <td>
                  <LiveActions token={t} base={p.base} csrf={p.csrf} />
                </td>
              </>
            ) : (
              <td>
                {t.revokedAt !== null ? (
                  <>
                    revoked <When at={t.revokedAt} />
                  </>
                ) : (
                  <>
                    expired <When at={t.expiresAt} />
                  </>
                )}
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  </TableScroll>
)
