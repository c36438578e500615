// "Connect to hub": which hub this desktop app shows instead of its own embedded engine.
// Kept in the user-data folder, owner-only. Plain Node, so it is tested without Electron.
import fs from 'node:fs'
import path from 'node:path'
import type { Result } from '../../shared/result'

/** A hub is an http(s) URL of another console's web host, without credentials or paths. */
export function parseHubUrl(raw: unknown): Result<string> {
  if (typeof raw !== 'string' || raw.length > 2048)
    return {
      ok: false,
      error: { code: 'bad_request', message: 'url: give the hub address, e.g. https://warroom.example:4820' }
    }
  let u: URL
  try {
    u = new URL(raw.trim())
  } catch {
    return { ok: false, error: { code: 'bad_request', message: `url: "${raw}" is not an address` } }
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:')
    return { ok: false, error: { code: 'bad_request', message: 'url: use http:// or https://' } }
  if (u.username || u.password)
    return {
      ok: false,
      error: { code: 'bad_request', message: 'url: no user or password in the address; sign in on the hub' }
    }
  return { ok: true, value: u.origin }
}

export function hubFile(userData: string): string {
  return path.join(userData, 'hub.json')
}

export function loadHub(file: string): string | null {
  try {
    const parsed = parseHubUrl(JSON.parse(fs.readFileSync(file, 'utf8')).url)
    return parsed.ok ? parsed.value : null
  } catch {
    return null
  }
}

export function saveHub(file: string, url: string | null): void {
  if (url === null) return fs.rmSync(file, { force: true })
  fs.mkdirSync(path.dirname(file), { recursive: true })
  fs.writeFileSync(file, JSON.stringify({ url }), { mode: 0o600 })
}
