// Which token this page speaks with: a signed-in member's session (kept for this tab only,
// in sessionStorage), else the local operator's token the web host put in the page
// (loopback consoles only). In LAN mode there is no page token: everyone signs in.
import type { Session } from '../../../shared/api'

const KEY = 'crisis-console-session'

export function readPageToken(doc: Document = document): string {
  const t = doc.querySelector<HTMLMetaElement>('meta[name="crisis-console-token"]')?.content ?? ''
  return t.startsWith('__') ? '' : t // the unfilled placeholder means "no local operator"
}

export function storedSession(): Session | null {
  try {
    const raw = sessionStorage.getItem(KEY)
    return raw ? (JSON.parse(raw) as Session) : null
  } catch {
    return null
  }
}

const WALL_KEY = 'crisis-console-wall-token'

/**
 * A paired wall screen's token. Pairing opens /wall#pair=<token> once: the token is kept
 * (localStorage: the screen stays paired across restarts) and the fragment removed, so
 * it is not left in the address bar. Only the wall page uses it.
 */
export function wallToken(loc: Location = window.location): string | null {
  const isWall = loc.pathname.endsWith('/wall') || loc.hash.startsWith('#/wall')
  if (!isWall) return null
  const pair = /[#&]pair=(wall\.[A-Za-z0-9_-]+)/.exec(loc.hash)?.[1]
  if (pair) {
    localStorage.setItem(WALL_KEY, pair)
    history.replaceState(null, '', loc.pathname + loc.search)
  }
  return localStorage.getItem(WALL_KEY)
}

export const activeToken = (): string => storedSession()?.token ?? wallToken() ?? readPageToken()

export function signIn(session: Session): void {
  sessionStorage.setItem(KEY, JSON.stringify(session))
  window.location.reload() // reconnect everything under the new identity
}

const REASON_KEY = 'crisis-console-signed-out-because'

/** Ends this tab's session; `reason`, when the engine ended it, is shown once after the reload. */
export function signOut(reason?: string): void {
  sessionStorage.removeItem(KEY)
  if (reason) sessionStorage.setItem(REASON_KEY, reason)
  window.location.reload()
}

/** Why the last session ended, once. */
export function takeSignOutReason(): string | null {
  const reason = sessionStorage.getItem(REASON_KEY)
  sessionStorage.removeItem(REASON_KEY)
  return reason
}

/** How long before a session's end the console starts saying so. */
export const SESSION_WARNING_MS = 15 * 60_000

/** Minutes left (at least 1) when a session ends within the warning time, else null. */
export function minutesLeftInSession(expiresAtMs: number, nowMs: number): number | null {
  const left = expiresAtMs - nowMs
  return left > 0 && left <= SESSION_WARNING_MS ? Math.max(1, Math.ceil(left / 60_000)) : null
}
