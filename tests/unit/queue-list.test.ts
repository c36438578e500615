import { describe, expect, it } from 'vitest'
import type { QueueItem } from '../../shared/team'
import { defaultFilter, matches, upsert } from '../../renderer/src/queue/queue-list'

const item = (seq: number, score: number, patch: Partial<QueueItem> = {}): QueueItem => ({
  seq,
  mention: { seq, channel: 'twitter', id: `m${seq}`, ts: '', author: 'a', followers: 1, lang: 'nl', text: '' },
  arrivalAt: '',
  status: 'open',
  claimedBy: null,
  claimedAt: null,
  analysis: null,
  assignee: { user: null, role: null },
  escalatedTo: null,
  priority: { score, ageFactor: 1, factors: { reach: 1, negativity: 1, urgency: 1, question: 1 } },
  sla: { targetMinutes: 30, dueAt: '', breached: false },
  version: 1,
  ...patch
})
const anna = { name: 'anna', roles: ['pr'] }

describe('queue list updates', () => {
  it('replaces an item with its newer version, keeping priority order', () => {
    const list = [item(1, 9), item(2, 5)]
    const next = upsert(list, item(2, 12, { version: 2, claimedBy: { id: 1, name: 'anna' } }), defaultFilter, anna)
    expect(next.map((i) => i.seq)).toEqual([2, 1])
    expect(next[0].claimedBy?.name).toBe('anna')
  })

  it('drops an item that no longer needs a human from the "needs a human" list', () => {
    expect(
      upsert([item(1, 9), item(2, 5)], item(1, 9, { status: 'replied', version: 2 }), defaultFilter, anna).map(
        (i) => i.seq
      )
    ).toEqual([2])
  })

  it('ignores an older version arriving after a newer one', () => {
    const list = [item(1, 9, { version: 3, status: 'escalated' })]
    expect(upsert(list, item(1, 9, { version: 2 }), defaultFilter, anna)).toBe(list)
  })

  it('leaves items it never listed to the next reload, which places them by rank', () => {
    expect(upsert([item(1, 9)], item(7, 50), defaultFilter, anna).map((i) => i.seq)).toEqual([1])
  })

  it('filters by status, channel, language and "mine"', () => {
    const mine = item(1, 1, { claimedBy: { id: 1, name: 'anna' } })
    expect(matches(mine, { ...defaultFilter, mine: true }, anna)).toBe(true)
    expect(matches(item(2, 1), { ...defaultFilter, mine: true }, anna)).toBe(false)
    expect(matches(item(3, 1), { ...defaultFilter, channel: 'sms' }, anna)).toBe(false)
    expect(matches(item(3, 1), { ...defaultFilter, lang: 'nl' }, anna)).toBe(true)
    expect(matches(item(4, 1, { status: 'troll' }), { ...defaultFilter, status: 'troll' }, anna)).toBe(true)
    expect(matches(item(4, 1, { status: 'escalated' }), defaultFilter, anna)).toBe(true)
  })

  it('keeps "for me" to what is assigned to me or to a role I hold', () => {
    const forMe = { ...defaultFilter, forMe: true }
    expect(matches(item(1, 1, { assignee: { user: { id: 3, name: 'anna' }, role: null } }), forMe, anna)).toBe(true)
    expect(matches(item(2, 1, { assignee: { user: null, role: 'pr' } }), forMe, anna)).toBe(true)
    expect(matches(item(3, 1, { assignee: { user: null, role: 'legal' }, status: 'escalated' }), forMe, anna)).toBe(
      false
    )
    expect(matches(item(4, 1), forMe, anna)).toBe(false)
    expect(matches(item(4, 1), forMe, null)).toBe(false)
  })
})
