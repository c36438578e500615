// The crisis team's domain: roles, severities, incidents, the response queue, presence.
import { z } from 'zod'
import type { MentionSummary } from './api'
import type { PriorityFactors } from './priority'
import { IanaTimeZone } from './time-zone'
import type { ReviewFactors } from './review'

export const ROLES = ['admin', 'lead', 'legal', 'pr', 'service', 'ops', 'viewer'] as const
export type Role = (typeof ROLES)[number]

/** Who may work the response queue (claim, reply, mark, escalate, assign, note). */
export const TRIAGE_ROLES: readonly Role[] = ['lead', 'legal', 'pr', 'service', 'ops']
/** Who may run an incident (create, severity, hand over, resolve, reopen, put on the wall). */
export const INCIDENT_ROLES: readonly Role[] = ['lead', 'admin']

export const SEVERITIES = ['SEV1', 'SEV2', 'SEV3', 'SEV4'] as const
export type Severity = (typeof SEVERITIES)[number]

/** Default response-time targets per severity, in minutes; an incident may override them. */
export const DEFAULT_SLA_MINUTES: Record<Severity, number> = { SEV1: 15, SEV2: 30, SEV3: 60, SEV4: 240 }

export const QUEUE_STATUSES = ['open', 'replied', 'duplicate', 'no_action', 'troll', 'escalated'] as const
export type QueueStatus = (typeof QUEUE_STATUSES)[number]
/** Final triage outcomes that need a reason. */
export const MARK_STATUSES = ['duplicate', 'no_action', 'troll'] as const

export const MAX_NOTE_LENGTH = 4000
export const MAX_REPLY_LENGTH = 4000

/** Who is acting: a signed-in team member, or the local operator of a loopback-only console. */
export type Actor =
  | { kind: 'user'; userId: number; name: string; roles: Role[] }
  | { kind: 'local'; name: 'local operator'; roles: Role[] }
  /** a paired wall screen: no role, and only the wall's own read methods (shared/wall.ts) */
  | { kind: 'wall'; deviceId: number; name: string; roles: Role[] }

export const actorHas = (actor: Actor, allowed: readonly Role[]): boolean =>
  actor.roles.some((r) => allowed.includes(r))

export interface UserSummary {
  id: number
  name: string
  roles: Role[]
}

/** A member's account as an admin manages it: whether it is disabled or locked out. */
export interface MemberAccount extends UserSummary {
  disabled: boolean
  /** when a lockout after failed sign-ins ends; null when not locked */
  lockedUntil: string | null
}

/** What happened to an account, as the `account` event and the account log say. */
export type AccountChange = 'created' | 'roles' | 'password' | 'locked' | 'unlocked' | 'disabled' | 'enabled'

/** One line of the account log: who changed whose account, how, and when. */
export interface AccountLogEntry {
  at: string
  user: string
  change: AccountChange
  /** a member's name, "local operator", "command line (…)" or "sign-in" (a lockout) */
  by: string
  /** e.g. "pr, viewer → lead" for roles */
  detail: string | null
}

export interface Incident {
  id: number
  name: string
  drill: boolean
  scenario: string | null
  severity: Severity
  keywords: string[]
  channels: string[]
  timeZone: string
  lead: UserSummary | null
  onWall: boolean
  startedAt: string
  resolvedAt: string | null
  slaMinutes: Record<Severity, number>
  /** the call-centre estimate's factors for the review; null until set */
  reviewFactors: ReviewFactors | null
}

export interface IncidentEvent {
  id: number
  at: string
  occurredAt: string
  actor: string
  type: string
  data: Record<string, unknown>
}

export interface QueueItem {
  seq: number
  mention: MentionSummary
  arrivalAt: string
  status: QueueStatus
  /** who holds it; id is null for the local operator of a loopback console */
  claimedBy: { id: number | null; name: string } | null
  claimedAt: string | null
  assignee: { user: { id: number; name: string } | null; role: Role | null }
  escalatedTo: Role | null
  priority: { score: number; ageFactor: number; factors: PriorityFactors }
  sla: { targetMinutes: number; dueAt: string; breached: boolean }
  /** what the analyzers found; null until the mention is analyzed (a moment after arrival) */
  analysis: MentionAnalysis | null
  version: number
}

export interface MentionAnalysis {
  /** -1..1 */
  sentiment: number
  label: 'negative' | 'neutral' | 'positive'
  intent: 'question' | 'complaint' | 'praise' | 'information'
  /** medical, minors, overnight, safety */
  urgent: string[]
  /** personal data in public: reply by direct message */
  personal: string[]
  /** detected language */
  lang: string | null
  /** the earlier mention this one repeats (a retweet or near-copy), else null */
  echoOf: number | null
  /** how many other mentions repeat the same words */
  echoes: number
}

export interface QueueEvent {
  id: number
  at: string
  actor: string
  type: string
  data: Record<string, unknown>
}

export interface QueueDetail {
  item: QueueItem
  /** the mention as received, unknown fields included */
  document: Record<string, unknown>
  history: QueueEvent[]
  /** the same author's other mentions on the same channel, newest first */
  authorMentions: MentionSummary[]
}

export interface PresenceEntry {
  name: string
  roles: Role[]
  connections: number
  holding: number
}

// --- parameter schemas (validated at the boundary: HTTP body/query/path, IPC) ---

const id = z.coerce.number().int().positive()
/** Response-time targets in minutes per severity; what is left out keeps its default. */
const slaMinutes = z
  .object(
    Object.fromEntries(
      SEVERITIES.map((s) => [
        s,
        z
          .number()
          .int()
          .min(1)
          .max(7 * 24 * 60)
      ])
    ) as Record<Severity, z.ZodNumber>
  )
  .partial()
  .strict()
const userName = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[\p{L}\p{N}._@ -]+$/u, 'letters, digits, spaces and . _ @ - only')
const roleList = z.array(z.enum(ROLES)).min(1).max(ROLES.length)
const password = z.string().min(12, 'at least 12 characters').max(1024)

export const TeamParams = {
  login: z.object({ user: z.string().min(1).max(64), password: z.string().min(1).max(1024) }).strict(),
  createUser: z.object({ name: userName, password, roles: roleList }).strict(),
  userPassword: z.object({ name: userName, password }).strict(),
  ownPassword: z.object({ current: z.string().min(1).max(1024), password }).strict(),
  userName: z.object({ name: userName }).strict(),
  accountLog: z.object({ limit: z.coerce.number().int().min(1).max(500).default(50) }).strict(),
  userRoles: z.object({ name: userName, roles: roleList }).strict(),
  createIncident: z
    .object({
      name: z.string().trim().min(1).max(200),
      severity: z.enum(SEVERITIES),
      keywords: z.array(z.string().trim().min(1).max(100)).max(100).default([]),
      channels: z.array(z.string().min(1).max(32)).max(20).default([]),
      timeZone: IanaTimeZone.default('UTC'),
      slaMinutes: slaMinutes.optional()
    })
    .strict(),
  incidentId: z.object({ id }).strict(),
  setSeverity: z.object({ id, severity: z.enum(SEVERITIES) }).strict(),
  setSla: z.object({ id, slaMinutes }).strict(),
  handOver: z.object({ id, user: userName }).strict(),
  queueList: z
    .object({
      status: z.enum([...QUEUE_STATUSES, 'active', 'all']).default('active'),
      channel: z.string().max(32).optional(),
      lang: z.string().max(16).optional(),
      sentiment: z.enum(['negative', 'neutral', 'positive']).optional(),
      mine: z.enum(['true', 'false']).optional(),
      /** assigned to the caller, or to (escalated to) a role they hold */
      forMe: z.enum(['true', 'false']).optional(),
      /** words in the text or the author's handle */
      q: z.string().trim().max(200).optional(),
      limit: z.coerce.number().int().min(1).max(200).default(50)
    })
    .strict(),
  queueSeq: z.object({ seq: id }).strict(),
  assign: z
    .object({ seq: id, user: userName.optional(), role: z.enum(ROLES).optional() })
    .strict()
    .refine((p) => (p.user === undefined) !== (p.role === undefined), 'give either user or role'),
  /** `entry`: the knowledge-bank entry the reply was built from, counted in "most asked" */
  reply: z.object({ seq: id, text: z.string().trim().min(1).max(MAX_REPLY_LENGTH), entry: id.optional() }).strict(),
  mark: z
    .object({ seq: id, as: z.enum(MARK_STATUSES), reason: z.string().trim().min(1).max(MAX_NOTE_LENGTH) })
    .strict(),
  escalate: z
    .object({ seq: id, to: z.enum(['legal', 'lead']), reason: z.string().trim().max(MAX_NOTE_LENGTH).default('') })
    .strict(),
  /** every waiting echo (retweet, copy) of this item's original, marked duplicate in one go */
  markEchoes: z.object({ seq: id, reason: z.string().trim().max(MAX_NOTE_LENGTH).default('') }).strict(),
  /** forTimeline: the note also goes on the timeline of the incident on the wall, for the review */
  note: z
    .object({ seq: id, text: z.string().trim().min(1).max(MAX_NOTE_LENGTH), forTimeline: z.boolean().default(false) })
    .strict()
}
