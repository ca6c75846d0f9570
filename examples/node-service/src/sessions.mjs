/**
 * The service's sessions: which ones are live, and until when. The signed cookie proves who a session is
 * for; this table decides whether it still counts. A session never outlives the IdP token it was made from
 * (an IdP token with 30 s left makes a 30 s session, not an hour), and signing out revokes it at once,
 * which a self-contained cookie alone cannot do. In memory here, for one process; a service with several
 * instances keeps the same two facts (sid → subject, end) in a shared store such as Redis or a database.
 */

/**
 * Creates an empty session table.
 *
 * @returns {{
 *   open(sid: string, sub: string, endsAtSeconds: number): void,
 *   isLive(sid: string, sub: string, nowSeconds: number): boolean,
 *   revoke(sid: string): void,
 * }}
 * @example
 * const table = createSessionTable()
 * table.open(sid, sub, idpToken.payload.exp)
 */
export function createSessionTable() {
  /** @type {Map<string, { sub: string, endsAtSeconds: number }>} */
  const live = new Map()
  return {
    open(sid, sub, endsAtSeconds) {
      live.set(sid, { sub, endsAtSeconds })
    },
    isLive(sid, sub, nowSeconds) {
      const session = live.get(sid)
      if (session === undefined) return false
      if (nowSeconds >= session.endsAtSeconds) {
        // Ended with its IdP token: forget it, so the table does not grow with expired sessions.
        live.delete(sid)
        return false
      }
      return session.sub === sub
    },
    revoke(sid) {
      live.delete(sid)
    },
  }
}
