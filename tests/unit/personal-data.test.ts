// Personal data in a reply sends it as a direct message; ordinary text stays public.
import { describe, expect, it } from 'vitest'
import { personalData, redactPersonalData } from '../../shared/personal-data'

describe('personalData', () => {
  it('finds e-mail addresses, phone numbers and booking codes', () => {
    expect(personalData('write to anna.j@example.com')).toEqual(['email'])
    expect(personalData('call +31 20 123 4567 or 020-1234567')).toEqual(['phone'])
    expect(personalData('booking K7XQ2P confirmed')).toEqual(['booking code'])
    expect(personalData('mail me at a@b.nl, ref ABC123, +46 70 123 45 67')).toEqual(['email', 'phone', 'booking code'])
  })

  it('leaves flight numbers, times, words in capitals and links alone', () => {
    expect(personalData('Flight KL1234 leaves at 18:00 from gate D7')).toEqual([])
    expect(personalData('UPDATE: CANCEL all flights, see https://example.com/rebook')).toEqual([])
    expect(personalData('12,500 flights cancelled since 2010-04-15')).toEqual([])
    expect(personalData('@KLM @schiphol.nl any news? RT @delta.com')).toEqual([]) // handles are public, not addresses
  })
})

describe('redactPersonalData', () => {
  it.each([
    ['my booking abc123 was cancelled', 'my booking [booking code] was cancelled'],
    ['Booking ref QWERTY, flight KL1234 cancelled', 'Booking ref [booking code], flight KL1234 cancelled'],
    ['QWERTY is my booking code', '[booking code] is my booking code'],
    ['my PNR is ZXCVBN thanks', 'my PNR is [booking code] thanks'],
    ['Mijn boeking is XKQZRT, vlucht geannuleerd', 'Mijn boeking is [booking code], vlucht geannuleerd'],
    ['Meine Buchungsnummer: ABCDEF', 'Meine Buchungsnummer: [booking code]'],
    ['call me (555) 123-4567 or 555-123-4567', 'call me [phone] or [phone]'],
    ['mail sara at example dot com please', 'mail [email] please'],
    ['piet (at) example [dot] nl', '[email]'],
    ['thanks @piet-b. and @anna_k!', 'thanks @[handle]. and @[handle]!'],
    ['write to anna.j@example.com', 'write to [email]']
  ])('redacts %j', (text, redacted) => {
    expect(redactPersonalData(text)).toBe(redacted)
  })

  it.each([
    'UPDATE: CANCEL all flights, PLEASE help',
    'STATUS UPDATE from KLM: AMSTERDAM closed',
    'booking for my family tomorrow',
    'We arrived at Schiphol at noon, the dot was red',
    'look at this dot com bubble',
    'Vi sitter fast på Arlanda, ingen information om bokningen',
    'Wir warten seit 5 Stunden am Gate B12, Buchung storniert',
    'Nous sommes bloqués à CDG depuis hier soir',
    'Lot LO3456 odwołany, co dalej? Rezerwacja przepadła',
    'Lento AY1234 peruttu, mitä nyt?',
    'Vlucht KL1234 geannuleerd, boeking via de website lukt niet',
    'הטיסה בוטלה, אין מידע',
    'the A380s and 737s are grounded since 2010-04-15'
  ])('leaves ordinary words alone: %j', (text) => {
    expect(redactPersonalData(text)).toBe(text)
    expect(personalData(text)).toEqual([])
  })
})
