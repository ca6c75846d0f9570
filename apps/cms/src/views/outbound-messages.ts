/**
 * The dashboard's words for outbound problems, in ONE place: what to fix in a refused URL (keyed by the
 * policy's `UrlProblem`), and what to do next after a failed MCP test or preview probe (keyed by the fixed
 * reasons vocabulary of `outbound/reasons.ts`). Pages never show a bare code.
 */
import type { OutboundFailureReason } from '../outbound/reasons'
import { MAX_URL_LENGTH, type UrlProblem } from '../outbound/url-policy'

const URL_FIX: Readonly<Record<UrlProblem, string>> = {
  not_a_url: 'Enter a full address starting with https://, like https://shop.example.com/.',
  no_scheme: 'Add https:// in front of the address.',
  scheme: 'Only https:// addresses are allowed: start the address with https://.',
  userinfo: 'Remove the user name and password from the address; put a secret in the secret field instead.',
  too_long: `Use an address of at most ${MAX_URL_LENGTH} characters.`,
  no_host: 'Add the server’s host name after https://.',
  private:
    'Use a public address: private, loopback and other internal network addresses (like 10.0.0.1 or localhost) cannot be called.',
}

/**
 * What to fix in a URL the outbound policy refused.
 * @example urlFixText('no_scheme') // 'Add https:// in front of the address.'
 */
export function urlFixText(problem: UrlProblem): string {
  return URL_FIX[problem]
}

const FAILURE_TEXT: Readonly<Record<OutboundFailureReason, string>> = {
  invalid_url: 'The stored address is not allowed any more. Edit it to a public https:// address.',
  blocked_address: 'The address points to a private or internal network. Edit it to a public address.',
  timeout: 'The server did not answer in time. Check that it is running and reachable, then try again.',
  refused: 'Could not connect to the server. Check the address and that the server is up, then try again.',
  tls: 'The secure connection failed. Check that the server has a valid HTTPS certificate.',
  http_4xx: 'The server refused the request. Check that the address points to the right path.',
  http_5xx: 'The server had an error. Try again later, or check the server’s logs.',
  redirect: 'The server answered with a redirect, which is never followed. Enter the final address instead.',
  too_large: 'The server’s answer was too large. Check that the address points to the right endpoint.',
  bad_response:
    'The server’s answer was not what was expected. Check that the address points to the right endpoint.',
  bad_signature:
    'The answer’s signature did not match. Check that the secret saved here is the one the server uses.',
  unauthorized: 'The server refused the credentials. Enter the current secret in the secret field and save.',
}

/**
 * A sentence with a next step for a failed MCP test or preview probe; an unknown code (an old row) gets a
 * generic sentence rather than the code itself.
 * @example failureText('refused') // 'Could not connect to the server. …'
 */
export function failureText(reason: string | null | undefined): string {
  const known = reason !== null && reason !== undefined && Object.hasOwn(FAILURE_TEXT, reason)
  return known
    ? FAILURE_TEXT[reason as OutboundFailureReason]
    : 'The call failed. Check the address and the secret, then try again.'
}
