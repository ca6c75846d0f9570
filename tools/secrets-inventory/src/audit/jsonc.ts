/**
 * A small, tolerant JSONC reader for `wrangler.jsonc`: line and block comments and trailing commas are
 * removed outside strings, then `JSON.parse` does the rest. Wrangler accepts exactly these extensions.
 */

/** The index of the next character that is neither whitespace nor inside a comment. */
function skipBlank(text: string, from: number): number {
  let i = from
  while (i < text.length) {
    if (/\s/.test(text[i]!)) i++
    else if (text.startsWith('//', i)) i = text.includes('\n', i) ? text.indexOf('\n', i) : text.length
    else if (text.startsWith('/*', i))
      i = text.includes('*/', i + 2) ? text.indexOf('*/', i + 2) + 2 : text.length
    else return i
  }
  return i
}

/**
 * Removes comments and trailing commas from JSONC text, leaving strings untouched and keeping line breaks
 * (so a parse error's position still points at the right line).
 *
 * @example
 * ```ts
 * stripJsonc('{ "a": 1, // one\n }') // '{ "a": 1        \n }'
 * ```
 */
export function stripJsonc(text: string): string {
  let out = ''
  let i = 0
  while (i < text.length) {
    const ch = text[i]!
    if (ch === '"') {
      const start = i++
      while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1
      out += text.slice(start, ++i)
    } else if (ch === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++
    } else if (ch === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2)
      const stop = end === -1 ? text.length : end + 2
      out += text.slice(i, stop).replace(/[^\n]/g, ' ')
      i = stop
    } else if (ch === ',') {
      // A comma followed only by whitespace and comments, then } or ], is a trailing comma.
      const next = text[skipBlank(text, i + 1)]
      out += next === '}' || next === ']' ? ' ' : ','
      i++
    } else {
      out += ch
      i++
    }
  }
  return out
}

/**
 * Parses JSONC; throws `SyntaxError` naming only the line when the text is not valid JSONC.
 *
 * @example
 * ```ts
 * parseJsonc('{ "vars": { "ENVIRONMENT": "production", }, }') // { vars: { ENVIRONMENT: 'production' } }
 * ```
 */
export function parseJsonc(text: string): unknown {
  const json = stripJsonc(text)
  try {
    return JSON.parse(json)
  } catch (error) {
    // V8's message can quote the text around the error (`..."A":supersecre"...`), and a wrangler config may
    // hold a secret by mistake: only the line is kept, and the original error is not attached as a cause.
    const at = /at position (\d+)/.exec((error as Error).message)?.[1]
    const line = at === undefined ? '' : ` (line ${json.slice(0, Number(at)).split('\n').length})`
    throw new SyntaxError(`not valid JSONC${line}`)
  }
}
