// Holding statements as the API and the UI see them: a statement is a series of revisions;
// each revision holds the facts once and every channel's variant rendered from them, with
// its rule check. `composeRevision` is the one place a revision's content is built: the
// engine stores what it returns, and the editor previews the same thing while typing.
import { z } from 'zod'
import { checkChannel, OUTBOUND_CHANNELS, type OutboundChannel, type RuleCheck } from './channel-rules'
import { parseIsoInstant } from './mention'
import { contradictions, unknownPlaceholders, validateFacts, type DateTimeFact, type Facts } from './statement-facts'
import { renderVariants, type StatementTemplate } from './statement-templates'
import type { Role } from './team'

/** Who may draft and revise statements. Approving is for lead and legal (approval-policy.ts). */
export const STATEMENT_AUTHOR_ROLES: readonly Role[] = ['lead', 'legal', 'pr']
/** Who may save a template version; pre-approving one is for the lead alone. */
export const TEMPLATE_EDITOR_ROLES: readonly Role[] = ['lead', 'pr', 'admin']

/** The fact a template uses for "when the next update comes"; it is the statement's promise. */
export const NEXT_UPDATE_FACT = 'nextUpdate'

export interface Variant {
  channel: OutboundChannel
  lang: string
  text: string
  /** email only */
  subject?: string
  /** true when someone changed the rendered text by hand */
  edited: boolean
  check: RuleCheck
  /** numbers or times in a hand edit that the facts don't say */
  contradictions: string[]
}

/** withdrawn: its draft was withdrawn before approval; it waits for no one */
export type RevisionState = 'pending' | 'approved' | 'rejected' | 'withdrawn'

export interface Revision {
  number: number
  author: string
  createdAt: string
  facts: Facts | null
  nextUpdateAt: string
  variants: Variant[]
  /** from a lead-pre-approved template with nothing but its facts changed: one approval suffices */
  preApprovedFactsOnly: boolean
  /** true when every variant passes its channel's rules and no edit contradicts a fact */
  ready: boolean
  state: RevisionState
  approvals: { approver: string; roles: Role[]; at: string }[]
  /** the approvals still needed, each a set of roles one more person must hold */
  missing: Role[][]
  approvedAt: string | null
  rejection: { by: string; reason: string; at: string } | null
}

export interface Statement {
  id: number
  incidentId: number
  title: string
  template: { id: string; version: number } | null
  languages: string[]
  channels: OutboundChannel[]
  createdBy: string
  createdAt: string
  /** the revision under review (the newest) */
  latest: Revision
  /** the newest approved revision, which is what may go out; null until one is approved */
  approved: Revision | null
  /**
   * The promise of the approved revision: the next update is due at `dueAt`; it is kept
   * when a newer statement is approved by then (`keptAt`). A console compares `dueAt` with
   * its clock: past due and not kept is a broken promise.
   */
  promise: { dueAt: string; keptAt: string | null; brokenAt: string | null } | null
  /** a draft withdrawn before approval: out of every approver's count, never sent */
  withdrawn: { by: string; reason: string; at: string } | null
}

/** What the wall shows: the incident's newest approved words and the promise they make. */
export interface WallStatement {
  statementId: number
  title: string
  revision: number
  approvedAt: string
  nextUpdateAt: string
  variants: { channel: OutboundChannel; lang: string; text: string }[]
}

export interface TemplateSummary {
  template: StatementTemplate
  preApproved: { by: string; at: string } | null
  savedBy: string
  savedAt: string
}

export interface KnowledgeEntry {
  id: number
  lang: string
  question: string
  answer: string
  createdBy: string
  createdAt: string
}

export interface KnowledgeSuggestion {
  entry: KnowledgeEntry
  /** higher is better; comparable within one answer */
  score: number
  /** the stemmed terms the mention and the entry share */
  matched: string[]
}

export interface MostAsked {
  entry: KnowledgeEntry
  /** mentions in this incident whose best suggestion is this entry */
  asked: number
  /** replies in this incident that used it */
  used: number
}

// --- composing a revision (pure; shared by the engine and the editor) ---

export interface VariantEdit {
  channel: OutboundChannel
  lang: string
  text: string
  subject?: string
}

export type RevisionContent =
  | {
      mode: 'template'
      template: StatementTemplate
      facts: Record<string, unknown>
      languages: string[]
      channels: OutboundChannel[]
      edits: VariantEdit[]
      nextUpdateAt?: string
    }
  | { mode: 'free'; variants: VariantEdit[]; nextUpdateAt?: string }

export type Composed = {
  facts: Facts | null
  variants: Variant[]
  nextUpdateAt: string
  /** no hand edits: what a pre-approved template renders, facts alone changed */
  factsOnly: boolean
}

/**
 * Builds a revision's variants and checks them. Input errors (a missing or mistyped fact,
 * an edit for a variant the statement doesn't have, a placeholder left in a text, no
 * "next update at") come back as `problems`, each naming its field; nothing is stored then.
 * Channel-rule problems and contradictions are not input errors: they are reported on the
 * variant, and they block approval, not drafting.
 */
export function composeRevision(
  content: RevisionContent
): { ok: true; value: Composed } | { ok: false; problems: string[] } {
  const problems: string[] = []
  let facts: Facts | null = null
  let variants: Omit<Variant, 'check' | 'contradictions'>[] = []
  let nextUpdate = content.nextUpdateAt

  if (content.mode === 'template') {
    const t = content.template
    const validated = validateFacts(t.facts, content.facts)
    if (!validated.ok) problems.push(...validated.problems.map((p) => `facts.${p}`))
    for (const lang of content.languages)
      if (!t.texts[lang])
        problems.push(`language: template ${t.id} has no "${lang}" text (it has ${Object.keys(t.texts).join(', ')})`)
    if (problems.length) return { ok: false, problems }
    facts = (validated as { facts: Facts }).facts
    const rendered = content.languages.flatMap((lang) => renderVariants(t, facts as Facts, lang, content.channels))
    content.edits.forEach((e, i) => {
      if (!rendered.some((r) => r.channel === e.channel && r.lang === e.lang))
        problems.push(`edits[${i}]: this statement has no ${e.channel} variant in "${e.lang}"`)
    })
    variants = rendered.map((r) => {
      const edit = content.edits.find((e) => e.channel === r.channel && e.lang === r.lang)
      const text = edit?.text ?? r.text
      const subject = r.channel === 'email' ? (edit?.subject ?? r.subject) : undefined
      return {
        ...r,
        text,
        ...(subject !== undefined ? { subject } : {}),
        edited: text !== r.text || subject !== r.subject
      }
    })
    const fact = t.facts.find((f) => f.name === NEXT_UPDATE_FACT && f.type === 'datetime')
    if (fact) {
      const fromFact = (facts[NEXT_UPDATE_FACT] as DateTimeFact).at
      if (nextUpdate !== undefined && parseIsoInstant(nextUpdate) !== parseIsoInstant(fromFact)) {
        problems.push(
          `nextUpdateAt: ${nextUpdate} contradicts the ${NEXT_UPDATE_FACT} fact (${fromFact}); change the fact instead`
        )
      }
      nextUpdate = fromFact
    }
  } else {
    content.variants.forEach((v, i) => {
      if (content.variants.findIndex((w) => w.channel === v.channel && w.lang === v.lang) !== i)
        problems.push(`texts[${i}]: a second ${v.channel} text in "${v.lang}"`)
    })
    variants = content.variants.map((v) => ({ ...v, edited: true }))
  }
  variants.forEach((v, i) => {
    for (const field of [v.text, v.subject ?? '']) {
      for (const name of unknownPlaceholders(field, []))
        problems.push(
          `${content.mode === 'template' ? 'edits' : 'texts'}[${i}]: unknown placeholder {{${name}}} in the ${v.channel} text`
        )
    }
  })
  if (nextUpdate === undefined)
    problems.push('nextUpdateAt: every statement says when the next update comes; give an ISO 8601 time with a zone')
  else if (parseIsoInstant(nextUpdate) === null)
    problems.push(`nextUpdateAt: "${nextUpdate}" is not an ISO 8601 time with a zone`)
  if (problems.length) return { ok: false, problems }

  const template = content.mode === 'template' ? content.template : null
  const checked: Variant[] = variants.map((v) => ({
    ...v,
    check: checkChannel(v.channel, v.text, v.subject),
    contradictions:
      template && v.edited ? contradictions(`${v.subject ?? ''} ${v.text}`, template.facts, facts as Facts, v.lang) : []
  }))
  return {
    ok: true,
    value: {
      facts,
      variants: checked,
      nextUpdateAt: new Date(parseIsoInstant(nextUpdate as string) as number).toISOString(),
      factsOnly: checked.every((v) => !v.edited)
    }
  }
}

/** What blocks approving these variants, one line each; empty when they may be approved. */
export function approvalBlockers(variants: readonly Variant[]): string[] {
  return variants.flatMap((v) => [
    ...v.check.problems.map((p) => `${v.channel} (${v.lang}): ${p.message}`),
    ...v.contradictions.map((c) => `${v.channel} (${v.lang}): ${c}`)
  ])
}

// --- parameter schemas (validated at the boundary) ---

const id = z.coerce.number().int().positive()
const lang = z.string().regex(/^[a-z]{2,3}(-[A-Z]{2})?$/, 'a language tag such as "nl"')
const channel = z.enum(OUTBOUND_CHANNELS)
const instant = z
  .string()
  .max(64)
  .refine((s) => parseIsoInstant(s) !== null, 'an ISO 8601 time with a zone, e.g. 2010-04-17T18:00:00+02:00')
export const MAX_VARIANT_TEXT = 20_000
const edit = z
  .object({ channel, lang, text: z.string().max(MAX_VARIANT_TEXT), subject: z.string().max(500).optional() })
  .strict()
const channels = z
  .array(channel)
  .min(1)
  .max(OUTBOUND_CHANNELS.length)
  .refine((c) => new Set(c).size === c.length, 'each channel once')
const languages = z.union([lang.transform((l) => [l]), z.array(lang).min(1).max(10)])

export const StatementParams = {
  create: z
    .object({
      incident: id,
      title: z.string().trim().min(1).max(200).optional(),
      template: z.string().max(64).optional(),
      templateVersion: z.number().int().min(1).optional(),
      facts: z.record(z.string(), z.unknown()).optional(),
      language: languages.optional(),
      channels: channels.optional(),
      edits: z.array(edit).max(100).default([]),
      /** free text, one per channel (and language), when no template is used */
      texts: z.array(edit).min(1).max(100).optional(),
      nextUpdateAt: instant.optional()
    })
    .strict()
    .superRefine((p, ctx) => {
      if ((p.template === undefined) === (p.texts === undefined))
        ctx.addIssue({
          code: 'custom',
          path: ['template'],
          message: 'give either a template (with facts, language, channels) or texts'
        })
      if (p.template !== undefined) {
        if (!p.facts) ctx.addIssue({ code: 'custom', path: ['facts'], message: 'a template statement needs its facts' })
        if (!p.language) ctx.addIssue({ code: 'custom', path: ['language'], message: 'which language(s) to render' })
        if (!p.channels) ctx.addIssue({ code: 'custom', path: ['channels'], message: 'which channels to render for' })
      }
    }),
  revise: z
    .object({
      id,
      /** the revision this edit is based on: editing anything older is refused (409) */
      revision: z.number().int().min(1),
      facts: z.record(z.string(), z.unknown()).optional(),
      edits: z.array(edit).max(100).optional(),
      texts: z.array(edit).min(1).max(100).optional(),
      nextUpdateAt: instant.optional()
    })
    .strict(),
  approve: z.object({ id, revision: z.number().int().min(1) }).strict(),
  reject: z
    .object({ id, revision: z.number().int().min(1), reason: z.string().trim().min(1, 'say why').max(2000) })
    .strict(),
  withdraw: z.object({ id, reason: z.string().trim().min(1, 'say why').max(2000) }).strict(),
  get: z.object({ id }).strict(),
  list: z.object({ incident: id }).strict(),
  templateId: z.object({ id: z.string().max(64), version: z.coerce.number().int().min(1) }).strict(),
  knowledgeSearch: z
    .object({
      q: z.string().trim().max(500).default(''),
      lang: lang.optional(),
      limit: z.coerce.number().int().min(1).max(50).default(10)
    })
    .strict(),
  knowledgeAdd: z
    .object({
      lang,
      question: z.string().trim().min(3).max(1000),
      answer: z.string().trim().min(3).max(4000),
      /** the mention whose reply this entry is saved from, if any */
      fromSeq: id.optional()
    })
    .strict(),
  suggestions: z.object({ seq: id, limit: z.coerce.number().int().min(1).max(10).default(3) }).strict(),
  mostAsked: z.object({ id, limit: z.coerce.number().int().min(1).max(50).default(10) }).strict()
}
