/**
 * `/admin/invitations`: the global admins' page of roles granted by email, on the same service and behind
 * the same `authorize` actions as `/api/admin/invitations` — the pending invitations, an invite (the
 * global admin role after a confirmation page), and a revoke after a confirmation page. Every POST answers
 * 303 to the page with its result (`#result`) or the refused form as typed (`#form-errors`), in a
 * single-use flash; a form sent back (refused, or awaiting its confirmation) records nothing.
 */
import type { Context, Hono } from 'hono'
import type { UserCaller } from '../../domain/caller'
import { Conflict, NotFound } from '../../domain/errors'
import type { CmsHono } from '../../http/hono-types'
import { authorize, requireCaller } from '../../http/identify'
import { idParam } from '../../http/params'
import { HttpProblem } from '../../http/problem'
import { FORM_ERRORS_ID } from '../../views/components/error-summary'
import type { FieldErrors } from '../../views/components/form'
import { RESULT_ID } from '../../views/components/result-notice'
import { redirectWithFlash, takeFlash } from '../dashboard/flash'
import { viewerOf } from '../dashboard/page-kit'
import { findSpace, listSpaces } from '../spaces/service'
import { emailField } from './email-field'
import {
  grantByEmail,
  grantByEmailBody,
  pendingInvitation,
  pendingInvitations,
  withdrawInvitation,
} from './invitations'
import { userLabels } from './service-labels'
import {
  InvitationsPage,
  type InvitationsProps,
  InviteGlobalAdminPage,
  RevokeInvitationPage,
} from './view-invitations'
import { grantChoiceFields, roleInWords } from './view-roles'

type Extra = Pick<InvitationsProps, 'notice' | 'form'>

const PAGE = '/admin/invitations'
const CHOOSE_ROLE = 'Choose a role from the list'
// A grant by email records `roles.grant` (target: the user, or the invitation); a revoke `roles.revoke`.
const GRANT = { audit: { action: 'roles.grant' } } as const
const WITHDRAW = { audit: { action: 'roles.revoke' } } as const

/** The form's fields as typed, and the API body they make (`grant` is the picker's choice, `view-roles.tsx`). */
async function inviteForm(c: Context<CmsHono>) {
  const raw = await c.req.parseBody()
  const text = (k: string) => (typeof raw[k] === 'string' ? (raw[k] as string) : '')
  const typed = { email: text('email'), grant: text('grant') }
  const body = { email: typed.email, ...grantChoiceFields(typed.grant) }
  return { typed, body, confirmed: text('confirmed') === 'yes' }
}

/** What is wrong with the form, by field (the email checked on its own, so both can be said at once). */
function formErrors(typed: { email: string }, issues: readonly { path: PropertyKey[] }[]): FieldErrors {
  const errors: FieldErrors = {}
  if (!emailField.safeParse(typed.email).success) errors.email = 'Enter an email address'
  if (issues.some((i) => i.path[0] !== 'email')) errors.grant = CHOOSE_ROLE
  return errors
}

const invitationId = (c: Context<CmsHono>): string => idParam(c, 'invitationId', 'inv', 'No such invitation')

async function spaceNames(c: Context<CmsHono>, caller: UserCaller): Promise<Map<string, string>> {
  const spaces = await listSpaces(c.var.scope, { userId: caller.userId, all: true })
  return new Map(spaces.map((s) => [s.id, s.name]))
}

/**
 * Registers the invitation pages on the admin group (mounted at `/admin`).
 * @example addInvitationPages(usersPages)
 */
export function addInvitationPages(group: Hono<CmsHono>): void {
  group.get('/invitations', authorize('roles.grant'), async (c) => {
    const caller = await requireCaller(c)
    const extra = await takeFlash<Extra>(c, caller)
    const [invitations, spaces] = await Promise.all([
      pendingInvitations(c.var.scope),
      listSpaces(c.var.scope, { userId: caller.userId, all: true }),
    ])
    // Who invited, in one read (an invitation made by the command line has nobody).
    const invitedBy = await userLabels(
      c.var.scope,
      invitations.flatMap((i) => (i.invitedBy ? [i.invitedBy] : [])),
    )
    const viewer = await viewerOf(c, caller)
    return c.html(
      <InvitationsPage
        viewer={viewer}
        invitations={invitations}
        invitedBy={invitedBy}
        spaces={spaces}
        {...extra}
      />,
    )
  })

  group.post('/invitations', authorize('roles.grant', GRANT), async (c) => {
    const caller = await requireCaller(c)
    const { typed, body, confirmed } = await inviteForm(c)
    const refused = (errors: FieldErrors) =>
      redirectWithFlash<Extra>(c, `${PAGE}#${FORM_ERRORS_ID}`, { form: { ...typed, errors } })
    const parsed = grantByEmailBody.safeParse(body)
    if (!parsed.success) return refused(formErrors(typed, parsed.error.issues))
    const grant = parsed.data
    if (grant.scope === 'global' && !confirmed) {
      // The global admin role is everything: choosing it in the picker only asks.
      return c.html(<InviteGlobalAdminPage viewer={await viewerOf(c, caller)} email={grant.email} />)
    }
    const space = grant.scope === 'space' ? await findSpace(c.var.scope, grant.spaceId) : null
    let result: Awaited<ReturnType<typeof grantByEmail>>
    try {
      result = await grantByEmail(c.var.scope, caller, grant)
    } catch (err) {
      if (err instanceof Conflict) return refused({ email: err.message })
      // The space was deleted while the form was open.
      if (err instanceof NotFound) return refused({ grant: CHOOSE_ROLE })
      throw err
    }
    const role =
      grant.scope === 'global' ? 'global admin' : `${grant.role} of ${space?.name ?? grant.spaceId}`
    const email = grant.email.toLowerCase()
    const text =
      result.status === 'invited'
        ? `Invited ${email} as ${role}: their first sign-in with this verified email takes the role.`
        : `${email} has an account: they are now ${role}.`
    return redirectWithFlash<Extra>(c, `${PAGE}#${RESULT_ID}`, { notice: { tone: 'ok', text } })
  })

  group.get('/invitations/:invitationId/revoke', authorize('roles.grant'), async (c) => {
    const caller = await requireCaller(c)
    const invitation = await pendingInvitation(c.var.scope, invitationId(c))
    if (!invitation) throw new HttpProblem(404, 'not_found', 'No such invitation')
    const role = roleInWords(invitation, await spaceNames(c, caller))
    const viewer = await viewerOf(c, caller)
    return c.html(<RevokeInvitationPage viewer={viewer} invitation={invitation} role={role} />)
  })

  group.post('/invitations/:invitationId/revoke', authorize('roles.grant', WITHDRAW), async (c) => {
    const invitation = await withdrawInvitation(c.var.scope, invitationId(c))
    const text = `The invitation of ${invitation.email} is revoked.`
    return redirectWithFlash<Extra>(c, `${PAGE}#${RESULT_ID}`, { notice: { tone: 'ok', text } })
  })
}
