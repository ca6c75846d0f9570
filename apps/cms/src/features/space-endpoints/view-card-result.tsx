/**
 * Where a POST on a space endpoints page lands: the card it is about. A call, a save or an add answers 303
 * to `<page>#result-<id>`, and the card shows its result there, in a region that is the fragment's target
 * and focusable (`tabindex="-1"`), so the browser scrolls to it and moves focus into it, without
 * JavaScript; a refused save lands on the card's error summary (`#errors-<id>`). The region is a live
 * `status` (an `alert` for a failure) named by the card's heading and the result, so a screen reader says
 * which endpoint and what happened when focus arrives.
 */
import type { Child, FC } from 'hono/jsx'

/** What a card says once after a POST: a call's result, a saved or added notice. */
export interface CardNotice {
  tone: 'ok' | 'warn' | 'bad'
  text: Child
}

/**
 * The id of a card's result region, the fragment a call, save or add lands on.
 * @example c.redirect(`${page}#${resultId(row.id)}`, 303)
 */
export const resultId = (id: string): string => `result-${id}`

/**
 * The id of a card's edit error summary, the fragment a refused save lands on.
 * @example <ErrorSummary id={errorsId(v.id)} errors={edit.errors} idSuffix={v.id} />
 */
export const errorsId = (id: string): string => `errors-${id}`

const SECRET_AGAIN = 'Enter the secret again: it is not kept when a form comes back with a problem.'

/**
 * A secret field's hint; after a refused form in which a secret was typed (`again`), first the request to
 * enter it again: the page never shows a secret back (else the retry would save without it, or keep the
 * old one, without a word).
 * @example <Field name="secret" type="password" hint={secretHint('Leave empty for none.', form?.secretTyped)} />
 */
export function secretHint(hint: string, again: boolean | undefined): string {
  return again ? `${SECRET_AGAIN} ${hint}` : hint
}

/**
 * A card's one-time result, the landing point of the POST's redirect.
 * @example <CardResult id={v.id} headingId={`mcp-${v.id}`} notice={{ tone: 'ok', text: 'Saved.' }} />
 */
export const CardResult: FC<{ id: string; headingId: string; notice: CardNotice }> = (p) => {
  const own = resultId(p.id)
  const text = <span id={`${own}-text`}>{p.notice.text}</span>
  const shared = { class: `notice ${p.notice.tone} card-result`, id: own, tabindex: -1 }
  const name = `${p.headingId} ${own}-text`
  // Two literal roles, so each element's naming is checked against its own role.
  return p.notice.tone === 'bad' ? (
    <div role="alert" aria-labelledby={name} {...shared}>
      {text}
    </div>
  ) : (
    <div role="status" aria-labelledby={name} {...shared}>
      {text}
    </div>
  )
}
