// What each outbound channel accepts (holding statements issue, item 3): lengths counted
// the way each platform counts them, and the content each can't carry. Pure and shared,
// so the renderer checks while the author types and the engine checks again before
// approval with the same code.
import twitterText from 'twitter-text'

export const OUTBOUND_CHANNELS = [
  'x',
  'sms',
  'facebook',
  'instagram',
  'mastodon',
  'bluesky',
  'linkedin',
  'email',
  'statuspage',
  'voice'
] as const
export type OutboundChannel = (typeof OUTBOUND_CHANNELS)[number]

export interface RuleProblem {
  code:
    | 'empty'
    | 'too_long'
    | 'too_many_segments'
    | 'url_not_allowed'
    | 'emoji_not_allowed'
    | 'subject_missing'
    | 'subject_too_long'
  message: string
}

export interface RuleCheck {
  ok: boolean
  problems: RuleProblem[]
  /** what was counted, in the channel's own unit, against its limit */
  length: number
  limit: number | null
  unit: 'weighted characters' | 'characters' | 'graphemes' | 'septets' | 'UTF-16 units' | 'words'
  /** SMS only: the encoding the whole message needs, and how many parts it is sent as */
  sms?: { encoding: 'GSM-7' | 'UCS-2'; segments: number }
}

/** Limits as each platform documents them. */
export const LIMITS = {
  x: 280,
  facebook: 63_206,
  instagram: 2_200,
  mastodon: 500,
  bluesky: 300,
  linkedin: 3_000,
  emailSubject: 78, // RFC 5322 line-length recommendation: subjects past it get folded or cut
  /** SMS parts we send at most; concatenated messages past this get costly and arrive out of order */
  smsSegments: 3
} as const

// --- SMS: GSM 03.38 (3GPP TS 23.038) default alphabet and its extension table ---

const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà'
/** Each of these takes two septets (an escape and the character). */
const GSM_EXTENSION = '^{}\\[~]|€\f'
const GSM_SET = new Set([...GSM_BASIC, ...GSM_EXTENSION])

/** Septets a character takes in GSM-7, or null when GSM-7 can't carry it. */
const gsmSeptets = (ch: string): number | null => (GSM_EXTENSION.includes(ch) ? 2 : GSM_SET.has(ch) ? 1 : null)

/**
 * Encoding and parts of an SMS. One character outside GSM-7 (a Polish ł, a lowercase ç,
 * Hebrew, an emoji) switches the whole message to UCS-2. Parts hold 160 septets alone or
 * 153 when concatenated (70 or 67 UTF-16 units in UCS-2), and a character is never split
 * across two parts: an escaped € or a surrogate pair moves whole to the next one.
 */
export function smsParts(text: string): { encoding: 'GSM-7' | 'UCS-2'; units: number; segments: number } {
  const chars = [...text]
  const gsm = chars.every((c) => gsmSeptets(c) !== null)
  const costs = gsm ? chars.map((c) => gsmSeptets(c) as number) : chars.map((c) => c.length)
  const units = costs.reduce((a, b) => a + b, 0)
  const single = gsm ? 160 : 70
  const part = gsm ? 153 : 67
  if (units <= single) return { encoding: gsm ? 'GSM-7' : 'UCS-2', units, segments: units === 0 ? 0 : 1 }
  let segments = 1
  let used = 0
  for (const c of costs) {
    if (used + c > part) {
      segments++
      used = 0
    }
    used += c
  }
  return { encoding: gsm ? 'GSM-7' : 'UCS-2', units, segments }
}

/**
 * Text as it should go out by SMS: Intl's number and date formats put no-break and thin
 * spaces in ("12 500", "18:00"), and editors put in curly quotes; none is in GSM-7, and
 * one of them would switch the whole message to UCS-2 and more than halve what fits.
 */
export function forSms(text: string): string {
  return text
    .replace(/[\u00A0\u2007\u2009\u202F]/g, ' ')
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201C\u201D]/g, '"')
    .replace(/[\u2013\u2014]/g, '-')
}

// --- counting helpers ---

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' })
export const graphemes = (text: string): number => [...segmenter.segment(text)].length

const URL_RE = /\bhttps?:\/\/[^\s<>"]+|\bwww\.[^\s<>"]+/giu
const HAS_URL = new RegExp(URL_RE.source, 'iu') // no 'g': test() must not carry state between calls
const EMOJI_RE = /\p{Extended_Pictographic}/u
/** Mastodon counts every link as 23 characters, whatever its length. */
const MASTODON_URL_LENGTH = 23

function check(
  length: number,
  limit: number | null,
  unit: RuleCheck['unit'],
  problems: RuleProblem[],
  extra: Partial<RuleCheck> = {}
): RuleCheck {
  if (limit !== null && length > limit)
    problems.push({ code: 'too_long', message: `${length} ${unit}, over the limit of ${limit} by ${length - limit}` })
  return { ok: problems.length === 0, problems, length, limit, unit, ...extra }
}

/** Checks `text` (and an email's `subject`) against `channel`'s rules. */
export function checkChannel(channel: OutboundChannel, text: string, subject?: string): RuleCheck {
  const problems: RuleProblem[] = text.trim() === '' ? [{ code: 'empty', message: 'the text is empty' }] : []
  switch (channel) {
    case 'x': {
      // twitter-text: URLs count 23, CJK and emoji 2, the rest 1 (X's documented weighting)
      const parsed = twitterText.parseTweet(text)
      return check(parsed.weightedLength, LIMITS.x, 'weighted characters', problems)
    }
    case 'sms': {
      const sms = smsParts(text)
      if (sms.segments > LIMITS.smsSegments) {
        problems.push({
          code: 'too_many_segments',
          message: `${sms.segments} SMS parts in ${sms.encoding}; at most ${LIMITS.smsSegments}`
        })
      }
      return check(sms.units, null, sms.encoding === 'GSM-7' ? 'septets' : 'UTF-16 units', problems, {
        sms: { encoding: sms.encoding, segments: sms.segments }
      })
    }
    case 'mastodon':
      return check(
        graphemes(text.replace(URL_RE, 'x'.repeat(MASTODON_URL_LENGTH))),
        LIMITS.mastodon,
        'graphemes',
        problems
      )
    case 'bluesky':
      return check(graphemes(text), LIMITS.bluesky, 'graphemes', problems)
    case 'facebook':
    case 'instagram':
    case 'linkedin':
      return check([...text].length, LIMITS[channel], 'characters', problems)
    case 'email': {
      if (!subject?.trim()) problems.push({ code: 'subject_missing', message: 'an email needs a subject' })
      else if ([...subject].length > LIMITS.emailSubject) {
        problems.push({
          code: 'subject_too_long',
          message: `subject is ${[...subject].length} characters; keep it within ${LIMITS.emailSubject}`
        })
      }
      return check([...text].length, null, 'characters', problems)
    }
    case 'statuspage':
      return check([...text].length, null, 'characters', problems)
    case 'voice': {
      // read aloud by an IVR: a link or an emoji can't be spoken
      if (HAS_URL.test(text))
        problems.push({
          code: 'url_not_allowed',
          message: 'a voice script cannot carry a link; say where to go in words'
        })
      if (EMOJI_RE.test(text))
        problems.push({ code: 'emoji_not_allowed', message: 'a voice script cannot carry emoji' })
      return check(text.trim() ? text.trim().split(/\s+/u).length : 0, null, 'words', problems)
    }
  }
}
