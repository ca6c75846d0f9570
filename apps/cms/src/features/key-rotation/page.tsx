/**
 * `/admin/keys`: the Encryption keys page for global admins. Status comes from the same `keyStatus` as
 * `GET /api/admin/keys`; "Rewrap now" / "Reseal now" run batches of the same pass logic as
 * `POST /api/admin/keys/*` (`service.ts`), a bounded number per request, and show progress
 * with a Continue button (the run id) while the pass is unfinished, so it works without JavaScript. A reseal
 * starts from a confirmation page that says what it is for. Each
 * POST answers 303 to the page with its progress in a single-use flash (`features/dashboard/flash.ts`): a reload
 * runs no second batch.
 */
import type { Context, Hono } from 'hono'
import type { UserCaller } from '../../domain/caller'
import type { CmsHono } from '../../http/hono-types'
import { authorize, requireCaller } from '../../http/identify'
import { redirectWithFlash, takeFlash } from '../dashboard/flash'
import { dashboardGroup, viewerOf } from '../dashboard/page-kit'
import { columnName, SEALED_COLUMNS } from './sealed-columns'
import { PrimaryKeyChanged, readKeyStatus, runKeyBatch } from './service'
import { AdminKeysPage, type AdminKeysProps, ResealConfirmPage } from './view'

// What each column holds, for the page (the view renders data; the registry is the service's).
const COLUMN_LABELS: Readonly<Record<string, string>> = Object.fromEntries(
  SEALED_COLUMNS.map((col) => [columnName(col), col.doc.label]),
)

const BATCH = 100
// Bounded work per request (D1 round trips and CPU): 10 × 100 values, then the page offers Continue.
const MAX_BATCHES = 10

type Extra = Pick<AdminKeysProps, 'progress' | 'problem'>
const PAGE = '/admin/keys'

async function currentStatus(c: Context<CmsHono>) {
  return readKeyStatus(c.var.scope, { listUnopenable: false })
}

async function render(c: Context<CmsHono>, caller: UserCaller) {
  const extra = await takeFlash<Extra>(c, caller)
  const status = await currentStatus(c)
  return c.html(
    <AdminKeysPage
      viewer={await viewerOf(c, caller)}
      status={status}
      columnLabels={COLUMN_LABELS}
      {...extra}
    />,
  )
}

async function pass(c: Context<CmsHono>, kind: 'rewrap' | 'reseal'): Promise<Response> {
  const caller = await requireCaller(c)
  const raw = (await c.req.parseBody()).run
  let run = typeof raw === 'string' && /^[1-9][0-9]{0,15}$/.test(raw) ? Number(raw) : undefined
  let done = 0
  let failed = 0
  let batches = 0
  try {
    for (;;) {
      const report = await runKeyBatch(c.var.scope, caller, kind, { run, limit: BATCH })
      run = report.run
      batches++
      done += report.done
      failed += report.failed.length
      if (report.complete || batches >= MAX_BATCHES) {
        return redirectWithFlash<Extra>(c, PAGE, { progress: { report, batches, done, failed } })
      }
    }
  } catch (err) {
    if (err instanceof PrimaryKeyChanged) {
      const problem = 'The primary key changed since that run started: start it again.'
      return redirectWithFlash<Extra>(c, PAGE, { problem })
    }
    throw err
  }
}

/** The key pages, mounted at `/admin/keys`. */
export const keyRotationPages: Hono<CmsHono> = dashboardGroup()

keyRotationPages.get('/', authorize('keys.status'), async (c) => render(c, await requireCaller(c)))
keyRotationPages.post('/rewrap', authorize('keys.rewrap'), (c) => pass(c, 'rewrap'))
keyRotationPages.get('/reseal', authorize('keys.reseal'), async (c) => {
  const caller = await requireCaller(c)
  const status = await currentStatus(c)
  return c.html(<ResealConfirmPage viewer={await viewerOf(c, caller)} values={status.totals.values} />)
})
keyRotationPages.post('/reseal', authorize('keys.reseal'), (c) => pass(c, 'reseal'))
