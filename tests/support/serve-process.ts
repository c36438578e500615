// The built CLI (`crisis-console serve`) as a child process, the way users and other
// machines meet it. Needs `npm run build` (npm test does it first).
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import readline from 'node:readline'

export const ROOT = path.resolve(import.meta.dirname, '../..')
export const BIN = path.join(ROOT, 'electron/host/bin.js')

export interface ServeProcess {
  child: ChildProcess
  httpUrl: string
  mqttUrl: string
  stderr(): string
  /** the session token the web host hands to its own pages */
  token(): Promise<string>
  kill(signal?: NodeJS.Signals): Promise<void>
}

export async function startServe(args: string[]): Promise<ServeProcess> {
  if (!fs.existsSync(path.join(ROOT, 'out/main/cli.js'))) throw new Error('not built: run npm run build')
  const child = spawn(process.execPath, [BIN, 'serve', ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
  let stderr = ''
  child.stderr!.on('data', (d) => (stderr += d))
  const ready = await new Promise<string>((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout! })
    lines.on('line', (line) => line.startsWith('ready ') && resolve(line))
    child.once('exit', (code) => reject(new Error(`serve exited with ${code} before ready: ${stderr}`)))
  })
  const [, httpUrl, mqttUrl] = ready.split(' ')
  return {
    child,
    httpUrl,
    mqttUrl,
    stderr: () => stderr,
    async token() {
      const html = await (await fetch(httpUrl)).text()
      const m = /name="crisis-console-token" content="([^"]+)"/.exec(html)
      if (!m) throw new Error('no token in the served page')
      return m[1]
    },
    async kill(signal = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return
      const exited = new Promise((r) => child.once('exit', r))
      child.kill(signal)
      await exited
    }
  }
}

/** Runs the CLI to completion. */
export function runCli(
  args: string[],
  input?: string
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['pipe', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => (stdout += d))
    child.stderr.on('data', (d) => (stderr += d))
    child.stdin.end(input ?? '')
    child.on('exit', (code) => resolve({ code, stdout, stderr }))
  })
}
