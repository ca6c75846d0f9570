/**
 * The dashboard's words for outbound problems, in ONE place: what to fix in a refused URL (keyed by the
 * policy's `UrlProblem`), and what to do next after a failed MCP test or preview probe (keyed by the fixed
 * reasons vocabulary of `outbound/reasons.ts`). Pages never show a bare code. A next step that means
 * changing the endpoint is said to those who may change it; a reader who may only call it (an editor) is
 * told to ask a space admin instead.
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

// The same failures for a reader who may not change the endpoint: where the fix is an edit, who makes it.
const READER_TEXT: Readonly<Partial<Record<OutboundFailureReason, string>>> = {
  invalid_url:
    'The stored address is not allowed any more. Ask a space admin to change it to a public https:// address.',
  blocked_address:
    'The address points to a private or internal network. Ask a space admin to change it to a public address.',
  http_4xx:
    'The server refused the request. Ask a space admin to check that the address points to the right path.',
  redirect:
    'The server answered with a redirect, which is never followed. Ask a space admin to enter the final address instead.',
  too_large:
    'The server’s answer was too large. Ask a space admin to check that the address points to the right endpoint.',
  bad_response:
    'The server’s answer was not what was expected. Ask a space admin to check that the address points to the right endpoint.',
  bad_signature:
    'The answer’s signature did not match. Ask a space admin to check that the secret saved here is the one the server uses.',
  unauthorized: 'The server refused the credentials. Ask a space admin to enter the current secret.',
}

/** Who reads a failure: someone who may change the endpoint, or a reader who may only call it. */
export type FailureReader = 'manager' | 'reader'

/**
 * The reader of a failure, from whether they may change the endpoint.
 * @example failureText(reason, readerOf(canManage))
 */
export function readerOf(canManage: boolean): FailureReader {
  return canManage ? 'manager' : 'reader'
}

/**
 * A sentence with a next step for a failed MCP test or preview probe, in words for `reader`; an unknown
 * code (an old row) gets a generic sentence rather than the code itself.
 * @example failureText('refused') // 'Could not connect to the server. …'
 * @example failureText('unauthorized', 'reader') // '… Ask a space admin to enter the current secret.'
 */
export function failureText(reason: string | null | undefined, reader: FailureReader = 'manager'): string {
  const known = reason !== null && reason !== undefined && Object.hasOwn(FAILURE_TEXT, reason)
  if (!known) {
    return reader === 'manager'
      ? 'The call failed. Check the address and the secret, then try again.'
      : 'The call failed. Try again, or ask a space admin to check the address and the secret.'
  }
  const code = reason as OutboundFailureReason
  return (reader === 'reader' ? READER_TEXT[code] : undefined) ?? FAILURE_TEXT[code]
}
