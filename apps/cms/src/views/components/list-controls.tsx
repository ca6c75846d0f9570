/**
 * The controls of a long dashboard list (API tokens, users): a search box that is a plain GET form (`?q=`,
 * so a result is a link and works without JavaScript) and a pager with Newer/Older and numbered pages. The
 * page builds every link through its own `href`, so the other query parameters survive a page change.
 */
import type { FC } from 'hono/jsx'

/** Props of {@link SearchForm}. */
export interface SearchFormProps {
  /** The list's address (the form's GET action). */
  action: string
  /** What is searched, for the label: `Search tokens by name`. */
  label: string
  /** The current search text. */
  q: string
  /** Distinguishes the input's id when a page has two searches. @default 'q' */
  id?: string
}

/**
 * A GET search form with a Clear link while a search is active.
 * @example <SearchForm action={base} label="Search tokens by name" q={query.q} />
 */
export const SearchForm: FC<SearchFormProps> = (p) => {
  const id = `f-${p.id ?? 'q'}`
  return (
    <search>
      <form method="get" action={p.action} class="search">
        <label for={id}>{p.label}</label>
        <input id={id} name="q" type="search" value={p.q} maxlength={100} autocomplete="off" />{' '}
        <button type="submit">Search</button>
        {p.q !== '' ? (
          <>
            {' '}
            <a href={p.action}>Clear search</a>
          </>
        ) : null}
      </form>
    </search>
  )
}

/** Props of {@link Pager}. */
export interface PagerProps {
  /** Names the navigation landmark: `Pages of live tokens`. */
  label: string
  /** The current page, from 1. */
  page: number
  /** How many pages there are (at least 1). */
  pages: number
  /** The address of page `n`. */
  href: (n: number) => string
}

// Past this many pages the numbers shown are the first, the last and the two around the current page.
const ALL_NUMBERS_UP_TO = 9

function numbersShown(page: number, pages: number): number[] {
  if (pages <= ALL_NUMBERS_UP_TO) return Array.from({ length: pages }, (_, i) => i + 1)
  const around = [1, page - 2, page - 1, page, page + 1, page + 2, pages]
  return [...new Set(around.filter((n) => n >= 1 && n <= pages))].sort((a, b) => a - b)
}

/**
 * Newer/Older and numbered page links; nothing at all when everything fits on one page.
 * @example <Pager label="Pages of live tokens" page={2} pages={3} href={(n) => `${base}?page=${n}`} />
 */
export const Pager: FC<PagerProps> = (p) => {
  if (p.pages <= 1) return null
  return (
    <nav class="pager" aria-label={p.label}>
      {p.page > 1 ? <a href={p.href(p.page - 1)}>← Newer</a> : null}
      {numbersShown(p.page, p.pages).map((n) =>
        n === p.page ? (
          <a href={p.href(n)} aria-current="page">
            <span class="visually-hidden">Page </span>
            {n}
          </a>
        ) : (
          <a href={p.href(n)}>
            <span class="visually-hidden">Page </span>
            {n}
          </a>
        ),
      )}
      {p.page < p.pages ? <a href={p.href(p.page + 1)}>Older →</a> : null}
    </nav>
  )
}
