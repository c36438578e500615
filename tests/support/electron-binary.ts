// Whether the Electron binary is present. Checked without requiring 'electron', which
// would try to download it (and fail, on our machines).
import fs from 'node:fs'
import path from 'node:path'
import { ROOT } from './serve-process'

export function electronBinary(): { path: string } | { missing: string } {
  const pkg = path.join(ROOT, 'node_modules', 'electron')
  const pathFile = path.join(pkg, 'path.txt')
  if (!fs.existsSync(pathFile)) {
    return {
      missing:
        "Electron's binary is not installed (node_modules/electron/path.txt is absent; it can't be downloaded on this machine)"
    }
  }
  const bin = path.join(pkg, 'dist', fs.readFileSync(pathFile, 'utf8').trim())
  return fs.existsSync(bin) ? { path: bin } : { missing: `Electron's binary is missing at ${bin}` }
}
