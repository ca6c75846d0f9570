/**
 * Every action an audit entry can name: each policy action (a route records it, or a refusal of it) and
 * the events services record under names of their own (sign-ins, content steps, the scheduled job's
 * steps, an endpoint's dropped secret). The audit page's action filter offers this list instead of
 * reading `SELECT DISTINCT action` over the whole log on every view, which grew with the log;
 * `test/node/audit-actions.test.ts` fails when a service records a literal action missing here.
 */
import { type Action, POLICY } from './policy'

/** Actions recorded that are not policy actions. */
const EVENT_ACTIONS = [
  'api_token.authenticate',
  'audit.archive',
  'auth.login',
  'auth.logout',
  'auth.oidc_login',
  'auth.password_change',
  'auth.session',
  'content.create',
  'content.delete',
  'content.publish',
  'content.update',
  'flashes.prune',
  'invitations.claim',
  'keys.snapshot',
  'login_throttle.prune',
  'mcp.secret_discarded',
  'preview.secret_discarded',
  'roles.revoke',
  'sessions.prune',
  'tokens.roll',
  'users.delete',
  'users.password_reset',
  'users.sessions_revoke',
  'users.status',
] as const

/** An action an audit entry can name. */
export type AuditAction = Action | (typeof EVENT_ACTIONS)[number]

/**
 * Every audit action, sorted: the choices of the audit filter.
 * @example <select>{AUDIT_ACTIONS.map((a) => <option value={a}>{a}</option>)}</select>
 */
export const AUDIT_ACTIONS: readonly AuditAction[] = Object.freeze(
  [...new Set<AuditAction>([...(Object.keys(POLICY) as Action[]), ...EVENT_ACTIONS])].sort(),
)
