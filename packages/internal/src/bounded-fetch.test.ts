import { describe, expect, it } from 'vitest'
import {
  BoundedFetchError,
  type BoundedFetchReason,
  type FetchLike,
  fetchJsonBounded,
} from './bounded-fetch.ts'

const URL_ = 'https://idp.test/jwks'

async function reasonOf(
  fetch: FetchLike,
  maxBytes = 1024,
  timeoutMs = 1000,
): Promise<BoundedFetchReason | 'ok'> {
  try {
    await fetchJsonBounded(URL_, { fetch, maxBytes, timeoutMs })
    return 'ok'
  } catch (err) {
    if (err instanceof BoundedFetchError) return err.reason
    throw err
  }
}

describe('fetchJsonBounded', () => {
  it('asks for JSON with no redirects and a timeout, and returns the body and headers', async () => {
    let seen: RequestInit | undefined
    const result = await fetchJsonBounded(URL_, {
      fetch: async (_url, init) => {
        seen = init
        return new Response('{"keys":[]}', { headers: { 'cache-control': 'max-age=900' } })
      },
      maxBytes: 1024,
      timeoutMs: 1000,
    })
    expect(result.json).toEqual({ keys: [] })
    expect(result.headers.get('cache-control')).toBe('max-age=900')
    expect(seen?.redirect).toBe('manual')
    expect(seen?.method).toBe('GET')
    expect(new Headers(seen?.headers).get('accept')).toBe('application/json')
    expect(seen?.signal).toBeInstanceOf(AbortSignal)
  })

  it('sends a POST body and headers when asked', async () => {
    let seen: RequestInit | undefined
    await fetchJsonBounded(URL_, {
      fetch: async (_url, init) => {
        seen = init
        return new Response('{}')
      },
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'a=1',
      maxBytes: 1024,
      timeoutMs: 1000,
    })
    expect(seen?.method).toBe('POST')
    expect(seen?.body).toBe('a=1')
    expect(new Headers(seen?.headers).get('content-type')).toBe('application/x-www-form-urlencoded')
  })

  it('refuses redirects, non-200 answers and non-JSON or non-UTF-8 bodies', async () => {
    const redirect = async () =>
      new Response(null, { status: 302, headers: { location: 'https://evil.test/' } })
    expect(await reasonOf(redirect)).toBe('redirect')
    expect(await reasonOf(async () => new Response('{}', { status: 500 }))).toBe('status')
    expect(await reasonOf(async () => new Response('<html>'))).toBe('not_json')
    expect(await reasonOf(async () => new Response(new Uint8Array([0xff, 0xfe])))).toBe('not_json')
  })

  it('stops reading an endless body at the size cap', async () => {
    let pulled = 0
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++
        controller.enqueue(new Uint8Array(256).fill(0x20))
      },
    })
    expect(await reasonOf(async () => new Response(endless), 4096)).toBe('too_large')
    expect(pulled).toBeLessThan(40)
  })

  it('refuses a declared Content-Length over the cap without reading', async () => {
    expect(await reasonOf(async () => new Response('{}', { headers: { 'content-length': '999999' } }))).toBe(
      'too_large',
    )
  })

  it('gives up after the timeout', async () => {
    const hang: FetchLike = (_url, init) =>
      new Promise((_resolve, reject) => {
        init.signal?.addEventListener('abort', () => reject(init.signal?.reason))
      })
    expect(await reasonOf(hang, 1024, 50)).toBe('timeout')
  })

  it('gives up after the timeout when the body stalls after the headers, even if the stream ignores the abort', async () => {
    // Headers at once, then one byte and nothing more; the stream itself never notices the signal.
    const stall: FetchLike = async () =>
      new Response(
        new ReadableStream<Uint8Array>({
          start: (controller) => controller.enqueue(new TextEncoder().encode('{')),
          pull: () => new Promise<void>(() => {}),
        }),
      )
    expect(await reasonOf(stall, 1024, 50)).toBe('timeout')
  })

  it('keeps a transport failure out of its message and the body out of every error', async () => {
    const secretBody = `{"token":"${'s3cr3t'.repeat(8)}"`
    for (const fetch of [
      async () => {
        throw new TypeError('connect ECONNREFUSED 10.0.0.1:443')
      },
      async () => new Response(secretBody),
      async () => new Response(secretBody, { status: 400 }),
    ] satisfies FetchLike[]) {
      const err = await fetchJsonBounded(URL_, { fetch, maxBytes: 1024, timeoutMs: 1000 }).catch((e) => e)
      expect(err).toBeInstanceOf(BoundedFetchError)
      expect(`${err.message} ${String(err)} ${JSON.stringify(err)}`).not.toMatch(/ECONNREFUSED|s3cr3t/)
    }
  })
})
