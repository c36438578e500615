// Personal data that must not be posted in public: e-mail addresses (also spelled out,
// "sara at example dot com"), phone numbers and booking references (airline PNRs: six
// letters and digits, not a flight number). Used to send a reply as a direct message
// instead, and to redact exports shared beyond the team.

export type PersonalDataKind = 'email' | 'phone' | 'booking code'

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.\p{L}{2,}/u
// "sara at example dot com", "sara (at) example [dot] com", "piet at example punt nl"
const AT = String.raw`(?:\s+at\s+|\s*[([]at[)\]]\s*)`
const DOT = String.raw`(?:\s+(?:dot|punt|punkt|point|punto|kropka|piste)\s+|\s*[([](?:dot|punt|punkt|point)[)\]]\s*)`
// "look at this dot com bubble" is a sentence: the word after "at" is no domain there
const NOT_A_DOMAIN = String.raw`(?!(?:this|that|the|a|an|my|your|our|his|her|their|its|these|those|home|work|least|all|once|first|last)\b)`
const SPELLED_EMAIL = new RegExp(
  String.raw`(?<![\p{L}\p{N}])[\p{L}\p{N}._%+-]+${AT}${NOT_A_DOMAIN}[\p{L}\p{N}-]+(?:${DOT}[\p{L}\p{N}-]+)*${DOT}\p{L}{2,6}(?![\p{L}\p{N}])`,
  'iu'
)
const SPELLED_DOT = /(?:\s|[([])(?:dot|punt|punkt|point|punto|kropka|piste)(?:\s|[)\]])/i
// international or long national numbers, with the usual separators; North American
// numbers as they are written: (555) 123-4567 and 555-123-4567
const PHONE =
  /(?:\+|\b00)\d[\d ()./-]{6,18}\d\b|\b0\d(?:[ ./-]?\d){7,10}\b|\(\d{3}\)\s?\d{3}[-. ]\d{4}\b|\b\d{3}[-.]\d{3}[-.]\d{4}\b/
// a letter after the first two characters: KL1234 is a flight, K7XQ2P, ABC123 and abc123 are bookings
const BOOKING_CODE = /\b(?=[A-Za-z0-9]{6}\b)(?=[A-Za-z0-9]*\d)(?=[A-Za-z0-9]{2}\d*[A-Za-z])[A-Za-z0-9]{6}\b/
// Six capitals alone (QWERTY) are a record locator only beside a word for one, since
// UPDATE, CANCEL and PLEASE are six capitals too. The cue words, in our languages:
const LOCATOR_CUE = String.raw`(?:booking|reservation|confirmation|record|locator|pnr|ref|reference|code|boeking|boekingscode|reservering|bokning|bokningsnummer|buchung|buchungscode|buchungsnummer|réservation|reserva|localizador|rezerwacja|rezerwacji|varaus|varausnumero|varaustunnus|bestilling|booking-kode|prenotazione|reserva)`
const LETTER_LOCATOR = new RegExp(
  String.raw`(?<=\b${LOCATOR_CUE}\b[^\p{L}\p{N}]{1,5}(?:(?:is|nr|no|number|nummer|numéro|numero|:)[^\p{L}\p{N}]{1,3})?)[A-Z]{6}\b|\b[A-Z]{6}\b(?=[^\p{L}\p{N}]{1,5}(?:is\s+)?(?:my|mijn|min|meine?|mon|ma|mi|mój|moja)?\s*${LOCATOR_CUE}\b)`,
  'iu'
)
const SIX_CAPITALS = /\b[A-Z]{6}\b/

const PATTERNS: [PersonalDataKind, RegExp[]][] = [
  ['email', [EMAIL, SPELLED_EMAIL]],
  ['phone', [PHONE]],
  ['booking code', [BOOKING_CODE, LETTER_LOCATOR]]
]

/**
 * Every text of an incident is checked, so each pattern first needs what it can't match
 * without; and whether there is an e-mail address is asked from its "@" (one letter before
 * it is as good as the whole name, and the full pattern tries every word of the text).
 */
const FOUND: Record<PersonalDataKind, (text: string) => boolean> = {
  email: (text) =>
    (text.includes('@') && /(?<=[\p{L}\p{N}._%+-])@[\p{L}\p{N}.-]+\.\p{L}{2,}/u.test(text)) ||
    (SPELLED_DOT.test(text) && SPELLED_EMAIL.test(text)),
  phone: (text) => /\d/.test(text) && PHONE.test(text),
  'booking code': (text) =>
    (/\d/.test(text) && BOOKING_CODE.test(text)) || (SIX_CAPITALS.test(text) && caseSensitiveLocator(text) !== null)
}

/**
 * LETTER_LOCATOR is case-insensitive for its cue words, so the six capitals are checked
 * again here: "booking family" is not a locator, "booking QWERTY" is.
 */
function caseSensitiveLocator(text: string): RegExpExecArray | null {
  const re = new RegExp(LETTER_LOCATOR.source, 'giu')
  for (let m = re.exec(text); m; m = re.exec(text)) if (/^[A-Z]{6}$/.test(m[0])) return m
  return null
}

/** The kinds of personal data in `text`, each once, in a fixed order. */
export function personalData(text: string): PersonalDataKind[] {
  return PATTERNS.filter(([kind]) => FOUND[kind](text)).map(([kind]) => kind)
}

// a handle ends on a letter, digit or underscore: "@piet-b." is the handle piet-b and a full stop
const HANDLE = /(^|[^\p{L}\p{N}_@])@[\p{L}\p{N}_](?:[\p{L}\p{N}_.-]{0,48}[\p{L}\p{N}_])?/gu

/**
 * `text` with personal data replaced by its kind in brackets, and @handles by "@[handle]",
 * for exports shared beyond the team. Every occurrence, not only the first.
 */
export function redactPersonalData(text: string): string {
  let out = text
  for (const [kind, patterns] of PATTERNS) {
    for (const re of patterns) {
      const all = new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`)
      out = out.replace(all, (found) => (re === LETTER_LOCATOR && !/^[A-Z]{6}$/.test(found) ? found : `[${kind}]`))
    }
  }
  return out.replace(HANDLE, '$1@[handle]')
}
