import { describe, expect, it } from 'vitest'
import { matchesRule, parseRule, ruleText, RuleError } from '../../electron/core/analyze/tracking-rules'

const hit = (query: string, text: string, lang = 'en') => matchesRule(parseRule(query), ruleText(text, lang))

describe('tracking rules', () => {
  it('words match by stem in the mention language; phrases match words in a row', () => {
    expect(hit('cancel', 'All flights cancelled today')).toBe(true)
    expect(hit('vlucht', 'Alle vluchten geannuleerd', 'nl')).toBe(true)
    expect(hit('"ash cloud"', 'The ash cloud over Iceland')).toBe(true)
    expect(hit('"ash cloud"', 'Cloud of ash')).toBe(false)
  })

  it('AND (or nothing), OR, NOT and parentheses', () => {
    expect(hit('flight AND cancel', 'flight cancelled')).toBe(true)
    expect(hit('flight cancel', 'cancelled the meeting')).toBe(false)
    expect(hit('(KLM OR SAS) NOT refund', 'SAS flight cancelled')).toBe(true)
    expect(hit('(KLM OR SAS) NOT refund', 'SAS refund please')).toBe(false)
    expect(hit('NOT spam', 'anything else')).toBe(true)
    expect(hit('#aswolk', 'Vlucht weg #aswolk', 'nl')).toBe(true)
  })

  it('says what is wrong with a query', () => {
    for (const [q, msg] of [
      ['', /empty/],
      ['(KLM OR SAS', /not closed/],
      ['KLM OR', /ends where a word/],
      ['OR KLM', /needs a word on each side/],
      ['"ash cloud', /unclosed quote/],
      ['KLM )', /without its/]
    ] as const) {
      expect(() => parseRule(q), q).toThrow(RuleError)
      expect(() => parseRule(q), q).toThrow(msg)
    }
  })
})
