// Holding statements are written once as facts and rendered for every channel from them,
// so channels can never disagree (statements issue, item 2). Pure and shared.
import { z } from 'zod'
import { parseIsoInstant } from './mention'
import { IanaTimeZone } from './time-zone'

/** The kinds of fact a template can ask for. */
export const FACT_TYPES = ['text', 'reference', 'datetime', 'url', 'phone', 'count'] as const
export type FactType = (typeof FACT_TYPES)[number]

export interface FactSpec {
  name: string
  type: FactType
  /** for people filling the form */
  label: string
}

/** A datetime fact carries its zone, so "next update at 18:00" means one moment everywhere. */
export interface DateTimeFact {
  at: string // ISO 8601 with zone
  timeZone: string // IANA, for rendering
}
export type FactValue = string | number | DateTimeFact

/** One schema per fact type: bad input names the fact and what is wrong with it. */
export const FACT_SCHEMAS: Record<FactType, z.ZodType<FactValue>> = {
  text: z.string().trim().min(1).max(500),
  reference: z
    .string()
    .trim()
    .regex(/^[A-Z0-9][A-Z0-9 -]{1,19}$/i, 'a flight or reference number such as KL1234'),
  datetime: z
    .object({
      at: z.string().refine((s) => parseIsoInstant(s) !== null, 'an ISO 8601 time with a zone'),
      timeZone: IanaTimeZone
    })
    .strict(),
  url: z
    .string()
    .url()
    .max(500)
    .refine((u) => /^https?:/i.test(u), 'an http(s) address'),
  phone: z.string().regex(/^\+[1-9][0-9 ()-]{6,20}$/, 'a phone number in international form, e.g. +31 20 123 4567'),
  count: z.number().int().min(0).max(1e9)
}

export type Facts = Record<string, FactValue>

/** Checks filled facts against a template's specs: every fact present, each of its type. */
export function validateFacts(
  specs: readonly FactSpec[],
  facts: Record<string, unknown>
): { ok: true; facts: Facts } | { ok: false; problems: string[] } {
  const problems: string[] = []
  const out: Facts = {}
  for (const spec of specs) {
    if (facts[spec.name] === undefined) {
      problems.push(`${spec.name}: missing (${spec.label})`)
      continue
    }
    const parsed = FACT_SCHEMAS[spec.type].safeParse(facts[spec.name])
    if (parsed.success) out[spec.name] = parsed.data
    else problems.push(`${spec.name}: expected ${spec.type}, ${parsed.error.issues[0].message}`)
  }
  for (const name of Object.keys(facts))
    if (!specs.some((s) => s.name === name)) problems.push(`${name}: not a fact of this template`)
  return problems.length ? { ok: false, problems } : { ok: true, facts: out }
}

const PLACEHOLDER = /\{\{\s*([a-zA-Z][a-zA-Z0-9_]*)\s*\}\}/g

/** Placeholders a template text uses that its specs don't define (a template authoring error). */
export function unknownPlaceholders(text: string, specs: readonly FactSpec[]): string[] {
  const known = new Set(specs.map((s) => s.name))
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]).filter((n) => !known.has(n)))]
}

/** A fact as people read it, in `lang`. */
export function formatFact(value: FactValue, type: FactType, lang: string): string {
  if (type === 'datetime') {
    const { at, timeZone } = value as DateTimeFact
    return new Intl.DateTimeFormat(lang, {
      timeZone,
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      hour: '2-digit',
      minute: '2-digit',
      timeZoneName: 'short'
    }).format(new Date(at))
  }
  if (type === 'count') return new Intl.NumberFormat(lang).format(value as number)
  return String(value)
}

/** Renders a template text with the facts; every placeholder must be known and filled. */
export function render(text: string, specs: readonly FactSpec[], facts: Facts, lang: string): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => {
    const spec = specs.find((s) => s.name === name)
    if (!spec || facts[name] === undefined) throw new Error(`template placeholder ${whole} has no fact`)
    return formatFact(facts[name], spec.type, lang)
  })
}

const REFERENCE_IN_TEXT = /\b[A-Z]{2}\s?\d{2,4}\b/g
const TIME_IN_TEXT = /\b([01]?\d|2[0-3])[:.h]([0-5]\d)\b/g

/**
 * A hand edit of one rendered variant may reword anything but the facts. Flags flight or
 * reference numbers and clock times in `edited` that none of the facts says (as rendered
 * for `lang`): "another time, another flight" is caught before approval, not after.
 */
export function contradictions(edited: string, specs: readonly FactSpec[], facts: Facts, lang: string): string[] {
  const rendered = specs.map((s) => (facts[s.name] === undefined ? '' : formatFact(facts[s.name], s.type, lang)))
  const allowedRefs = new Set(
    rendered.flatMap((r) => r.match(REFERENCE_IN_TEXT) ?? []).map((r) => r.replace(/\s/g, ''))
  )
  const allowedTimes = new Set(
    rendered.flatMap((r) => [...r.matchAll(TIME_IN_TEXT)].map((m) => `${Number(m[1])}:${m[2]}`))
  )
  const problems: string[] = []
  for (const ref of edited.match(REFERENCE_IN_TEXT) ?? []) {
    if (!allowedRefs.has(ref.replace(/\s/g, ''))) problems.push(`"${ref}" is not a reference given in the facts`)
  }
  for (const m of edited.matchAll(TIME_IN_TEXT)) {
    if (!allowedTimes.has(`${Number(m[1])}:${m[2]}`)) problems.push(`"${m[0]}" is not a time given in the facts`)
  }
  return problems
}
