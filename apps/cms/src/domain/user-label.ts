/**
 * How a page names a user: their email (a local login, or an IdP user's last `email` claim), else their
 * IdP display name, else — an IdP that sends neither — their id. One rule for the header, the Users page
 * and its confirmation pages.
 */

/**
 * The label of a user, or of the id alone when the user is gone.
 * @example userLabel({ id, email: 'ada@example.com', name: 'Ada' }) // 'ada@example.com'
 */
export function userLabel(
  user: { id: string; email: string | null; name: string | null } | null,
  id: string,
): string {
  return user?.email ?? user?.name ?? `IdP user ${id}`
}
