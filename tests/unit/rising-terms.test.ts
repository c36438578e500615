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
    const before = texts(
      'en',
      ...Array.from({ length: 100 }, (_, i) => (i % 2 ? 'my flight to Oslo' : 'lost bag at the gate'))
    )
    // ten times the volume, same mix, plus a new complaint
    const now = texts(
      'en',
      ...Array.from({ length: 60 }, (_, i) =>
        i % 3 === 0 ? 'volcano ash, flight cancelled' : i % 3 === 1 ? 'my flight to Oslo' : 'lost bag at the gate'
      )
    )
    const rising = risingTerms(now, before)
    expect(rising[0].term).toMatch(/volcano|ash|cancelled/)
    expect(rising.map((r) => r.term)).not.toContain('oslo')
  })

  it("a text of unknown language loses every language's stop words, not only English ones", () => {
    expect([...termsOf('Bekomme ich mein Geld zurück', null).values()]).not.toContain('mein')
    expect([...termsOf('CDG voor de tweede keer', null).values()]).not.toContain('cdg voor')
    expect([...termsOf('Czy lot jest już odwołany', 'pl').values()]).toEqual(
      expect.arrayContaining(['lot', 'odwołany'])
    )
    expect([...termsOf('Czy lot jest już odwołany', 'pl').values()]).not.toContain('już')
    expect([...termsOf('הטיסה כבר בוטלה', 'he').values()]).not.toContain('כבר')
  })

  it('never joins words of a right-to-left script and another into one phrase', () => {
    const terms = [...termsOf('fra הטיסה בוטלה', null).values()]
    expect(terms).toContain('הטיסה בוטלה')
    expect(terms).not.toContain('fra הטיסה')
  })

  it('keeps words whole as their language writes them: Hebrew points, Japanese without spaces', () => {
    expect([...termsOf('הַטִּיסָה בּוּטְלָה', 'he').values()]).toEqual(
      expect.arrayContaining(['הַטִּיסָה', 'בּוּטְלָה', 'הַטִּיסָה בּוּטְלָה'])
    )
    expect([...termsOf('成田空港で欠航になりました', 'ja').values()]).toContain('欠航')
  })

  it('joins two words into a phrase only across spaces, never across punctuation or scripts', () => {
    const terms = [...termsOf('Stuck at SAS AB, bru closed. Flight KL1234 cancelled', 'en').values()]
    expect(terms).not.toContain('ab bru')
    expect(terms).toContain('flight kl1234')
    expect([...termsOf('Рейс flight отменён', null).values()]).not.toContain('рейс flight')
    expect([...termsOf('see https://example.com/rebook now', 'en').values()].some((t) => t.includes('example'))).toBe(
      false
    )
  })

  it('empty, emoji-only and URL-only texts give no terms', () => {
    expect(risingTerms(texts('en', '', '🔥🔥🔥', 'https://example.com/x'), [])).toEqual([])
  })
})
