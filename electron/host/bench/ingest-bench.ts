// Ingest benchmarks (issue 2). The engine runs as its own process (`serve`), as in
// production; publisher and subscriber are mqtt.js clients in this process.
//  - throughput: QoS 1 mentions from an external publisher until all are stored (a PUBACK
//    means committed), against raw QoS 1 pub/sub through the same broker with the same
//    client, measured in the same run; the ratio is the figure that travels across machines.
//  - latency: a steady rate of mentions; for each, the time from publish until a console's
//    WebSocket hears the commit that stored it.
import mqtt, { type MqttClient } from 'mqtt'
import WebSocket from 'ws'
import type { EngineEvent } from '../../../shared/api'
import type { Mention } from '../../../shared/mention'
import { topics } from '../../../shared/topics'

export interface RunningServe {
  httpUrl: string
  mqttUrl: string
  token: string
  dataDir: string
}

const encoder = new TextEncoder()

function benchMention(run: string, i: number): Uint8Array {
  const m: Mention = {
    id: `${run}-${i}`,
    channel: i % 3 === 0 ? 'facebook' : 'twitter',
    author: { handle: `bench${i % 5000}`, followers: i % 10_000 },
    text: `Flight KL${1000 + (i % 900)} cancelled at AMS because of the ash cloud, no answer on the phone for hours. What now? #ashcloud`,
    ts: new Date(Date.UTC(2010, 3, 17, 9, 0) + i * 10).toISOString()
  }
  return encoder.encode(JSON.stringify(m))
}

async function publishAll(client: MqttClient, topic: string, payloads: Uint8Array[]): Promise<number> {
  const t0 = performance.now()
  await Promise.all(payloads.map((p) => client.publishAsync(topic, Buffer.from(p), { qos: 1 })))
  return performance.now() - t0
}

export async function measureThroughput(serve: RunningServe, messages: number) {
  const publisher = await mqtt.connectAsync(serve.mqttUrl, { clientId: 'bench-publisher' })
  const subscriber = await mqtt.connectAsync(serve.mqttUrl, { clientId: 'bench-subscriber' })
  try {
    // warm both paths (JIT, SQLite page cache) so neither pays start-up alone
    await publishAll(
      publisher,
      topics().mentionsIn,
      Array.from({ length: 500 }, (_, i) => benchMention('warm', i))
    )

    const rawTopic = 'bench/raw'
    await subscriber.subscribeAsync(rawTopic, { qos: 1 })
    const payloads = Array.from({ length: messages }, (_, i) => benchMention('raw', i))
    let received = 0
    const allReceived = new Promise<void>((resolve) =>
      subscriber.on('message', () => {
        if (++received === messages) resolve()
      })
    )
    const t0 = performance.now()
    await Promise.all([publishAll(publisher, rawTopic, payloads), allReceived])
    const rawMs = performance.now() - t0

    const ingestPayloads = Array.from({ length: messages }, (_, i) => benchMention('e2e', i))
    const ingestMs = await publishAll(publisher, topics().mentionsIn, ingestPayloads) // PUBACK = stored
    const health = (await (await fetch(`${serve.httpUrl}/api/health`)).json()) as { mentions: number }

    const rawPerSecond = (messages / rawMs) * 1000
    const endToEndPerSecond = (messages / ingestMs) * 1000
    return {
      messages,
      storedAfter: health.mentions,
      rawPubSubPerSecond: Math.round(rawPerSecond),
      endToEndPerSecond: Math.round(endToEndPerSecond),
      ratio: Number((endToEndPerSecond / rawPerSecond).toFixed(3)),
      target: 0.5,
      meetsTarget: endToEndPerSecond / rawPerSecond >= 0.5
    }
  } finally {
    await publisher.endAsync()
    await subscriber.endAsync()
  }
}

export async function measureLatency(serve: RunningServe, ratePerSecond: number, seconds: number) {
  const ws = new WebSocket(`${serve.httpUrl.replace(/^http/, 'ws')}/api/events`, [`bearer.${serve.token}`])
  await new Promise((resolve, reject) => (ws.once('open', resolve), ws.once('error', reject)))
  const publisher = await mqtt.connectAsync(serve.mqttUrl, { clientId: 'bench-latency' })
  const health = (await (await fetch(`${serve.httpUrl}/api/health`)).json()) as { mentions: number }
  const base = health.mentions // mentions already stored before this run
  const total = ratePerSecond * seconds
  const publishedAt = new Float64Array(total)
  const latencies: number[] = []
  let seen = 0
  const done = new Promise<void>((resolve) =>
    ws.on('message', (data) => {
      const e = JSON.parse(String(data)) as EngineEvent
      if (e.type !== 'ingested') return
      const now = performance.now()
      // One publisher connection keeps order end to end (TCP, aedes, one INSERT per batch in
      // payload order), so the k-th stored mention is the k-th published one.
      const storedNow = e.totals.mentions - base
      for (; seen < storedNow && seen < total; seen++) latencies.push(now - publishedAt[seen])
      if (seen >= total) resolve()
    })
  )
  const tickMs = 10
  const perTick = (ratePerSecond * tickMs) / 1000
  const t0 = performance.now()
  for (let i = 0; i < total;) {
    // steady pacing against the clock, so a slow tick is caught up rather than stretched
    const due = Math.min(total, Math.floor(((performance.now() - t0) / tickMs + 1) * perTick))
    for (; i < due; i++) {
      publishedAt[i] = performance.now()
      publisher.publish(topics().mentionsIn, Buffer.from(benchMention('lat', i)), { qos: 1 })
    }
    await new Promise((r) => setTimeout(r, tickMs))
  }
  await done
  ws.close()
  await publisher.endAsync()
  latencies.sort((a, b) => a - b)
  const pct = (p: number) =>
    Number(latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))].toFixed(2))
  return {
    ratePerSecond,
    seconds,
    samples: latencies.length,
    p50Ms: pct(50),
    p99Ms: pct(99),
    maxMs: Number(latencies[latencies.length - 1].toFixed(2)),
    measuredTo: 'the commit event arriving on a console WebSocket'
  }
}
