// Debian's aiosmtpd (python3-aiosmtpd) as the real SMTP server: every message it accepts
// lands in a Maildir we can read back.
import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { stopChild } from './child-process'
import { freePort } from './free-port'
import { makeTempDir } from './temp-dir'

const PYTHON = '/usr/bin/python3'
export const hasSmtpServer = (): boolean =>
  fs.existsSync(PYTHON) && spawnSync(PYTHON, ['-c', 'import aiosmtpd'], { stdio: 'ignore' }).status === 0

export async function startSmtpServer() {
  const port = await freePort()
  const tmp = makeTempDir('smtp')
  const maildir = path.join(tmp.dir, 'Maildir')
  // -d: it logs "Server is listening on ..." once the socket is open; that line is the event we wait for
  const child = spawn(
    PYTHON,
    ['-m', 'aiosmtpd', '-n', '-d', '-l', `127.0.0.1:${port}`, '-c', 'aiosmtpd.handlers.Mailbox', maildir],
    { stdio: ['ignore', 'ignore', 'pipe'] }
  )
  let log = ''
  await new Promise<void>((resolve, reject) => {
    child.stderr!.on('data', (d) => {
      log += d
      if (log.includes('Server is listening')) resolve()
    })
    child.once('exit', (code) => reject(new Error(`aiosmtpd exited with ${code}: ${log}`)))
  })
  return {
    port,
    /** the raw messages received so far */
    messages(): string[] {
      const dir = path.join(maildir, 'new')
      return fs.existsSync(dir) ? fs.readdirSync(dir).map((f) => fs.readFileSync(path.join(dir, f), 'utf8')) : []
    },
    async stop() {
      await stopChild(child)
      tmp.remove()
    }
  }
}
