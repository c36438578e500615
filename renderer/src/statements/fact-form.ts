// A revision's facts back into the strings the fact inputs show, so a revision can
// change the facts (and with them the promise) it was drafted from.
import type { DateTimeFact, Facts } from '../../../shared/statement-facts'
import { isoToZoned } from '../../../shared/time-zone'

/** Facts as the form holds them: strings, and each datetime's zone beside it. */
export function factsToForm(
  facts: Facts | null,
  defaultZone: string
): { raw: Record<string, string>; zones: Record<string, string> } {
  const raw: Record<string, string> = {}
  const zones: Record<string, string> = {}
  for (const [name, value] of Object.entries(facts ?? {})) {
    if (typeof value === 'object' && value !== null) {
      const { at, timeZone } = value as DateTimeFact
      zones[name] = timeZone || defaultZone
      raw[name] = isoToZoned(at, zones[name]) ?? at
    } else raw[name] = String(value)
  }
  return { raw, zones }
}
