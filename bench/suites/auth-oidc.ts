/**
 * `@alokai/auth-oidc`: verifying an IdP access token with a warm JWKS, RS256 and ES256, in Node and inside
 * workerd. The floor is the bare signature check (node:crypto in Node, Web Crypto in workerd); the other
 * cases do the whole job (parse, key lookup, signature, claims): jose `jwtVerify` with `createLocalJWKSet`,
 * aws-jwt-verify with a cached JWKS, and this package with its key cache.
 */
import { type KeyObject, verify as nodeVerify } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import { signedFixture, verifierCases } from '../src/fixtures/auth-oidc.ts'
import { printResults, runSuite } from '../src/harness.ts'
import { runWorkerdSuite, startBenchWorker } from '../src/workerd.ts'

async function nodeCases(alg: 'RS256' | 'ES256') {
  const fx = await signedFixture(alg)
  const { KeyObject: KO } = await import('node:crypto')
  const keyObject: KeyObject = KO.from(fx.publicKey)
  const key = alg === 'ES256' ? { key: keyObject, dsaEncoding: 'ieee-p1363' as const } : keyObject
  const dot = fx.token.lastIndexOf('.')
  const floor = () => {
    const sig = Buffer.from(fx.token.slice(dot + 1), 'base64url')
    if (!nodeVerify('sha256', Buffer.from(fx.token.slice(0, dot)), key, sig)) throw new Error('floor failed')
  }
  const { jose, aws, pkg } = await verifierCases(alg, fx)
  return {
    'node:crypto verify (floor)': floor,
    'jose jwtVerify + createLocalJWKSet': jose,
    'aws-jwt-verify (cached JWKS)': aws,
    '@alokai/auth-oidc': pkg,
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
    await worker.dispose()
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
