// The default broker: aedes on 127.0.0.1, owned by the engine. aedes holds a publisher's
// QoS 1 PUBACK until authorizePublish calls back, so ingest commits there first:
// acknowledged means stored (DESIGN 2).
//
// What makes the delivery ledger truthful across restarts (issue 21):
// - sessions and queued QoS 1 messages of clients with persistent sessions live on disk
//   (LevelDB beside the store), so a receipt or a delivery sent around a restart waits
//   for its reader instead of vanishing with the process;
// - the engine's own client connects on a listener of its own; connections to the public
//   one wait (unanswered, so a client neither fails nor gives up) until the engine has
//   subscribed to receipts, so no receipt arrives to nobody;
// - gateways sign in with their channel's credentials and may read only
//   <prefix>/out/<channel> and write only <prefix>/ack/<channel>; nobody else may read the
//   way out or write receipts. Sources may publish mentions anonymously on loopback.
import crypto from 'node:crypto'
import fs from 'node:fs'
import net from 'node:net'
import { Aedes, type Client } from 'aedes'
import { ClassicLevel } from 'classic-level'
import LevelPersistence from 'aedes-persistence-level/asyncPersistence.js'
import { isEngineOnlyTopic } from '../../../shared/topics'
import type { GatewayListeners } from '../../../shared/broadcast'

export type IngestFn = (payload: Uint8Array, source: string) => Promise<void>

/** A gateway's sign-in for one channel; the password is compared in constant time. */
export interface GatewayAccess {
  channel: string
  username: string
  password: string
}

export interface EmbeddedBrokerOptions {
  /** default 127.0.0.1: the bus is not on the LAN unless asked */
  host: string
  /** 0 picks a free port (tests) */
  port: number
  topicPrefix: string
  mentionsTopic: string
  ingest: IngestFn
  /** the engine's own client signs in with these, and only it may publish on <prefix>/out/# */
  engineCredentials: { username: string; password: string }
  /** the gateways of the MQTT channels; none means no client but the engine reads the way out */
  gateways?: readonly GatewayAccess[]
  /** sources' sign-ins (DATA/sources.json); when given, no client may connect anonymously */
  sources?: readonly { username: string; password: string }[] | null
  /** where sessions and queued messages are kept across restarts; none keeps them in memory */
  persistenceDir?: string
  /** a subscription or a disconnect changed who listens on the way out */
  onListenersChanged?: () => void
}

export interface EmbeddedBroker {
  url: string
  /** where the engine's own client connects: open before the public port takes anyone */
  engineUrl: string
  port: number
  connectedClients(): number
  /** from now on other clients may connect: call once the engine's own client is subscribed */
  open(): void
  /** who reads <prefix>/out/<channel> now: clients online, and persistent sessions offline */
  listeners(channel: string): Promise<GatewayListeners>
  close(): Promise<void>
}

const sameSecret = (given: Buffer | undefined, expected: string) => {
  if (given === undefined) return false
  // hash both so the comparison takes the same time whatever the lengths
  const a = crypto.createHash('sha256').update(given).digest()
  const b = crypto.createHash('sha256').update(expected).digest()
  return crypto.timingSafeEqual(a, b)
}

/** True when an MQTT topic filter could match a topic under `<prefix>/<level>/`. */
export function filterReaches(filter: string, prefix: string, level: string): boolean {
  const want = [...prefix.split('/'), level]
  const have = filter.split('/')
  for (let i = 0; i < want.length; i++) {
    if (have[i] === '#') return true
    if (have[i] === undefined) return false
    if (have[i] !== '+' && have[i] !== want[i]) return false
  }
  return true
}

/**
 * aedes numbers each packet as it arrives, awaits the persistence (offline queues), then
 * hands it to each subscriber, who drops any packet numbered below the last it got: a
 * duplicate check for broker clusters. With sessions on disk, two gateways' receipts can
 * finish that await out of order, and the earlier receipt was dropped without a word
 * (measured: about one delivery in ten waited for a resend). We run one broker, so the
 * check has nothing to catch; a client's table answers "never seen" and keeps nothing.
 * QoS 1 may deliver twice anyway, and every reader here dedupes on its own key.
 */
const NO_CLUSTER_DEDUPE = new Proxy(Object.create(null) as object, { get: () => 0, set: () => true })

type Who = { kind: 'engine' } | { kind: 'gateway'; channel: string } | { kind: 'anonymous' }

export async function startEmbeddedBroker(options: EmbeddedBrokerOptions): Promise<EmbeddedBroker> {
  const who = new WeakMap<object, Who>()
  const whoIs = (client: Client | null): Who =>
    client ? (who.get(client) ?? { kind: 'anonymous' }) : { kind: 'engine' }
  const { username: engineUser, password: enginePassword } = options.engineCredentials
  const prefix = options.topicPrefix
  const gatewaysByUser = new Map((options.gateways ?? []).map((g) => [g.username, g]))
  const sourcesByUser = new Map((options.sources ?? []).map((s) => [s.username, s]))
  let open = false

  let level: ClassicLevel<string, Buffer> | null = null
  if (options.persistenceDir) {
    fs.mkdirSync(options.persistenceDir, { recursive: true, mode: 0o700 })
    level = new ClassicLevel<string, Buffer>(options.persistenceDir, { valueEncoding: 'buffer' })
    await level.open()
  }
  const broker = await Aedes.createBroker({
    ...(level ? { persistence: new LevelPersistence(level) } : {}),
    authenticate(client, username, password, callback) {
      ;(client as unknown as { duplicates: object }).duplicates = NO_CLUSTER_DEDUPE
      if (username === engineUser) {
        const ok = sameSecret(password, enginePassword)
        if (ok) who.set(client, { kind: 'engine' })
        return callback(null, ok)
      }
      const source = username !== undefined ? sourcesByUser.get(username) : undefined
      if (source) return callback(null, sameSecret(password, source.password))
      // sources: anonymous on loopback, unless sources.json asks them to sign in
      if (username === undefined) return callback(null, !options.sources)
      const gateway = gatewaysByUser.get(username)
      const ok = gateway !== undefined && sameSecret(password, gateway.password)
      if (ok) who.set(client, { kind: 'gateway', channel: gateway.channel })
      callback(null, ok)
    },
    authorizePublish(client, packet, callback) {
      const w = whoIs(client)
      if (w.kind !== 'engine') {
        // Only the engine itself may speak on <prefix>/out/# (DESIGN 5) and <prefix>/alerts,
        // and only a channel's gateway may give its receipts.
        if (isEngineOnlyTopic(packet.topic, prefix))
          return callback(new Error(`${packet.topic}: only the engine publishes here`))
        if (
          packet.topic.startsWith(`${prefix}/ack/`) &&
          !(w.kind === 'gateway' && packet.topic === `${prefix}/ack/${w.channel}`)
        ) {
          return callback(new Error(`${packet.topic}: only this channel's gateway gives receipts here`))
        }
      }
      if (packet.topic !== options.mentionsTopic) return callback(null)
      // An error here (the store failed) withholds the PUBACK and drops the connection,
      // so the publisher sends the message again: nothing is acknowledged unstored.
      options.ingest(packet.payload as Buffer, `mqtt:${packet.topic}`).then(
        () => callback(null),
        (err: Error) => callback(err)
      )
    },
    authorizeSubscribe(client, sub, callback) {
      const w = whoIs(client)
      if (w.kind === 'engine') return callback(null, sub)
      // the way out and the receipts are the gateways' business, each its own channel's
      const own = w.kind === 'gateway' && sub.topic === `${prefix}/out/${w.channel}`
      // refused with a failure code (0x80) in the SUBACK, not by dropping the client
      if (!own && (filterReaches(sub.topic, prefix, 'out') || filterReaches(sub.topic, prefix, 'ack')))
        return callback(null, null)
      callback(null, sub)
    }
  })
  // only gateways read the way out (the ACL), so only their comings and goings change who
  // listens: a source connecting for each import batch costs the channel strip nothing
  const changed = (client: Client | null) => {
    if (client && whoIs(client).kind === 'gateway') options.onListenersChanged?.()
  }
  broker.on('subscribe', (_subs, client) => changed(client))
  broker.on('unsubscribe', (_unsubs, client) => changed(client))
  broker.on('clientDisconnect', changed)
  broker.on('clientReady', changed)

  const sockets = new Set<net.Socket>()
  const waiting: net.Socket[] = []
  const server = net.createServer((s) => (open ? broker.handle(s) : waiting.push(s)))
  // the engine's own door, on a port only it is told (its credentials are needed as well)
  const engineDoor = net.createServer(broker.handle)
  const listen = (srv: net.Server, port: number, host: string) =>
    new Promise<number>((resolve, reject) => {
      srv.once('error', reject)
      srv.listen(port, host, () => {
        srv.off('error', reject)
        resolve((srv.address() as net.AddressInfo).port)
      })
    })
  let port: number
  let enginePort: number
  try {
    port = await listen(server, options.port, options.host)
    enginePort = await listen(engineDoor, 0, '127.0.0.1')
  } catch (err) {
    // the port is taken (another console?): let go of what was opened, the session store's lock too
    server.close()
    await new Promise<void>((resolve) => broker.close(() => resolve()))
    await level?.close()
    throw err
  }
  for (const srv of [server, engineDoor]) {
    srv.on('connection', (s) => {
      sockets.add(s)
      s.on('close', () => sockets.delete(s))
    })
  }
  return {
    url: `mqtt://${options.host}:${port}`,
    engineUrl: `mqtt://127.0.0.1:${enginePort}`,
    port,
    connectedClients: () => broker.connectedClients,
    open() {
      open = true
      for (const s of waiting.splice(0)) if (!s.destroyed) broker.handle(s)
    },
    async listeners(channel) {
      const topic = `${prefix}/out/${channel}`
      const persistence = (
        broker as unknown as { persistence: { subscriptionsByTopic(t: string): Promise<{ clientId: string }[]> } }
      ).persistence
      const subs = await persistence.subscriptionsByTopic(topic)
      const ids = new Set(subs.map((s) => s.clientId))
      // clean sessions are not in the persistence: their subscriptions live on the client
      const clients = (
        broker as unknown as { clients: Record<string, Client & { subscriptions?: Record<string, unknown> }> }
      ).clients
      for (const c of Object.values(clients)) {
        if (c.subscriptions && Object.keys(c.subscriptions).some((f) => topicMatches(f, topic))) ids.add(c.id)
      }
      const online = [...ids].filter((id) => clients[id]?.connected)
      return { online: online.length, offline: ids.size - online.length }
    },
    async close() {
      await new Promise<void>((resolve) => broker.close(() => resolve()))
      for (const s of sockets) s.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await new Promise<void>((resolve) => engineDoor.close(() => resolve()))
      await level?.close()
    }
  }
}

/** MQTT filter matching for one topic (no $-topics here). */
export function topicMatches(filter: string, topic: string): boolean {
  const f = filter.split('/')
  const t = topic.split('/')
  for (let i = 0; i < f.length; i++) {
    if (f[i] === '#') return true
    if (i >= t.length || (f[i] !== '+' && f[i] !== t[i])) return false
  }
  return f.length === t.length
}
