// What interrupts a team member working in another window: a new spike alert once, a
// failed delivery, a statement revision awaiting their approval once; nothing else.
import { describe, expect, it } from 'vitest'
import type { EngineEvent } from '../../shared/api'
import type { SpikeAlert } from '../../shared/alerts'
import type { Delivery } from '../../shared/broadcast'
import type { Statement } from '../../shared/statements'
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
  drivers: {
    channels: [{ key: 'twitter' }],
    languages: [{ key: 'nl' }],
    terms: [{ key: 'gestrand' }]
  } as unknown as SpikeAlert['drivers'],
  acknowledgedBy: null,
  acknowledgedAt: null,
  ...over
})
const delivery = (state: Delivery['state']) =>
  ({
    type: 'delivery',
    delivery: { id: 3, channel: 'sms', state, error: 'gateway refused: 503' },
    channels: []
  }) as unknown as EngineEvent

const lars = { name: 'lars', roles: ['lead'] }
const statement = (latest: Partial<Statement['latest']>) =>
  ({
    type: 'statement',
    statement: {
      id: 4,
      title: 'Airspace closure',
      latest: { number: 2, author: 'priya', state: 'pending', approvals: [], missing: [['lead', 'legal']], ...latest }
    },
    wall: null
  }) as unknown as EngineEvent

describe('desktop notifications', () => {
  it('tells of a new spike alert once, not again when it is acknowledged', () => {
    const seen = new Set<string>()
    expect(notificationFor({ type: 'alert', alert: alert() }, seen, lars)).toEqual({
      title: 'Spike alert',
      body: 'Severe spike: mentions/min 80 against 4 expected; driven by twitter, nl, "gestrand"',
      tag: 'alert-7'
    })
    expect(notificationFor({ type: 'alert', alert: alert() }, seen, lars)).toBeNull()
    expect(
      notificationFor(
        { type: 'alert', alert: alert({ acknowledgedAt: '2026-11-24T01:04:00Z', acknowledgedBy: 'lars' }) },
        seen,
        lars
      )
    ).toBeNull()
    expect(
      notificationFor(
        { type: 'alert', alert: alert({ id: 8, acknowledgedAt: '2026-11-24T01:04:00Z' }) },
        new Set(),
        lars
      )
    ).toBeNull()
  })

  it('tells of a failed delivery with its reason, not of one that went through', () => {
    expect(notificationFor(delivery('failed'), new Set(), lars)).toEqual({
      title: 'Delivery to sms failed',
      body: 'gateway refused: 503',
      tag: 'delivery-3'
    })
    expect(notificationFor(delivery('confirmed'), new Set(), lars)).toBeNull()
    expect(notificationFor({ type: 'heartbeat', at: '2026-11-24T01:04:00Z' }, new Set(), lars)).toBeNull()
  })

  it('tells an approver of a revision waiting for them, once; not its author, nor one who approved, nor one without the role', () => {
    const seen = new Set<string>()
    expect(notificationFor(statement({}), seen, lars)).toEqual({
      title: 'A statement awaits your approval',
      body: 'Airspace closure, revision 2 by priya',
      tag: 'statement-4'
    })
    expect(notificationFor(statement({}), seen, lars)).toBeNull()
    expect(notificationFor(statement({ number: 3 }), seen, lars)).not.toBeNull() // a new revision needs a new look
    expect(notificationFor(statement({ author: 'lars', number: 4 }), seen, lars)).toBeNull()
    expect(
      notificationFor(
        statement({ approvals: [{ approver: 'lars' }] as Statement['latest']['approvals'], number: 5 }),
        seen,
        lars
      )
    ).toBeNull()
    expect(notificationFor(statement({ number: 6 }), seen, { name: 'sam', roles: ['service'] })).toBeNull()
    expect(notificationFor(statement({ state: 'approved', number: 7 }), seen, lars)).toBeNull()
  })
})
