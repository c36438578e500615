// Response-queue priority: reach x negativity x urgency x question-ness x age, explainable
// factor by factor. At ingest a mention enters with a first estimate from cue words
// (priorityFactors); once analyzed, its factors come from the analyzers: sentiment,
// intent and urgent cues (factorsFromAnalysis), and its rank is stored again.
//
// Age grows every item's priority by the same factor e^(age/TAU), so the order between two
// items never changes with time: ordering by ln(base) - arrival/TAU is the same as ordering
// by the live priority, and that key can be stored and indexed (a 1M-mention queue pages
// in milliseconds).

/** an item waiting this much longer than another outranks one e (2.7) times as important */
export const AGE_TAU_MS = 30 * 60_000
/** arrival times are measured from here, to keep the stored rank small and precise */
const RANK_EPOCH_MS = Date.UTC(2026, 0, 1)

export interface PriorityFactors {
  /** 1 + log10(followers + 1): 1 for nobody, 7 for a million followers */
  reach: number
  /** 1, or more with each complaint cue (cancelled, stranded, no answer ...), at most 3 */
  negativity: number
  /** 1, or more with each urgent cue (medical, children, overnight, safety), at most 3 */
  urgency: number
  /** 1.5 for a question, else 1 */
  question: number
}

// Whole words in any script: JS's \b knows only ASCII letters, so look for non-letters instead.
const words = (list: string) => new RegExp(`(?<!\\p{L})(?:${list})(?!\\p{L})`, 'giu')
const NEGATIVE = words(
  'cancel+ed|geannuleerd|inställt|peruttiin|odwołany|gestrichen|annulé|cancelado|stranded|vast|strandsatt|jumissa|utknąłem|gestrandet|bloqué|atrapado|no answer|niemand|ingen svarar|nobody|on hold|refund|ridiculous|joke|down|ligt eruit|ligger nere|nie działa|funktioniert nicht|en panne|no funciona'
)
const URGENT = words(
  'medical|medicine|medication|insulin|hospital|doctor|ambulance|pregnant|kids?|child(ren)?|baby|kinderen|barn|lapset|dzieci|kinder|enfants|niños|overnight|tonight|vannacht|floor|vloer|safety|unsafe|danger'
)

function cues(text: string, re: RegExp): number {
  return Math.min(2, (text.match(re) ?? []).length)
}

export function priorityFactors(text: string, followers: number): PriorityFactors {
  return {
    reach: 1 + Math.log10(Math.max(0, followers) + 1),
    negativity: 1 + cues(text, NEGATIVE),
    urgency: 1 + cues(text, URGENT),
    question: /[?？؟]/.test(text) ? 1.5 : 1
  }
}

/** The factors once the analyzers have read the mention. */
export function factorsFromAnalysis(
  reach: number,
  a: { score: number; intent: string; urgent: readonly string[] }
): PriorityFactors {
  return {
    reach,
    negativity: Math.round((1 + 2 * Math.max(0, -a.score)) * 100) / 100,
    urgency: 1 + Math.min(2, a.urgent.length),
    question: a.intent === 'question' ? 1.5 : 1
  }
}

export const baseScore = (f: PriorityFactors): number => f.reach * f.negativity * f.urgency * f.question

/** The stored ordering key: higher ranks first, and the order never changes with time. */
export const rankOf = (f: PriorityFactors, arrivalMs: number): number =>
  Math.log(baseScore(f)) - (arrivalMs - RANK_EPOCH_MS) / AGE_TAU_MS

/** The priority a person sees now: the base score grown by the item's age. */
export function priorityNow(
  f: PriorityFactors,
  arrivalMs: number,
  nowMs: number
): { score: number; ageFactor: number } {
  const ageFactor = Math.exp(Math.max(0, nowMs - arrivalMs) / AGE_TAU_MS)
  return { score: baseScore(f) * ageFactor, ageFactor }
}
