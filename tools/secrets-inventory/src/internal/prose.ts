/**
 * Hand-written prose inside a generated page: blocks between `<!-- prose:NAME:start -->` and
 * `<!-- prose:NAME:end -->` are read from the committed file and put back on regeneration, so an engineer
 * can add context without the generator or the stale-file audit undoing it.
 */

const BLOCK = /<!-- prose:([a-z0-9-]+):start -->\n([\s\S]*?)<!-- prose:\1:end -->/g

/** The prose blocks of a page by name, each body without its markers (ends with a newline or is empty). */
export function readProse(page: string): Map<string, string> {
  const blocks = new Map<string, string>()
  for (const match of page.matchAll(BLOCK)) {
    if (!blocks.has(match[1]!)) blocks.set(match[1]!, match[2]!)
  }
  return blocks
}

/** Renders one block: the kept body when the page had one, else the default text. */
export function proseBlock(name: string, kept: ReadonlyMap<string, string>, fallback: string): string {
  const body = kept.get(name) ?? (fallback === '' ? '' : `${fallback.trimEnd()}\n`)
  return `<!-- prose:${name}:start -->\n${body}<!-- prose:${name}:end -->`
}
