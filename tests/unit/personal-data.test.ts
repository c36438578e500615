// Personal data in a reply sends it as a direct message; ordinary text stays public.
import { describe, expect, it } from 'vitest'
import { personalData } from '../../shared/personal-data'

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
