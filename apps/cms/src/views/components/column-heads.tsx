/**
 * A table's header row: one `<th scope="col">` per column, so every table names its columns the same way
 * to a screen reader; a column of row actions can be named for screen readers only.
 */
import type { FC } from 'hono/jsx'

/** Props of {@link ColumnHeads}. */
export interface ColumnHeadsProps {
  /** The columns' names, in order; `false` leaves a column out (one the viewer does not get). */
  columns: readonly (string | false)[]
  /** A last column named for screen readers only (its cells are links or buttons that say enough). */
  hiddenLast?: string | false | undefined
}

/**
 * The `<thead>`.
 * @example <ColumnHeads columns={['Email', 'Role', canSee && 'Space']} hiddenLast="Actions" />
 */
export const ColumnHeads: FC<ColumnHeadsProps> = (p) => (
  <thead>
    <tr>
      {p.columns.map((name) => (name === false ? null : <th scope="col">{name}</th>))}
      {p.hiddenLast ? (
        <th scope="col">
          <span class="visually-hidden">{p.hiddenLast}</span>
        </th>
      ) : null}
    </tr>
  </thead>
)
