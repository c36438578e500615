// The default broker: aedes on 127.0.0.1, owned by the engine. aedes holds a publisher's
// QoS 1 PUBACK until authorizePublish calls back, so ingest commits there first:
// acknowledged means stored (DESIGN 2).
import crypto from 'node:crypto'
import net from 'node:net'
import { Aedes } from 'aedes'
import { isEngineOnlyTopic } from '../../../shared/topics'

export type IngestFn = (payload: Uint8Array, source: string) => Promise<void>

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
}

export interface EmbeddedBroker {
  url: string
  port: number
  connectedClients(): number
  close(): Promise<void>
}

export async function startEmbeddedBroker(options: EmbeddedBrokerOptions): Promise<EmbeddedBroker> {
  const engineClients = new WeakSet<object>()
  const { username: engineUser, password: enginePassword } = options.engineCredentials
  const broker = await Aedes.createBroker({
    authenticate(client, username, password, callback) {
      if (username !== engineUser) return callback(null, true) // sources and gateways: anonymous on 127.0.0.1
      const ok = password !== undefined && password.length === enginePassword.length && crypto.timingSafeEqual(password, Buffer.from(enginePassword))
      if (ok) engineClients.add(client)
      callback(null, ok)
    },
    authorizePublish(client, packet, callback) {
      // Only the engine itself may speak on <prefix>/out/# (DESIGN 5) and <prefix>/alerts.
      if (client && !engineClients.has(client) && isEngineOnlyTopic(packet.topic, options.topicPrefix)) {
        callback(new Error(`${packet.topic}: only the engine publishes here`))
        return
      }
      if (packet.topic !== options.mentionsTopic) {
        callback(null)
        return
      }
      // An error here (the store failed) withholds the PUBACK and drops the connection,
      // so the publisher sends the message again: nothing is acknowledged unstored.
      options.ingest(packet.payload as Buffer, `mqtt:${packet.topic}`).then(
        () => callback(null),
        (err: Error) => callback(err)
      )
    }
  })
  const server = net.createServer(broker.handle)
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port, options.host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const port = (server.address() as net.AddressInfo).port
  const sockets = new Set<net.Socket>()
  server.on('connection', (s) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  return {
    url: `mqtt://${options.host}:${port}`,
    port,
    connectedClients: () => broker.connectedClients,
    async close() {
      await new Promise<void>((resolve) => broker.close(() => resolve()))
      for (const s of sockets) s.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  }
}
