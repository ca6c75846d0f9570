/**
 * `@alokai/crypto/probe`: the signed preview-URL probe between the CMS and a storefront, on Web Crypto
 * HMAC-SHA256. This entry is useful alone (a storefront imports only this) and pulls in nothing of the
 * envelope.
 */

export { CryptoError, type CryptoErrorCode, KeyFormatError } from './errors.ts'
export type { ProbeSecret } from './internal/probe-mac.ts'
// Request: CMS signs, storefront verifies
export {
  createProbeNonce,
  PROBE_HEADERS,
  type ProbeRequest,
  type ReceivedProbe,
  signProbe,
  type VerifyProbeOptions,
  verifyProbe,
} from './probe-request.ts'
// Response: storefront signs, CMS verifies
export { signProbeResponse, verifyProbeResponse } from './probe-response.ts'
