// Publishes drill events to a broker like any external source (QoS 1), on the drill's own
// clock: events whose time has already passed go out at once (a back-filled history),
// later ones when their time comes, `speed` times faster than real time.
import mqtt from 'mqtt'
import type { BrokerTarget } from '../bus/broker-url'
import type { DrillEvent } from './ash-cloud'

export interface ReplayOptions {
  target: BrokerTarget
  topic: string
  events: Iterable<DrillEvent>
  /** the drill's T+0 in wall-clock ms */
  startMs: number
  /** default 1; 60 plays an hour a minute */
  speed?: number
  now?: () => number
  signal?: AbortSignal
  /** most QoS 1 publishes awaiting their PUBACK at once; default 256 */
  window?: number
  onProgress?: (p: ReplayProgress) => void
}

export interface ReplayProgress {
  published: number
  acknowledged: number
  lastOffsetMs: number
}

export async function replay(options: ReplayOptions): Promise<ReplayProgress> {
  const now = options.now ?? Date.now
  const speed = options.speed ?? 1
  const windowSize = options.window ?? 256
  const client = await mqtt.connectAsync(options.target.url, {
    username: options.target.username,
    password: options.target.password,
    clientId: `crisis-replay-${Math.random().toString(16).slice(2, 10)}`,
    reconnectPeriod: 1000
  })
  const progress: ReplayProgress = { published: 0, acknowledged: 0, lastOffsetMs: 0 }
  const inflight = new Set<Promise<unknown>>()
  const replayStart = now()
  try {
    for (const event of options.events) {
      if (options.signal?.aborted) break
      const eventTime = options.startMs + event.offsetMs
      const dueAt = eventTime <= replayStart ? 0 : replayStart + (eventTime - replayStart) / speed
      const wait = dueAt - now()
      if (wait > 0) await sleep(wait, options.signal)
      if (options.signal?.aborted) break
      while (inflight.size >= windowSize) await Promise.race(inflight)
      const p = client.publishAsync(options.topic, Buffer.from(event.payload), { qos: 1 }).then(() => {
        progress.acknowledged++
        inflight.delete(p)
      })
      inflight.add(p)
      progress.published++
      progress.lastOffsetMs = event.offsetMs
      options.onProgress?.(progress)
    }
    await Promise.all(inflight)
  } finally {
    await client.endAsync(options.signal?.aborted ?? false)
  }
  return progress
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(done, ms)
    function done() {
      clearTimeout(t)
      signal?.removeEventListener('abort', done)
      resolve()
    }
    signal?.addEventListener('abort', done, { once: true })
  })
}
