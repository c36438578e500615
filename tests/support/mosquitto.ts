// Debian's mosquitto as the real external broker, on its own port and directory.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { stopChild } from './child-process'
import { freePort } from './free-port'
import { makeTempDir } from './temp-dir'

export function mosquittoPath(): string | null {
  for (const p of ['/usr/sbin/mosquitto', '/usr/bin/mosquitto', '/usr/local/sbin/mosquitto'])
    if (fs.existsSync(p)) return p
  const which = spawnSync('sh', ['-c', 'command -v mosquitto'], { encoding: 'utf8' })
  return which.status === 0 ? which.stdout.trim() : null
}

export const hasMosquittoClients = (): boolean => spawnSync('sh', ['-c', 'command -v mosquitto_pub']).status === 0

export interface Mosquitto {
  url: string
  port: number
  stop(): Promise<void>
}

/**
 * `port`: restart on the port an earlier one used (a broker coming back). `persistDir`:
 * keep sessions and queued messages on disk there across restarts, as a production broker
 * does (the directory outlives stop()).
 */
export async function startMosquitto(port?: number, persistDir?: string): Promise<Mosquitto> {
  const bin = mosquittoPath()
  if (!bin) throw new Error('mosquitto is not installed')
  port ??= await freePort()
  const tmp = makeTempDir('mosquitto')
  const conf = path.join(tmp.dir, 'mosquitto.conf')
  fs.writeFileSync(
    conf,
    [
      `listener ${port} 127.0.0.1`,
      'allow_anonymous true',
      ...(persistDir ? ['persistence true', `persistence_location ${persistDir}/`] : ['persistence false']),
      // started as root, mosquitto drops to the "mosquitto" user, which can't write our temp
      // directories; it only uses this setting when started as root
      `user ${os.userInfo().username}`,
      'max_queued_messages 100000',
      'log_dest stderr',
      'log_type information',
      ''
    ].join('\n')
  )
  const child: ChildProcess = spawn(bin, ['-c', conf], { stdio: ['ignore', 'ignore', 'pipe'] })
  let stderr = ''
  // mosquitto says "... running" once its listeners are open: that line is the event we wait for
  await new Promise<void>((resolve, reject) => {
    child.stderr!.on('data', (d) => {
      stderr += d
      if (/mosquitto version \S+ running/.test(stderr)) resolve()
    })
    child.once('exit', (code) => reject(new Error(`mosquitto exited with ${code}: ${stderr}`)))
  })
  return {
    url: `mqtt://127.0.0.1:${port}`,
    port,
    async stop() {
      await stopChild(child)
      tmp.remove()
    }
  }
}
