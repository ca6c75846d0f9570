/**
 * `@alokai/auth-oidc`: verifying an IdP access token with a warm JWKS, RS256 and ES256, in Node and inside
 * workerd. The floor is a raw hand-written verifier for the one key (node:crypto in Node, Web Crypto in
 * workerd) doing exactly the package's checks (fixtures/auth-oidc.ts): the size cap, three segments, the
 * header the IdP wrote (checked once, as the package memoises it), strict base64url, the ES256 signature
 * shape, the signature, fatal UTF-8, one JSON object, and the same claim checks. The other
 * cases do the whole job too (parse, key lookup, signature, claims): aws-jwt-verify with a cached JWKS, jose
 * `jwtVerify` with `createLocalJWKSet`, and this package with its key cache. Targets: in Node the package
 * ≥ aws-jwt-verify; in workerd ≥ 0.9× the floor.
 */
import { type KeyObject, verify as nodeVerify } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import {
  checkedOidcHeader,
  oidcPayloadByHand,
  signedFixture,
  splitOidcByHand,
  verifierCases,
} from '../src/fixtures/auth-oidc.ts'
import { printResults, runSuite } from '../src/harness.ts'
import { runWorkerdSuite, startBenchWorker } from '../src/workerd.ts'

async function nodeCases(alg: 'RS256' | 'ES256') {
  const fx = await signedFixture(alg)
  const { KeyObject: KO } = await import('node:crypto')
  const keyObject: KeyObject = KO.from(fx.publicKey)
  const key = alg === 'ES256' ? { key: keyObject, dsaEncoding: 'ieee-p1363' as const } : keyObject
  // Strict base64url on Buffer: canonical exactly when the bytes re-encode to the text.
  const decode = (text: string): Buffer | undefined => {
    const bytes = Buffer.from(text, 'base64url')
    return bytes.toString('base64url') === text ? bytes : undefined
  }
  const header = checkedOidcHeader(fx.token, alg, decode)
  // The raw floor: a hand-written verifier for this one key, with exactly the package's checks.
  const floor = () => {
    const jws = splitOidcByHand(fx.token, header, alg, decode)
    if (!nodeVerify('sha256', Buffer.from(jws.signingInput, 'latin1'), key, jws.signature))
      throw new Error('floor failed')
    return oidcPayloadByHand(jws.payload, alg, decode, Math.floor(Date.now() / 1000))
  }
  const { jose, aws, pkg } = await verifierCases(alg, fx)
  return {
    [NODE_FLOOR]: floor,
    'aws-jwt-verify (cached JWKS)': aws,
    'jose jwtVerify + createLocalJWKSet': jose,
    '@alokai/auth-oidc': pkg,
  }
}

const NODE_FLOOR = 'node:crypto verify + JSON + claims (floor)'
const AWS = 'aws-jwt-verify (cached JWKS)'

/** Prints each case's median per-round ratio to the floor and to aws-jwt-verify. */
function printPaired(title: string, ratios: Map<string, { floor: number[]; aws: number[] }>) {
  const median = (list: number[]) => list.sort((a, b) => a - b)[Math.floor(list.length / 2)]!
  console.log(
    `\n| ${title} (paired, interleaved) | median × floor | median × aws-jwt-verify |\n|---|---:|---:|`,
  )
  for (const [n, r] of ratios)
    console.log(`| ${n} | ${median(r.floor).toFixed(2)} | ${median(r.aws).toFixed(2)} |`)
}

/**
 * The machine is shared and its load swings within a run, which skews cases timed one after another. This
 * times the cases in interleaved batches (order rotating) and reports each one's median per-round ratio
 * to the floor and to aws-jwt-verify: a paired measurement that load spikes mostly cancel out of.
 */
async function paired(title: string, cases: Record<string, () => unknown>, rounds = 30, batch = 100) {
  const names = Object.keys(cases)
  const ratios = new Map(names.map((n) => [n, { floor: [] as number[], aws: [] as number[] }]))
  for (let r = 0; r < rounds; r++) {
    const perOp = new Map<string, number>()
    for (let k = 0; k < names.length; k++) {
      const name = names[(r + k) % names.length]!
      const fn = cases[name]!
      const start = performance.now()
      for (let i = 0; i < batch; i++) await fn()
      perOp.set(name, (performance.now() - start) / batch)
    }
    for (const n of names) {
      ratios.get(n)!.floor.push(perOp.get(NODE_FLOOR)! / perOp.get(n)!)
      ratios.get(n)!.aws.push(perOp.get(AWS)! / perOp.get(n)!)
    }
  }
  printPaired(title, ratios)
}

/** The same paired measurement inside workerd: interleaved requests of N ops per case, timed outside. */
async function pairedWorkerd(entry: string, alg: string, rounds = 40, n = 300): Promise<void> {
  const worker = await startBenchWorker(entry)
  try {
    const url = worker.url
    const time = async (c: string, ops: number) => {
      const start = performance.now()
      const res = await fetch(new URL(`/?case=${alg}:${c}&n=${ops}`, url))
      await res.text()
      if (!res.ok) throw new Error(`bench worker failed on ${c}`)
      return performance.now() - start
    }
    const names = ['floor', 'aws', 'jose', 'pkg']
    for (const c of names) await time(c, 50)
    const ratios = new Map(
      names.map((c) => [workerNames[c]!, { floor: [] as number[], aws: [] as number[] }]),
    )
    for (let r = 0; r < rounds; r++) {
      const perOp = new Map<string, number>()
      for (let k = 0; k < names.length; k++) {
        const c = names[(r + k) % names.length]!
        const empty = await time(c, 0)
        perOp.set(c, Math.max((await time(c, n)) - empty, 0.001) / n)
      }
      for (const c of names) {
        ratios.get(workerNames[c]!)!.floor.push(perOp.get('floor')! / perOp.get(c)!)
        ratios.get(workerNames[c]!)!.aws.push(perOp.get('aws')! / perOp.get(c)!)
      }
    }
    printPaired(`verify ${alg} (workerd)`, ratios)
  } finally {
    await worker.dispose()
  }
}

const workerNames: Record<string, string> = {
  floor: 'Web Crypto verify + JSON + claims (floor)',
  jose: 'jose jwtVerify + createLocalJWKSet',
  aws: 'aws-jwt-verify (cached JWKS)',
  pkg: '@alokai/auth-oidc',
}

export async function run(): Promise<void> {
  for (const alg of ['RS256', 'ES256'] as const) {
    const title = `auth-oidc: verify ${alg}, warm JWKS (node)`
    const cases = await nodeCases(alg)
    printResults(title, NODE_FLOOR, await runSuite({ title, floor: NODE_FLOOR, cases }))
    await paired(`verify ${alg} (node)`, cases)
  }
  const entry = fileURLToPath(new URL('../workers/auth-oidc.ts', import.meta.url))
  for (const alg of ['RS256', 'ES256'] as const) {
    const title = `auth-oidc: verify ${alg}, warm JWKS (workerd)`
    const cases = Object.keys(workerNames).map((c) => `${alg}:${c}`)
    const results = await runWorkerdSuite({ title, floor: `${alg}:floor`, entry, cases, opsPerRequest: 400 })
    const named = results.map((r) => ({ ...r, name: workerNames[r.name.split(':')[1] ?? ''] ?? r.name }))
    printResults(title, workerNames.floor!, named)
    await pairedWorkerd(entry, alg)
  }
}
