/**
 * The one way the packages and the CMS read a response body they did not choose the size of: a declared
 * `content-length` over the cap is refused before a byte is read, the stream is read chunk by chunk and
 * refused as soon as the running total passes the cap (so a huge or endless body costs bounded memory), and
 * an optional signal ends a stalled read even where the runtime does not abort the body stream itself. It
 * never throws: the caller maps each failure to its own vocabulary. A body that is not read to its end
 * (refused, aborted, errored) is cancelled, and nothing is left to reject unhandled.
 */

/** A response (or request) whose body is to be read: what {@link readBodyCapped} looks at. */
export interface BodyMessage {
  /** The body stream; `null` reads as no bytes. */
  readonly body: ReadableStream<Uint8Array> | null
  /** Its `content-length`, when present and a finite number, is checked against the cap first. */
  readonly headers: Headers
}

/** Options of {@link readBodyCapped}. */
export interface ReadBodyOptions {
  /** Stop reading when this aborts (the caller's deadline), whether or not the stream notices. */
  signal?: AbortSignal | undefined
}

/**
 * The outcome of {@link readBodyCapped}: the whole body, or why not. `too_large`: declared or streamed
 * past the cap; `aborted`: the signal fired first; `unreadable`: the stream failed, `cause` is its error
 * (inspect it to classify, never show it).
 */
export type CappedBody =
  | { ok: true; bytes: Uint8Array }
  | { ok: false; reason: 'too_large' | 'aborted' }
  | { ok: false; reason: 'unreadable'; cause: unknown }

const ABORTED = Symbol('aborted')

/** A promise that settles with {@link ABORTED} once `signal` aborts, and a way to stop listening. */
function whenAborted(signal: AbortSignal | undefined): {
  aborted: Promise<typeof ABORTED>
  stop: () => void
} {
  if (signal === undefined) return { aborted: new Promise<never>(() => {}), stop: () => {} }
  if (signal.aborted) return { aborted: Promise.resolve(ABORTED), stop: () => {} }
  let onAbort = (): void => {}
  const aborted = new Promise<typeof ABORTED>((resolve) => {
    onAbort = () => resolve(ABORTED)
    signal.addEventListener('abort', onAbort, { once: true })
  })
  return { aborted, stop: () => signal.removeEventListener('abort', onAbort) }
}

function concat(chunks: Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total)
  let offset = 0
  for (const chunk of chunks) {
    out.set(chunk, offset)
    offset += chunk.byteLength
  }
  return out
}

/**
 * Reads `message`'s body, at most `maxBytes` of it (a body of exactly `maxBytes` is accepted).
 *
 * @example
 * ```ts
 * const read = await readBodyCapped(response, 1024 * 1024, { signal: deadline.signal })
 * if (!read.ok) return { ok: false, reason: read.reason === 'too_large' ? 'too_large' : 'timeout' }
 * const text = new TextDecoder().decode(read.bytes)
 * ```
 */
export async function readBodyCapped(
  message: BodyMessage,
  maxBytes: number,
  options: ReadBodyOptions = {},
): Promise<CappedBody> {
  const declared = Number(message.headers.get('content-length') ?? Number.NaN)
  if (Number.isFinite(declared) && declared > maxBytes) {
    message.body?.cancel().catch(() => {})
    return { ok: false, reason: 'too_large' }
  }
  if (message.body === null) return { ok: true, bytes: new Uint8Array(0) }
  let reader: ReadableStreamDefaultReader<Uint8Array>
  try {
    reader = message.body.getReader()
  } catch (cause) {
    // Already locked or read by someone else.
    return { ok: false, reason: 'unreadable', cause }
  }
  const { aborted, stop } = whenAborted(options.signal)
  const chunks: Uint8Array[] = []
  let total = 0
  try {
    for (;;) {
      // The read comes first in the race: a chunk already queued is taken, as a plain read would take it.
      const step = await Promise.race([reader.read(), aborted])
      if (step === ABORTED) return { ok: false, reason: 'aborted' }
      if (step.done) break
      total += step.value.byteLength
      if (total > maxBytes) return { ok: false, reason: 'too_large' }
      chunks.push(step.value)
    }
  } catch (cause) {
    return { ok: false, reason: 'unreadable', cause }
  } finally {
    stop()
    // After the end this is a no-op; otherwise it tells the upstream to stop sending. Not awaited: a
    // stalled source's cancel must not hold the caller past its deadline.
    reader.cancel().catch(() => {})
  }
  return { ok: true, bytes: concat(chunks, total) }
}
