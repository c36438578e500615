// A refusal's times are read in the console's own zone, not as ISO instants in UTC.
import { describe, expect, it } from 'vitest'
import { inConsoleTime } from '../../renderer/src/api/errors-in-words'

describe('inConsoleTime', () => {
  it('writes an instant of today as a local time, and another day with its date', () => {
    const now = new Date('2026-12-07T22:00:00Z')
    const today = inConsoleTime('claimed by sam since 2026-12-07T21:35:56.000Z', now)
    expect(today).toBe(
      `claimed by sam since ${new Date('2026-12-07T21:35:56Z').toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}`
    )
    expect(today).not.toMatch(/T\d{2}:|Z\b/)
    const earlier = inConsoleTime('due at 2026-11-23T14:00:00Z', now)
    const d = new Date('2026-11-23T14:00:00Z')
    expect(earlier).toBe(
      `due at ${d.toLocaleDateString([], { day: 'numeric', month: 'short' })} ${d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}`
    )
    expect(earlier).toMatch(/23/)
  })

  it('leaves a message without instants alone', () => {
    expect(inConsoleTime('claim needs one of the roles lead; vera has viewer')).toBe(
      'claim needs one of the roles lead; vera has viewer'
    )
  })
})
