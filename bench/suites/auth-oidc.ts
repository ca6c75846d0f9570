/**
 * `@alokai/auth-oidc`: verifying an IdP access token with a warm JWKS, RS256 and ES256, in Node and inside
 * workerd. The floor is the bare signature check (node:crypto in Node, Web Crypto in workerd); the other
 * cases do the whole job (parse, key lookup, signature, claims): jose `jwtVerify` with `createLocalJWKSet`,
 * aws-jwt-verify with a cached JWKS, and this package with its key cache.
 */
import { type KeyObject, verify as nodeVerify } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import { createOidcVerifier } from '@alokai/auth-oidc'
import { JwtVerifier } from 'aws-jwt-verify'
import { build } from 'esbuild'
import { createLocalJWKSet, exportJWK, generateKeyPair, type JWK, jwtVerify, SignJWT } from 'jose'
import { Miniflare } from 'miniflare'
import { printResults, runSuite } from '../src/harness.ts'
import { runWorkerdSuite } from '../src/workerd.ts'

const ISSUER = 'https://idp.bench'
const AUDIENCE = 'https://cms.bench'

async function nodeCases(alg: 'RS256' | 'ES256') {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true })
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid: `${alg}-1`, alg, use: 'sig' }
  const jwks = { keys: [jwk] }
  const token = await new SignJWT({ sub: 'user-1', scope: 'read' })
    .setProtectedHeader({ alg, kid: jwk.kid! })
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime('2h')
    .sign(privateKey)

  const { KeyObject: KO } = await import('node:crypto')
  const keyObject: KeyObject = KO.from(publicKey)
  const key = alg === 'ES256' ? { key: keyObject, dsaEncoding: 'ieee-p1363' as const } : keyObject
  const floor = () => {
    const dot = token.lastIndexOf('.')
    const sig = Buffer.from(token.slice(dot + 1), 'base64url')
    if (!nodeVerify('sha256', Buffer.from(token.slice(0, dot)), key, sig)) throw new Error('floor failed')
  }

  const local = createLocalJWKSet(jwks)
  const awsVerifier = JwtVerifier.create({ issuer: ISSUER, audience: AUDIENCE, jwksUri: `${ISSUER}/jwks` })
  awsVerifier.cacheJwks(jwks as never)
  const verifier = createOidcVerifier({
    issuer: ISSUER,
    audience: AUDIENCE,
    jwksUri: `${ISSUER}/jwks`,
    algorithms: [alg],
    fetch: async () => new Response(JSON.stringify(jwks), { headers: { 'cache-control': 'max-age=3600' } }),
  })
  await verifier.verify(token) // warm: JWKS fetched, key imported

  return {
    'node:crypto verify (floor)': floor,
    'jose jwtVerify + createLocalJWKSet': () =>
      jwtVerify(token, local, { issuer: ISSUER, audience: AUDIENCE, algorithms: [alg] }),
    'aws-jwt-verify (cached JWKS)': () => awsVerifier.verify(token),
    '@alokai/auth-oidc': () => verifier.verify(token),
  }
}

/**
 * The machine is shared and its load swings within a run, which skews cases timed one after another. This
 * times the cases in interleaved batches (order rotating) and reports each one's median per-round ratio
 * to jose: a paired measurement that load spikes mostly cancel out of.
 */
async function pairedToJose(cases: Record<string, () => unknown>, rounds = 30, batch = 100) {
  const names = Object.keys(cases).filter((n) => !n.includes('floor'))
  const ratios = new Map<string, number[]>(names.map((n) => [n, []]))
  for (let r = 0; r < rounds; r++) {
    const perOp = new Map<string, number>()
    for (let k = 0; k < names.length; k++) {
      const name = names[(r + k) % names.length]!
      const fn = cases[name]!
      const start = performance.now()
      for (let i = 0; i < batch; i++) await fn()
      perOp.set(name, (performance.now() - start) / batch)
    }
    const jose = perOp.get('jose jwtVerify + createLocalJWKSet')!
    for (const n of names) ratios.get(n)!.push(jose / perOp.get(n)!)
  }
  console.log('\n| case (paired, interleaved) | median × jose |\n|---|---:|')
  for (const [n, list] of ratios) {
    const sorted = list.sort((a, b) => a - b)
    console.log(`| ${n} | ${sorted[Math.floor(sorted.length / 2)]!.toFixed(2)} |`)
  }
}

/** The same paired measurement inside workerd: interleaved requests of N ops per case, timed outside. */
async function pairedToJoseWorkerd(entry: string, alg: string, rounds = 15, n = 200): Promise<void> {
  const out = await build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    write: false,
    conditions: ['workerd', 'worker', 'browser', 'import'],
    mainFields: ['module', 'main'],
  })
  const mf = new Miniflare({
    modules: true,
    script: out.outputFiles[0]!.text,
    compatibilityDate: '2026-04-20',
    compatibilityFlags: ['nodejs_compat'],
    host: '127.0.0.1',
  })
  try {
    const url = await mf.ready
    const time = async (c: string, ops: number) => {
      const start = performance.now()
      const res = await fetch(new URL(`/?case=${alg}:${c}&n=${ops}`, url))
      await res.text()
      if (!res.ok) throw new Error(`bench worker failed on ${c}`)
      return performance.now() - start
    }
    const names = ['jose', 'aws', 'pkg']
    for (const c of names) await time(c, 50)
    const ratios = new Map<string, number[]>(names.map((c) => [c, []]))
    for (let r = 0; r < rounds; r++) {
      const perOp = new Map<string, number>()
      for (let k = 0; k < names.length; k++) {
        const c = names[(r + k) % names.length]!
        const empty = await time(c, 0)
        perOp.set(c, Math.max((await time(c, n)) - empty, 0.001) / n)
      }
      for (const c of names) ratios.get(c)!.push(perOp.get('jose')! / perOp.get(c)!)
    }
    console.log('\n| case (paired, interleaved, workerd) | median × jose |\n|---|---:|')
    for (const [c, list] of ratios) {
      const sorted = list.sort((a, b) => a - b)
      console.log(`| ${workerNames[c]} | ${sorted[Math.floor(sorted.length / 2)]!.toFixed(2)} |`)
    }
  } finally {
    await mf.dispose()
  }
}

const workerNames: Record<string, string> = {
  floor: 'Web Crypto verify (floor)',
  jose: 'jose jwtVerify + createLocalJWKSet',
  aws: 'aws-jwt-verify (cached JWKS)',
  pkg: '@alokai/auth-oidc',
}

export async function run(): Promise<void> {
  for (const alg of ['RS256', 'ES256'] as const) {
    const title = `auth-oidc: verify ${alg}, warm JWKS (node)`
    const floor = 'node:crypto verify (floor)'
    const cases = await nodeCases(alg)
    printResults(title, floor, await runSuite({ title, floor, cases }))
    await pairedToJose(cases)
  }
  const entry = fileURLToPath(new URL('../workers/auth-oidc.ts', import.meta.url))
  for (const alg of ['RS256', 'ES256'] as const) {
    const title = `auth-oidc: verify ${alg}, warm JWKS (workerd)`
    const cases = Object.keys(workerNames).map((c) => `${alg}:${c}`)
    const results = await runWorkerdSuite({ title, floor: `${alg}:floor`, entry, cases, opsPerRequest: 400 })
    const named = results.map((r) => ({ ...r, name: workerNames[r.name.split(':')[1] ?? ''] ?? r.name }))
    printResults(title, workerNames.floor!, named)
    await pairedToJoseWorkerd(entry, alg)
  }
}
