/**
 * A local IdP for the workerd tests, served through the app's injectable `oidcFetch`: discovery (with the
 * authorization, token and userinfo endpoints of the dashboard's code flow), the JWKS (fetches counted), a
 * token endpoint that answers with whatever ID token the test hands it next, and a userinfo endpoint
 * (requests counted) that answers the next sign-in's access token with the claims the test hands it, by
 * default just the ID token's `sub`. Tokens are ES256 under `test-key-1`.
 */
import { decodeJwt, exportJWK, generateKeyPair, type JWTPayload, SignJWT } from 'jose'

export const ISSUER = 'https://idp.test'
export const AUDIENCE = 'cms-api'
export const CLIENT_ID = 'cms-dashboard'
/** The access token of every code exchange (the userinfo endpoint's credential). */
export const ACCESS_TOKEN = 'idp-access-token'
/** The env of the CMS in oidc mode against this IdP. */
export const oidcEnv = { AUTH_PROVIDER: 'oidc', OIDC_ISSUER: ISSUER, OIDC_AUDIENCE: AUDIENCE }

/** A running local IdP. */
export interface LocalIdp {
  fetch: typeof fetch
  /** How many times the JWKS was fetched. */
  jwksFetches(): number
  /** An access token for the CMS API (scope `openid cms`, 5 minutes) with these claims. */
  accessToken(claims: JWTPayload, key?: CryptoKey): Promise<string>
  /** An ID token for the dashboard client with these claims. */
  idToken(claims: JWTPayload): Promise<string>
  /** The ID token the token endpoint answers with next. */
  nextIdToken: string | undefined
  /** What the userinfo endpoint answers next; by default `{ sub }` of the next ID token. */
  nextUserinfo: Record<string, unknown> | undefined
  /** How many userinfo requests carried the access token. */
  userinfoFetches(): number
  /** The signing key of a stranger (not in the JWKS). */
  otherKey: CryptoKey
  privateKey: CryptoKey
}

/**
 * Creates the IdP with fresh keys.
 * @example const idp = await createLocalIdp(); const token = await idp.accessToken({ sub: 'alice' })
 */
export async function createLocalIdp(): Promise<LocalIdp> {
  const pair = await generateKeyPair('ES256', { extractable: true })
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'test-key-1', alg: 'ES256', use: 'sig' }
  let jwksFetches = 0
  let userinfoFetches = 0
  const sign = (claims: JWTPayload, audience: string, key: CryptoKey, typ: string) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'ES256', kid: 'test-key-1', typ })
      .setIssuer(ISSUER)
      .setAudience(audience)
      .setIssuedAt(typeof claims.iat === 'number' ? claims.iat : undefined)
      .setExpirationTime('5m')
      .sign(key)
  const idp: LocalIdp = {
    privateKey: pair.privateKey,
    otherKey: (await generateKeyPair('ES256')).privateKey,
    nextIdToken: undefined,
    nextUserinfo: undefined,
    jwksFetches: () => jwksFetches,
    userinfoFetches: () => userinfoFetches,
    accessToken: (claims, key = pair.privateKey) =>
      sign({ scope: 'openid cms', ...claims }, AUDIENCE, key, 'at+jwt'),
    idToken: (claims) => sign(claims, CLIENT_ID, pair.privateKey, 'JWT'),
    fetch: async (input, init) => {
      const url = String(input instanceof Request ? input.url : input)
      const cache = { 'cache-control': 'max-age=600' }
      if (url === `${ISSUER}/.well-known/openid-configuration`) {
        return Response.json(
          {
            issuer: ISSUER,
            jwks_uri: `${ISSUER}/jwks`,
            authorization_endpoint: `${ISSUER}/auth`,
            token_endpoint: `${ISSUER}/token`,
            userinfo_endpoint: `${ISSUER}/userinfo`,
          },
          { headers: cache },
        )
      }
      if (url === `${ISSUER}/jwks`) {
        jwksFetches++
        return Response.json({ keys: [jwk] }, { headers: cache })
      }
      if (url === `${ISSUER}/token` && idp.nextIdToken !== undefined) {
        // RFC 6749 §5.1: an access token and its type come with every successful token response.
        return Response.json({
          access_token: ACCESS_TOKEN,
          token_type: 'Bearer',
          id_token: idp.nextIdToken,
        })
      }
      const bearer = new Headers(init?.headers).get('authorization')
      if (url === `${ISSUER}/userinfo` && bearer === `Bearer ${ACCESS_TOKEN}` && idp.nextIdToken) {
        userinfoFetches++
        return Response.json(idp.nextUserinfo ?? { sub: decodeJwt(idp.nextIdToken).sub })
      }
      return new Response('not found', { status: 404 })
    },
  }
  return idp
}
