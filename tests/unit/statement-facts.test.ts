import { describe, expect, it } from 'vitest'
import { contradictions, render, unknownPlaceholders, validateFacts, type FactSpec } from '../../shared/statement-facts'

const specs: FactSpec[] = [
  { name: 'flight', type: 'reference', label: 'Flight number' },
  { name: 'nextUpdate', type: 'datetime', label: 'Next update at' },
  { name: 'rebookUrl', type: 'url', label: 'Rebooking page' },
  { name: 'hotline', type: 'phone', label: 'Hotline' },
  { name: 'cancelled', type: 'count', label: 'Flights cancelled' }
]
const facts = {
  flight: 'KL1234',
  nextUpdate: { at: '2010-04-17T16:00:00Z', timeZone: 'Europe/Amsterdam' },
  rebookUrl: 'https://klm.example/rebook',
  hotline: '+31 20 474 7747',
  cancelled: 1250
}

describe('typed facts', () => {
  it('accepts facts of the right types', () => {
    expect(validateFacts(specs, facts)).toEqual({ ok: true, facts })
  })

  it('names every missing, mistyped or unknown fact', () => {
    const r = validateFacts(specs, {
      flight: 'not a flight!!',
      nextUpdate: { at: '17 April, 6 pm', timeZone: 'Europe/Amsterdam' },
      rebookUrl: 'ftp://x',
      cancelled: -3,
      colour: 'red'
    })
    expect(r.ok).toBe(false)
    expect(!r.ok && r.problems).toEqual([
      'flight: expected reference, a flight or reference number such as KL1234',
      'nextUpdate: expected datetime, an ISO 8601 time with a zone',
      'rebookUrl: expected url, an http(s) address',
      'hotline: missing (Hotline)',
      expect.stringMatching(/^cancelled: expected count, /),
      'colour: not a fact of this template'
    ])
  })

  it('refuses a time zone that is not IANA', () => {
    const r = validateFacts([specs[1]], { nextUpdate: { at: '2010-04-17T16:00:00Z', timeZone: 'CEST' } })
    expect(!r.ok && r.problems[0]).toMatch(/not an IANA time zone/)
  })
})

describe('rendering', () => {
  const text =
    'Flight {{flight}} is cancelled ({{ cancelled }} flights today). Rebook at {{rebookUrl}} or call {{hotline}}. Next update: {{nextUpdate}}.'

  it('renders each fact the way people of that language read it, in the fact’s own time zone', () => {
    expect(render(text, specs, facts, 'en-GB')).toBe(
      'Flight KL1234 is cancelled (1,250 flights today). Rebook at https://klm.example/rebook or call +31 20 474 7747. Next update: Sat 17 Apr, 18:00 CEST.'
    )
    expect(render('{{cancelled}} vluchten, update {{nextUpdate}}', specs, facts, 'nl')).toMatch(
      /^1\.250 vluchten, update za 17 apr.* 18:00 CEST$/
    )
  })

  it('finds placeholders a template uses without defining them', () => {
    expect(unknownPlaceholders('{{flight}} {{gate}} {{ gate }} {{hotline}}', specs)).toEqual(['gate'])
    expect(() => render('{{gate}}', specs, facts, 'en')).toThrow(/\{\{gate\}\} has no fact/)
  })
})

describe('hand edits against the facts', () => {
  it('lets wording change but flags another flight or another time', () => {
    const rendered = render('Flight {{flight}}: next update at {{nextUpdate}}.', specs, facts, 'en-GB')
    expect(contradictions(rendered.replace('Flight', 'Our flight'), specs, facts, 'en-GB')).toEqual([])
    expect(contradictions('Flight KL1235: next update at 18:00.', specs, facts, 'en-GB')).toEqual([
      '"KL1235" is not a reference given in the facts'
    ])
    expect(contradictions('Flight KL 1234: next update at 19:30.', specs, facts, 'en-GB')).toEqual([
      '"19:30" is not a time given in the facts'
    ])
    expect(contradictions('Vlucht KL1234, update om 18.00 uur', specs, facts, 'nl')).toEqual([])
  })
})

describe('zonedToIso', () => {
  it('turns a wall-clock time in a zone into an instant with its offset, across DST', async () => {
    const { zonedToIso } = await import('../../shared/time-zone')
    expect(zonedToIso('2010-04-17T18:00', 'Europe/Amsterdam')).toBe('2010-04-17T18:00:00+02:00')
    expect(zonedToIso('2026-11-23T12:00', 'Europe/Amsterdam')).toBe('2026-11-23T12:00:00+01:00')
    expect(zonedToIso('2026-11-23T12:00', 'America/St_Johns')).toBe('2026-11-23T12:00:00-03:30')
    expect(zonedToIso('2026-11-23T12:00', 'Mars/Olympus')).toBeNull()
    expect(zonedToIso('12:00', 'UTC')).toBeNull()
  })
})
