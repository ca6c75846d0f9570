/**
 * RFC 6265 §4.1.1 syntax shared by the cookie helpers: which names and values a `Set-Cookie` header may
 * carry without quoting, and the default session cookie name.
 */

/**
 * `__Host-`: the browser keeps it only if Secure, Path=/ and no Domain, so no subdomain can plant it. The
 * rest names no service; a service with several cookies passes its own name (the CMS: `__Host-cms_session`).
 */
export const DEFAULT_COOKIE_NAME = '__Host-session'

/** A cookie name is an RFC 7230 token. */
export const COOKIE_NAME: RegExp = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/

/** cookie-octet*: printable ASCII without space, `"`, `,`, `;` and `\`. JWTs always fit. */
export const COOKIE_VALUE: RegExp = /^[\x21\x23-\x2B\x2D-\x3A\x3C-\x5B\x5D-\x7E]*$/
