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

export const activeToken = (): string => storedSession()?.token ?? readPageToken()

export function signIn(session: Session): void {
  sessionStorage.setItem(KEY, JSON.stringify(session))
  window.location.reload() // reconnect everything under the new identity
}

export function signOut(): void {
  sessionStorage.removeItem(KEY)
  window.location.reload()
}
