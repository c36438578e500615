// One check for IANA time zones (Europe/Amsterdam), used wherever a zone is taken in:
// incidents, datetime facts. Intl knows the zone database on every runtime we target.
import { z } from 'zod'

// Making an Intl.DateTimeFormat costs tens of microseconds, and an import asks for each of
// its rows: one per zone is kept (there are a few hundred zones at most).
const offsetFormats = new Map<string, Intl.DateTimeFormat>()

function offsetFormat(timeZone: string): Intl.DateTimeFormat {
  let f = offsetFormats.get(timeZone)
  if (!f)
    offsetFormats.set(
      timeZone,
      (f = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit'
      }))
    )
  return f
}

export function isIanaTimeZone(tz: string): boolean {
  if (offsetFormats.has(tz)) return true
  try {
    offsetFormat(tz)
    return true
  } catch {
    return false
  }
}

export const IanaTimeZone = z.string().max(64).refine(isIanaTimeZone, 'not an IANA time zone such as Europe/Amsterdam')

/** The zone's offset from UTC at instant `ms`, in ms (Amsterdam in summer: +7,200,000). */
function zoneOffsetMs(ms: number, timeZone: string): number {
  const parts = offsetFormat(timeZone).formatToParts(new Date(ms))
  const f = Object.fromEntries(parts.map((p) => [p.type, Number(p.value)]))
  return Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second) - Math.floor(ms / 1000) * 1000
}

/**
 * A wall-clock time in a zone ("2010-04-17T18:00" in Europe/Amsterdam) as an ISO instant
 * with its offset ("2010-04-17T18:00:00+02:00"), as a datetime fact needs it. Null when
 * the local time is malformed or the zone unknown.
 */
export function zonedToIso(local: string, timeZone: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local)
  if (!m || !isIanaTimeZone(timeZone)) return null
  const wall = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5])
  // two passes: the offset at the guessed instant, then at the corrected one (DST edges)
  let offset = zoneOffsetMs(wall - zoneOffsetMs(wall, timeZone), timeZone)
  offset = zoneOffsetMs(wall - offset, timeZone)
  const sign = offset < 0 ? '-' : '+'
  const abs = Math.abs(offset) / 60_000
  return `${local}:00${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`
}

/** The other way: an instant as the wall-clock time in a zone ("2010-04-17T18:00"), for a datetime-local input. */
export function isoToZoned(iso: string, timeZone: string): string | null {
  const ms = Date.parse(iso)
  if (Number.isNaN(ms) || !isIanaTimeZone(timeZone)) return null
  return new Date(ms + zoneOffsetMs(ms, timeZone)).toISOString().slice(0, 16)
}
