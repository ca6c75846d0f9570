/**
 * The fixed vocabulary of outbound failures. Every MCP call and preview probe that goes wrong ends in one
 * of these codes — stored, audited and answered as-is — so nothing the upstream sent (body, headers, error
 * text) ever reaches a response, a log line or the database.
 */

/** Why an outbound call failed. */
export type OutboundFailureReason =
  | 'invalid_url'
  | 'blocked_address'
  | 'timeout'
  | 'refused'
  | 'tls'
  | 'http_4xx'
  | 'http_5xx'
  | 'redirect'
  | 'too_large'
  | 'bad_response'
  | 'bad_signature'
  | 'unauthorized'

/** Every reason, in a fixed order (for validation and docs). */
export const OUTBOUND_FAILURE_REASONS: readonly OutboundFailureReason[] = Object.freeze([
  'invalid_url',
  'blocked_address',
  'timeout',
  'refused',
  'tls',
  'http_4xx',
  'http_5xx',
  'redirect',
  'too_large',
  'bad_response',
  'bad_signature',
  'unauthorized',
])

/**
 * The failure reason for an upstream HTTP status that is not a 2xx: 3xx `redirect` (redirects are never
 * followed), 401/403 `unauthorized`, other 4xx `http_4xx`, everything else `http_5xx`.
 * @example reasonForStatus(503) // 'http_5xx'
 */
export function reasonForStatus(status: number): OutboundFailureReason {
  if (status >= 300 && status < 400) return 'redirect'
  if (status === 401 || status === 403) return 'unauthorized'
  if (status >= 400 && status < 500) return 'http_4xx'
  return 'http_5xx'
}
