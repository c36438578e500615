// Personal data that must not be posted in public: e-mail addresses, phone numbers and
// booking references (airline PNRs: six letters and digits, at least one of each, not a
// flight number). Used to
// send a reply as a direct message instead, and to redact exports shared beyond the team.

export type PersonalDataKind = 'email' | 'phone' | 'booking code'

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.\p{L}{2,}/u
// international or long national numbers, with the usual separators
const PHONE = /(?:\+|\b00)\d[\d ()./-]{6,18}\d\b|\b0\d(?:[ ./-]?\d){7,10}\b/
// a letter after the first two characters: KL1234 is a flight, K7XQ2P and ABC123 are bookings
const BOOKING_CODE = /\b(?=[A-Z0-9]{6}\b)(?=[A-Z0-9]*\d)(?=[A-Z0-9]{2}\d*[A-Z])[A-Z0-9]{6}\b/

const PATTERNS: [PersonalDataKind, RegExp][] = [
  ['email', EMAIL],
  ['phone', PHONE],
  ['booking code', BOOKING_CODE]
]

/**
 * Every text of an incident is checked, so each pattern first needs what it can't match
 * without; and whether there is an e-mail address is asked from its "@" (one letter before
 * it is as good as the whole name, and the full pattern tries every word of the text).
 */
const FOUND: Record<PersonalDataKind, (text: string) => boolean> = {
  email: (text) => text.includes('@') && /(?<=[\p{L}\p{N}._%+-])@[\p{L}\p{N}.-]+\.\p{L}{2,}/u.test(text),
  phone: (text) => /\d/.test(text) && PHONE.test(text),
  'booking code': (text) => /\d/.test(text) && BOOKING_CODE.test(text)
}

/** The kinds of personal data in `text`, each once, in a fixed order. */
export function personalData(text: string): PersonalDataKind[] {
  return PATTERNS.filter(([kind]) => FOUND[kind](text)).map(([kind]) => kind)
}

const HANDLE = /(^|[^\p{L}\p{N}_@])@[\p{L}\p{N}_.]{1,50}/gu

/**
 * `text` with personal data replaced by its kind in brackets, and @handles by "@[handle]",
 * for exports shared beyond the team. Every occurrence, not only the first.
 */
export function redactPersonalData(text: string): string {
  let out = text
  for (const [kind, re] of PATTERNS) out = out.replace(new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`), `[${kind}]`)
  return out.replace(HANDLE, '$1@[handle]')
}
