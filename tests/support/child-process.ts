// Stopping a helper server the tests started: SIGTERM, and wait until it has really exited
// (its port and files are free for the next test).
import type { ChildProcess } from 'node:child_process'

export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise((r) => child.once('exit', r))
  child.kill('SIGTERM')
  await exited
}
