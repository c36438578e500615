// One check for IANA time zones (Europe/Amsterdam), used wherever a zone is taken in:
// incidents, datetime facts. Intl knows the zone database on every runtime we target.
import { z } from 'zod'

export function isIanaTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz })
    return true
  } catch {
    return false
  }
}

export const IanaTimeZone = z.string().max(64).refine(isIanaTimeZone, 'not an IANA time zone such as Europe/Amsterdam')
