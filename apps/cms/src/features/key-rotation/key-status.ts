/**
 * The key status an operator reads during a rotation: per sealed column, how many values carry each kid
 * (read from the value's text, never by trying keys), how many are under the primary key, under a
 * configured previous key, under a kid no configured key has, or not sealed values at all; and the next
 * step. "You can remove the previous key" needs two zero counts of the same keyring at least ten minutes
 * apart: every status read is recorded as an observation so the second look can prove the first.
 */
import type { Keyring } from '@alokai/crypto'
import { SEALED_COLUMNS } from './sealed-columns'
import { countByKid, listUnopenable } from './store'
import { recordObservation, zeroSince } from './store-runs'

/** Two zero observations at least this far apart before the previous key may go. */
const REMOVAL_WAIT_MS: number = 10 * 60 * 1000

/** One column's counts. */
interface ColumnStatus {
  table: string
  column: string
  total: number
  byKid: Record<string, number>
  onPrimary: number
  onPrevious: number
  /** Well-formed values whose kid no configured key has: nothing here can open them. */
  unknownKid: number
  /** Text that is not a sealed value at all. */
  malformed: number
}

/** What the operator should do next. */
type NextStepCode = 'rotate_when_needed' | 'rewrap' | 'wait' | 'remove_previous'

/** The whole status. */
export interface KeyStatus {
  primaryKid: string
  previousKids: string[]
  columns: ColumnStatus[]
  totals: { values: number; onPrimary: number; onPrevious: number; unknownKid: number; malformed: number }
  allOnPrimary: boolean
  /** Since when every count of this keyring has been zero (epoch ms), or null. */
  zeroSince: number | null
  nextStep: { code: NextStepCode; message: string }
  /** Problems that need a person, as fixed sentences with counts. */
  warnings: string[]
  /** With `listUnopenable`: where the values no configured key opens are (at most 100 per column). */
  unopenable?: { table: string; id: string; kid: string | null }[]
}

async function columnStatuses(db: D1Database, keyring: Keyring): Promise<ColumnStatus[]> {
  return Promise.all(
    SEALED_COLUMNS.map(async (col) => {
      const status: ColumnStatus = {
        table: col.table,
        column: col.column,
        total: 0,
        byKid: {},
        onPrimary: 0,
        onPrevious: 0,
        unknownKid: 0,
        malformed: 0,
      }
      for (const { kid, n } of await countByKid(db, col)) {
        status.total += n
        if (kid === null) status.malformed += n
        else {
          status.byKid[kid] = n
          if (kid === keyring.primaryKid) status.onPrimary += n
          else if (keyring.kids.includes(kid)) status.onPrevious += n
          else status.unknownKid += n
        }
      }
      return status
    }),
  )
}

function nextStep(
  previousKids: readonly string[],
  onPrevious: number,
  since: number | null,
  now: number,
): KeyStatus['nextStep'] {
  if (onPrevious > 0) {
    return {
      code: 'rewrap',
      message: `${onPrevious} values are still under a previous key: run POST /api/admin/keys/rewrap (pnpm keys:rewrap) until remaining is 0.`,
    }
  }
  if (previousKids.length === 0) {
    return {
      code: 'rotate_when_needed',
      message:
        'No previous key is configured and every readable value is under the primary key. To rotate, set a new TOKEN_ENCRYPTION_KEY together with the current one as TOKEN_ENCRYPTION_KEY_PREVIOUS in one `wrangler secret bulk`.',
    }
  }
  if (since === null || now - since < REMOVAL_WAIT_MS) {
    const at = new Date((since ?? now) + REMOVAL_WAIT_MS).toISOString()
    return {
      code: 'wait',
      message: `No value is under a previous key. Check this status again after ${at}: the previous key can go after two zero counts at least 10 minutes apart.`,
    }
  }
  return {
    code: 'remove_previous',
    message:
      'You can remove the previous key: `wrangler secret delete TOKEN_ENCRYPTION_KEY_PREVIOUS` (values no configured key opens stay unreadable either way).',
  }
}

/**
 * Reads the counts, records this observation, and says what to do next.
 * @example const status = await keyStatus(env.DB, keyring, { now: Date.now(), listUnopenable: false })
 */
export async function keyStatus(
  db: D1Database,
  keyring: Keyring,
  options: { now: number; listUnopenable: boolean },
): Promise<KeyStatus> {
  const columns = await columnStatuses(db, keyring)
  const totals = { values: 0, onPrimary: 0, onPrevious: 0, unknownKid: 0, malformed: 0 }
  for (const c of columns) {
    totals.values += c.total
    totals.onPrimary += c.onPrimary
    totals.onPrevious += c.onPrevious
    totals.unknownKid += c.unknownKid
    totals.malformed += c.malformed
  }
  const previousKids = keyring.kids.filter((kid) => kid !== keyring.primaryKid)
  const keyringName = `${keyring.primaryKid}|${previousKids.join(',')}`
  await recordObservation(db, { at: options.now, keyring: keyringName, onPrevious: totals.onPrevious })
  const since = totals.onPrevious === 0 ? await zeroSince(db, keyringName) : null
  const warnings: string[] = []
  const lost = totals.unknownKid + totals.malformed
  if (lost > 0) {
    warnings.push(
      `${lost} values cannot be opened by any configured key (list them with ?list=unopenable): replace them at their source (re-issue the API token, set the MCP bearer or probe secret again).`,
    )
  }
  const status: KeyStatus = {
    primaryKid: keyring.primaryKid,
    previousKids,
    columns,
    totals,
    allOnPrimary: totals.onPrimary === totals.values,
    zeroSince: since,
    nextStep: nextStep(previousKids, totals.onPrevious, since, options.now),
    warnings,
  }
  if (options.listUnopenable) {
    const lists = await Promise.all(
      SEALED_COLUMNS.map(async (col) =>
        (await listUnopenable(db, col, keyring.kids, 100)).map((r) => ({ table: col.table, ...r })),
      ),
    )
    status.unopenable = lists.flat()
  }
  return status
}
