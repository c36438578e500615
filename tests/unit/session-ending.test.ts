// The console says a session is ending in its last quarter hour, in whole minutes.
import { describe, expect, it } from 'vitest'
import { minutesLeftInSession } from '../../renderer/src/api/session'

describe('a session ending', () => {
  const end = Date.parse('2026-11-24T14:00:00Z')
  it('is said from 15 minutes before, rounding up, and never as 0 minutes', () => {
    expect(minutesLeftInSession(end, end - 16 * 60_000)).toBeNull()
    expect(minutesLeftInSession(end, end - 15 * 60_000)).toBe(15)
    expect(minutesLeftInSession(end, end - 61_000)).toBe(2)
    expect(minutesLeftInSession(end, end - 1000)).toBe(1)
  })
  it('is not said once it has ended: the engine closes the console then', () => {
    expect(minutesLeftInSession(end, end)).toBeNull()
    expect(minutesLeftInSession(end, end + 1)).toBeNull()
  })
})
