/**
 * The crypto bench worker: `GET /?case=<name>&n=<N>` runs that case N times, one after another, and
 * answers when done; the suite times requests from outside (the Workers clock is frozen during CPU).
 */
import { type Cases, sharedCases } from './crypto-cases.ts'

let cases: Promise<Cases> | undefined

export default {
  async fetch(request: Request): Promise<Response> {
    cases ??= sharedCases()
    const url = new URL(request.url)
    const op = (await cases)[url.searchParams.get('case') ?? '']
    const n = Number(url.searchParams.get('n') ?? '0')
    if (op === undefined || !Number.isSafeInteger(n) || n < 0)
      return new Response('unknown case', { status: 400 })
    for (let i = 0; i < n; i++) await op()
    return new Response(String(n))
  },
}
