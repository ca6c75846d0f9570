import { describe, expect, it } from 'vitest'
import { type BodyMessage, readBodyCapped } from './read-body-capped.ts'

/** A source that hands out `chunks` one pull at a time and records what the reader did to it. */
function source(chunks: Uint8Array[], options: { stallAfter?: boolean; cancelThrows?: boolean } = {}) {
  const seen = { pulls: 0, cancelled: false }
  let next = 0
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        seen.pulls++
        const chunk = chunks[next++]
        if (chunk !== undefined) controller.enqueue(chunk)
        else if (!options.stallAfter) controller.close()
      },
      cancel() {
        seen.cancelled = true
        if (options.cancelThrows) throw new Error('upstream refused to stop')
      },
    },
    // Nothing is pulled before the reader asks, so `pulls` counts exactly the reads made.
    { highWaterMark: 0 },
  )
  return { stream, seen }
}

function message(body: ReadableStream<Uint8Array> | null, contentLength?: string): BodyMessage {
  const headers = new Headers(contentLength === undefined ? {} : { 'content-length': contentLength })
  return { body, headers }
}

const bytes = (n: number, fill = 0x61) => new Uint8Array(n).fill(fill)

describe('readBodyCapped', () => {
  it('accepts a body of exactly maxBytes, its chunks joined in order', async () => {
    const { stream, seen } = source([bytes(4, 1), bytes(4, 2), bytes(2, 3)])
    const read = await readBodyCapped(message(stream, '10'), 10)
    expect(read).toEqual({ ok: true, bytes: new Uint8Array([1, 1, 1, 1, 2, 2, 2, 2, 3, 3]) })
    expect(seen.cancelled).toBe(false)
  })

  it('refuses maxBytes + 1 at the chunk that passes the cap, cancels the stream and reads no further', async () => {
    const { stream, seen } = source([bytes(10), bytes(1), bytes(500), bytes(500)])
    expect(await readBodyCapped(message(stream), 10)).toEqual({ ok: false, reason: 'too_large' })
    expect(seen.pulls).toBe(2)
    expect(seen.cancelled).toBe(true)
  })

  it('refuses a declared content-length over the cap before reading a byte', async () => {
    const { stream, seen } = source([bytes(3)])
    expect(await readBodyCapped(message(stream, '11'), 10)).toEqual({ ok: false, reason: 'too_large' })
    expect(seen.pulls).toBe(0)
    expect(seen.cancelled).toBe(true)
  })

  it('ignores a content-length that is not a finite number and trusts the stream count instead', async () => {
    for (const declared of ['Infinity', 'lots', '']) {
      const { stream } = source([bytes(3)])
      expect(await readBodyCapped(message(stream, declared), 10)).toEqual({ ok: true, bytes: bytes(3) })
    }
  })

  it('reads a null body as no bytes, unless its declared length is over the cap', async () => {
    expect(await readBodyCapped(message(null), 10)).toEqual({ ok: true, bytes: new Uint8Array(0) })
    expect(await readBodyCapped(message(null, '11'), 10)).toEqual({ ok: false, reason: 'too_large' })
  })

  it('ends a stalled body when the signal fires, and cancels it', async () => {
    const { stream, seen } = source([bytes(3)], { stallAfter: true })
    const started = Date.now()
    const read = await readBodyCapped(message(stream), 10, { signal: AbortSignal.timeout(50) })
    expect(read).toEqual({ ok: false, reason: 'aborted' })
    expect(Date.now() - started).toBeLessThan(2_000)
    expect(seen.pulls).toBe(2)
    expect(seen.cancelled).toBe(true)
  })

  it('reads nothing more once the signal has already fired', async () => {
    const { stream, seen } = source([bytes(3)], { stallAfter: true })
    const read = await readBodyCapped(message(stream), 10, { signal: AbortSignal.abort() })
    expect(read).toEqual({ ok: false, reason: 'aborted' })
    expect(seen.cancelled).toBe(true)
  })

  it('reports a failing stream as unreadable with its error, and a locked one too', async () => {
    const failure = new TypeError('connection reset')
    const failing = new ReadableStream<Uint8Array>({ pull: (c) => c.error(failure) })
    expect(await readBodyCapped(message(failing), 10)).toEqual({
      ok: false,
      reason: 'unreadable',
      cause: failure,
    })
    const { stream } = source([bytes(3)])
    stream.getReader()
    expect(await readBodyCapped(message(stream), 10)).toMatchObject({ ok: false, reason: 'unreadable' })
  })

  it('leaves no unhandled rejection when the upstream refuses to be cancelled', async () => {
    const declared = source([bytes(3)], { cancelThrows: true })
    expect(await readBodyCapped(message(declared.stream, '11'), 2)).toEqual({
      ok: false,
      reason: 'too_large',
    })
    const streamed = source([bytes(3)], { cancelThrows: true })
    expect(await readBodyCapped(message(streamed.stream), 2)).toEqual({ ok: false, reason: 'too_large' })
    expect(streamed.seen.cancelled).toBe(true)
  })

  it('reads a real Response', async () => {
    const read = await readBodyCapped(new Response('{"keys":[]}'), 64)
    expect(read.ok && new TextDecoder().decode(read.bytes)).toBe('{"keys":[]}')
  })
})
