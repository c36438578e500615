// What interrupts a team member working in another window: a new spike alert once, and a
// failed delivery; nothing else.
import { describe, expect, it } from 'vitest'
import type { EngineEvent } from '../../shared/api'
import type { SpikeAlert } from '../../shared/alerts'
import type { Delivery } from '../../shared/broadcast'
import { notificationFor } from '../../renderer/src/console/notification-for'

const alert = (over: Partial<SpikeAlert> = {}): SpikeAlert => ({
  id: 7,
  incidentId: 1,
  startedAt: '2026-11-24T01:00:00Z',
  minute: '2026-11-24T01:02:00Z',
  createdAt: '2026-11-24T01:03:00Z',
  severity: 'severe',
  score: 0.99,
  triggers: [{ series: 'total', value: 80, baseline: 4 } as SpikeAlert['triggers'][number]],
  drivers: { channels: [{ key: 'twitter' }], languages: [{ key: 'nl' }], terms: [{ key: 'gestrand' }] } as unknown as SpikeAlert['drivers'],
  acknowledgedBy: null,
  acknowledgedAt: null,
  ...over
})
const delivery = (state: Delivery['state']) => ({ type: 'delivery', delivery: { id: 3, channel: 'sms', state, error: 'gateway refused: 503' }, channels: [] }) as unknown as EngineEvent

describe('desktop notifications', () => {
  it('tells of a new spike alert once, not again when it is acknowledged', () => {
    const seen = new Set<number>()
    expect(notificationFor({ type: 'alert', alert: alert() }, seen)).toEqual({
      title: 'Spike alert',
      body: 'Severe spike: mentions/min 80 against 4 expected; driven by twitter, nl, "gestrand"',
      tag: 'alert-7'
    })
    expect(notificationFor({ type: 'alert', alert: alert() }, seen)).toBeNull()
    expect(notificationFor({ type: 'alert', alert: alert({ acknowledgedAt: '2026-11-24T01:04:00Z', acknowledgedBy: 'lars' }) }, seen)).toBeNull()
    expect(notificationFor({ type: 'alert', alert: alert({ id: 8, acknowledgedAt: '2026-11-24T01:04:00Z' }) }, new Set())).toBeNull()
  })

  it('tells of a failed delivery with its reason, not of one that went through', () => {
    expect(notificationFor(delivery('failed'), new Set())).toEqual({ title: 'Delivery to sms failed', body: 'gateway refused: 503', tag: 'delivery-3' })
    expect(notificationFor(delivery('confirmed'), new Set())).toBeNull()
    expect(notificationFor({ type: 'heartbeat', at: '2026-11-24T01:04:00Z' }, new Set())).toBeNull()
  })
})
