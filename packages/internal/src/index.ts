/**
 * `@alokai/internal`: the small primitives every package and the CMS share, written once. Private: never
 * published; tsup bundles what a published package uses, so consumers install nothing more.
 */

// Encoding
export { decodeBase64url, encodeBase64url } from './base64url.ts'
// The same strict codec on the runtime's native one. The Buffer one, for Node only, is the subpath
// `@alokai/internal/base64url-buffer`, so nothing that imports this index needs Node's types.
export { decodeBase64urlNative, encodeBase64urlNative } from './base64url-native.ts'
export { decodeJsonSegment } from './json-segment.ts'
// Comparisons of secret-derived values
export { constantTimeEqual } from './constant-time.ts'
// Where plain http is acceptable
export { isLoopbackHost, isSecureOrLoopbackUrl } from './dev-host.ts'
// Reading a body of a size someone else chose
export {
  type BodyMessage,
  type CappedBody,
  type ReadBodyOptions,
  readBodyCapped,
} from './read-body-capped.ts'
// Reading JSON from another server
export {
  BoundedFetchError,
  type BoundedFetchOptions,
  type BoundedFetchReason,
  type BoundedJson,
  type FetchLike,
  fetchJsonBounded,
} from './bounded-fetch.ts'
// Recognising a package's errors from any copy of it
export { createErrorBrand, type ErrorBrand } from './error-brand.ts'
// The token-failure vocabulary, and the `typ` comparison both JWT packages make
export { isJwtErrorCode, type JwtErrorCode, jwtErrorMessages } from './jwt-error-codes.ts'
export { typMatches } from './jwt-typ.ts'
