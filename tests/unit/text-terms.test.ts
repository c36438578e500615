// Search terms per language: stop words out, inflected forms merged (Snowball; nlp.js for Polish), and the
// bad inputs of the analyze issue (empty, emoji only, huge, mixed scripts) give a defined result.
import { describe, expect, it } from 'vitest'
import { textTerms } from '../../electron/core/knowledge/text-terms'

describe('textTerms', () => {
  it('merges inflected forms so a question finds an answer worded differently', () => {
    expect(textTerms('vluchten', 'nl')).toEqual(textTerms('vlucht', 'nl'))
    expect(textTerms('flygen', 'sv')).toEqual(textTerms('flyg', 'sv'))
    expect(textTerms('cancelled', 'en')).toEqual(textTerms('cancel', 'en'))
    expect(textTerms('Erstattungen', 'de')).toEqual(textTerms('Erstattung', 'de'))
  })

  it('drops stop words and keeps flight numbers', () => {
    expect(textTerms('Is my flight KL1234 cancelled?', 'en')).toEqual(['flight', 'kl1234', 'cancel'])
  })

  it('merges Polish forms with its own stemmer, and keeps Hebrew words whole, less their stop words', () => {
    expect(textTerms('Czy mój lot jest odwołany?', 'pl')).toEqual(textTerms('lot odwołane', 'pl'))
    expect(textTerms('Czy mój lot jest odwołany?', 'pl')).toHaveLength(2)
    expect(textTerms('\u200Fהטיסה שלי בוטלה?', 'he')).toEqual(['הטיסה', 'בוטלה'])
  })

  it('gives a defined result for empty, emoji-only, link-only and very long text', () => {
    expect(textTerms('', 'en')).toEqual([])
    expect(textTerms('😡😡 ✈️', 'en')).toEqual([])
    expect(textTerms('x'.repeat(10_000), 'en')).toEqual([])
    expect(textTerms('flight '.repeat(2000), 'en')).toHaveLength(2000)
  })
})
