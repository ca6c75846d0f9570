/**
 * What a service may do when it calls out of the Worker (MCP calls, preview probes): whether private hosts
 * are reachable, the time and size budgets, and the `fetch` to use. `outbound/policy.ts` builds it from the
 * config; `outbound/outbound-fetch.ts` enforces it.
 */

/** How outbound calls behave; built per request or job run by `outboundPolicy`. */
export interface OutboundPolicy {
  /** Allow `http:` and private/loopback hosts (development only). */
  allowPrivate: boolean
  /** Budget for the whole exchange, headers and body. @default 10_000 */
  timeoutMs: number
  /** Largest accepted response body. @default 1_048_576 */
  maxBytes: number
  /** The underlying fetch. @default globalThis.fetch */
  fetch: typeof fetch
}
