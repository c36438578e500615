import { describe, expect, it } from 'vitest'
import { risingTerms, termsOf } from '../../electron/core/analyze/rising-terms'

const texts = (lang: string, ...t: string[]) => t.map((text) => ({ text, lang }))

describe('rising terms', () => {
  it('merges inflected forms, keeps hashtags and two-word phrases, drops stop words', () => {
    const terms = termsOf('De vlucht is geannuleerd, alle vluchten #AsWolk', 'nl')
    expect([...terms.keys()]).toContain('#aswolk')
    expect(termsOf('vluchten', 'nl').keys().next().value).toBe(termsOf('vlucht', 'nl').keys().next().value)
    expect([...terms.values()]).not.toContain('de')
  })

  it('ranks what people now say more of, not what is merely louder', () => {
    const before = texts('en', ...Array.from({ length: 100 }, (_, i) => (i % 2 ? 'my flight to Oslo' : 'lost bag at the gate')))
    // ten times the volume, same mix, plus a new complaint
    const now = texts('en', ...Array.from({ length: 60 }, (_, i) => (i % 3 === 0 ? 'volcano ash, flight cancelled' : i % 3 === 1 ? 'my flight to Oslo' : 'lost bag at the gate')))
    const rising = risingTerms(now, before)
    expect(rising[0].term).toMatch(/volcano|ash|cancelled/)
    expect(rising.map((r) => r.term)).not.toContain('oslo')
  })

  it('empty, emoji-only and URL-only texts give no terms', () => {
    expect(risingTerms(texts('en', '', '🔥🔥🔥', 'https://example.com/x'), [])).toEqual([])
  })
})
