import type { FetchLike } from '@alokai/internal'
import { describe, expect, it } from 'vitest'
import { isOidcError } from '../src/errors.ts'
import { fetchJson } from '../src/internal/fetch-json.ts'

const URL_ = 'https://idp.test/jwks'

async function detailOf(fetch: FetchLike, maxBytes = 1024, timeoutMs = 1000): Promise<string | undefined> {
  try {
    await fetchJson(URL_, { fetch, maxBytes, timeoutMs })
  } catch (err) {
    if (isOidcError(err, 'ERR_JWKS_FETCH')) return err.detail
    throw err
  }
  return 'accepted'
}

describe('fetchJson', () => {
  it('asks for no redirects, JSON and a timeout signal, and returns the body and freshness', async () => {
    let seen: RequestInit | undefined
    const result = await fetchJson(URL_, {
      fetch: async (_url, init) => {
        seen = init
        return new Response('{"keys":[]}', { headers: { 'cache-control': 'max-age=900' } })
      },
      maxBytes: 1024,
      timeoutMs: 1000,
    })
    expect(result).toEqual({ json: { keys: [] }, ttlSeconds: 900 })
    expect(seen?.redirect).toBe('manual')
    expect(seen?.signal).toBeInstanceOf(AbortSignal)
  })

  it('refuses redirects', async () => {
    const redirect = async () =>
      new Response(null, { status: 302, headers: { location: 'https://evil.test/' } })
    expect(await detailOf(redirect)).toBe('redirect refused')
  })

  it('refuses non-200 answers and non-JSON bodies', async () => {
    expect(await detailOf(async () => new Response('{}', { status: 500 }))).toBe('unexpected response status')
    expect(await detailOf(async () => new Response('<html>'))).toBe('response is not JSON')
    expect(await detailOf(async () => new Response(new Uint8Array([0xff, 0xfe])))).toBe(
      'response is not JSON',
    )
  })

  it('stops reading an endless body at the size cap', async () => {
    let pulled = 0
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++
        controller.enqueue(new Uint8Array(256).fill(0x20))
      },
    })
    expect(await detailOf(async () => new Response(endless), 4096)).toBe('response body too large')
    expect(pulled).toBeLessThan(40)
  })

  it('refuses a declared Content-Length over the cap without reading', async () => {
    const big = async () => new Response('{}', { headers: { 'content-length': '999999' } })
    expect(await detailOf(big)).toBe('response body too large')
  })

  it('gives up after the timeout', async () => {
    const hang: FetchLike = (_url, init) =>
      new Promise((_resolve, reject) => {
        init.signal?.addEventListener('abort', () => reject(init.signal?.reason))
      })
    expect(await detailOf(hang, 1024, 50)).toBe('request timed out')
  })

  it('reports a network failure without its details in the message', async () => {
    try {
      await fetchJson(URL_, {
        fetch: async () => {
          throw new TypeError('connect ECONNREFUSED 10.0.0.1:443')
        },
        maxBytes: 1,
        timeoutMs: 1,
      })
      expect.unreachable()
    } catch (err) {
      expect(err).toMatchObject({ code: 'ERR_JWKS_FETCH', detail: 'request failed' })
      expect((err as Error).message).not.toContain('10.0.0.1')
    }
  })
})
