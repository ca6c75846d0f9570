/**
 * The error summary above a form that came back with field errors: a 303 after a failed submit lands on
 * `#form-errors` (or the id a page with several forms gives each), and the box is focusable (`tabindex="-1"`), so the browser scrolls to it and moves focus
 * into it instead of leaving the reader at the top of a long page. Each line links to its field.
 */
import type { FC } from 'hono/jsx'
import type { FieldErrors } from './form'

/** The fragment a failed submit redirects to. */
export const FORM_ERRORS_ID = 'form-errors'

/** Props of {@link ErrorSummary}. */
export interface ErrorSummaryProps {
  errors: FieldErrors | undefined
  /** The id of each field's input, by field name (a link per error). */
  fieldIds: Record<string, string>
  /** The box's id, the fragment a failed submit lands on; another one where a page has several forms. @default 'form-errors' */
  id?: string
}

/**
 * The box, or nothing when there is no error.
 * @example <ErrorSummary errors={form.errors} fieldIds={{ name: 'f-name' }} />
 * @example <ErrorSummary id={`errors-${id}`} errors={edit.errors} fieldIds={{ url: `f-url-${id}` }} />
 */
export const ErrorSummary: FC<ErrorSummaryProps> = (p) => {
  const lines = Object.entries(p.errors ?? {}).filter((e): e is [string, string] => e[1] !== undefined)
  if (lines.length === 0) return null
  const id = p.id ?? FORM_ERRORS_ID
  return (
    <section class="notice bad" id={id} tabindex={-1} aria-labelledby={`${id}-title`}>
      <p id={`${id}-title`}>
        <strong>Fix {lines.length === 1 ? 'this' : 'these'} to continue:</strong>
      </p>
      <ul>
        {lines.map(([field, message]) => (
          <li>{p.fieldIds[field] ? <a href={`#${p.fieldIds[field]}`}>{message}</a> : message}</li>
        ))}
      </ul>
    </section>
  )
}
