/**
 * The one URL policy of every outbound call, also applied when a URL is saved (so a bad URL is refused at
 * create/update time, not at first use). https only; no userinfo; no IP literal or `localhost` name that
 * points into a special-purpose range of the IANA registries (`ip-ranges.ts`). Development relaxes the
 * scheme and address rules (local MCP servers and storefronts), never the userinfo rule.
 *
 * Literals are classified after the WHATWG URL parser has canonicalised them, so `https://2130706433`,
 * `https://0x7f.1` and `https://[::ffff:127.0.0.1]` are all seen as loopback. DNS names are not resolved
 * here (Workers has no resolver API); in production Cloudflare's egress refuses private destinations of
 * names that resolve there, and redirects are never followed (see `outbound-fetch.ts`).
 */
import { isBlockedIpv4, isBlockedIpv6, parseIpv4, parseIpv6 } from './ip-ranges'

/** How strict the policy is. */
export interface UrlPolicyOptions {
  /** Allow `http:` and loopback/private hosts: only ever true when `ENVIRONMENT=development`. */
  allowPrivate: boolean
}

/**
 * What exactly is wrong with a refused URL, finer than the stored reason, so a form can say what to fix:
 * `not_a_url` (unparseable), `no_scheme` (parses once `https://` is put in front), `scheme` (not https),
 * `userinfo` (a user name or password in it), `too_long`, `no_host`, `private` (a non-public address).
 */
export type UrlProblem =
  | 'not_a_url'
  | 'no_scheme'
  | 'scheme'
  | 'userinfo'
  | 'too_long'
  | 'no_host'
  | 'private'

/** The verdict on a URL. */
export type UrlVerdict =
  | { ok: true; url: URL }
  | { ok: false; reason: 'invalid_url' | 'blocked_address'; problem: UrlProblem }

/** The longest URL accepted; longer ones are refused as `invalid_url`. */
export const MAX_URL_LENGTH: number = 2048

/**
 * Whether a (canonical) hostname names a non-public destination: a blocked IP literal, `localhost` or a
 * `*.localhost` name (RFC 6761 reserves them for loopback).
 * @example isPrivateHost('[::1]') // true
 */
function isPrivateHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '')
  if (host === 'localhost' || host.endsWith('.localhost')) return true
  if (host.startsWith('[') && host.endsWith(']')) {
    const groups = parseIpv6(host.slice(1, -1))
    // An unparseable bracketed literal is not something we can vouch for.
    return groups === undefined || isBlockedIpv6(groups)
  }
  const v4 = parseIpv4(host)
  return v4 !== undefined && isBlockedIpv4(v4)
}

const invalid = (problem: UrlProblem): UrlVerdict => ({ ok: false, reason: 'invalid_url', problem })

/**
 * Checks a URL against the outbound policy.
 * @example
 * const verdict = checkOutboundUrl('https://10.0.0.1/', { allowPrivate: false })
 * // { ok: false, reason: 'blocked_address' }
 */
export function checkOutboundUrl(raw: string, options: UrlPolicyOptions): UrlVerdict {
  if (typeof raw !== 'string' || raw.length === 0) return invalid('not_a_url')
  if (raw.length > MAX_URL_LENGTH) return invalid('too_long')
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return invalid(URL.canParse(`https://${raw}`) && !/\s/.test(raw) ? 'no_scheme' : 'not_a_url')
  }
  const schemeOk = url.protocol === 'https:' || (options.allowPrivate && url.protocol === 'http:')
  if (!schemeOk) return invalid('scheme')
  // Credentials in a URL end up in logs and Referer-like places; the bearer has its own sealed column.
  if (url.username !== '' || url.password !== '') return invalid('userinfo')
  if (url.hostname === '') return invalid('no_host')
  if (!options.allowPrivate && isPrivateHost(url.hostname)) {
    return { ok: false, reason: 'blocked_address', problem: 'private' }
  }
  return { ok: true, url }
}
