/**
 * Markdown helpers shared by the secrets page renderer: table cells that stay on one line and cannot be
 * ended early by a `|`, inline code, and tables. Inputs come from definitions, never from an env.
 */

/** Keeps a cell on one line and stops a `|` from ending it early. */
export function cell(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/\\/g, '\\\\').replace(/\|/g, '\\|')
}

/** Inline code. */
export function code(text: string): string {
  return `\`${text}\``
}

/** A Markdown table with a header row; every cell escaped. Ends without a newline. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]): string => `| ${cells.map(cell).join(' | ')} |`
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n')
}

// Built in two parts so no source line holds a literal "$" + "{" (a GitHub expression, not a template).
const OPEN = ['$', '{{'].join('')

/** A GitHub Actions expression as text: `secrets.X` → the `secrets.X` expression in its braces. */
export function ghExpression(inner: string): string {
  return `${OPEN} ${inner} }}`
}
