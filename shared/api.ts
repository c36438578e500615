// The one API contract (DESIGN 2): every method with its parameters (runtime schemas) and
// its result type, and every pushed event. The Electron preload and the web host both
// forward to the same engine dispatch; the renderer talks to whichever transport exists.
import { z } from 'zod'
import type { Channel } from './mention'
import type { Result } from './result'
import type { SpikeAlert } from './alerts'
import { WALL_ADMIN_ROLES, WallParams, type RisingTermEntry, type WallDevice, type WallLayout } from './wall'
import { FeedParams, type FeedInfo } from './feeds'
import { TRACKING_ROLES, TrackingParams, type TrackingRule } from './tracking'
import { ReviewParams, type ExportedFile, type ReviewEvent } from './review'
import {
  INCIDENT_ROLES,
  TeamParams,
  TRIAGE_ROLES,
  type Incident,
  type IncidentEvent,
  type AccountChange,
  type AccountLogEntry,
  type MemberAccount,
  type PresenceEntry,
  type QueueDetail,
  type QueueItem,
  type QueueStatus,
  type Role,
  type UserSummary
} from './team'
import type { SentimentPoint, VolumePoint } from './volume'
import { APPROVER_ROLES } from './approval-policy'
import {
  BROADCAST_ROLES,
  BroadcastParams,
  type ChannelInfo,
  type ChannelStatus,
  type Delivery,
  type PublicState,
  type PublicStatusEntry
} from './broadcast'
import { TemplateSchema } from './statement-templates'
import {
  STATEMENT_AUTHOR_ROLES,
  StatementParams,
  TEMPLATE_EDITOR_ROLES,
  type KnowledgeEntry,
  type KnowledgeSuggestion,
  type MostAsked,
  type Revision,
  type Statement,
  type TemplateSummary,
  type WallStatement
} from './statements'

export interface IncidentSummary {
  id: number
  name: string
  /** a drill is never confused with a real incident: the UI marks it DRILL everywhere */
  drill: boolean
  scenario: string | null
  startedAt: string
}

export interface MentionSummary {
  /** the engine's arrival order; stable id of the stored mention */
  seq: number
  channel: Channel
  id: string
  ts: string
  author: string
  followers: number
  lang: string | null
  /** first 280 characters; always rendered as text, never as HTML */
  text: string
}

export interface Health {
  ok: boolean
  version: string
  mentions: number
  deadLetters: number
  duplicates: number
  uptimeMs: number
  broker: { url: string; embedded: boolean; connected: boolean }
  /**
   * stored mentions dated after the stream's present, per channel: a source whose clock or
   * time zone is wrong. The wall counts each once the present reaches its minute.
   */
  ahead: { channel: string; count: number; latest: string }[]
}

export interface WallSnapshot {
  /**
   * The stream position this snapshot reflects (the newest mention's seq). Events with
   * lastSeq <= seq are already in it; see the 'ingested' event.
   */
  seq: number
  incident: IncidentSummary | null
  totals: { mentions: number; byChannel: Partial<Record<Channel, number>>; deadLetters: number }
  volume: VolumePoint[]
  latest: MentionSummary[]
  /** the incident's newest approved statement and its promise clock */
  statement: WallStatement | null
  /** per channel: what it carries now and whether its last delivery failed */
  channels: ChannelStatus[]
  /** mentions per sentiment per minute, for the analyzed mentions up to sentimentSeq */
  sentiment: SentimentPoint[]
  sentimentSeq: number
  /** spike alerts of the last hours, newest first */
  alerts: SpikeAlert[]
  risingTerms: RisingTermEntry[]
  topNegative: MentionSummary[]
  /** who is connected now: the team on duty */
  team: PresenceEntry[]
  /** the tiles to show, in order */
  layout: WallLayout
  serverTime: string
}

export interface DeadLetter {
  seq: number
  receivedAt: string
  source: string
  reason: string
  size: number
  /** the first bytes of the payload, decoded leniently, for a human to look at */
  preview: string
}

const noParams = z.object({}).strict()

/** Who may post mentions to the webhook: a service account with the ops role, or a lead or admin. */
export const INGEST_ROLES: readonly Role[] = ['ops', 'lead', 'admin']

type Verb = 'GET' | 'POST' | 'DELETE'
interface MethodSpec {
  /** `:name` segments are path parameters, merged with the query (GET) or JSON body */
  http: { verb: Verb; path: string }
  /** false: anyone may call it; true: any signed-in actor, viewers included */
  auth: boolean
  /** when given, the actor must hold at least one of these roles (checked in the engine) */
  roles?: readonly Role[]
  params: z.ZodType
}

const method = <P extends z.ZodType>(
  verb: Verb,
  path: string,
  params: P,
  access: { auth?: boolean; roles?: readonly Role[] } = {}
) => ({ http: { verb, path }, auth: access.auth ?? true, roles: access.roles, params }) satisfies MethodSpec

/** Method name -> HTTP route, who may call it, and its parameter schema. */
export const methods = {
  health: method('GET', '/api/health', noParams, { auth: false }),
  /** `layout`: which layout to show (a paired screen always gets its own) */
  wallSnapshot: method(
    'GET',
    '/api/wall',
    z
      .object({
        minutes: z.coerce
          .number()
          .int()
          .min(1)
          .max(24 * 60)
          .default(60),
        layout: z.coerce.number().int().min(0).optional()
      })
      .strict()
  ),
  deadLetters: method(
    'GET',
    '/api/dead-letters',
    z.object({ limit: z.coerce.number().int().min(1).max(500).default(50) }).strict()
  ),

  login: method('POST', '/api/session', TeamParams.login, { auth: false }),
  logout: method('DELETE', '/api/session', noParams),
  me: method('GET', '/api/me', noParams),
  listUsers: method('GET', '/api/users', noParams),
  /** every account with its state (disabled, locked out), for an admin managing the team */
  listAccounts: method('GET', '/api/accounts', noParams, { roles: ['admin'] }),
  /** who changed which account, newest first */
  accountLog: method('GET', '/api/accounts/log', TeamParams.accountLog, { roles: ['admin'] }),
  createUser: method('POST', '/api/users', TeamParams.createUser, { roles: ['admin'] }),
  unlockUser: method('POST', '/api/users/:name/unlock', TeamParams.userName, { roles: ['admin'] }),
  changeUserRoles: method('POST', '/api/users/:name/roles', TeamParams.userRoles, { roles: ['admin'] }),
  disableUser: method('POST', '/api/users/:name/disable', TeamParams.userName, { roles: ['admin'] }),
  enableUser: method('POST', '/api/users/:name/enable', TeamParams.userName, { roles: ['admin'] }),
  /** a new password from an admin: the member is signed out everywhere */
  setUserPassword: method('POST', '/api/users/:name/password', TeamParams.userPassword, { roles: ['admin'] }),
  /** a signed-in member's own new password: their other sessions end, this one stays */
  changeOwnPassword: method('POST', '/api/me/password', TeamParams.ownPassword),
  presence: method('GET', '/api/presence', noParams),

  listIncidents: method('GET', '/api/incidents', noParams),
  createIncident: method('POST', '/api/incidents', TeamParams.createIncident, { roles: INCIDENT_ROLES }),
  getIncident: method('GET', '/api/incidents/:id', TeamParams.incidentId),
  setSeverity: method('POST', '/api/incidents/:id/severity', TeamParams.setSeverity, { roles: INCIDENT_ROLES }),
  setSla: method('POST', '/api/incidents/:id/sla', TeamParams.setSla, { roles: INCIDENT_ROLES }),
  handOver: method('POST', '/api/incidents/:id/lead', TeamParams.handOver, { roles: INCIDENT_ROLES }),
  resolveIncident: method('POST', '/api/incidents/:id/resolve', TeamParams.incidentId, { roles: INCIDENT_ROLES }),
  reopenIncident: method('POST', '/api/incidents/:id/reopen', TeamParams.incidentId, { roles: INCIDENT_ROLES }),
  putOnWall: method('POST', '/api/incidents/:id/wall', TeamParams.incidentId, { roles: INCIDENT_ROLES }),
  setReviewFactors: method('POST', '/api/incidents/:id/review-factors', ReviewParams.setFactors, {
    roles: INCIDENT_ROLES
  }),
  /** the incident's timeline in words, as the review tells it: its events, deliveries and the queue's replies */
  incidentTimeline: method('GET', '/api/incidents/:id/timeline', TeamParams.incidentId),
  /** a team member's own entry on the timeline, with when it happened if earlier than now */
  addTimelineEntry: method('POST', '/api/incidents/:id/timeline', ReviewParams.addEntry, { roles: TRIAGE_ROLES }),
  /** the post-incident review as a file; progress comes as 'export' events with the caller's jobId */
  exportIncident: method('POST', '/api/incidents/:id/export', ReviewParams.exportIncident, { roles: TRIAGE_ROLES }),

  queue: method('GET', '/api/queue', TeamParams.queueList),
  queueItem: method('GET', '/api/queue/:seq', TeamParams.queueSeq),
  claim: method('POST', '/api/queue/:seq/claim', TeamParams.queueSeq, { roles: TRIAGE_ROLES }),
  release: method('POST', '/api/queue/:seq/release', TeamParams.queueSeq, { roles: TRIAGE_ROLES }),
  assign: method('POST', '/api/queue/:seq/assign', TeamParams.assign, { roles: TRIAGE_ROLES }),
  reply: method('POST', '/api/queue/:seq/reply', TeamParams.reply, { roles: TRIAGE_ROLES }),
  mark: method('POST', '/api/queue/:seq/mark', TeamParams.mark, { roles: TRIAGE_ROLES }),
  /** the waiting echoes of this item's original (not the original), marked duplicate; those someone else holds are left */
  markEchoes: method('POST', '/api/queue/:seq/echoes/duplicate', TeamParams.markEchoes, { roles: TRIAGE_ROLES }),
  escalate: method('POST', '/api/queue/:seq/escalate', TeamParams.escalate, { roles: TRIAGE_ROLES }),
  note: method('POST', '/api/queue/:seq/note', TeamParams.note, { roles: TRIAGE_ROLES }),

  listTemplates: method('GET', '/api/templates', noParams),
  saveTemplate: method('POST', '/api/templates', TemplateSchema, { roles: TEMPLATE_EDITOR_ROLES }),
  preApproveTemplate: method('POST', '/api/templates/:id/pre-approve', StatementParams.templateId, { roles: ['lead'] }),
  listStatements: method('GET', '/api/statements', StatementParams.list),
  getStatement: method('GET', '/api/statements/:id', StatementParams.get),
  createStatement: method('POST', '/api/statements', StatementParams.create, { roles: STATEMENT_AUTHOR_ROLES }),
  reviseStatement: method('POST', '/api/statements/:id/revise', StatementParams.revise, {
    roles: STATEMENT_AUTHOR_ROLES
  }),
  approveStatement: method('POST', '/api/statements/:id/approve', StatementParams.approve, { roles: APPROVER_ROLES }),
  /** what the public status page says of the incident now (investigating, identified, monitoring, resolved) */
  publicState: method('GET', '/api/incidents/:incident/public-state', BroadcastParams.incidentId),
  rejectStatement: method('POST', '/api/statements/:id/reject', StatementParams.reject, { roles: APPROVER_ROLES }),
  /** a draft not yet approved, taken back with a reason: it leaves every approver's count and lands on the timeline */
  withdrawStatement: method('POST', '/api/statements/:id/withdraw', StatementParams.withdraw, {
    roles: STATEMENT_AUTHOR_ROLES
  }),

  searchKnowledge: method('GET', '/api/knowledge', StatementParams.knowledgeSearch),
  addKnowledge: method('POST', '/api/knowledge', StatementParams.knowledgeAdd, { roles: TRIAGE_ROLES }),
  suggestions: method('GET', '/api/queue/:seq/suggestions', StatementParams.suggestions),
  mostAsked: method('GET', '/api/incidents/:id/most-asked', StatementParams.mostAsked),

  listChannels: method('GET', '/api/channels', noParams),
  broadcast: method('POST', '/api/statements/:id/broadcast', BroadcastParams.broadcast, { roles: BROADCAST_ROLES }),
  deliveries: method('GET', '/api/deliveries', BroadcastParams.deliveries),
  retryDelivery: method('POST', '/api/deliveries/:id/retry', BroadcastParams.delivery, { roles: BROADCAST_ROLES }),
  cancelDelivery: method('POST', '/api/deliveries/:id/cancel', BroadcastParams.delivery, { roles: BROADCAST_ROLES }),
  /** the webhook way in: the body is one mention or an array, exactly as on MQTT (base64 across IPC) */
  ingestMentions: method(
    'POST',
    '/api/ingest',
    z
      .object({
        payload: z
          .string()
          .max(90_000)
          .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64')
      })
      .strict(),
    { roles: INGEST_ROLES }
  ),
  alerts: method(
    'GET',
    '/api/alerts',
    z
      .object({
        limit: z.coerce.number().int().min(1).max(500).default(50),
        incident: z.coerce.number().int().positive().optional()
      })
      .strict()
  ),
  acknowledgeAlert: method(
    'POST',
    '/api/alerts/:id/acknowledge',
    z.object({ id: z.coerce.number().int().positive() }).strict(),
    { roles: TRIAGE_ROLES }
  ),
  listTrackingRules: method('GET', '/api/incidents/:incident/tracking', TrackingParams.list),
  addTrackingRule: method('POST', '/api/incidents/:incident/tracking', TrackingParams.add, { roles: TRACKING_ROLES }),
  removeTrackingRule: method('DELETE', '/api/tracking/:id', TrackingParams.remove, { roles: TRACKING_ROLES }),
  listFeeds: method('GET', '/api/feeds', noParams),
  addFeed: method('POST', '/api/feeds', FeedParams.add, { roles: INGEST_ROLES }),
  removeFeed: method('DELETE', '/api/feeds/:id', FeedParams.feed, { roles: INGEST_ROLES }),
  pollFeed: method('POST', '/api/feeds/:id/poll', FeedParams.feed, { roles: INGEST_ROLES }),
  listWallLayouts: method('GET', '/api/wall-layouts', noParams),
  saveWallLayout: method('POST', '/api/wall-layouts', WallParams.saveLayout, { roles: WALL_ADMIN_ROLES }),
  listWallDevices: method('GET', '/api/wall-devices', noParams, { roles: WALL_ADMIN_ROLES }),
  /** pairs a wall screen: the answer carries its token once, in `pairPath` to open on the screen */
  pairWallDevice: method('POST', '/api/wall-devices', WallParams.pair, { roles: WALL_ADMIN_ROLES }),
  revokeWallDevice: method('POST', '/api/wall-devices/:id/revoke', WallParams.device, { roles: WALL_ADMIN_ROLES }),
  assignWallLayout: method('POST', '/api/wall-devices/:id/layout', WallParams.assign, { roles: WALL_ADMIN_ROLES }),
  /** public, like /status: only what was published to the status page */
  publicStatus: method('GET', '/api/status', BroadcastParams.publicStatus, { auth: false })
} as const

export type MethodName = keyof typeof methods

export interface Session {
  token: string
  expiresAt: string
  user: UserSummary
}

export interface MethodResults {
  health: Health
  wallSnapshot: WallSnapshot
  deadLetters: DeadLetter[]
  login: Session
  /** false when there was no member's session to end (the local operator, a wall screen) */
  logout: { signedOut: boolean }
  me: { name: string; roles: Role[]; kind: 'user' | 'local' | 'wall' }
  listUsers: UserSummary[]
  createUser: UserSummary
  unlockUser: UserSummary
  changeUserRoles: UserSummary
  disableUser: UserSummary
  enableUser: UserSummary
  listAccounts: MemberAccount[]
  accountLog: AccountLogEntry[]
  setUserPassword: UserSummary
  changeOwnPassword: { otherSessionsEnded: number }
  presence: PresenceEntry[]
  listIncidents: Incident[]
  createIncident: Incident
  getIncident: { incident: Incident; timeline: IncidentEvent[] }
  setSeverity: Incident
  setSla: Incident
  handOver: Incident
  resolveIncident: Incident
  reopenIncident: Incident
  putOnWall: Incident
  queue: QueueItem[]
  queueItem: QueueDetail
  claim: QueueItem
  release: QueueItem
  assign: QueueItem
  reply: QueueItem
  mark: QueueItem
  markEchoes: { original: number; marked: number; leftHeld: number }
  escalate: QueueItem
  note: QueueItem
  listTemplates: TemplateSummary[]
  saveTemplate: TemplateSummary
  preApproveTemplate: TemplateSummary
  listStatements: Statement[]
  getStatement: { statement: Statement; revisions: Revision[] }
  createStatement: Statement
  reviseStatement: Statement
  approveStatement: Statement
  rejectStatement: Statement
  publicState: { state: PublicState }
  withdrawStatement: Statement
  searchKnowledge: KnowledgeSuggestion[]
  addKnowledge: KnowledgeEntry
  suggestions: KnowledgeSuggestion[]
  mostAsked: MostAsked[]
  listChannels: ChannelInfo[]
  broadcast: Delivery[]
  deliveries: Delivery[]
  retryDelivery: Delivery
  cancelDelivery: Delivery
  publicStatus: PublicStatusEntry[]
  ingestMentions: { accepted: number; rejected: { reason: string }[] }
  alerts: SpikeAlert[]
  acknowledgeAlert: SpikeAlert
  setReviewFactors: Incident
  addTimelineEntry: { incident: Incident; timeline: IncidentEvent[] }
  incidentTimeline: ReviewEvent[]
  exportIncident: ExportedFile
  listTrackingRules: TrackingRule[]
  addTrackingRule: TrackingRule
  removeTrackingRule: TrackingRule
  listFeeds: FeedInfo[]
  addFeed: FeedInfo
  removeFeed: FeedInfo
  pollFeed: FeedInfo
  listWallLayouts: WallLayout[]
  saveWallLayout: WallLayout
  listWallDevices: WallDevice[]
  pairWallDevice: { device: WallDevice; token: string; pairPath: string }
  revokeWallDevice: WallDevice
  assignWallLayout: WallDevice
}

export type ParamsOf<M extends MethodName> = z.input<(typeof methods)[M]['params']>
export type ParsedParamsOf<M extends MethodName> = z.output<(typeof methods)[M]['params']>
export type ResultOf<M extends MethodName> = MethodResults[M]

/** A request as it crosses IPC or a WebSocket; validated on arrival like any external input. */
export const RequestSchema = z.object({
  method: z.enum(Object.keys(methods) as [MethodName, ...MethodName[]]),
  params: z.unknown().optional()
})

/** Events the engine pushes to every connected console. */
export type EngineEvent =
  | {
      type: 'ingested'
      /**
       * Stream positions before and after this commit. A console that holds state at
       * prevSeq applies it; one already at lastSeq or beyond skips it; one behind prevSeq
       * missed something and takes a fresh snapshot.
       */
      prevSeq: number
      lastSeq: number
      at: string
      inserted: number
      duplicates: number
      deadLetters: number
      deltas: VolumePoint[]
      latest: MentionSummary[]
      totals: { mentions: number; deadLetters: number }
    }
  | { type: 'heartbeat'; at: string }
  /** a queue item changed: claimed, released, assigned, replied, marked, escalated, noted */
  | { type: 'queue'; item: QueueItem }
  /** many items changed at once (an original's echoes marked duplicate): consoles reload their lists */
  | { type: 'queueBulk'; seqs: number[]; status: QueueStatus }
  | { type: 'incident'; incident: Incident }
  | { type: 'presence'; online: PresenceEntry[] }
  /** an account was added or changed; a change that ended the member's sessions (disabled, a new password) also closes their consoles */
  | { type: 'account'; user: UserSummary; change: AccountChange }
  /** to one console only: a change to its member's account ended its session; it signs out */
  | { type: 'sessionEnded'; reason: string }
  /** a statement was drafted, revised, approved or rejected; `wall` is its incident's words on the wall now */
  | { type: 'statement'; statement: Statement; wall: WallStatement | null }
  /**
   * mentions were analyzed: per-minute sentiment counts to add. Like 'ingested', a console
   * at fromSeq applies it; one already at upToSeq skips it; one behind takes a snapshot.
   */
  | { type: 'sentiment'; fromSeq: number; upToSeq: number; deltas: SentimentPoint[] }
  /** a delivery changed state; `channels` is the strip of what each channel carries now */
  | { type: 'delivery'; delivery: Delivery; channels: ChannelStatus[] }
  /** whether a gateway listens on a channel changed (the embedded broker saw it subscribe or leave) */
  | { type: 'channels'; channels: ChannelStatus[] }
  /** a spike alert was raised, or acknowledged */
  | { type: 'alert'; alert: SpikeAlert }
  /** how far an export has come; only its caller knows the jobId */
  | { type: 'export'; jobId: string; fraction: number; phase: string }
  /**
   * minutes stored earlier but left out of 'ingested' and 'sentiment' deltas, being after
   * the stream's present (a source's clock ahead), are within it now: a wall takes a fresh
   * snapshot to count them
   */
  | { type: 'heldBackReached'; minutes: number[] }
  /** the rising terms or the top negative high-reach mentions changed */
  | { type: 'signals'; risingTerms: RisingTermEntry[]; topNegative: MentionSummary[] }
  /** a feed was added or polled (with how it went), or removed */
  | { type: 'feed'; feed: FeedInfo; removed: boolean }
  /** a wall screen was paired, revoked or given another layout */
  | { type: 'wallDevice'; device: WallDevice }
  | { type: 'wallLayout'; layout: WallLayout }

/** What the renderer needs from any transport (IPC in Electron, HTTP + WebSocket in a browser). */
export interface ConsoleApi {
  call<M extends MethodName>(method: M, params: ParamsOf<M>): Promise<Result<ResultOf<M>>>
  /** Every subscription returns its unsubscribe. */
  subscribe(listener: (event: EngineEvent) => void): () => void
  /** Connection state of the transport itself (a lost engine shows as 'down'). */
  onConnection(listener: (state: 'up' | 'down') => void): () => void
}

/** The WebSocket of pushed events, and how a browser presents its token there (as a
 * subprotocol, since browsers can't set headers on a WebSocket). */
export const EVENTS_PATH = '/api/events'
export const TOKEN_PROTOCOL_PREFIX = 'bearer.'

/** How often the engine says it is alive; a console that hears nothing for 3x this is stale. */
export const HEARTBEAT_MS = 1000
