// Spike alerts, live: when a minute closes, a surge raises one alert with its drivers (the
// channel, language and terms that rose). It is stored, put on the incident's timeline,
// pushed to consoles and published on crisis/alerts, where no one but the engine may speak.
import mqtt from 'mqtt'
import { afterEach, describe, expect, it } from 'vitest'
import type { EngineEvent } from '../../shared/api'
import type { SpikeAlert } from '../../shared/alerts'
import type { Result } from '../../shared/result'
import type { Incident, IncidentEvent } from '../../shared/team'
import { openDb } from '../../electron/core/store/db'
import { asLocal, startTestEngine } from '../support/test-engine'
import { json, mention } from '../support/mentions'

let cleanup: (() => Promise<unknown> | unknown)[] = []
afterEach(async () => {
  for (const c of cleanup.reverse()) await c()
  cleanup = []
})

const MIN = 60_000
const T0 = Date.UTC(2010, 3, 17, 9, 0)
const CALM = [
  'Is the lounge at AMS open today?',
  'Thanks for the quick answer about my bag',
  'Which terminal for the Oslo flight?',
  'Nice crew on my flight this morning',
  'Can I bring skis as hand luggage?'
]
const SURGE = [
  'Vlucht geannuleerd, gestrand op Schiphol #aswolk',
  'Mijn vlucht is geannuleerd en niemand neemt op #aswolk',
  'Alweer geannuleerd! Gestrand met kinderen #aswolk',
  'Geannuleerde vlucht, hoe nu verder? #aswolk'
]

const value = <T>(r: Result<unknown>): T => {
  if (!r.ok) throw new Error(r.error.message)
  return r.value as T
}

describe('spike alerts', () => {
  it('raises one alert when a surging minute closes, with its drivers, on the timeline, the wall and crisis/alerts', async () => {
    let clock = T0 + 60 * MIN + 30_000 // 10:00:30, the surge minute still open
    const engine = await startTestEngine({ now: () => clock })
    cleanup.push(() => engine.dispose())
    const incident = value<Incident>(
      await engine.dispatch('createIncident', { name: 'Ash cloud', severity: 'SEV2' }, asLocal)
    )

    const listener = await mqtt.connectAsync(engine.broker.url)
    cleanup.push(() => listener.endAsync(true))
    const published = new Promise<SpikeAlert>((resolve) =>
      listener.on('message', (_t, p) => resolve(JSON.parse(String(p))))
    )
    await listener.subscribeAsync('crisis/alerts', { qos: 1 })
    const pushed = new Promise<SpikeAlert>((resolve) =>
      engine.subscribe((e: EngineEvent) => e.type === 'alert' && resolve(e.alert))
    )

    // an hour of calm: five mentions a minute in English, on two channels
    const source = await mqtt.connectAsync(engine.broker.url)
    cleanup.push(() => source.endAsync(true))
    let n = 0
    for (let block = 0; block < 6; block++) {
      const batch = []
      for (let m = block * 10; m < block * 10 + 10; m++) {
        for (let k = 0; k < 5; k++)
          batch.push(
            mention(n++, {
              channel: k % 2 ? 'facebook' : 'twitter',
              text: CALM[k],
              ts: new Date(T0 + m * MIN + k * 1000).toISOString()
            })
          )
      }
      // and a source that writes its local time as UTC, 9 hours ahead: its minutes must not
      // close the ones before them (the surge's minute would be closed empty, before it came)
      if (block === 3)
        for (let k = 0; k < 3; k++)
          batch.push(mention(10_000 + k, { text: CALM[k], ts: new Date(T0 + 10 * 60 * MIN + k * 1000).toISOString() }))
      await source.publishAsync('crisis/in/mentions', json(batch), { qos: 1 })
    }
    // then 200 in Dutch on Twitter within the minute from 10:00
    for (let block = 0; block < 4; block++) {
      const batch = Array.from({ length: 50 }, (_, i) =>
        mention(n++, {
          text: SURGE[i % SURGE.length],
          ts: new Date(T0 + 60 * MIN + (block * 50 + i) * 250).toISOString()
        })
      )
      await source.publishAsync('crisis/in/mentions', json(batch), { qos: 1 })
    }
    clock = T0 + 61 * MIN + 5_000 // the minute has closed

    const alert = await pushed
    expect(alert).toMatchObject({
      incidentId: incident.id,
      minute: new Date(T0 + 60 * MIN).toISOString(),
      startedAt: new Date(T0 + 60 * MIN).toISOString(),
      severity: 'severe'
    })
    expect(alert.triggers[0]).toMatchObject({ value: 200 })
    expect(alert.triggers.map((t) => t.series)).toEqual(expect.arrayContaining(['total', 'channel:twitter', 'lang:nl']))
    expect(alert.drivers.channels.map((d) => d.key)).toEqual(['twitter'])
    expect(alert.drivers.languages[0]).toMatchObject({ key: 'nl', value: 200, baseline: 0 })
    const terms = alert.drivers.terms.map((t) => t.key)
    expect(terms).toContain('#aswolk')
    expect(terms.some((t) => t.startsWith('geannuleerd') || t.startsWith('gestrand'))).toBe(true)
    expect(await published).toEqual(alert)

    // stored once, listed, on the incident's timeline at the time the rise began
    expect(value<SpikeAlert[]>(await engine.dispatch('alerts', {}, asLocal))).toEqual([alert])
    const { timeline } = value<{ timeline: IncidentEvent[] }>(
      await engine.dispatch('getIncident', { id: incident.id }, asLocal)
    )
    const onTimeline = timeline.find((e) => e.type === 'alert.spike')
    expect(onTimeline).toMatchObject({
      actor: 'spike detector',
      occurredAt: alert.startedAt,
      data: { alert: alert.id, severity: 'severe' }
    })

    // acknowledged from a console: recorded once, pushed to every console
    const acked = value<SpikeAlert>(await engine.dispatch('acknowledgeAlert', { id: alert.id }, asLocal))
    expect(acked).toMatchObject({ id: alert.id, acknowledgedBy: 'local operator' })
    expect(await engine.dispatch('acknowledgeAlert', { id: 999 }, asLocal)).toMatchObject({
      ok: false,
      error: { code: 'not_found' }
    })
  })

  it('a steady stream raises no alert', async () => {
    let clock = T0 + 40 * MIN + 10_000
    const engine = await startTestEngine({ now: () => clock })
    cleanup.push(() => engine.dispose())
    const alerts: SpikeAlert[] = []
    engine.subscribe((e) => e.type === 'alert' && alerts.push(e.alert))
    const batch = Array.from({ length: 200 }, (_, i) =>
      mention(i, { text: CALM[i % 5], ts: new Date(T0 + Math.floor(i / 5) * MIN).toISOString() })
    )
    await engine.ingest(json(batch), 'test')
    clock = T0 + 41 * MIN + 5_000
    // the monitor's position reaches the closed minutes: wait on what it stored
    const read = await openDb(engine.dbFile, { readonly: true })
    cleanup.push(() => read.close())
    await expect
      .poll(
        async () =>
          (await read.get<{ next_minute_ms: number }>('SELECT next_minute_ms FROM alert_monitor'))?.next_minute_ms,
        { timeout: 10_000 }
      )
      .toBe(T0 + 41 * MIN)
    expect(alerts).toEqual([])
  })

  it('after a restart the detectors stand where they stood: the same baseline and the same "since" as an engine that never stopped', async () => {
    // 40 calm minutes of ~50 mentions, then a burst of 114 in minute 40, on two engines alike;
    // the second is restarted between the calm and the burst
    const calm = Array.from({ length: 40 * 50 }, (_, i) =>
      mention(i, { text: CALM[i % 5], ts: new Date(T0 + Math.floor(i / 50) * MIN + (i % 50) * 1000).toISOString() })
    )
    const burst = Array.from({ length: 114 }, (_, i) =>
      mention(100_000 + i, { text: SURGE[i % 4], ts: new Date(T0 + 40 * MIN + i * 400).toISOString() })
    )
    const monitorAt = async (dbFile: string, minute: number) => {
      const read = await openDb(dbFile, { readonly: true })
      try {
        await expect
          .poll(
            async () =>
              (await read.get<{ next_minute_ms: number }>('SELECT next_minute_ms FROM alert_monitor'))?.next_minute_ms,
            { timeout: 20_000 }
          )
          .toBe(minute)
      } finally {
        await read.close()
      }
    }
    const run = async (restart: boolean): Promise<SpikeAlert> => {
      let clock = T0 + 39 * MIN + 55_000
      let engine = await startTestEngine({ now: () => clock })
      const dataDir = engine.dataDir
      cleanup.push(() => engine.dispose())
      for (let k = 0; k < calm.length; k += 200) await engine.ingest(json(calm.slice(k, k + 200)), 'test') // under the 64 KiB payload limit
      clock = T0 + 40 * MIN + 5_000 // quiet since: the clock closes minute 39
      await monitorAt(engine.dbFile, T0 + 40 * MIN) // every calm minute closed and learned
      if (restart) {
        await engine.stop()
        engine = await startTestEngine({ now: () => clock, dataDir })
      }
      const alerted = new Promise<SpikeAlert>((resolve) =>
        engine.subscribe((e: EngineEvent) => e.type === 'alert' && resolve(e.alert))
      )
      await engine.ingest(json(burst), 'test')
      clock = T0 + 41 * MIN + 5_000
      return alerted
    }
    const [steady, restarted] = [await run(false), await run(true)]
    expect(steady).toMatchObject({
      startedAt: new Date(T0 + 40 * MIN).toISOString(),
      minute: new Date(T0 + 40 * MIN).toISOString()
    })
    const total = (a: SpikeAlert) => a.triggers.find((t) => t.series === 'total')!
    expect(total(steady)).toMatchObject({ value: 114 })
    expect(total(steady).baseline).toBeGreaterThan(40)
    expect({ startedAt: restarted.startedAt, total: total(restarted) }).toEqual({
      startedAt: steady.startedAt,
      total: total(steady)
    })
  })

  it('only the engine publishes on crisis/alerts', async () => {
    const engine = await startTestEngine()
    cleanup.push(() => engine.dispose())
    const other = await mqtt.connectAsync(engine.broker.url, { reconnectPeriod: 0 })
    const closed = new Promise<void>((r) => other.once('close', () => r()))
    other.publish('crisis/alerts', JSON.stringify({ severity: 'severe', summary: 'fake spike' }), { qos: 1 })
    await closed // aedes drops a client whose publish is not authorized
    await other.endAsync(true)
  })
})
