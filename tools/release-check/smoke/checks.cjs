/**
 * The smoke test a consumer of the four published packages would write, shared by `smoke.mjs` (loads them
 * with `import`) and `smoke.cjs` (loads them with `require`): parse a service env, seal and open a value,
 * sign and verify a session, verify an OIDC token against a JWKS served on 127.0.0.1, and put the
 * `@alokai/auth-oidc/hono` and `/express` adapters in front of that verifier. It prints
 * check names and outcomes only, never a key, secret or token.
 */
'use strict'

const http = require('node:http')
const { randomBytes } = require('node:crypto')

/** Serves discovery and the JWKS of `publicJwk` on 127.0.0.1 at a port the OS picks. */
function startIdp(publicJwk) {
  return new Promise((resolve, reject) => {
    const server = http.createServer((request, response) => {
      const base = `http://127.0.0.1:${server.address().port}`
      const routes = {
        '/.well-known/openid-configuration': { issuer: base, jwks_uri: `${base}/jwks` },
        '/jwks': { keys: [publicJwk] },
      }
      const body = routes[request.url]
      response.writeHead(body ? 200 : 404, {
        'content-type': 'application/json',
        'cache-control': 'max-age=300',
      })
      response.end(JSON.stringify(body ?? { error: 'not found' }))
    })
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve(server))
  })
}

/** Resolves with the error's `code` when `promise` rejects, or `undefined` when it fulfils. */
async function rejectionCode(promise) {
  try {
    await promise
    return undefined
  } catch (error) {
    return error && typeof error === 'object' ? error.code : String(error)
  }
}

/** Runs every check with the loaded modules and returns `[name, ok]` pairs. */
async function runSmoke({ env, zod, crypto, jwt, oidc, oidcHono, oidcExpress, hono, jose }) {
  const checks = []
  const check = (name, ok) => checks.push([name, ok === true])
  const signingKey = await jose.generateKeyPair('ES256', { extractable: true })
  const publicJwk = {
    ...(await jose.exportJWK(signingKey.publicKey)),
    kid: 'smoke-1',
    alg: 'ES256',
    use: 'sig',
  }
  const idp = await startIdp(publicJwk)
  try {
    const issuer = `http://127.0.0.1:${idp.address().port}`

    // @alokai/env with the consumer's own zod (a peer dependency): a service definition, then one parse
    // of a realistic development env.
    const { z } = zod
    const serviceEnv = env.defineEnv(
      {
        ENVIRONMENT: { schema: z.enum(['development', 'staging', 'production']), description: 'where' },
        AUTH_PROVIDER: { schema: z.enum(['local', 'oidc']).default('local'), description: 'who signs in' },
        AUTH_JWT_SECRET: { schema: z.string().min(32), secret: true, description: 'session secret' },
        TOKEN_ENCRYPTION_KEY: {
          schema: z.string().regex(/^[0-9a-f]{64}$/i),
          secret: true,
          description: 'the KEK',
        },
        OIDC_ISSUER: { schema: z.url(), description: 'issuer', requiredWhen: { AUTH_PROVIDER: 'oidc' } },
        OIDC_AUDIENCE: { schema: z.string(), description: 'aud', requiredWhen: { AUTH_PROVIDER: 'oidc' } },
      },
      { placeholdersAllowedWhen: { ENVIRONMENT: 'development' } },
    )
    const rawEnv = {
      ENVIRONMENT: 'development',
      AUTH_PROVIDER: 'oidc',
      AUTH_JWT_SECRET: randomBytes(32).toString('base64url'),
      TOKEN_ENCRYPTION_KEY: crypto.generateKey(),
      OIDC_ISSUER: issuer,
      OIDC_AUDIENCE: 'cms-smoke',
    }
    const parsed = env.parseEnv(serviceEnv, rawEnv)
    check('env: parses a service env', parsed.AUTH_PROVIDER === 'oidc' && parsed.OIDC_ISSUER === issuer)
    const badKey = 'zz'.repeat(32)
    let envError
    try {
      env.parseEnv(serviceEnv, { ...rawEnv, TOKEN_ENCRYPTION_KEY: badKey })
    } catch (error) {
      envError = error
    }
    check(
      'env: a bad key is refused by name, without its value',
      envError instanceof env.EnvValidationError &&
        envError.code === 'ERR_ENV_INVALID' &&
        !String(envError.message).includes(badKey) &&
        !JSON.stringify(envError.issues ?? []).includes(badKey),
    )

    // @alokai/crypto: seal and open under a context taken from the parsed env.
    const keyring = await crypto.createKeyring({ primary: parsed.TOKEN_ENCRYPTION_KEY })
    const sealed = await crypto.seal(keyring, 'smoke plaintext', { space: 'space-1', column: 'secret' })
    check('crypto: sealed values are v1 envelopes', /^v1\.[A-Za-z0-9_-]{8}\./.test(sealed))
    check(
      'crypto: opens under the same context',
      (await crypto.openText(keyring, sealed, { space: 'space-1', column: 'secret' })) === 'smoke plaintext',
    )
    check(
      'crypto: refuses another context',
      (await rejectionCode(crypto.openText(keyring, sealed, { space: 'space-2', column: 'secret' }))) ===
        'ERR_DECRYPT',
    )
    const refusal = await crypto.openText(keyring, sealed, { space: 'space-2' }).catch((error) => error)
    check('crypto: isCryptoError names the refusal', crypto.isCryptoError(refusal, 'ERR_DECRYPT'))

    // @alokai/auth-jwt: a session signed with the parsed secret.
    const sessions = jwt.createSessionIssuer({
      secret: parsed.AUTH_JWT_SECRET,
      issuer: 'https://cms.smoke.invalid',
      audience: 'cms',
      ttlSeconds: 300,
      environment: parsed.ENVIRONMENT,
    })
    const session = await sessions.sign({ sub: 'user-1', sid: 'sid-1' })
    const payload = await sessions.verify(session)
    check('auth-jwt: verifies its own session', payload.sub === 'user-1' && payload.sid === 'sid-1')
    const tampered = `${session.slice(0, -2)}${session.endsWith('AA') ? 'BB' : 'AA'}`
    check(
      'auth-jwt: refuses a tampered session',
      (await rejectionCode(sessions.verify(tampered))) !== undefined,
    )

    // @alokai/auth-oidc: a bearer token from the local IdP, verified through discovery + JWKS.
    const verifier = oidc.createOidcVerifier({ issuer: parsed.OIDC_ISSUER, audience: parsed.OIDC_AUDIENCE })
    const bearer = await new jose.SignJWT({ scope: 'cms:read' })
      .setProtectedHeader({ alg: 'ES256', kid: 'smoke-1', typ: 'JWT' })
      .setIssuer(issuer)
      .setAudience('cms-smoke')
      .setSubject('idp-user-7')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(signingKey.privateKey)
    const verified = await verifier.verify(bearer)
    check('auth-oidc: verifies a token against the local JWKS', verified.payload.sub === 'idp-user-7')
    const otherAudience = await new jose.SignJWT({})
      .setProtectedHeader({ alg: 'ES256', kid: 'smoke-1' })
      .setIssuer(issuer)
      .setAudience('someone-else')
      .setSubject('idp-user-7')
      .setExpirationTime('5m')
      .sign(signingKey.privateKey)
    check(
      'auth-oidc: refuses another audience',
      (await rejectionCode(verifier.verify(otherAudience))) !== undefined,
    )

    // One vocabulary: the same failure gives the same code from both JWT packages.
    // Change the signature's first character: its bits are all used, so the text stays canonical base64url
    // and only the signature check can refuse it (a last character may carry unused bits).
    const flipSignature = (token) => {
      const cut = token.lastIndexOf('.') + 1
      return `${token.slice(0, cut)}${token[cut] === 'A' ? 'B' : 'A'}${token.slice(cut + 1)}`
    }
    const segment = (value) => Buffer.from(JSON.stringify(value)).toString('base64url')
    const [, bearerBody, bearerSignature] = bearer.split('.')
    const [sessionHead, sessionBody, sessionSignature] = session.split('.')
    const sessionHeader = JSON.parse(Buffer.from(sessionHead, 'base64url').toString())
    const sameCode = async (name, jwtToken, oidcToken, code) => {
      const codes = [
        await rejectionCode(sessions.verify(jwtToken)),
        await rejectionCode(verifier.verify(oidcToken)),
      ]
      check(`auth-jwt and auth-oidc agree: ${name} is ${code}`, codes[0] === code && codes[1] === code)
    }
    await sameCode(
      'a bad signature',
      flipSignature(session),
      flipSignature(bearer),
      'ERR_JWS_SIGNATURE_VERIFICATION_FAILED',
    )
    await sameCode('a malformed token', 'not.a.token', 'not.a.token', 'ERR_JWT_INVALID')
    await sameCode(
      'a disallowed alg',
      `${segment({ ...sessionHeader, alg: 'HS512' })}.${sessionBody}.${sessionSignature}`,
      `${segment({ alg: 'HS256', kid: 'smoke-1', typ: 'JWT' })}.${bearerBody}.${bearerSignature}`,
      'ERR_JOSE_ALG_NOT_ALLOWED',
    )

    // @alokai/auth-oidc/hono: a Hono app in front of the same verifier.
    const app = new hono.Hono()
    app.use('/api/*', oidcHono.oidcAuth({ verifier }))
    app.get('/api/me', (c) => c.json({ sub: c.get('oidc').payload.sub }))
    const ask = (authorization) => app.request('/api/me', { headers: authorization ? { authorization } : {} })
    const honoOk = await ask(`Bearer ${bearer}`)
    check(
      'auth-oidc/hono: lets a good token through',
      honoOk.status === 200 && (await honoOk.json()).sub === 'idp-user-7',
    )
    const honoNone = await ask()
    check(
      'auth-oidc/hono: no token is 401 with a Bearer challenge',
      honoNone.status === 401 && honoNone.headers.get('www-authenticate') === 'Bearer realm="api"',
    )
    const honoWrong = await ask(`Bearer ${otherAudience}`)
    const shown = `${await honoWrong.text()}${[...honoWrong.headers].join('\n')}`
    check(
      'auth-oidc/hono: another audience is 401 invalid_token, not echoed',
      honoWrong.status === 401 &&
        honoWrong.headers.get('www-authenticate').includes('error="invalid_token"') &&
        otherAudience.split('.').every((part) => !shown.includes(part)),
    )

    // @alokai/auth-oidc/express: the middleware on a plain node:http server sets req.auth.
    const auth = oidcExpress.oidcAuth({ verifier })
    const server = http.createServer((req, res) =>
      auth(req, res, (error) => res.end(error ? 'error' : String(req.auth.payload.sub))),
    )
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
    try {
      const url = `http://127.0.0.1:${server.address().port}/`
      const ok = await fetch(url, { headers: { authorization: `Bearer ${bearer}` } })
      const none = await fetch(url)
      check(
        'auth-oidc/express: node:http sets req.auth, answers no token 401',
        ok.status === 200 && (await ok.text()) === 'idp-user-7' && none.status === 401,
      )
    } finally {
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
    }
  } finally {
    await new Promise((resolve) => idp.close(resolve))
  }
  return checks
}

/** Prints one JSON line of results and sets the exit code. */
function report(mode, checks, loadedFrom, runtimeFiles) {
  const failed = checks.filter(([, ok]) => !ok).map(([name]) => name)
  process.stdout.write(`${JSON.stringify({ mode, checks, failed, loadedFrom, runtimeFiles })}\n`)
  process.exitCode = failed.length === 0 && checks.length > 0 ? 0 : 1
}

module.exports = { runSmoke, report }
