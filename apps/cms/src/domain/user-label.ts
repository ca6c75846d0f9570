/**
 * How a page names a user: their email (a local login, or an IdP user's last `email` claim), else their
 * IdP display name, else — an IdP that sends neither — their id. One rule for the header, the Users page
 * and its confirmation pages. An address the IdP did not say it verified is marked "(unverified)": anyone
 * can type a colleague's address into some IdPs' profiles, and must not pass for them on a page.
 */

/**
 * The label of a user, or of the id alone when the user is gone.
 * @example userLabel({ id, email: 'ada@example.com', email_verified: false, name: 'Ada' }) // 'ada@example.com (unverified)'
 */
export function userLabel(
  user: { id: string; email: string | null; email_verified: boolean; name: string | null } | null,
  id: string,
): string {
  if (user?.email) return user.email_verified ? user.email : `${user.email} (unverified)`
  return user?.name ?? `IdP user ${id}`
}
