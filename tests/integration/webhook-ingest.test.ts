// POST /api/ingest: the webhook way in, through the same validation as MQTT (one mention or
// an array; bad ones dead-lettered with their reason), answered once stored.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { minuteOf } from '../../shared/volume'
import { mention } from '../support/mentions'
import { startTeamHost, type Member } from '../support/team-host'

type Host = Awaited<ReturnType<typeof startTeamHost>>
let host: Host
let tool: Member

beforeEach(async () => {
  host = await startTeamHost()
  tool = await host.join('listening-tool', ['ops'])
})
afterEach(async () => {
  await host.dispose()
})

describe('POST /api/ingest', () => {
  it('stores one mention or an array, answering after the commit, and dedupes like MQTT', async () => {
    expect(await tool.call('POST', '/api/ingest', mention(1))).toEqual({
      status: 200,
      body: { accepted: 1, rejected: [] }
    })
    expect(await tool.call('POST', '/api/ingest', [mention(1), mention(2), mention(3)])).toEqual({
      status: 200,
      body: { accepted: 3, rejected: [] }
    })
    const health = (await host.request('GET', '/api/health', undefined)).body
    expect(health).toMatchObject({ mentions: 3, duplicates: 1, deadLetters: 0 })
    const queue = (await tool.call('GET', '/api/queue')).body
    expect(queue).toHaveLength(3)
  })

  it('dead-letters the bad ones with their reason and keeps the good ones', async () => {
    const r = await tool.call('POST', '/api/ingest', [
      mention(5),
      { id: 'x', channel: 'twitter' },
      mention(6, { ts: '2010-04-17 09:00' })
    ])
    expect(r.status).toBe(200)
    expect(r.body.accepted).toBe(1)
    expect(r.body.rejected).toHaveLength(2)
    expect(r.body.rejected[0].reason).toMatch(/author/)
    expect(r.body.rejected[1].reason).toMatch(/ts/)
    const malformed = await tool.call('POST', '/api/ingest', '{"id": "broken"', { 'content-type': 'application/json' })
    expect(malformed.body.rejected[0].reason).toMatch(/JSON/i)
    const dead = (await tool.call('GET', '/api/dead-letters')).body
    expect(dead.map((d: { source: string }) => d.source)).toContain('webhook:listening-tool')
    expect((await host.request('GET', '/api/health', undefined)).body).toMatchObject({ mentions: 1, deadLetters: 3 })
  })

  it('refuses a mention dated more than a day ahead, so one wrong clock does not move the wall off the present', async () => {
    const r = await tool.call('POST', '/api/ingest', [mention(7), mention(8, { ts: '2036-04-17T09:00:00Z' })])
    expect(r.body.accepted).toBe(1)
    expect(r.body.rejected).toEqual([
      {
        reason: expect.stringMatching(
          /^\[1\] invalid mention: ts: 2036-04-17T09:00:00\.000Z is \d+ years ahead of this console's clock/
        )
      }
    ])
    // the wall's window follows the newest minute: it would have shown 2036, empty
    const wall = (await tool.call('GET', '/api/wall?minutes=60')).body
    expect(wall.volume.map((v: { minute: number }) => new Date(v.minute).toISOString())).toEqual([
      '2010-04-17T09:00:00.000Z'
    ])
  })

  it('keeps the wall on the present when a few mentions come from hours ahead, and follows a drill that is ahead as a whole', async () => {
    const now = Date.now()
    const at = (ms: number) => new Date(ms).toISOString()
    const wallMinutes = async () =>
      ((await tool.call('GET', '/api/wall?minutes=60')).body.volume as { minute: number }[]).map((v) => v.minute)
    await tool.call(
      'POST',
      '/api/ingest',
      Array.from({ length: 60 }, (_, k) => mention(100 + k, { ts: at(now - k * 10_000) }))
    )
    const events = await tool.listen()
    const ingested = events.next((e) => e.type === 'ingested')
    // a source writing its local time as UTC: 9 hours ahead, within the day ingest allows
    expect(
      (
        await tool.call(
          'POST',
          '/api/ingest',
          [1, 2, 3].map((k) => mention(200 + k, { ts: at(now + 9 * 3600_000 + k) }))
        )
      ).body.accepted
    ).toBe(3)
    expect(await ingested).toMatchObject({ inserted: 3, deltas: [] }) // stored, but no minute 9 hours ahead on the wall
    expect(Math.max(...(await wallMinutes()))).toBeLessThanOrEqual(now + 5 * 60_000)
    expect(await wallMinutes()).toContain(minuteOf(now))
    // a drill replayed at speed: all its mentions are ahead, and the wall follows them
    await tool.call(
      'POST',
      '/api/ingest',
      Array.from({ length: 150 }, (_, k) => mention(300 + k, { ts: at(now + 3 * 3600_000 + k * 1000) }))
    )
    expect(Math.max(...(await wallMinutes()))).toBe(minuteOf(now + 3 * 3600_000 + 149_000))
    events.close()
  })

  it('counts minutes held back from a source ahead once the present reaches them: the wall is told to look again', async () => {
    const now = Date.now()
    const at = (ms: number) => new Date(ms).toISOString()
    const wallCount = async (minute: number) =>
      ((await tool.call('GET', '/api/wall?minutes=120')).body.volume as { minute: number; count: number }[])
        .filter((v) => v.minute === minute)
        .reduce((n, v) => n + v.count, 0)
    await tool.call(
      'POST',
      '/api/ingest',
      Array.from({ length: 60 }, (_, k) => mention(100 + k, { ts: at(now - k * 10_000) }))
    )
    const events = await tool.listen()
    // three mentions from a source 20 minutes ahead, one loud and angry: stored and analyzed,
    // left out of the wall for now
    const ahead = now + 20 * 60_000
    const loud = mention(201, {
      ts: at(ahead + 1),
      text: 'Terrible! Flight cancelled, stranded overnight, nobody answers, worst airline ever',
      author: { handle: 'loud_reporter', followers: 250_000 }
    })
    const analyzed = events.next((e) => e.type === 'sentiment' && e.upToSeq >= 63)
    await tool.call('POST', '/api/ingest', [loud, ...[2, 3].map((k) => mention(200 + k, { ts: at(ahead + k) }))])
    await analyzed
    expect(await wallCount(minuteOf(ahead))).toBe(0)
    expect((await tool.call('GET', '/api/wall?minutes=120')).body.topNegative).toEqual([])
    // the console says which source is ahead
    expect((await host.request('GET', '/api/health', undefined)).body.ahead).toEqual([
      { channel: 'twitter', count: 3, latest: at(ahead + 3) }
    ])
    // then the stream as a whole moves 30 minutes on (a drill at speed): the present passes them
    await tool.call(
      'POST',
      '/api/ingest',
      Array.from({ length: 150 }, (_, k) => mention(300 + k, { ts: at(now + 30 * 60_000 + k * 100) }))
    )
    expect(await events.next((e) => e.type === 'heldBackReached')).toEqual({
      type: 'heldBackReached',
      minutes: [minuteOf(ahead)]
    })
    expect(await wallCount(minuteOf(ahead))).toBe(3)
    expect((await host.request('GET', '/api/health', undefined)).body.ahead).toEqual([])
    // and the loud one joins the loudest negative mentions
    await events.next((e) => e.type === 'signals' && e.topNegative.some((m) => m.author === 'loud_reporter'))
    events.close()
  })

  it('needs a session and the ops, lead or admin role; refuses a body over 64 KiB', async () => {
    expect((await host.request('POST', '/api/ingest', undefined, mention(1))).status).toBe(401)
    const viewer = await host.join('vik', ['viewer'])
    expect((await viewer.call('POST', '/api/ingest', mention(1))).status).toBe(403)
    const big = await tool.call('POST', '/api/ingest', mention(9, { text: 'x'.repeat(70_000) }))
    expect(big.status).toBe(413)
  })
})
