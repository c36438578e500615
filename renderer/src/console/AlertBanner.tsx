// A new spike alert, on every console until someone acknowledges it; the wall's severe-alert
// banner goes away when this is acknowledged.
import { useEffect, useState } from 'react'
import type { ConsoleApi } from '../../../shared/api'
import { describeAlert, type SpikeAlert } from '../../../shared/alerts'
import { TestIds } from '../../../shared/test-ids'

const CURRENT_MS = 60 * 60_000

export function AlertBanner({ api }: { api: ConsoleApi }) {
  const [alerts, setAlerts] = useState<SpikeAlert[]>([])
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    void api.call('alerts', { limit: 10 }).then((r) => r.ok && setAlerts(r.value))
    return api.subscribe((e) => {
      if (e.type === 'alert') setAlerts((list) => [e.alert, ...list.filter((a) => a.id !== e.alert.id)].slice(0, 10))
    })
  }, [api])
  const open = alerts.filter((a) => a.acknowledgedAt === null && Date.now() - Date.parse(a.createdAt) < CURRENT_MS)
  if (open.length === 0) return null
  const a = open[0]
  return (
    <div
      className={`banner banner--alert alert--${a.severity}`}
      data-testid={TestIds.consoleAlertBanner}
      data-alert={a.id}
      role="alert"
    >
      <strong>{a.severity === 'severe' ? '▲▲ SEVERE SPIKE' : '▲ SPIKE'}</strong> since{' '}
      {new Date(a.startedAt).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}: {describeAlert(a)}
      {open.length > 1 ? ` (+${open.length - 1} more)` : ''}{' '}
      <button
        data-testid={TestIds.consoleAlertAck}
        onClick={() =>
          void api.call('acknowledgeAlert', { id: a.id }).then((r) => {
            setError(r.ok ? null : r.error.message)
            if (r.ok) setAlerts((list) => list.map((x) => (x.id === a.id ? r.value : x)))
          })
        }
      >
        Acknowledge
      </button>
      {error && <span className="error"> {error}</span>}
    </div>
  )
}
