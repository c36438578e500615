import { describe, expect, it } from 'vitest'
import { MentionSchema, parseIsoInstant } from '../../shared/mention'
import { mention } from '../support/mentions'

describe('parseIsoInstant', () => {
  it('reads instants with a zone', () => {
    expect(parseIsoInstant('2010-04-17T09:14:00Z')).toBe(Date.UTC(2010, 3, 17, 9, 14))
    expect(parseIsoInstant('2010-04-17T11:14:00+02:00')).toBe(Date.UTC(2010, 3, 17, 9, 14))
    expect(parseIsoInstant('2010-04-17T09:14Z')).toBe(Date.UTC(2010, 3, 17, 9, 14))
    expect(parseIsoInstant('2010-04-17T09:14:00.123456Z')).toBe(Date.UTC(2010, 3, 17, 9, 14, 0, 123))
  })

  it.each([
    ['no zone', '2010-04-17T09:14:00'],
    ['date only', '2010-04-17'],
    ['30 February', '2010-02-30T10:00:00Z'],
    ['hour 24', '2010-04-17T24:00:00Z'],
    ['words', 'yesterday'],
    ['empty', ''],
    ['epoch number as text', '1271495640']
  ])('refuses %s', (_why, value) => {
    expect(parseIsoInstant(value)).toBeNull()
  })
})

describe('MentionSchema', () => {
  it('accepts the contract example and keeps unknown fields', () => {
    const m = { ...mention(1), lang: 'nl', url: 'https://x.example/1', inReplyTo: 'm-0', extra: { likes: 3 } }
    const parsed = MentionSchema.parse(m)
    expect(parsed).toEqual(m)
  })

  it('names the field that is wrong', () => {
    const r = MentionSchema.safeParse({ ...mention(1), channel: 'fax' })
    expect(r.success).toBe(false)
    expect(r.error?.issues[0].path).toEqual(['channel'])
  })

  it.each([
    ['missing id', { id: undefined }],
    ['empty id', { id: '' }],
    ['numeric followers as text', { author: { handle: 'a', followers: '12' } }],
    ['negative followers', { author: { handle: 'a', followers: -1 } }],
    ['bad language tag', { lang: 'Dutch!' }],
    ['text not a string', { text: 42 }]
  ])('rejects %s', (_why, patch) => {
    expect(MentionSchema.safeParse({ ...mention(1), ...patch }).success).toBe(false)
  })
})
