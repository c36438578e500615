import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { hubFile, loadHub, parseHubUrl, saveHub } from '../../electron/main/hub-settings'
import { makeTempDir } from '../support/temp-dir'

describe('hub settings', () => {
  it('takes an http(s) address and keeps only its origin', () => {
    expect(parseHubUrl('https://warroom.example:4820/some/page?x=1')).toEqual({
      ok: true,
      value: 'https://warroom.example:4820'
    })
    expect(parseHubUrl(' http://10.0.0.5:4820 ')).toEqual({ ok: true, value: 'http://10.0.0.5:4820' })
  })

  it.each([
    ['not an address', 'warroom'],
    ['another scheme', 'file:///etc/passwd'],
    ['credentials', 'https://anna:secret@warroom.example'],
    ['not a string', 42]
  ])('refuses %s, naming the field', (_why, raw) => {
    const r = parseHubUrl(raw)
    expect(r.ok).toBe(false)
    expect(!r.ok && r.error.message).toMatch(/^url: /)
  })

  it('remembers the hub owner-only, and forgets it', () => {
    const tmp = makeTempDir('hub')
    const file = hubFile(tmp.dir)
    expect(loadHub(file)).toBeNull()
    saveHub(file, 'https://warroom.example')
    expect(loadHub(file)).toBe('https://warroom.example')
    expect(fs.statSync(file).mode & 0o777).toBe(0o600)
    saveHub(file, null)
    expect(loadHub(file)).toBeNull()
    fs.writeFileSync(path.join(tmp.dir, 'hub.json'), '{"url": "javascript:alert(1)"}')
    expect(loadHub(file)).toBeNull()
    tmp.remove()
  })
})
