// Each test gets its own data directory, removed afterwards.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

export function makeTempDir(label = 'test'): { dir: string; remove: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `crisis-${label}-`))
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) }
}
