// Which engine events are worth a desktop notification, and what it says (pure, tested).
import type { EngineEvent } from '../../../shared/api'
import { describeAlert } from '../../../shared/alerts'

/** What to say for an event, if it is worth interrupting someone for; tag: one notification per thing. */
export function notificationFor(e: EngineEvent, seenAlerts: Set<number>): { title: string; body: string; tag: string } | null {
  if (e.type === 'alert' && e.alert.acknowledgedAt === null && !seenAlerts.has(e.alert.id)) {
    seenAlerts.add(e.alert.id)
    return { title: 'Spike alert', body: describeAlert(e.alert), tag: `alert-${e.alert.id}` } // the body says how severe
  }
  if (e.type === 'delivery' && e.delivery.state === 'failed') {
    return { title: `Delivery to ${e.delivery.channel} failed`, body: e.delivery.error ?? 'no reason given', tag: `delivery-${e.delivery.id}` }
  }
  return null
}
