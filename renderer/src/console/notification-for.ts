// Which engine events are worth a desktop notification, and what it says (pure, tested).
import type { EngineEvent } from '../../../shared/api'
import { describeAlert } from '../../../shared/alerts'
import { awaitsApprovalFrom } from '../../../shared/approval-policy'

/**
 * What to say for an event, if it is worth interrupting `me` for; `seen` keeps each alert
 * and each revision to approve to one notification; tag: one notification per thing.
 */
export function notificationFor(
  e: EngineEvent,
  seen: Set<string>,
  me: { name: string; roles: readonly string[] }
): { title: string; body: string; tag: string } | null {
  const once = (key: string) => !seen.has(key) && Boolean(seen.add(key))
  if (e.type === 'alert' && e.alert.acknowledgedAt === null && once(`alert:${e.alert.id}`)) {
    return { title: 'Spike alert', body: describeAlert(e.alert), tag: `alert-${e.alert.id}` } // the body says how severe
  }
  if (
    e.type === 'statement' &&
    awaitsApprovalFrom(me, e.statement.latest) &&
    once(`statement:${e.statement.id}:${e.statement.latest.number}`)
  ) {
    const { title, latest } = e.statement
    return {
      title: 'A statement awaits your approval',
      body: `${title}, revision ${latest.number} by ${latest.author}`,
      tag: `statement-${e.statement.id}`
    }
  }
  if (e.type === 'delivery' && (e.delivery.state === 'failed' || e.delivery.state === 'unconfirmed')) {
    return {
      title: `Delivery to ${e.delivery.channel} ${e.delivery.state}`,
      body: e.delivery.error ?? 'no reason given',
      tag: `delivery-${e.delivery.id}`
    }
  }
  return null
}
