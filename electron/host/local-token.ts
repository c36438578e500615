// The local-mode session token, kept in the data directory (owner-only) so that it
// survives an engine restart: a wall left open on a TV reconnects by itself instead of
// being locked out by a new token.
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

export const TOKEN_FILE = 'local-session-token'

export function loadOrCreateLocalToken(dataDir: string): string {
  const file = path.join(dataDir, TOKEN_FILE)
  try {
    const existing = fs.readFileSync(file, 'utf8').trim()
    if (/^[A-Za-z0-9_-]{32,}$/.test(existing)) return existing
  } catch {
    // first start: create it below
  }
  const token = crypto.randomBytes(24).toString('base64url')
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 })
  fs.writeFileSync(file, `${token}\n`, { mode: 0o600 })
  fs.chmodSync(file, 0o600) // in case it existed with wider permissions
  return token
}
