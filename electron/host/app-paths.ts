// Where things live on disk, for the CLI and the Electron shell alike.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

/** The OS's per-user application data directory for Crisis Console. */
export function defaultDataDir(platform: NodeJS.Platform = process.platform, env = process.env): string {
  const home = os.homedir()
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Crisis Console')
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Crisis Console')
  return path.join(env.XDG_DATA_HOME ?? path.join(home, '.local', 'share'), 'crisis-console')
}

/**
 * The app's root: the nearest folder above this module holding package.json. Found by
 * walking up because the bundler may place this code in out/main or in out/main/chunks.
 */
export function appRoot(from: string = path.dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${from}`)
  }
}

/** The built renderer (electron-vite's out/renderer). */
export function builtRendererDir(): string {
  return path.join(appRoot(), 'out', 'renderer')
}
