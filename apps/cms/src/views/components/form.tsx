/**
 * Form building blocks: the CSRF field, a labelled input with its hint and its server-side error (tied by
 * `aria-describedby`, flagged with `aria-invalid`), and a notice box. Values are escaped by JSX; secret
 * inputs never take a `value`.
 */
import type { Child, FC } from 'hono/jsx'

/** Field errors by field name. */
export type FieldErrors = Record<string, string | undefined>

/**
 * The hidden CSRF token every form carries.
 * @example <CsrfField token={csrf} />
 */
export const CsrfField: FC<{ token: string }> = ({ token }) => (
  <input type="hidden" name="csrf_token" value={token} />
)

/**
 * The id of a field's input: `f-<name>`, or `f-<name>-<suffix>` where one page has several of that name.
 * The error summary links to it by the same rule.
 * @example fieldId('url', 'mcp_…') // 'f-url-mcp_…'
 */
export function fieldId(name: string, idSuffix?: string): string {
  return `f-${name}${idSuffix ? `-${idSuffix}` : ''}`
}

/** Props of {@link Field}. */
export interface FieldProps {
  /** The form field's name; also the id prefix. */
  name: string
  label: string
  /** Distinguishes fields of the same name on one page. @default '' */
  idSuffix?: string
  type?: 'text' | 'email' | 'password' | 'url'
  /** Never pass a secret here. @default '' */
  value?: string | undefined
  hint?: Child
  error?: string | undefined
  required?: boolean
  autocomplete?: string
  placeholder?: string
}

/**
 * A labelled input with its hint and error.
 * @example <Field name="url" label="URL" type="url" value={url} error={errors.url} required />
 */
export const Field: FC<FieldProps> = (p) => {
  const id = fieldId(p.name, p.idSuffix)
  const described = [p.hint ? `${id}-hint` : '', p.error ? `${id}-error` : ''].filter(Boolean).join(' ')
  return (
    <div class="field">
      <label for={id}>{p.label}</label>
      <input
        id={id}
        name={p.name}
        type={p.type ?? 'text'}
        value={p.value ?? ''}
        required={p.required}
        autocomplete={p.autocomplete}
        placeholder={p.placeholder}
        aria-invalid={p.error ? 'true' : undefined}
        aria-describedby={described || undefined}
      />
      {p.hint ? (
        <p class="hint" id={`${id}-hint`}>
          {p.hint}
        </p>
      ) : null}
      {p.error ? (
        <p class="error" id={`${id}-error`}>
          {p.error}
        </p>
      ) : null}
    </div>
  )
}

/**
 * A notice box (`role="status"` for results, `role="alert"` for failures).
 * @example <Notice tone="ok">Saved.</Notice>
 */
export const Notice: FC<{ tone?: 'ok' | 'bad' | 'warn' | 'info'; children?: Child }> = ({
  tone,
  children,
}) => (
  <div class={`notice ${tone ?? ''}`} role={tone === 'bad' ? 'alert' : 'status'}>
    {children}
  </div>
)
