/**
 * The dashboard's words for outbound problems, in ONE place: what to fix in a refused URL (keyed by the
 * policy's `UrlProblem`). Pages never show a bare code.
 */
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
