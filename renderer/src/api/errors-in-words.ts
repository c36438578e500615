// Refusals come from the engine in one form for every client (ISO instants in UTC); a
// person at the console reads them with times in the console's own zone.

const ISO_INSTANT = /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})\b/g

/** `message` with each ISO instant in it as a local time ("21:35", with the date when not today). */
export function inConsoleTime(message: string, now = new Date()): string {
  return message.replace(ISO_INSTANT, (iso) => {
    const d = new Date(iso)
    if (Number.isNaN(d.getTime())) return iso
    const sameDay = d.toDateString() === now.toDateString()
    const time = d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })
    return sameDay ? time : `${d.toLocaleDateString([], { day: 'numeric', month: 'short' })} ${time}`
  })
}
