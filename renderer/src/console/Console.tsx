// The operator console, first version: engine health and dead letters beside the wall.
// The queue, statements and broadcast views join here in later issues.
import { useEffect, useState } from 'react'
import type { ConsoleApi, DeadLetter, Health } from '../../../shared/api'
import { TestIds } from '../../../shared/test-ids'
import { Wall } from '../wall/Wall'

const HEALTH_EVERY_MS = 5000

export function Console({ api }: { api: ConsoleApi }) {
  const [health, setHealth] = useState<Health | null>(null)
  const [dead, setDead] = useState<DeadLetter[]>([])

  useEffect(() => {
    let cancelled = false
    const refresh = async () => {
      const [h, d] = await Promise.all([api.call('health', {}), api.call('deadLetters', { limit: 5 })])
      if (cancelled) return
      setHealth(h.ok ? h.value : null)
      if (d.ok) setDead(d.value)
    }
    void refresh()
    const t = setInterval(refresh, HEALTH_EVERY_MS)
    return () => {
      cancelled = true
      clearInterval(t)
    }
  }, [api])

  return (
    <div className="console" data-testid={TestIds.console}>
      <nav className="console__bar">
        <strong>Crisis Console</strong>
        <span data-testid={TestIds.consoleHealth}>
          {health
            ? `engine ${health.version} · broker ${health.broker.url}${health.broker.connected ? '' : ' (disconnected)'} · ${health.mentions} stored · ${health.duplicates} duplicates since start`
            : 'engine unreachable'}
        </span>
        <a href="/wall" target="_self">
          Open wall
        </a>
      </nav>
      <Wall api={api} kiosk={false} />
      <section className="tile dead-letters" aria-label="Dead letters">
        <h2>
          Rejected input <span className="muted">(dead letters: kept with their reason, never silently dropped)</span>
        </h2>
        <p data-testid={TestIds.consoleDeadLetters}>{health ? `${health.deadLetters} rejected` : ''}</p>
        <ul>
          {dead.map((d) => (
            <li key={d.seq}>
              <span className="muted">{new Date(d.receivedAt).toLocaleTimeString()}</span> {d.reason}
            </li>
          ))}
        </ul>
      </section>
    </div>
  )
}
