/**
 * Builds the request's service scope once, right after the env gate: services get the database, config,
 * keyring, clock, audit recorder and outbound policy from it and never see the Hono context. The audit
 * actor is read when an entry is written, because the caller is resolved later (by `authorize`).
 */
import type { MiddlewareHandler } from 'hono'
import { getKeyring } from '../crypto/keyring'
import type { AuditActor } from '../domain/audit'
import type { Caller } from '../domain/caller'
import type { Scope } from '../domain/scope'
import { createAuditRecorder } from '../features/audit-log/recorder'
import { outboundPolicy } from '../outbound/policy'
import type { CmsHono } from './hono-types'

function actorOf(caller: Caller | null | undefined): AuditActor {
  if (caller?.via === 'api_token') return { type: 'api_token', id: caller.tokenId }
  if (caller) return { type: 'user', id: caller.userId }
  return { type: 'anonymous', id: null }
}

/**
 * Middleware: sets `c.var.scope` (needs `c.var.config` and `c.var.deps`).
 * @example app.use(requestScope())
 */
export function requestScope(): MiddlewareHandler<CmsHono> {
  return async (c, next) => {
    const { config, deps } = c.var
    const now = deps.now ?? Date.now
    const clientIp = c.req.header('cf-connecting-ip') ?? null
    const scope: Scope = {
      db: c.env.DB,
      config,
      keyring: () => getKeyring(config),
      now,
      auditArchive: c.env.AUDIT_ARCHIVE,
      audit: createAuditRecorder({ db: c.env.DB, now, clientIp, actor: () => actorOf(c.var.caller) }),
      outbound: outboundPolicy(config, deps, c.env),
      clientIp,
      onPasswordDerivation: deps.onPasswordDerivation,
    }
    c.set('scope', scope)
    await next()
  }
}
