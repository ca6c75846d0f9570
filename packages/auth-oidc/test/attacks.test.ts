import { base64url, CompactSign, exportJWK, generateKeyPair, SignJWT } from 'jose'
import { beforeAll, describe, expect, it } from 'vitest'
import { createOidcVerifier, isOidcError, type OidcVerifier } from '../src/index.ts'
import { backends, verifierOn } from './backends.ts'
import { AUDIENCE, b64url, ISSUER, LocalIdp, makeKey } from './local-idp.ts'

let idp: LocalIdp
let verifier: OidcVerifier
let good: string

async function refusal(token: string, v: OidcVerifier = verifier): Promise<string> {
  try {
    await v.verify(token)
  } catch (err) {
    if (!isOidcError(err)) throw err
    // No part of the token may reach the message, the string form or the serialised error.
    for (const part of token.split('.').filter((p) => p.length > 8)) {
      expect(err.message).not.toContain(part)
      expect(String(err)).not.toContain(part)
      expect(JSON.stringify({ ...err, detail: err.detail })).not.toContain(part)
    }
    return err.code
  }
  throw new Error('token was accepted')
}

describe.each(backends)('attack tokens on the $name path', (backend) => {
  beforeAll(async () => {
    idp = new LocalIdp([await makeKey('RS256', 'rsa-1'), await makeKey('ES256', 'ec-1')])
    verifier = verifierOn(backend, { issuer: ISSUER, audience: AUDIENCE, fetch: idp.fetch, typ: 'at+jwt' })
    good = await idp.sign()
    await verifier.verify(good)
  })

  it('accepts the genuine RS256 and ES256 tokens the attacks are derived from', async () => {
    expect((await verifier.verify(good)).payload.sub).toBe('user-1')
    const es = await idp.sign({}, idp.keys[1])
    expect((await verifier.verify(es)).header.alg).toBe('ES256')
  })

  it('refuses alg "none" in every spelling, with or without a signature', async () => {
    const [, payload, sig] = good.split('.')
    for (const alg of ['none', 'None', 'NONE', 'nOnE']) {
      const header = b64url({ alg, kid: 'rsa-1', typ: 'at+jwt' })
      expect(await refusal(`${header}.${payload}.`)).toBe('ERR_JOSE_ALG_NOT_ALLOWED')
      expect(await refusal(`${header}.${payload}.${sig}`)).toBe('ERR_JOSE_ALG_NOT_ALLOWED')
    }
  })

  it('refuses HS256 signed with the RSA public key (key confusion)', async () => {
    const jwk = idp.keys[0]!.publicJwk
    const pem = new TextEncoder().encode(JSON.stringify(jwk))
    for (const secret of [pem, base64url.decode(jwk.n!)]) {
      const forged = await new SignJWT({ iss: ISSUER, aud: AUDIENCE, exp: 2e9 })
        .setProtectedHeader({ alg: 'HS256', kid: 'rsa-1', typ: 'at+jwt' })
        .sign(secret)
      expect(await refusal(forged)).toBe('ERR_JOSE_ALG_NOT_ALLOWED')
    }
    // Even if a caller lists it, HS256 is not an algorithm the verifier knows.
    expect(() =>
      createOidcVerifier({ issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256' as 'RS256'] }),
    ).toThrow(TypeError)
  })

  it('ignores an embedded jwk: a token signed by the attacker key is refused', async () => {
    const attacker = await generateKeyPair('RS256', { extractable: true })
    const jwk = await exportJWK(attacker.publicKey)
    for (const kid of ['rsa-1', 'attacker']) {
      const forged = await idp.sign({}, { ...idp.keys[0]!, privateKey: attacker.privateKey }, { jwk, kid })
      expect(['ERR_JWS_SIGNATURE_VERIFICATION_FAILED', 'ERR_JWKS_NO_MATCHING_KEY']).toContain(
        await refusal(forged),
      )
    }
  })

  it('never fetches a jku or x5u header URL', async () => {
    const attacker = await generateKeyPair('RS256')
    const before = idp.count('/evil-jwks')
    const forged = await idp.sign(
      {},
      { ...idp.keys[0]!, privateKey: attacker.privateKey },
      {
        kid: 'evil',
        jku: 'https://idp.test/evil-jwks',
        x5u: 'https://idp.test/evil-jwks',
      },
    )
    expect(await refusal(forged)).toBe('ERR_JWKS_NO_MATCHING_KEY')
    expect(idp.count('/evil-jwks')).toBe(before)
  })

  it('treats a path-traversal kid as an opaque unknown kid', async () => {
    for (const kid of ['../../etc/passwd', '../jwks', '/jwks?x=1', 'rsa-1/../ec-1']) {
      const attacker = await generateKeyPair('RS256')
      const forged = await idp.sign({}, { ...idp.keys[0]!, privateKey: attacker.privateKey }, { kid })
      expect(await refusal(forged)).toBe('ERR_JWKS_NO_MATCHING_KEY')
    }
    for (const path of idp.hits.keys()) expect(['/.well-known/openid-configuration', '/jwks']).toContain(path)
  })

  it('refuses an all-zero ECDSA signature (CVE-2022-21449)', async () => {
    const [h, p] = (await idp.sign({}, idp.keys[1])).split('.')
    expect(await refusal(`${h}.${p}.${b64url('\0'.repeat(64))}`)).toBe(
      'ERR_JWS_SIGNATURE_VERIFICATION_FAILED',
    )
    const zeros = base64url.encode(new Uint8Array(64))
    expect(await refusal(`${h}.${p}.${zeros}`)).toBe('ERR_JWS_SIGNATURE_VERIFICATION_FAILED')
  })

  it('refuses a key of the wrong type for the algorithm even when the kid matches', async () => {
    const es = await idp.sign({}, idp.keys[1])
    const [, p, s] = es.split('.')
    // ES256 signature presented as RS256 against the EC key's kid.
    expect(await refusal(`${b64url({ alg: 'RS256', kid: 'ec-1', typ: 'at+jwt' })}.${p}.${s}`)).toBe(
      'ERR_JWKS_NO_MATCHING_KEY',
    )
  })

  it('refuses a wrong typ when one is configured', async () => {
    expect(await refusal(await idp.sign({}, idp.keys[0], { typ: 'JWT' }))).toBe(
      'ERR_JWT_CLAIM_VALIDATION_FAILED',
    )
    expect(await refusal(await idp.sign({}, idp.keys[0], { typ: 'cms-session+jwt' }))).toBe(
      'ERR_JWT_CLAIM_VALIDATION_FAILED',
    )
  })

  it('compares typ as RFC 7515 §4.1.9 and jose do: case-insensitive, application/ added only without a slash', async () => {
    for (const typ of ['at+jwt', 'AT+JWT', 'application/at+jwt', 'Application/At+Jwt']) {
      await expect(verifier.verify(await idp.sign({}, idp.keys[0], { typ }))).resolves.toBeDefined()
    }
    const plain = verifierOn(backend, {
      issuer: ISSUER,
      audience: AUDIENCE,
      fetch: idp.fetch,
      typ: 'text/plain',
    })
    expect(await refusal(await idp.sign({}, idp.keys[0], { typ: 'application/text/plain' }), plain)).toBe(
      'ERR_JWT_CLAIM_VALIDATION_FAILED',
    )
    await expect(plain.verify(await idp.sign({}, idp.keys[0], { typ: 'TEXT/PLAIN' }))).resolves.toBeDefined()
  })

  it('refuses a JWKS key that publishes private members: whoever reads the JWKS could mint tokens', async () => {
    for (const alg of ['RS256', 'ES256', 'EdDSA']) {
      const leaky = await makeKey(alg, `leaky-${alg}`)
      const privateJwk = await exportJWK(leaky.privateKey)
      const members = Object.keys(privateJwk).filter((m) => !(m in leaky.publicJwk))
      expect(members.length).toBeGreaterThan(0)
      for (const member of [...members, 'k', 'oth']) {
        const leakyIdp = new LocalIdp([
          { ...leaky, publicJwk: { ...leaky.publicJwk, [member]: privateJwk[member as 'd'] ?? 'AQAB' } },
        ])
        const v = verifierOn(backend, { issuer: ISSUER, audience: AUDIENCE, fetch: leakyIdp.fetch })
        const token = await leakyIdp.sign()
        await expect(v.verify(token), `${alg} ${member}`).rejects.toMatchObject({ code: 'ERR_JWKS_INVALID' })
      }
    }
  })

  it('refuses huge tokens before decoding them', async () => {
    const huge = await idp.sign({ blob: 'x'.repeat(20_000) })
    expect(await refusal(huge)).toBe('ERR_JWT_TOO_LARGE')
    expect(await refusal(`${'a'.repeat(10_000_000)}.b.c`)).toBe('ERR_JWT_TOO_LARGE')
  })

  it('refuses unknown crit headers, malformed tokens and non-strings', async () => {
    const withCrit = await new SignJWT({ iss: ISSUER, aud: AUDIENCE, exp: 2e9 })
      .setProtectedHeader({ alg: 'RS256', kid: 'rsa-1', typ: 'at+jwt', crit: ['x-custom'], 'x-custom': 1 })
      .sign(idp.keys[0]!.privateKey, { crit: { 'x-custom': true } })
    expect(await refusal(withCrit)).toBe('ERR_JWT_INVALID')
    for (const bad of ['', 'a.b', 'a.b.c.d', '...', `${good}.`, good.replace('.', '..')]) {
      expect(['ERR_JWT_INVALID', 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED']).toContain(await refusal(bad))
    }
  })

  it('answers a token that is not a string with a TypeError, as auth-jwt does (a caller mistake)', async () => {
    for (const notAToken of [42, undefined, null, { token: good }]) {
      await expect(verifier.verify(notAToken as unknown as string)).rejects.toThrow(TypeError)
    }
  })

  it('answers a correctly signed payload that is not a JSON object with ERR_JWT_INVALID, as jose does', async () => {
    const header = { alg: 'RS256', kid: 'rsa-1', typ: 'at+jwt' }
    for (const bytes of [
      new TextEncoder().encode('123'),
      new TextEncoder().encode('[]'),
      new TextEncoder().encode('"claims"'),
      new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]),
    ]) {
      const signed = await new CompactSign(bytes).setProtectedHeader(header).sign(idp.keys[0]!.privateKey)
      expect(await refusal(signed)).toBe('ERR_JWT_INVALID')
    }
  })

  it('refuses a sub that is not a string (RFC 7519 §4.1.2: a StringOrURI)', async () => {
    for (const sub of [123, ['user-1'], { id: 'user-1' }, null]) {
      const token = await idp.sign({ sub: sub as unknown as string })
      await expect(verifier.verify(token)).rejects.toMatchObject({
        code: 'ERR_JWT_CLAIM_VALIDATION_FAILED',
        claim: 'sub',
      })
    }
  })

  it('refuses a tampered payload and a token of another issuer or audience', async () => {
    const [h, , s] = good.split('.')
    const payload = b64url({ iss: ISSUER, aud: AUDIENCE, sub: 'admin', exp: 2e9 })
    expect(await refusal(`${h}.${payload}.${s}`)).toBe('ERR_JWS_SIGNATURE_VERIFICATION_FAILED')
    expect(await refusal(await idp.sign({ iss: 'https://idp.test/' }))).toBe(
      'ERR_JWT_CLAIM_VALIDATION_FAILED',
    )
    expect(await refusal(await idp.sign({ aud: 'https://other.test' }))).toBe(
      'ERR_JWT_CLAIM_VALIDATION_FAILED',
    )
    expect(await refusal(await idp.sign({ exp: undefined }))).toBe('ERR_JWT_CLAIM_VALIDATION_FAILED')
  })
})
