/**
 * A real OpenID Provider for the example service: `oidc-provider` on 127.0.0.1 at a port the OS picks, one
 * confidential client allowed the `client_credentials` grant, and JWT access tokens (RFC 9068, ES256) for
 * any resource the client asks for, so the check can mint a token for the service's audience and one for
 * another audience. Keys are generated per run; the client secret never leaves this process.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import Provider from 'oidc-provider'

/** A running provider. */
export interface RunningIdp {
  /** `http://127.0.0.1:<port>` */
  issuer: string
  /** The client id, which is also the `sub` of its client-credentials tokens. */
  clientId: string
  /** Requests a JWT access token for `resource` (its `aud`), valid for `lifetimeSeconds` (default 600). */
  token(resource: string, lifetimeSeconds?: number): Promise<string>
  stop(): Promise<void>
}

const clientId = 'release-check'

/**
 * Starts the provider and resolves once it listens.
 *
 * @example
 * const idp = await startIdp()
 * try { const token = await idp.token('https://service.test') } finally { await idp.stop() }
 */
export async function startIdp(): Promise<RunningIdp> {
  const clientSecret = randomBytes(32).toString('base64url')
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  const jwk = { ...privateKey.export({ format: 'jwk' }), kid: 'release-check-1', alg: 'ES256', use: 'sig' }
  const server: Server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  // Read at each token request (the ClientCredentials TTL), so one request can ask for a short-lived token.
  let lifetime = 600
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        grant_types: ['client_credentials'],
        redirect_uris: [],
        response_types: [],
        // The provider's only key is ES256; the default (RS256) would make the client invalid.
        id_token_signed_response_alg: 'ES256',
      },
    ],
    jwks: { keys: [jwk] },
    ttl: { ClientCredentials: () => lifetime },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      resourceIndicators: {
        enabled: true,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx: unknown, resource: string) => ({
          scope: '',
          audience: resource,
          accessTokenTTL: lifetime,
          accessTokenFormat: 'jwt',
          jwt: { sign: { alg: 'ES256' } },
        }),
      },
    },
  })
  server.on('request', provider.callback())
  return {
    issuer,
    clientId,
    async token(resource, lifetimeSeconds = 600) {
      lifetime = lifetimeSeconds
      const response = await fetch(`${issuer}/token`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
        },
        body: new URLSearchParams({ grant_type: 'client_credentials', resource }),
      })
      const body = (await response.json()) as { access_token?: unknown; error?: unknown }
      if (!response.ok || typeof body.access_token !== 'string') {
        throw new Error(`the IdP refused a token request (${response.status} ${String(body.error)})`)
      }
      return body.access_token
    },
    async stop() {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
