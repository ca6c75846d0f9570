/**
 * Builds the request's outbound policy from the validated config and the injected dependencies.
 * Development alone may reach loopback/private hosts over http and may shorten the timeout through the
 * `OUTBOUND_TIMEOUT_MS` var (the end-to-end tests use it); every other environment ignores that var, so a
 * stray setting can never weaken production.
 */
import type { CmsConfig } from '../domain/config'
import type { OutboundPolicy } from '../domain/outbound-policy'
import { DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT_MS } from './outbound-fetch'

function devTimeout(env: object): number | undefined {
  const raw = (env as Record<string, unknown>).OUTBOUND_TIMEOUT_MS
  if (typeof raw !== 'string' || !/^[1-9][0-9]{0,5}$/.test(raw)) return undefined
  return Math.min(Number(raw), DEFAULT_TIMEOUT_MS)
}

/**
 * The outbound policy for this request.
 * @example const res = await outboundFetch(outboundPolicy(config, deps, env), { url })
 */
export function outboundPolicy(
  config: CmsConfig,
  deps: { outboundFetch?: typeof fetch; outboundTimeoutMs?: number },
  env: object,
): OutboundPolicy {
  const development = config.environment === 'development'
  return {
    allowPrivate: development,
    timeoutMs: deps.outboundTimeoutMs ?? (development ? devTimeout(env) : undefined) ?? DEFAULT_TIMEOUT_MS,
    maxBytes: DEFAULT_MAX_BYTES,
    // Bound so workerd's fetch keeps its `this`.
    fetch: deps.outboundFetch ?? ((input, init) => fetch(input, init)),
  }
}
