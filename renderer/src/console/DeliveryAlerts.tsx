// A failed delivery alerts everyone at a console, in words, with a link to it: a channel
// that silently kept yesterday's text is the failure this guards against.
import { useEffect, useState } from 'react'
import type { ConsoleApi } from '../../../shared/api'
import type { Delivery } from '../../../shared/broadcast'
import { TestIds } from '../../../shared/test-ids'

/** Alerts kept on screen at once; older ones are in the statement's delivery list. */
const MAX_ALERTS = 5

export function DeliveryAlerts({ api, onOpen }: { api: ConsoleApi; onOpen: (statementId: number) => void }) {
  const [failed, setFailed] = useState<Delivery[]>([])
  useEffect(
    () =>
      api.subscribe((e) => {
        if (e.type !== 'delivery') return
        // a retry that went through clears its alert
        setFailed((f) =>
          [
            ...f.filter((d) => d.id !== e.delivery.id),
            ...(e.delivery.state === 'failed' || e.delivery.state === 'unconfirmed' ? [e.delivery] : [])
          ].slice(-MAX_ALERTS)
        )
      }),
    [api]
  )
  if (!failed.length) return null
  return (
    <div className="alerts" role="alert" data-testid={TestIds.deliveryAlerts}>
      {failed.map((d) => (
        <p key={d.id} className="alert">
          ⚠ Delivery {d.id} to <strong>{d.channel}</strong> ({d.lang}) {d.state}: {d.error}{' '}
          {d.statementId !== null && (
            <button data-testid={TestIds.deliveryAlertOpen(d.id)} onClick={() => onOpen(d.statementId as number)}>
              Open
            </button>
          )}{' '}
          <button aria-label="dismiss" onClick={() => setFailed((f) => f.filter((x) => x.id !== d.id))}>
            ✕
          </button>
        </p>
      ))}
    </div>
  )
}
