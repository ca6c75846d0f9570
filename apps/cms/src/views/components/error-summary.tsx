/**
 * The error summary above a form that came back with field errors: a 303 after a failed submit lands on
 * `#form-errors` (or the id a page with several forms gives each), and the box is focusable (`tabindex="-1"`), so the browser scrolls to it and moves focus
 * into it instead of leaving the reader at the top of a long page. Each line links to its field, by the
 * id `Field` gives it (`fieldId`) unless the page names another.
 */
import type { FC } from 'hono/jsx'
import { type FieldErrors, fieldId } from './form'

/** The fragment a failed submit redirects to. */
export const FORM_ERRORS_ID = 'form-errors'

/** Props of {@link ErrorSummary}. */
export interface ErrorSummaryProps {
  errors: FieldErrors | undefined
  /** The id of a field's input where it is not `fieldId(name, idSuffix)`, by field name. */
  fieldIds?: Record<string, string>
  /** The fields' `idSuffix`, where the page has several forms with fields of the same name. */
  idSuffix?: string
  /** The box's id, the fragment a failed submit lands on; another one where a page has several forms. @default 'form-errors' */
  id?: string
}

/**
 * The box, or nothing when there is no error.
 * @example <ErrorSummary errors={form.errors} />
 * @example <ErrorSummary id={`errors-${id}`} errors={edit.errors} idSuffix={id} />
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
          <li>
            <a href={`#${p.fieldIds?.[field] ?? fieldId(field, p.idSuffix)}`}>{message}</a>
          </li>
        ))}
      </ul>
    </section>
  )
}
