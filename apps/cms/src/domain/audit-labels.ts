/**
 * What the audit page calls each action, in words a person reads ("API token created"), one label per
 * code in `AUDIT_ACTIONS`. The code stays the stable name (filters, the CSV, the API, support); the label
 * is only how the dashboard shows it. A policy action names what was attempted, so a refusal of it reads
 * well too ("Content read", outcome denied). `test/node/audit-labels.test.ts` checks every action has one.
 */
import type { AuditAction } from './audit-actions'

const LABELS: Readonly<Record<AuditAction, string>> = {
  'api_token.authenticate': 'API token used to sign in',
  'audit.archive': 'Audit entries archived',
  'audit.read': 'Audit log read',
  'auth.login': 'Signed in with password',
  'auth.logout': 'Signed out',
  'auth.oidc_login': 'Signed in with single sign-on',
  'auth.password_change': 'Own password changed',
  'auth.session': 'Session started from an IdP token',
  'content.create': 'Entry created',
  'content.delete': 'Entry deleted',
  'content.publish': 'Entry published',
  'content.read': 'Content read',
  'content.update': 'Entry updated',
  'content.write': 'Content written',
  'flashes.prune': 'Expired one-time results pruned',
  'invitations.claim': 'Invitation claimed at sign-in',
  'keys.reseal': 'Secrets resealed with the current key',
  'keys.rewrap': 'Data keys rewrapped',
  'keys.snapshot': 'Key status snapshot taken',
  'keys.status': 'Key status read',
  'login_throttle.prune': 'Sign-in throttle pruned',
  'mcp.create': 'MCP integration added',
  'mcp.delete': 'MCP integration deleted',
  'mcp.list': 'MCP integrations listed',
  'mcp.rpc': 'MCP call made',
  'mcp.secret_discarded': 'MCP secret discarded',
  'mcp.test': 'MCP integration tested',
  'mcp.update': 'MCP integration updated',
  'members.list': 'Members listed',
  'members.manage': 'Members changed',
  'preview.create': 'Preview URL added',
  'preview.delete': 'Preview URL deleted',
  'preview.list': 'Preview URLs listed',
  'preview.probe': 'Preview URL probed',
  'preview.secret_discarded': 'Preview secret discarded',
  'preview.update': 'Preview URL updated',
  'roles.grant': 'Role granted',
  'roles.revoke': 'Role revoked',
  'sessions.prune': 'Expired sessions pruned',
  'spaces.create': 'Space created',
  'spaces.delete': 'Space deleted',
  'spaces.list': 'Spaces listed',
  'spaces.read': 'Space read',
  'spaces.rename': 'Space renamed',
  'tokens.create': 'API token created',
  'tokens.list': 'API tokens listed',
  'tokens.reveal': 'API token revealed',
  'tokens.revoke': 'API token revoked',
  'tokens.roll': 'API token rolled',
  'users.create': 'User created',
  'users.delete': 'User deleted',
  'users.list': 'Users listed',
  'users.manage': 'User managed',
  'users.password_reset': 'Password reset by an admin',
  'users.sessions_revoke': 'User signed out everywhere',
  'users.status': 'User disabled or enabled',
}

/**
 * The label of an action code; an unknown code (an entry older than the list) as the code itself.
 * @example auditActionLabel('tokens.create') // 'API token created'
 */
export function auditActionLabel(action: string): string {
  return Object.hasOwn(LABELS, action) ? LABELS[action as AuditAction] : action
}
