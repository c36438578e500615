import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { loadOrCreateLocalToken, TOKEN_FILE } from '../../electron/host/local-token'
import { makeTempDir } from '../support/temp-dir'

const tmp = makeTempDir('token')
afterEach(() => fs.rmSync(path.join(tmp.dir, TOKEN_FILE), { force: true }))

describe('local session token', () => {
  it('is created owner-only and stays the same across restarts', () => {
    const a = loadOrCreateLocalToken(tmp.dir)
    expect(a).toMatch(/^[A-Za-z0-9_-]{32}$/)
    expect(fs.statSync(path.join(tmp.dir, TOKEN_FILE)).mode & 0o777).toBe(0o600)
    expect(loadOrCreateLocalToken(tmp.dir)).toBe(a)
  })

  it('replaces a file that does not hold a usable token', () => {
    fs.writeFileSync(path.join(tmp.dir, TOKEN_FILE), 'short', { mode: 0o644 })
    const t = loadOrCreateLocalToken(tmp.dir)
    expect(t).not.toBe('short')
    expect(fs.statSync(path.join(tmp.dir, TOKEN_FILE)).mode & 0o777).toBe(0o600)
  })
})
