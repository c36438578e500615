// Listens to a running console's event stream (as any console would) to wait for commits.
import WebSocket from 'ws'

export interface EventWatch {
  /** resolves once the engine reports at least `n` stored mentions */
  storedAtLeast(n: number): Promise<void>
  close(): void
}

export async function watchEvents(httpUrl: string, token: string): Promise<EventWatch> {
  const ws = new WebSocket(`${httpUrl.replace(/^http/, 'ws')}/api/events`, [`bearer.${token}`])
  await new Promise((resolve, reject) => {
    ws.once('open', resolve)
    ws.once('error', reject)
  })
  let stored = 0
  const waiters: { n: number; resolve: () => void }[] = []
  ws.on('message', (data) => {
    const e = JSON.parse(String(data))
    if (e.type !== 'ingested') return
    stored = e.totals.mentions
    for (const w of waiters.splice(0)) {
      if (stored >= w.n) w.resolve()
      else waiters.push(w)
    }
  })
  return {
    storedAtLeast: (n) => (stored >= n ? Promise.resolve() : new Promise((resolve) => waiters.push({ n, resolve }))),
    close: () => ws.close()
  }
}
