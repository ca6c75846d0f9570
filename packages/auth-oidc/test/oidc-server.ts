/**
 * A real OpenID Provider for the Node tests: `oidc-provider` on 127.0.0.1 (port 0), one confidential client
 * allowed the `client_credentials` grant, and resource indicators that issue JWT access tokens (RFC 9068)
 * for two audiences: one signed RS256, one ES256. Requests are counted by path on the server side, so the
 * tests count real fetches; `restart` swaps in a provider with other keys on the same issuer URL.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { exportJWK, generateKeyPair, type JWK } from 'jose'
import Provider from 'oidc-provider'

export const RS_AUDIENCE = 'https://api.test/rs'
export const ES_AUDIENCE = 'https://api.test/es'
const CLIENT_ID = 'cms-tests'
const CLIENT_SECRET = 'a-test-client-secret-that-is-long-enough-000'

export async function privateJwk(alg: 'RS256' | 'ES256', kid: string): Promise<JWK> {
  const { privateKey } = await generateKeyPair(alg, { extractable: true })
  return { ...(await exportJWK(privateKey)), kid, alg, use: 'sig' }
}

function makeProvider(issuer: string, keys: JWK[]): Provider {
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        grant_types: ['client_credentials'],
        redirect_uris: [],
        response_types: [],
      },
    ],
    jwks: { keys },
    scopes: ['read', 'write'],
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => RS_AUDIENCE,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx: unknown, resource: string) => ({
          scope: 'read write',
          audience: resource,
          accessTokenTTL: 3600,
          accessTokenFormat: 'jwt',
          jwt: { sign: { alg: resource === ES_AUDIENCE ? 'ES256' : 'RS256' } },
        }),
      },
    },
  })
  return provider
}

export class OidcServer {
  readonly hits: Map<string, number> = new Map()
  issuer = ''
  #server: Server | undefined
  #handler: ((req: IncomingMessage, res: ServerResponse) => void) | undefined

  count(path: string): number {
    return this.hits.get(path) ?? 0
  }

  get jwksHits(): number {
    return this.count('/jwks')
  }

  async start(keys: JWK[]): Promise<void> {
    const server = createServer((req, res) => {
      const path = new URL(req.url ?? '/', 'http://x').pathname
      this.hits.set(path, this.count(path) + 1)
      if (this.#handler === undefined) res.writeHead(503).end()
      else this.#handler(req, res)
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    this.#server = server
    this.issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    this.restart(keys)
  }

  /** A new provider with these keys behind the same issuer URL (what a key rotation at the IdP looks like). */
  restart(keys: JWK[]): void {
    this.#handler = makeProvider(this.issuer, keys).callback()
  }

  async token(resource: string, scope = 'read'): Promise<string> {
    const res = await fetch(`${this.issuer}/token`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${btoa(`${CLIENT_ID}:${CLIENT_SECRET}`)}`,
      },
      body: new URLSearchParams({ grant_type: 'client_credentials', resource, scope }),
    })
    const body = (await res.json()) as { access_token?: string }
    if (!res.ok || body.access_token === undefined) throw new Error(`token request failed: ${res.status}`)
    return body.access_token
  }

  async stop(): Promise<void> {
    const server = this.#server
    if (server === undefined) return
    this.#server = undefined
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  }
}
