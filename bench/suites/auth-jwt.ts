/**
 * @alokai/auth-jwt: sign and verify of a ~160-byte session payload, in Node and inside workerd. Floor:
 * raw node:crypto HMAC + base64url. Compared: jose with a Uint8Array secret (the common use, which
 * re-imports the key on every call), jose with a pre-imported CryptoKey, and the package (which adds its
 * strict pre-checks in front of jose and imports each secret once). jose gets the same verify options
 * as the package, so the comparison is like for like. `BENCH_ROUNDS` (default 5) rounds with the case order
 * rotated each round (a fixed order biased the later cases in our runs), median per case.
 */
import { createHmac, timingSafeEqual } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import { jwtVerify, SignJWT } from 'jose'
import { claims, payloadOf, SECRET, sessionIssuer, verifyOptions } from '../src/fixtures/auth-jwt.ts'
import { type CaseResult, printResults, runSuite, type Suite, toResults } from '../src/harness.ts'
import { runWorkerdSuite } from '../src/workerd.ts'

const secretBytes = new TextEncoder().encode(SECRET)
const options = verifyOptions

// The machine is shared and its load swings within seconds; several short rounds, each timing every case,
// and the per-case median across rounds keep one unlucky stretch from deciding a ratio.
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5)

function medianOf(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN
}

/** Case order rotated by `round`: each case is timed early in some rounds and late in others. */
function rotate<T>(items: T[], round: number): T[] {
  const k = round % items.length
  return [...items.slice(k), ...items.slice(0, k)]
}

async function medianOfRounds(
  run: (round: number) => Promise<CaseResult[]>,
  floor: string,
): Promise<CaseResult[]> {
  const samples = new Map<string, number[]>()
  for (let round = 0; round < ROUNDS; round++) {
    for (const r of await run(round)) samples.set(r.name, [...(samples.get(r.name) ?? []), r.opsPerSecond])
  }
  return toResults(new Map([...samples].map(([name, ops]) => [name, medianOf(ops)])), floor)
}

const runRounds = (suite: Suite): Promise<CaseResult[]> =>
  medianOfRounds(
    (round) => runSuite({ ...suite, cases: Object.fromEntries(rotate(Object.entries(suite.cases), round)) }),
    suite.floor,
  )

const b64 = (text: string): string => Buffer.from(text).toString('base64url')
export async function run(): Promise<void> {
  const sessions = sessionIssuer()
  const token = await sessions.sign(claims)
  const [h, p, s] = token.split('.') as [string, string, string]
  const header = JSON.parse(Buffer.from(h, 'base64url').toString()) as { alg: string }
  const key = await crypto.subtle.importKey('raw', secretBytes, { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
    'verify',
  ])
  console.log(`\npayload ${Buffer.from(p, 'base64url').length} bytes, token ${token.length} characters`)

  const floor = 'node:crypto HMAC + base64url'
  const sign = await runRounds({
    title: 'auth-jwt: sign (node)',
    floor,
    cases: {
      [floor]: () => {
        const input = `${b64(JSON.stringify(header))}.${b64(JSON.stringify(payloadOf()))}`
        return `${input}.${createHmac('sha256', secretBytes).update(input).digest('base64url')}`
      },
      'jose + Uint8Array secret': () => new SignJWT(payloadOf()).setProtectedHeader(header).sign(secretBytes),
      'jose + CryptoKey': () => new SignJWT(payloadOf()).setProtectedHeader(header).sign(key),
      '@alokai/auth-jwt': () => sessions.sign(claims),
    },
  })
  printResults('auth-jwt: sign (node)', floor, sign)

  const verify = await runRounds({
    title: 'auth-jwt: verify (node)',
    floor,
    cases: {
      [floor]: () => {
        const mac = createHmac('sha256', secretBytes).update(`${h}.${p}`).digest()
        if (!timingSafeEqual(mac, Buffer.from(s, 'base64url'))) throw new Error('bad mac')
        const payload = JSON.parse(Buffer.from(p, 'base64url').toString()) as { exp: number }
        if (payload.exp <= Date.now() / 1000) throw new Error('expired')
        return payload
      },
      'jose + Uint8Array secret': () => jwtVerify(token, secretBytes, options),
      'jose + CryptoKey': () => jwtVerify(token, key, options),
      '@alokai/auth-jwt': () => sessions.verify(token),
    },
  })
  printResults('auth-jwt: verify (node)', floor, verify)

  const entry = fileURLToPath(new URL('../workers/auth-jwt.ts', import.meta.url))
  for (const op of ['sign', 'verify'] as const) {
    const names = ['node:crypto', 'crypto.subtle', 'jose Uint8Array', 'jose CryptoKey', 'auth-jwt']
    const title = `auth-jwt: ${op} (workerd)`
    const floor = `${op} node:crypto`
    const suite = { title, floor, entry, cases: names.map((name) => `${op} ${name}`), opsPerRequest: 2000 }
    const results = await medianOfRounds(
      (round) => runWorkerdSuite({ ...suite, cases: rotate(suite.cases, round), rounds: 3 }),
      floor,
    )
    printResults(title, floor, results)
  }
}
