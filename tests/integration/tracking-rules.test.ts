// Tracking rules per incident over the real API: a topic with a query (stems, phrases,
// AND/OR/NOT, one language or any) tags every mention analyzed after it, and those already
// analyzed from a day before the incident opened; a query that doesn't parse is refused
// with what is wrong.
import mqtt from 'mqtt'
import { afterEach, describe, expect, it } from 'vitest'
import { startTeamHost } from '../support/team-host'
import { json, mention } from '../support/mentions'

let cleanup: (() => Promise<unknown> | unknown)[] = []
afterEach(async () => {
  for (const c of cleanup.reverse()) await c()
  cleanup = []
})

describe('tracking rules', () => {
  it('tag analyzed mentions with the topics they match, per language when asked', async () => {
    const host = await startTeamHost()
    cleanup.push(() => host.dispose())
    const lead = await host.join('lars', ['lead'])
    const viewer = await host.join('vera', ['viewer'])
    const incident = (await lead.call('POST', '/api/incidents', { name: 'Ash cloud', severity: 'SEV2' })).body.id

    const add = (body: object) => lead.call('POST', `/api/incidents/${incident}/tracking`, body)
    expect((await add({ topic: 'Rebooking', query: '(rebook OR refund) NOT spam' })).status).toBe(200)
    expect((await add({ topic: 'Dutch cancellations', query: 'geannuleerd', lang: 'nl' })).status).toBe(200)
    expect((await add({ topic: 'Ash', query: '"ash cloud"' })).status).toBe(200)
    const bad = await add({ topic: 'Broken', query: '(KLM OR' })
    expect(bad.status).toBe(400)
    expect(bad.body.error.message).toMatch(/^query: /)
    expect((await viewer.call('POST', `/api/incidents/${incident}/tracking`, { topic: 'x', query: 'x' })).status).toBe(
      403
    )

    const events = await lead.listen()
    cleanup.push(() => events.close())
    const analyzed = events.next((e) => e.type === 'sentiment' && e.upToSeq >= 5)
    const c = await mqtt.connectAsync(host.engine.broker.url)
    await c.publishAsync(
      'crisis/in/mentions',
      json([
        mention(1, { text: 'How do I rebook my flight to Oslo?' }),
        mention(2, { text: 'Refunds please, I was stranded for two days' }),
        mention(3, { text: 'Vlucht KL1234 geannuleerd, wat nu?', lang: 'nl' }),
        mention(4, { text: 'The ash cloud is spreading over Norway' }),
        mention(5, { text: 'Buy cheap refund spam now' })
      ]),
      { qos: 1 }
    )
    await c.endAsync()
    await analyzed

    const list = (await viewer.call('GET', `/api/incidents/${incident}/tracking`)).body as {
      topic: string
      mentions: number
    }[]
    expect(list.map((r) => [r.topic, r.mentions])).toEqual([
      ['Rebooking', 2],
      ['Dutch cancellations', 1],
      ['Ash', 1]
    ])
    const timeline = (await viewer.call('GET', `/api/incidents/${incident}`)).body.timeline.map(
      (e: { type: string }) => e.type
    )
    expect(timeline.filter((t: string) => t === 'tracking.added')).toHaveLength(3)
    const ruleId = (await viewer.call('GET', `/api/incidents/${incident}/tracking`)).body[0].id
    expect((await lead.call('DELETE', `/api/tracking/${ruleId}`)).status).toBe(200)
    expect((await viewer.call('GET', `/api/incidents/${incident}/tracking`)).body).toHaveLength(2)
  })

  it('a rule added mid-incident also tags what was already said, from a day before the incident opened', async () => {
    const host = await startTeamHost()
    cleanup.push(() => host.dispose())
    const lead = await host.join('lars', ['lead'])
    const incident = (await lead.call('POST', '/api/incidents', { name: 'Ash cloud', severity: 'SEV2' })).body.id
    const now = Date.now()
    const at = (hoursAgo: number) => new Date(now - hoursAgo * 3600_000).toISOString()

    const events = await lead.listen()
    cleanup.push(() => events.close())
    const analyzed = events.next((e) => e.type === 'sentiment' && e.upToSeq >= 4)
    const c = await mqtt.connectAsync(host.engine.broker.url)
    await c.publishAsync(
      'crisis/in/mentions',
      json([
        mention(1, { text: 'Can I get a refund for KL1234?', ts: at(0.5) }),
        mention(2, { text: 'Refund still not paid, third call today', ts: at(20) }), // before the incident, inside the day
        mention(3, { text: "Refund for last year's strike finally arrived", ts: at(50) }), // older than the lookback
        mention(4, { text: 'Where is my suitcase?', ts: at(0.2) })
      ]),
      { qos: 1 }
    )
    await c.endAsync()
    await analyzed

    const added = await lead.call('POST', `/api/incidents/${incident}/tracking`, { topic: 'Refunds', query: 'refund' })
    expect(added.status).toBe(200)
    const count = async () =>
      ((await lead.call('GET', `/api/incidents/${incident}/tracking`)).body as { mentions: number }[])[0].mentions
    // the three refunds are tagged in one transaction: the count goes from 0 to its final
    // value at once, two (the one from 50 hours ago is out of the window)
    await expect.poll(count, { timeout: 10_000 }).toBe(2)
  })
})
