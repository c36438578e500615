// The core engine: store, bus, ingest and the API dispatch. Plain Node, never 'electron'
// (lint enforces it): it runs under the CLI, in Electron's utility process, and in tests.
import {
  HEARTBEAT_MS,
  methods,
  RequestSchema,
  type EngineEvent,
  type IncidentSummary,
  type MethodName,
  type ParsedParamsOf
} from '../../shared/api'
import { describeIssues } from '../../shared/mention'
import { actorHas, type Actor, type Role } from '../../shared/team'
import { fail, ok, type Result } from '../../shared/result'
import { topics, DEFAULT_TOPIC_PREFIX } from '../../shared/topics'
import { DB_FILE_NAME, openStore } from './store/open-store'
import {
  countMentions,
  lastMentionSeq,
  latestMentions,
  mentionsAfter,
  recentVolume,
  totalsByChannel
} from './store/mentions-repo'
import { countDeadLetters, listDeadLetters } from './store/dead-letters-repo'
import { activeIncident, openDrill } from './store/incidents-repo'
import { BatchWriter, type CommittedBatch } from './ingest/batch-writer'
import { DEFAULT_MAX_PAYLOAD_BYTES, parsePayload, type ParsedPayload } from './ingest/parse-payload'
import { StreamPresent } from './ingest/stream-present'
import { startEmbeddedBroker, type EmbeddedBroker } from './bus/embedded-broker'
import { startExternalIngest, type ExternalIngest } from './bus/external-ingest'
import type { BrokerTarget } from './bus/broker-url'
import { silentLogger, type Logger } from './logger'
import { ApiFailure } from './api/api-failure'
import type { CallContext, Handler, HandlerContext, Handlers } from './api/context'
import { incidentHandlers } from './api/incident-handlers'
import { queueHandlers } from './api/queue-handlers'
import { statementHandlers } from './api/statement-handlers'
import { knowledgeHandlers } from './api/knowledge-handlers'
import { seedTemplates } from './statements/templates-repo'
import { DEFAULT_TEMPLATES } from './statements/default-templates'
import { wallStatement } from './statements/statements-repo'
import { broadcastHandlers } from './api/broadcast-handlers'
import { reviewHandlers } from './api/review-handlers'
import { chromiumPdfPrinter, type PdfPrinter } from './review/render-pdf'
import { startBroadcasting, type Broadcast } from './broadcast/broadcasting'
import { replyOutbox } from './broadcast/reply-out'
import { enrichedUpTo, Enricher, recentSentiment } from './analyze/enricher'
import { startAnalysisThread } from './analyze/analysis-thread'
import { AlertMonitor } from './analyze/alert-monitor'
import { WallSignals } from './analyze/wall-signals'
import { wallHandlers } from './api/wall-handlers'
import { feedHandlers } from './api/feed-handlers'
import { trackingHandlers } from './api/tracking-handlers'
import { TopicTagger } from './analyze/topic-tagger'
import { FeedPoller } from './ingest/feed-poller'
import { getDevice, getLayout } from './walls/walls-repo'
import { DEFAULT_LAYOUT, WALL_DEVICE_METHODS } from '../../shared/wall'
import { acknowledgeAlert, listAlerts } from './store/alerts-repo'
import type { RetryPolicy } from './broadcast/dispatcher'
import { Presence, teamHandlers } from './api/team-handlers'
import { Accounts, type AccountPolicy } from './team/accounts'
import type { z } from 'zod'
import crypto from 'node:crypto'
import path from 'node:path'
import { gatewayAccess, loadChannels, type ChannelConfig } from './broadcast/channel-config'
import { loadSourceAccess } from './bus/source-access'

/** the embedded broker's sessions and queued messages, beside the store */
export const BROKER_DIR = 'broker'

export type BrokerOption =
  { kind: 'embedded'; host: string; port: number } | { kind: 'external'; target: BrokerTarget; clientId?: string }

export interface EngineOptions {
  /** where the SQLite file lives; created if missing */
  dataDir: string
  broker: BrokerOption
  version: string
  /** MQTT topic prefix; default 'crisis' */
  topicPrefix?: string
  /** default 64 KiB */
  maxPayloadBytes?: number
  /** SQLite durability for the writer; default 'FULL' (see store/db.ts) */
  synchronous?: 'FULL' | 'NORMAL'
  now?: () => number
  logger?: Logger
  /** sessions and lockout; see team/accounts.ts for the defaults */
  accountPolicy?: AccountPolicy
  /** delivery retries; see broadcast/dispatcher.ts for the defaults */
  retryPolicy?: RetryPolicy
  /** prints review exports as PDF; Electron passes printToPDF, elsewhere Chromium headless */
  printPdf?: PdfPrinter
}

export interface Engine {
  /** where sources and gateways connect; credentials are never part of it */
  readonly broker: BrokerTarget & { embedded: boolean }
  readonly dbFile: string
  /**
   * The API: validates the method and its params, checks the actor's roles, answers with a
   * Result (errors as data). Roles are enforced here, never only in a UI.
   */
  dispatch(method: string, params: unknown, call: CallContext): Promise<Result<unknown>>
  readonly accounts: Accounts
  readonly presence: Presence
  /** Every subscription returns its unsubscribe. */
  subscribe(listener: (event: EngineEvent) => void): () => void
  /** The one validated ingest path; MQTT, and later webhook and import, all come here. */
  ingest(payload: Uint8Array, source: string): Promise<void>
  /** Resumes the open drill for `scenario` or opens one (see incidents-repo). */
  openDrill(scenario: string, name: string, startedMs: number, maxAgeMs: number): Promise<IncidentSummary>
  stop(): Promise<void>
}

export { DB_FILE_NAME }

/** A method's name as people say it in a refusal: "ingestMentions" is "ingest mentions". */
const inWords = (method: string) => method.replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`)

/** Stands in for the caller of methods that need no sign-in (health, login): holds no role. */
const NOBODY: Actor = { kind: 'local', name: 'local operator', roles: [] }
const LATEST_ON_WALL = 12
const WALL_ALERTS = 10
const WALL_ALERT_HOURS = 6
/** how soon an account change made by the CLI (another process) reaches the consoles */
const ACCOUNT_WATCH_MS = 2000

export async function startEngine(options: EngineOptions): Promise<Engine> {
  const log = options.logger ?? silentLogger
  const now = options.now ?? Date.now
  const prefix = options.topicPrefix ?? DEFAULT_TOPIC_PREFIX
  const topicNames = topics(prefix)
  const maxPayload = options.maxPayloadBytes ?? DEFAULT_MAX_PAYLOAD_BYTES
  const startedAt = now()

  const store = await openStore(options.dataDir, options.synchronous)
  const { writerDb, readDb, scanDb, file: dbFile } = store

  await writerDb.transaction(() => seedTemplates(writerDb, DEFAULT_TEMPLATES, now()))

  const counters = {
    mentions: await countMentions(readDb),
    deadLetters: await countDeadLetters(readDb),
    duplicates: 0,
    lastSeq: await lastMentionSeq(readDb),
    lastCommitMs: 0
  }
  const listeners = new Set<(e: EngineEvent) => void>()
  const emit = (event: EngineEvent) => {
    for (const l of listeners) {
      try {
        l(event)
      } catch (err) {
        log.error(`event listener failed: ${(err as Error).message}`)
      }
    }
  }

  const analysisThread = startAnalysisThread()
  // where "now" is in the mentions' own times: one source's wrong clock doesn't move it
  const present = new StreamPresent(now)
  await present.load(readDb)
  const wallSignals = new WallSignals(
    readDb,
    (signals) => emit({ type: 'signals', ...signals }),
    () => present.limitMs()
  )
  const signalsFailed = (err: Error) => log.warn(`wall signals: ${err.message}`)
  /** minutes left out of live events (after the present) that it has reached: consoles re-read the wall to count them */
  const announceReached = () => {
    const minutes = present.reached()
    if (minutes.length === 0) return
    emit({ type: 'heldBackReached', minutes })
    void wallSignals.reached(minutes).catch(signalsFailed)
  }
  // set once the outbound bus is up; alerts raised before that are stored and on the wall
  let publishAlert: (payload: string) => void = () => {}
  const alertMonitor = new AlertMonitor({
    writerDb,
    readDb,
    now,
    log,
    lastCommitMs: () => counters.lastCommitMs,
    presentLimitMs: () => present.limitMs(),
    enrichmentCaughtUp: async () => (await enrichedUpTo(readDb)) >= counters.lastSeq,
    onAlert(alert) {
      emit({ type: 'alert', alert })
      publishAlert(JSON.stringify(alert))
    },
    onMinutesClosed: (lastMinute) => void wallSignals.minuteClosed(lastMinute).catch(signalsFailed)
  })
  const topicTagger = new TopicTagger(writerDb)
  listeners.add((e) => e.type === 'incident' && topicTagger.invalidate()) // resolved or reopened: its rules stop or start
  const enricher = new Enricher(
    writerDb,
    analysisThread,
    (slice) => {
      // minutes after the present are stored, not shown: the wall's buffer follows its newest minute
      emit({ type: 'sentiment', ...slice, deltas: present.within(slice.deltas) })
      alertMonitor.kick()
      void wallSignals.analyzed(slice.fromSeq, slice.upToSeq).catch(signalsFailed)
    },
    log,
    topicTagger
  )
  const writer = new BatchWriter(writerDb, {
    now,
    onCommit(batch: CommittedBatch) {
      present.saw(batch.inserted.map((m) => Date.parse(m.ts)))
      if (batch.inserted.length) {
        counters.lastCommitMs = now()
        enricher.kick()
        alertMonitor.kick()
      }
      counters.mentions += batch.inserted.length
      counters.deadLetters += batch.deadLetters
      counters.duplicates += batch.duplicates
      const prevSeq = counters.lastSeq
      counters.lastSeq = Math.max(prevSeq, batch.maxSeq)
      emit({
        type: 'ingested',
        prevSeq,
        lastSeq: counters.lastSeq,
        at: new Date(now()).toISOString(),
        inserted: batch.inserted.length,
        duplicates: batch.duplicates,
        deadLetters: batch.deadLetters,
        deltas: present.within(batch.deltas), // as for sentiment
        latest: batch.inserted.slice(-LATEST_ON_WALL),
        totals: { mentions: counters.mentions, deadLetters: counters.deadLetters }
      })
      announceReached()
    }
  })

  const parseSafely = (payload: Uint8Array, source: string): ParsedPayload => {
    try {
      return parsePayload(payload, source, { maxBytes: maxPayload, nowMs: now() })
    } catch (err) {
      // a payload no check foresaw must still not stop the engine: it is kept, with why
      return {
        mentions: [],
        deadLetters: [
          {
            source,
            reason: `could not be read: ${(err as Error).message}`,
            size: payload.byteLength,
            payload: payload.subarray(0, maxPayload)
          }
        ]
      }
    }
  }
  const ingest = (payload: Uint8Array, source: string): Promise<void> => {
    const parsed = parseSafely(payload, source)
    for (const d of parsed.deadLetters) log.warn(`dead letter from ${source}: ${d.reason}`)
    return writer.submit(parsed.mentions, parsed.deadLetters)
  }

  const engineCredentials = {
    username: 'crisis-console-engine',
    password: crypto.randomBytes(24).toString('base64url')
  }
  let channels: ChannelConfig[]
  try {
    channels = loadChannels(options.dataDir)
  } catch (err) {
    await store.close()
    throw err
  }
  // set once broadcasting runs: the broker tells it when a gateway comes or goes
  let listenersChanged = () => {}
  let embedded: EmbeddedBroker | null = null
  let external: ExternalIngest | null = null
  let brokerInfo: Engine['broker']
  try {
    if (options.broker.kind === 'embedded') {
      embedded = await startEmbeddedBroker({
        host: options.broker.host,
        port: options.broker.port,
        topicPrefix: prefix,
        mentionsTopic: topicNames.mentionsIn,
        ingest,
        engineCredentials,
        gateways: gatewayAccess(options.dataDir, channels),
        sources: loadSourceAccess(options.dataDir),
        persistenceDir: path.join(options.dataDir, BROKER_DIR),
        onListenersChanged: () => listenersChanged()
      })
      brokerInfo = { url: embedded.url, embedded: true }
    } else {
      external = await startExternalIngest({
        target: options.broker.target,
        clientId: options.broker.clientId ?? 'crisis-console-engine',
        mentionsTopic: topicNames.mentionsIn,
        ingest,
        onError: (err) => log.warn(`external broker: ${err.message}`)
      })
      brokerInfo = { ...options.broker.target, embedded: false }
    }
  } catch (err) {
    await store.close()
    throw err
  }

  let stopped = false
  enricher.kick() // what a restart (or an upgrade) left unanalyzed
  const heartbeat = setInterval(() => {
    emit({ type: 'heartbeat', at: new Date(now()).toISOString() })
    announceReached() // the clock alone moves the present too
  }, HEARTBEAT_MS)
  heartbeat.unref()

  // every change to an account reaches every console; the team on duty shows new roles at once
  const presence = new Presence({ readDb, emit, log })
  const accounts = new Accounts(writerDb, readDb, now, options.accountPolicy, (user, change) => {
    emit({ type: 'account', user, change })
    if (change === 'roles') presence.changeRoles(user)
  })
  const ctx: HandlerContext = { writerDb, readDb, scanDb, now, emit, accounts, log }
  const stopAccountWatch = await accounts.watchOtherProcesses(
    ACCOUNT_WATCH_MS,
    (err) => !stopped && log.warn(`account log: ${err.message}`)
  )

  let broadcasting: Broadcast
  try {
    broadcasting = await startBroadcasting({
      ctx,
      dataDir: options.dataDir,
      topics: topicNames,
      bus: embedded
        ? { url: embedded.engineUrl, ...engineCredentials, protocolVersion: 4 }
        : {
            url: brokerInfo.url,
            username: (options.broker as { target: BrokerTarget }).target.username,
            password: (options.broker as { target: BrokerTarget }).target.password,
            protocolVersion: 5
          },
      clientId: `${options.broker.kind === 'external' ? (options.broker.clientId ?? 'crisis-console-engine') : 'crisis-console-engine'}-out`,
      retryPolicy: options.retryPolicy,
      storeClosed: () => stopped,
      channels,
      ...(embedded ? { listeners: embedded.listeners } : {})
    })
    listenersChanged = broadcasting.listenersChanged
    // only now, with the engine hearing receipts, may gateways and sources connect
    embedded?.open()
    listenersChanged()
  } catch (err) {
    clearInterval(heartbeat)
    stopAccountWatch()
    await embedded?.close()
    await external?.close()
    await writer.close()
    await store.close()
    throw err
  }

  const feeds = new FeedPoller({
    writerDb,
    readDb,
    now,
    log,
    userAgent: `CrisisConsole/${options.version} (feed reader)`,
    ingest,
    polled: (feed) => emit({ type: 'feed', feed, removed: false })
  })
  feeds.start()
  publishAlert = (payload) =>
    void broadcasting
      .publish(topicNames.alerts, payload)
      .catch((err: Error) => log.warn(`publishing an alert on ${topicNames.alerts}: ${err.message}`))
  await wallSignals.load().catch(signalsFailed)
  await alertMonitor.start()

  const coreHandlers: Handlers<
    'health' | 'wallSnapshot' | 'deadLetters' | 'ingestMentions' | 'alerts' | 'acknowledgeAlert'
  > = {
    alerts: ({ limit, incident }) => listAlerts(readDb, { limit, incidentId: incident }),
    async acknowledgeAlert({ id }, { actor }) {
      const alert = await writerDb.transaction(() => acknowledgeAlert(writerDb, id, actor.name, now()))
      if (!alert) throw new ApiFailure('not_found', `no alert ${id}`)
      emit({ type: 'alert', alert })
      return alert
    },
    async ingestMentions({ payload }, { actor }) {
      const parsed = parseSafely(Buffer.from(payload, 'base64'), `webhook:${actor.name}`)
      await writer.submit(parsed.mentions, parsed.deadLetters) // resolves once committed, like a PUBACK
      return { accepted: parsed.mentions.length, rejected: parsed.deadLetters.map((d) => ({ reason: d.reason })) }
    },
    async health() {
      return {
        ok: true,
        version: options.version,
        mentions: counters.mentions,
        deadLetters: counters.deadLetters,
        duplicates: counters.duplicates,
        uptimeMs: now() - startedAt,
        ahead: await mentionsAfter(readDb, present.limitMs()),
        broker: {
          url: brokerInfo.url,
          embedded: brokerInfo.embedded,
          connected: embedded ? true : (external?.connected() ?? false)
        }
      }
    },
    async wallSnapshot({ minutes, layout: asked }, { actor }) {
      // a paired screen shows the layout it was given; anyone else the one asked for
      const layoutId = actor.kind === 'wall' ? ((await getDevice(readDb, actor.deviceId))?.layoutId ?? 0) : (asked ?? 0)
      const layout = (await getLayout(readDb, layoutId)) ?? DEFAULT_LAYOUT
      // One read transaction: the seq, totals, volume and latest all describe the same moment.
      const [seq, incident, byChannel, volume, latest, statement, channels, sentiment, sentimentSeq, alerts] =
        await readDb.transaction(async () => {
          const incident = await activeIncident(readDb)
          return Promise.all([
            lastMentionSeq(readDb),
            incident,
            totalsByChannel(readDb),
            recentVolume(readDb, minutes, present.limitMs()),
            latestMentions(readDb, LATEST_ON_WALL),
            incident ? wallStatement(readDb, incident.id) : null,
            broadcasting.channelStatuses(readDb),
            recentSentiment(readDb, minutes, present.limitMs()),
            enrichedUpTo(readDb),
            listAlerts(readDb, { limit: WALL_ALERTS, sinceMs: now() - WALL_ALERT_HOURS * 3600_000 })
          ])
        }, 'DEFERRED')
      const mentions = Object.values(byChannel).reduce((a, b) => a + (b ?? 0), 0)
      return {
        seq,
        incident,
        totals: { mentions, byChannel, deadLetters: counters.deadLetters },
        volume,
        latest: latest.reverse(),
        statement,
        channels,
        sentiment,
        sentimentSeq,
        alerts,
        ...wallSignals.current(),
        team: await presence.list(),
        layout,
        serverTime: new Date(now()).toISOString()
      }
    },
    deadLetters: ({ limit }) => listDeadLetters(readDb, limit)
  }
  const handlers: Handlers<MethodName> = {
    ...coreHandlers,
    ...teamHandlers(ctx, presence),
    ...incidentHandlers(ctx),
    ...queueHandlers(ctx, presence, replyOutbox(broadcasting.channels, broadcasting.dispatcher)),
    ...statementHandlers(ctx),
    ...knowledgeHandlers(ctx),
    ...broadcastHandlers(ctx, broadcasting),
    ...reviewHandlers(ctx, options.printPdf ?? chromiumPdfPrinter),
    ...wallHandlers(ctx),
    ...feedHandlers(ctx, feeds),
    ...trackingHandlers(ctx, topicTagger)
  }

  return {
    broker: brokerInfo,
    dbFile,
    accounts,
    presence,
    async dispatch(method, params, call) {
      if (stopped) return fail('unavailable', 'the engine is stopping')
      const req = RequestSchema.safeParse({ method, params })
      if (!req.success) return fail('not_found', `unknown method "${String(method)}"`)
      const m = req.data.method
      const spec = methods[m] as { auth: boolean; roles?: readonly Role[]; params: z.ZodType }
      if (spec.auth && !call.actor) return fail('unauthorized', 'sign in first (Authorization: Bearer <token>)')
      if (call.actor?.kind === 'wall' && !(WALL_DEVICE_METHODS as readonly string[]).includes(m)) {
        return fail('forbidden', `${inWords(m)}: a wall screen only reads the wall`)
      }
      if (spec.roles && call.actor && !actorHas(call.actor, spec.roles)) {
        return fail(
          'forbidden',
          `${inWords(m)} needs one of the roles ${spec.roles.join(', ')}; ${call.actor.name} has ${call.actor.roles.join(', ') || 'none'}`
        )
      }
      const parsed = spec.params.safeParse(params ?? {})
      if (!parsed.success) {
        // an over-long field is "too large" (413), anything else plain bad input (400)
        const tooBig = parsed.error.issues.some((i) => i.code === 'too_big' && i.origin === 'string')
        return fail(tooBig ? 'too_large' : 'bad_request', describeIssues(parsed.error))
      }
      try {
        const handler = handlers[m] as Handler<typeof m>
        return ok(await handler(parsed.data as ParsedParamsOf<typeof m>, { ...call, actor: call.actor ?? NOBODY }))
      } catch (err) {
        if (err instanceof ApiFailure) return fail(err.code, err.message)
        log.error(`${m} failed: ${(err as Error).stack ?? err}`)
        return fail('internal', `${m} failed: ${(err as Error).message}`)
      }
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    ingest,
    openDrill(scenario, name, startedMs, maxAgeMs) {
      return writerDb.transaction(() => openDrill(writerDb, scenario, name, startedMs, maxAgeMs))
    },
    async stop() {
      if (stopped) return
      stopped = true
      presence.stop()
      stopAccountWatch()
      clearInterval(heartbeat)
      await feeds.stop()
      await alertMonitor.stop()
      await topicTagger.stop()
      await enricher.stop()
      await analysisThread.close()
      await broadcasting.stop()
      await embedded?.close()
      await external?.close()
      await writer.close()
      listeners.clear()
      await store.close()
    }
  }
}
