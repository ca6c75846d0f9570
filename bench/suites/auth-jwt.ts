/**
 * @alokai/auth-jwt: sign and verify of a ~160-byte session payload, in Node and inside workerd, all peers in
 * the same run. Each verify floor does exactly the package's checks, by hand, on the runtime's raw crypto:
 * the size cap, the compact shape, the header the issuer wrote (checked once, as the package caches it),
 * strict base64url of the MAC and the payload, the HMAC compared in constant time, fatal UTF-8, one JSON
 * object, and the claims (fixtures/auth-jwt.ts). Node floor: node:crypto; peers: fast-jwt without its
 * token cache, jose `jwtVerify` with a pre-imported CryptoKey, and the package (`#runtime`: node:crypto).
 * workerd floor: Web Crypto; peers: jose + CryptoKey and the package (`#runtime`: Web Crypto). jose and fast-jwt get the same checks as the
 * package, so the comparison is like for like. `BENCH_ROUNDS` (default 5) rounds with the case order rotated
 * each round (a fixed order biased the later cases in our runs), median per case.
 */
import { createHmac, createSecretKey, timingSafeEqual } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import { createSigner, createVerifier } from 'fast-jwt'
import { jwtVerify, SignJWT } from 'jose'
import {
  AUDIENCE,
  checkedHeader,
  claims,
  ISSUER,
  payloadByHand,
  payloadOf,
  REQUIRED_CLAIMS,
  SECRET,
  sessionIssuer,
  splitByHand,
  TOLERANCE,
  TTL,
  TYP,
  verifyOptions,
} from '../src/fixtures/auth-jwt.ts'
import { type CaseResult, printResults, runSuite, type Suite, toResults } from '../src/harness.ts'
import { startBenchWorker } from '../src/workerd.ts'

const secretBytes = new TextEncoder().encode(SECRET)

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

/** Every case must give the right answer once before it is timed: a fast wrong answer measures nothing. */
async function expectSub(name: string, result: unknown): Promise<void> {
  const value = (await result) as { sub?: unknown; payload?: { sub?: unknown } }
  if ((value.sub ?? value.payload?.sub) !== claims.sub) throw new Error(`${name} did not verify the token`)
}

/**
 * Runs workerd cases interleaved at request granularity in one worker: each round times every case once
 * (rotated order), so a load swing on the shared machine hits all cases alike; median per case.
 */
async function interleavedWorkerd(
  entry: string,
  cases: string[],
  floor: string,
  rounds: number,
): Promise<CaseResult[]> {
  const worker = await startBenchWorker(entry)
  const opsPerRequest = 2000
  const time = async (name: string, n: number): Promise<number> => {
    const start = performance.now()
    const res = await fetch(new URL(`/?case=${encodeURIComponent(name)}&n=${n}`, worker.url))
    const body = await res.text()
    if (!res.ok) throw new Error(`bench worker failed on ${name}: ${res.status} ${body.slice(0, 200)}`)
    return performance.now() - start
  }
  try {
    for (const name of cases) await time(name, opsPerRequest / 4) // warm-up: JIT, key import, caches
    const perOp = new Map<string, number[]>(cases.map((name) => [name, []]))
    for (let round = 0; round < rounds; round++) {
      for (const name of rotate(cases, round)) {
        const empty = await time(name, 0)
        const full = await time(name, opsPerRequest)
        perOp.get(name)?.push(Math.max(full - empty, 0.001) / opsPerRequest)
      }
    }
    return toResults(new Map([...perOp].map(([name, times]) => [name, 1000 / medianOf(times)])), floor)
  } finally {
    await worker.dispose()
  }
}

const b64 = (text: string): string => Buffer.from(text).toString('base64url')

/** Strict base64url on Buffer (canonical exactly when it re-encodes to itself), as the package decodes. */
function strictDecode(text: string): Buffer {
  const bytes = Buffer.from(text, 'base64url')
  if (bytes.toString('base64url') !== text) throw new Error('base64url')
  return bytes
}

export async function run(): Promise<void> {
  const sessions = sessionIssuer()
  const token = await sessions.sign(claims)
  const [h, p] = token.split('.') as [string, string, string]
  const checkedH = checkedHeader(token, strictDecode)
  // The secret imported once, as the package keeps it (measured no slower than raw bytes per call).
  const secretKey = createSecretKey(secretBytes)
  const header = JSON.parse(Buffer.from(h, 'base64url').toString()) as {
    alg: string
    typ: string
    kid: string
  }
  const key = await crypto.subtle.importKey('raw', secretBytes, { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
    'verify',
  ])
  const fastVerify = createVerifier({
    key: SECRET,
    algorithms: ['HS256'],
    allowedIss: ISSUER,
    allowedAud: AUDIENCE,
    checkTyp: TYP,
    requiredClaims: REQUIRED_CLAIMS,
    clockTolerance: TOLERANCE * 1000,
    maxAge: TTL * 1000,
    cache: false,
  })
  const fastSign = createSigner({
    key: SECRET,
    algorithm: 'HS256',
    header: { alg: 'HS256', typ: TYP, kid: header.kid },
  })
  console.log(`\npayload ${Buffer.from(p, 'base64url').length} bytes, token ${token.length} characters`)

  const floor = 'node:crypto HMAC + JSON + checks'
  const verifyCases: Suite['cases'] = {
    [floor]: () => {
      const segments = splitByHand(token, checkedH)
      const given = strictDecode(segments.signature)
      const mac = createHmac('sha256', secretKey).update(segments.signingInput).digest()
      if (given.length !== mac.length || !timingSafeEqual(mac, given)) throw new Error('bad mac')
      return payloadByHand(strictDecode(segments.payload), Math.floor(Date.now() / 1000))
    },
    'fast-jwt (no cache)': () => fastVerify(token),
    'jose + CryptoKey': () => jwtVerify(token, key, verifyOptions),
    '@alokai/auth-jwt': () => sessions.verify(token),
  }
  for (const [name, fn] of Object.entries(verifyCases)) await expectSub(name, fn())

  const sign = await runRounds({
    title: 'auth-jwt: sign (node)',
    floor,
    cases: {
      [floor]: () => {
        const input = `${b64(JSON.stringify(header))}.${b64(JSON.stringify(payloadOf()))}`
        return `${input}.${createHmac('sha256', secretBytes).update(input).digest('base64url')}`
      },
      'fast-jwt': () => fastSign(payloadOf()),
      'jose + CryptoKey': () => new SignJWT(payloadOf()).setProtectedHeader(header).sign(key),
      '@alokai/auth-jwt': () => sessions.sign(claims),
    },
  })
  printResults('auth-jwt: sign (node)', floor, sign)

  const verify = await runRounds({ title: 'auth-jwt: verify (node)', floor, cases: verifyCases })
  printResults('auth-jwt: verify (node)', floor, verify)

  const entry = fileURLToPath(new URL('../workers/auth-jwt.ts', import.meta.url))
  for (const op of ['sign', 'verify'] as const) {
    const cases = ['crypto.subtle', 'jose CryptoKey', 'auth-jwt'].map((name) => `${op} ${name}`)
    const floor = `${op} crypto.subtle`
    const results = await interleavedWorkerd(entry, cases, floor, ROUNDS * 3)
    printResults(`auth-jwt: ${op} (workerd)`, floor, results)
  }
}
