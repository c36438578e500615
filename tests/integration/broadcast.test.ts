// Broadcasting through the real API to real receivers: MQTT gateways on the embedded broker
// and on Debian's mosquitto, a signed webhook, Debian's SMTP server (aiosmtpd), and local
// fakes of X, Mastodon, Facebook and an SMS gateway answering with their documented errors.
// Each test checks what the receiver got and what the ledger says, waiting on events.
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import mqtt from 'mqtt'
import { afterEach, describe, expect, it } from 'vitest'
import type { EngineEvent } from '../../shared/api'
import type { Delivery, OutboundMessage } from '../../shared/broadcast'
import { OUTBOUND_CHANNELS } from '../../shared/channel-rules'
import { startGateways } from '../../electron/host/gateway-sim'
import { startReceiver } from '../support/http-receiver'
import { startMosquitto } from '../support/mosquitto'
import { hasSmtpServer, startSmtpServer } from '../support/smtp-server'
import { startTeamHost, type Listener, type Member } from '../support/team-host'
import { makeTempDir } from '../support/temp-dir'

const FAST_RETRY = { maxAttempts: 4, baseMs: 50, maxMs: 200, sendTimeoutMs: 3000 }
let cleanup: (() => Promise<unknown> | unknown)[] = []
afterEach(async () => {
  for (const c of cleanup.reverse()) await c()
  cleanup = []
})

type Host = Awaited<ReturnType<typeof startTeamHost>>

/** A console whose data folder holds `channels` (owner-only, as required) before it starts. */
async function console_(channels?: unknown[], engine: Record<string, unknown> = {}) {
  const tmp = makeTempDir('broadcast')
  cleanup.push(tmp.remove)
  if (channels) fs.writeFileSync(path.join(tmp.dir, 'channels.json'), JSON.stringify({ channels }), { mode: 0o600 })
  const host = await startTeamHost({ dataDir: tmp.dir, retryPolicy: FAST_RETRY, ...engine })
  cleanup.push(() => host.dispose())
  return { host, ...(await logIn(host)) }
}

const team = new WeakMap<Host, { pr: Member; lead: Member; events: Listener }>()
/** Priya (pr) and Lars (lead) signed in, and Lars's event stream; once per console. */
async function logIn(host: Host) {
  const known = team.get(host)
  if (known) return known
  const pr = await host.join('priya', ['pr'])
  const lead = await host.join('lars', ['lead'])
  const events = await lead.listen()
  cleanup.push(() => events.close())
  team.set(host, { pr, lead, events })
  return { pr, lead, events }
}

/** An approved free-text statement with a variant for each of `channels`. */
async function approved(
  pr: Member,
  lead: Member,
  channels: string[],
  text = 'Flights are cancelled today. Rebook free at example.com. Next update 14:00 UTC.'
) {
  const incident = (await lead.call('POST', '/api/incidents', { name: 'Ash cloud', severity: 'SEV2' })).body.id
  const texts = channels.map((channel) => ({
    channel,
    lang: 'en',
    text,
    ...(channel === 'email' ? { subject: 'Your flight today' } : {})
  }))
  const s = (await pr.call('POST', '/api/statements', { incident, texts, nextUpdateAt: '2026-11-23T14:00:00Z' })).body
  expect((await lead.call('POST', `/api/statements/${s.id}/approve`, { revision: 1 })).body.latest.state).toBe(
    'approved'
  )
  return s.id as number
}

const settled = (events: Listener, id: number, state: string) =>
  events.next(
    (e: EngineEvent) => e.type === 'delivery' && e.delivery.id === id && e.delivery.state === state
  ) as Promise<Extract<EngineEvent, { type: 'delivery' }>>

/** MQTT channels without a channels.json: every statement channel but the status page */
const MQTT_CHANNELS = OUTBOUND_CHANNELS.filter((c) => c !== 'statuspage')

/**
 * A gateway for each MQTT channel, signed in with its channel's credentials (an external
 * broker: anonymous), recording what it receives and answering with a receipt (or not).
 */
async function gateway(
  host: Host | { url: string },
  answer: 'delivered' | 'failed' | 'silent',
  clientIdPrefix = `gw-${crypto.randomUUID()}`,
  channels: readonly string[] = MQTT_CHANNELS
) {
  const sim = await startGateways({
    ...('engine' in host ? { url: host.engine.broker.url, dataDir: host.engine.dataDir } : { url: host.url }),
    channels,
    clientIdPrefix,
    answer: (_channel, m) =>
      answer === 'silent'
        ? null
        : answer === 'delivered'
          ? { status: 'delivered', externalId: `gw-${m.deliveryId}` }
          : { status: 'failed', error: 'display offline' }
  })
  cleanup.push(() => sim.close())
  return {
    get got(): { topic: string; message: OutboundMessage }[] {
      return sim.got.map((g) => ({ topic: `crisis/out/${g.channel}`, message: g.message }))
    },
    sim
  }
}

describe('broadcast over MQTT gateways (defaults, no set-up)', () => {
  it('one action queues every channel, each goes accepted then confirmed by its gateway, and the wall strip says so', async () => {
    const { host, pr, lead, events } = await console_()
    const gw = await gateway(host, 'delivered')
    const id = await approved(pr, lead, ['sms', 'x', 'statuspage'])
    const r = await pr.call('POST', `/api/statements/${id}/broadcast`, { channels: ['sms', 'x', 'statuspage'] })
    expect(r.status).toBe(200)
    expect(r.body.map((d: Delivery) => [d.channel, d.state])).toEqual([
      ['sms', 'queued'],
      ['x', 'queued'],
      ['statuspage', 'queued']
    ])
    for (const d of r.body as Delivery[]) await settled(events, d.id, 'confirmed')
    expect(gw.got.map((g) => g.topic).sort()).toEqual(['crisis/out/sms', 'crisis/out/x'])
    expect(gw.got[0].message).toMatchObject({
      text: expect.stringContaining('Flights are cancelled'),
      statementId: id,
      revision: 1
    })
    const ledger = (await lead.call('GET', `/api/deliveries?statement=${id}`)).body as Delivery[]
    const sms = ledger.find((d) => d.channel === 'sms')!
    expect(sms.history.map((h) => h.state)).toEqual(['queued', 'sending', 'accepted', 'confirmed'])
    expect(sms.externalId).toBe(`gw-${sms.id}`)
    const wall = (await lead.call('GET', '/api/wall')).body
    expect(wall.channels.find((c: { channel: string }) => c.channel === 'sms')).toMatchObject({
      state: 'confirmed',
      confirmedStatement: id,
      error: null
    })
    const incidentId = (await lead.call('GET', `/api/statements/${id}`)).body.statement.incidentId
    const timeline = (await lead.call('GET', `/api/incidents/${incidentId}`)).body.timeline
    expect(timeline.at(-1)).toMatchObject({
      actor: 'priya',
      type: 'statement.broadcast',
      data: { statement: id, channels: ['sms', 'x', 'statuspage'] }
    })
  })

  it("a gateway's failure receipt fails the delivery with its words; a person retries it", async () => {
    const { host, pr, lead, events } = await console_()
    await gateway(host, 'failed')
    const id = await approved(pr, lead, ['sms'])
    const [d] = (await pr.call('POST', `/api/statements/${id}/broadcast`, { channels: ['sms'] })).body
    const failed = await settled(events, d.id, 'failed')
    expect(failed.delivery.error).toBe('the sms gateway: display offline')
    expect(failed.channels.find((c) => c.channel === 'sms')).toMatchObject({
      state: 'failed',
      error: 'the sms gateway: display offline'
    })
    const retried = await pr.call('POST', `/api/deliveries/${d.id}/retry`)
    // the row shows where it stands now; the old error is kept in its history
    expect(retried.body).toMatchObject({ state: 'queued', error: null })
    expect(retried.body.history.map((h: { detail: string | null }) => h.detail)).toContain(
      'the sms gateway: display offline'
    )
    expect((await pr.call('POST', `/api/deliveries/${d.id}/cancel`)).status).toBe(409) // it's on its way already, or failed again
  })

  it('refuses what must not go out: unapproved (403), under review or stale (409), unknown channel (400), twice (409), by a viewer (403)', async () => {
    const { pr, lead, host } = await console_()
    const incident = (await lead.call('POST', '/api/incidents', { name: 'Strike', severity: 'SEV2' })).body.id
    const draft = (
      await pr.call('POST', '/api/statements', {
        incident,
        texts: [{ channel: 'sms', lang: 'en', text: 'Strike today.' }],
        nextUpdateAt: '2026-11-23T14:00:00Z'
      })
    ).body
    const unapproved = await pr.call('POST', `/api/statements/${draft.id}/broadcast`, { channels: ['sms'] })
    expect(unapproved).toMatchObject({
      status: 403,
      body: { error: { message: expect.stringMatching(/no approved revision/) } }
    })
    await lead.call('POST', `/api/statements/${draft.id}/approve`, { revision: 1 })
    expect(
      (await pr.call('POST', `/api/statements/${draft.id}/broadcast`, { channels: ['sms'], revision: 2 })).status
    ).toBe(409)
    expect(
      (await pr.call('POST', `/api/statements/${draft.id}/broadcast`, { channels: ['pigeon'] })).body.error.message
    ).toMatch(/channels: no channel "pigeon"/)
    expect(
      (await pr.call('POST', `/api/statements/${draft.id}/broadcast`, { channels: ['x'] })).body.error.message
    ).toMatch(/carries the x variant, which statement \d+ doesn't have/)
    const viewer = await host.join('vik', ['viewer'])
    expect((await viewer.call('POST', `/api/statements/${draft.id}/broadcast`, { channels: ['sms'] })).status).toBe(403)
    expect((await pr.call('POST', `/api/statements/${draft.id}/broadcast`, { channels: ['sms'] })).status).toBe(200)
    expect(
      (await pr.call('POST', `/api/statements/${draft.id}/broadcast`, { channels: ['sms'] })).body.error.message
    ).toMatch(/already went to "sms"/)
    await pr.call('POST', `/api/statements/${draft.id}/revise`, {
      revision: 1,
      texts: [{ channel: 'sms', lang: 'en', text: 'Strike today and tomorrow.' }]
    })
    const underReview = await pr.call('POST', `/api/statements/${draft.id}/broadcast`, { channels: ['sms'] })
    expect(underReview).toMatchObject({
      status: 409,
      body: { error: { message: expect.stringMatching(/revision 2 awaiting review/) } }
    })
    expect((await host.local.call('GET', `/api/deliveries?statement=${draft.id}`)).body).toHaveLength(1)
  })

  it('a client other than the engine cannot publish on crisis/out, nor sign in as the engine', async () => {
    const { host } = await console_()
    const gw = await gateway(host, 'delivered')
    const other = await mqtt.connectAsync(host.engine.broker.url, { reconnectPeriod: 0 })
    const closed = new Promise<void>((r) => other.once('close', () => r()))
    other.publish('crisis/out/sms', JSON.stringify({ deliveryId: 1, text: 'fake statement' }), { qos: 1 })
    await closed // aedes drops a client whose publish is not authorized
    const sneaky = mqtt.connect(host.engine.broker.url, {
      username: 'crisis-console-engine',
      password: 'a guess',
      reconnectPeriod: 0
    })
    cleanup.push(() => sneaky.endAsync(true))
    await expect(
      new Promise((resolve, reject) => (sneaky.once('connect', resolve), sneaky.once('error', reject)))
    ).rejects.toThrow(/Not authorized/)
    // what the gateway got is only what the engine sends: a real broadcast arrives, the fake never did
    const { pr, lead, events } = await logIn(host)
    const id = await approved(pr, lead, ['sms'])
    const [d] = (await pr.call('POST', `/api/statements/${id}/broadcast`, { channels: ['sms'] })).body as Delivery[]
    await settled(events, d.id, 'confirmed')
    expect(gw.got.map((g) => g.message.text)).toEqual([
      'Flights are cancelled today. Rebook free at example.com. Next update 14:00 UTC.'
    ])
  })
})

describe('replies from the response queue', () => {
  it("go out through the ledger on the mention's own channel, as a direct message when they carry personal data", async () => {
    const { host, pr, events } = await console_()
    const gw = await gateway(host, 'delivered')
    const source = await mqtt.connectAsync(host.engine.broker.url)
    cleanup.push(() => source.endAsync(true))
    const base = { author: { handle: 'stranded_anna', followers: 120 }, ts: '2026-11-23T09:00:00Z', lang: 'en' }
    await source.publishAsync(
      'crisis/in/mentions',
      JSON.stringify([
        { ...base, id: 't1', channel: 'twitter', text: 'Is my flight cancelled?' },
        { ...base, id: 't2', channel: 'twitter', text: 'Can you rebook me?' },
        { ...base, id: 'f1', channel: 'forum', text: 'Any news?' }
      ]),
      { qos: 1 }
    )
    const items = (await pr.call('GET', '/api/queue?limit=10')).body as { seq: number; mention: { id: string } }[]
    const seq = (id: string) => items.find((i) => i.mention.id === id)!.seq

    const publicReply = await pr.call('POST', `/api/queue/${seq('t1')}/reply`, {
      text: 'Yes, sorry: rebook free at example.com.'
    })
    expect(publicReply.status).toBe(200)
    await pr.call('POST', `/api/queue/${seq('t2')}/reply`, {
      text: 'Done: your new booking is K7XQ2P, see you tomorrow.'
    })
    await pr.call('POST', `/api/queue/${seq('f1')}/reply`, { text: 'Updates at example.com.' })

    const replies = ((await pr.call('GET', '/api/deliveries')).body as Delivery[]).filter((d) => d.kind === 'reply')
    expect(replies.map((d) => [d.channel, d.mentionSeq])).toEqual([
      ['x', seq('t2')],
      ['x', seq('t1')]
    ])
    for (const d of replies) await settled(events, d.id, 'confirmed')
    const out = gw.got.map((g) => g.message as unknown as { inReplyTo: { id: string }; direct: boolean })
    expect(out.map((m) => [m.inReplyTo.id, m.direct]).sort()).toEqual([
      ['t1', false],
      ['t2', true]
    ])
    const history = (await pr.call('GET', `/api/queue/${seq('f1')}`)).body.history
    expect(history.at(-1)).toMatchObject({
      type: 'replied',
      data: { deliveryId: null, recordedOnly: 'no outbound channel for forum replies' }
    })
  })
})

describe('the public status page and feed', () => {
  it('shows what was broadcast to the status page, in each language, escaped, without a login; the feed carries the same', async () => {
    const { host, pr, lead, events } = await console_()
    const incident = (await lead.call('POST', '/api/incidents', { name: 'Ash cloud', severity: 'SEV2' })).body.id
    const texts = [
      {
        channel: 'statuspage',
        lang: 'en',
        text: 'All flights are cancelled.\n\nRebook at example.com <script>alert(1)</script>'
      },
      { channel: 'statuspage', lang: 'he', text: 'כל הטיסות בוטלו' }
    ]
    const s = (
      await pr.call('POST', '/api/statements', {
        incident,
        title: 'Update 1',
        texts,
        nextUpdateAt: '2026-11-23T14:00:00Z'
      })
    ).body
    await lead.call('POST', `/api/statements/${s.id}/approve`, { revision: 1 })
    const before = await fetch(`${host.web.url}/status`)
    expect(await before.text()).toContain('No statement has been published.')
    const sent = (await pr.call('POST', `/api/statements/${s.id}/broadcast`, { channels: ['statuspage'] }))
      .body as Delivery[]
    for (const d of sent) await settled(events, d.id, 'confirmed')

    const page = await fetch(`${host.web.url}/status`, { headers: { 'accept-language': 'en-GB,en;q=0.9,nl;q=0.5' } })
    expect(page.headers.get('content-security-policy')).toMatch(/^default-src 'none'; style-src 'sha256-/)
    expect(page.headers.get('vary')).toBe('Accept-Language')
    const html = await page.text()
    // Statuspage-like: the statement's title and the incident's state as the headline, the visitor's language only
    expect(html).toContain('<title>Update 1: Investigating</title>')
    expect(html).toContain(
      '<p>All flights are cancelled.</p><p>Rebook at example.com &lt;script&gt;alert(1)&lt;/script&gt;</p>'
    )
    expect(html).not.toContain('<script>')
    expect(html).not.toContain('כל הטיסות בוטלו')
    expect(html).toContain('<a href="/status?lang=he" lang="he" hreflang="he">he</a>') // the switch
    expect(html).toContain('hreflang="he" href="/status/feed.xml?lang=he"') // a feed per language
    const hebrew = await (await fetch(`${host.web.url}/status`, { headers: { 'accept-language': 'he-IL' } })).text()
    expect(hebrew).toContain(
      '<article class="current" lang="he" dir="auto"><h2>Update 1</h2><p class="state state--investigating">Investigating</p>'
    )
    expect(hebrew).not.toContain('All flights are cancelled')
    expect(
      await (await fetch(`${host.web.url}/status?lang=en`, { headers: { 'accept-language': 'he' } })).text()
    ).toContain('All flights are cancelled') // the switch wins
    const feed = await fetch(`${host.web.url}/status/feed.xml`)
    expect(feed.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8')
    const xml = await feed.text()
    expect(xml.match(/<entry /g)).toHaveLength(2)
    expect(xml).toContain('<content type="text">כל הטיסות בוטלו</content>')
    const heFeed = await (await fetch(`${host.web.url}/status/feed.xml?lang=he`)).text()
    expect(heFeed.match(/<entry /g)).toHaveLength(1)
    expect(heFeed).toContain('<title>Update 1: Investigating</title>')

    // the next update: only the lead moves the incident's state; newest first
    const s2 = (
      await pr.call('POST', '/api/statements', {
        incident,
        title: 'Update 2',
        texts: [{ channel: 'statuspage', lang: 'en', text: 'The cause is the ash cloud.' }],
        nextUpdateAt: '2026-11-23T16:00:00Z'
      })
    ).body
    await lead.call('POST', `/api/statements/${s2.id}/approve`, { revision: 1 })
    const byPr = await pr.call('POST', `/api/statements/${s2.id}/broadcast`, {
      channels: ['statuspage'],
      publicState: 'identified'
    })
    expect(byPr).toMatchObject({
      status: 403,
      body: {
        error: {
          message: expect.stringMatching(
            /the lead sets the incident's state on the status page \(it is investigating\)/
          )
        }
      }
    })
    const [d2] = (
      await lead.call('POST', `/api/statements/${s2.id}/broadcast`, {
        channels: ['statuspage'],
        publicState: 'identified'
      })
    ).body as Delivery[]
    await settled(events, d2.id, 'confirmed')
    expect((await lead.call('GET', `/api/incidents/${incident}/public-state`)).body).toEqual({ state: 'identified' })
    const next = await (await fetch(`${host.web.url}/status?lang=en`)).text()
    expect(next).toContain('<h1 dir="auto">Update 2: Identified</h1>')
    expect(next.indexOf('The cause is the ash cloud.')).toBeLessThan(next.indexOf('All flights are cancelled.'))
    expect(next).toContain('<h2>Earlier updates</h2>')
    // newest first; the first update's two languages were confirmed in either order
    const [newest, ...earlier] = (await (await fetch(`${host.web.url}/api/status`)).json()).map(
      (e: { lang: string; state: string }) => `${e.lang} ${e.state}`
    )
    expect(newest).toBe('en identified')
    expect(earlier.sort()).toEqual(['en investigating', 'he investigating'])
  })
})

describe('webhooks, email and social platforms', () => {
  it("signs webhooks with HMAC-SHA256, retries a 503 with backoff and gives up on a 400 with the receiver's words", async () => {
    const secret = 'a-webhook-secret-of-32-characters!'
    const hook = await startReceiver((_r, n) => (n === 1 ? { status: 503, body: 'busy' } : { status: 200, body: 'ok' }))
    const strict = await startReceiver(() => ({ status: 400, body: { error: 'unknown field "lang"' } }))
    cleanup.push(hook.close, strict.close)
    const { pr, lead, events } = await console_([
      {
        id: 'ops',
        adapter: 'webhook',
        variant: 'statuspage',
        settings: { url: `${hook.url}/hooks/crisis` },
        credentials: { secret }
      },
      {
        id: 'partner',
        adapter: 'webhook',
        variant: 'statuspage',
        settings: { url: strict.url },
        credentials: { secret }
      }
    ])
    const id = await approved(pr, lead, ['statuspage'])
    const [ops, partner] = (await pr.call('POST', `/api/statements/${id}/broadcast`, { channels: ['ops', 'partner'] }))
      .body as Delivery[]
    const ok = await settled(events, ops.id, 'confirmed')
    expect(ok.delivery.attempts).toBe(2)
    expect(ok.delivery.history.map((h) => h.state)).toEqual([
      'queued',
      'sending',
      'queued',
      'sending',
      'accepted',
      'confirmed'
    ])
    const [first, second] = hook.received
    expect(first.headers['idempotency-key']).toBe(second.headers['idempotency-key'])
    const ts = String(second.headers['x-crisis-timestamp'])
    expect(second.headers['x-crisis-signature']).toBe(
      `sha256=${crypto.createHmac('sha256', secret).update(`${ts}.${second.body}`).digest('hex')}`
    )
    expect(JSON.parse(second.body)).toMatchObject({ deliveryId: ops.id, channel: 'ops', lang: 'en', statementId: id })
    const bad = await settled(events, partner.id, 'failed')
    expect(bad.delivery.error).toBe('HTTP 400: {"error":"unknown field \\"lang\\""}')
    expect(strict.received).toHaveLength(1)
  })

  it('a newer statement supersedes one still waiting on the same channel; X refuses duplicate content, which is not retried', async () => {
    const hook = await startReceiver(() => ({ status: 503, body: 'maintenance' }))
    const x = await startReceiver(() => ({
      status: 403,
      body: {
        detail: 'You are not allowed to create a Tweet with duplicate content.',
        type: 'about:blank',
        title: 'Forbidden',
        status: 403
      }
    }))
    cleanup.push(hook.close, x.close)
    const { pr, lead, events } = await console_(
      [
        {
          id: 'ops',
          adapter: 'webhook',
          variant: 'x',
          settings: { url: hook.url },
          credentials: { secret: 'a-secret-of-enough-length' }
        },
        { id: 'x', adapter: 'x', variant: 'x', settings: { baseUrl: x.url }, credentials: { bearerToken: 't' } }
      ],
      { retryPolicy: { ...FAST_RETRY, baseMs: 600_000, maxMs: 600_000 } } // the 503 waits long: long enough for a newer statement
    )
    const first = await approved(pr, lead, ['x'], 'First update.')
    const [waiting] = (await pr.call('POST', `/api/statements/${first}/broadcast`, { channels: ['ops'] }))
      .body as Delivery[]
    await events.next(
      (e) => e.type === 'delivery' && e.delivery.id === waiting.id && e.delivery.error === 'HTTP 503: maintenance'
    )
    const second = await approved(pr, lead, ['x'], 'Second update.')
    const [newer, onX] = (await pr.call('POST', `/api/statements/${second}/broadcast`, { channels: ['ops', 'x'] }))
      .body as Delivery[]
    const superseded = await settled(events, waiting.id, 'superseded')
    expect(superseded.delivery.history.at(-1)!.detail).toBe(`replaced by statement ${second} revision 1`)
    expect(newer.state).toBe('queued')
    const refused = await settled(events, onX.id, 'failed')
    expect(refused.delivery).toMatchObject({
      attempts: 1,
      error: 'HTTP 403: You are not allowed to create a Tweet with duplicate content.'
    })
    expect(x.received).toHaveLength(1)
  })

  it('a slow channel never blocks the others', async () => {
    const slow = await startReceiver(() => 'hang')
    cleanup.push(slow.close)
    const { host, pr, lead, events } = await console_([
      {
        id: 'slow',
        adapter: 'webhook',
        variant: 'sms',
        settings: { url: slow.url },
        credentials: { secret: 'another-secret-of-enough-length' }
      },
      { id: 'sms', adapter: 'mqtt', variant: 'sms' }
    ])
    await gateway(host, 'delivered', undefined, ['sms'])
    const id = await approved(pr, lead, ['sms'])
    const [slowOne, fast] = (await pr.call('POST', `/api/statements/${id}/broadcast`, { channels: ['slow', 'sms'] }))
      .body as Delivery[]
    await slow.requests(1)
    await settled(events, fast.id, 'confirmed')
    expect(
      (await lead.call('GET', `/api/deliveries?statement=${id}`)).body.find((d: Delivery) => d.id === slowOne.id).state
    ).toBe('sending')
  })

  it.skipIf(!hasSmtpServer())(
    'sends email through a real SMTP server (Debian aiosmtpd) to the list, in Bcc',
    async () => {
      const smtp = await startSmtpServer()
      cleanup.push(smtp.stop)
      const { pr, lead, events } = await console_([
        {
          id: 'email',
          adapter: 'smtp',
          variant: 'email',
          settings: {
            host: '127.0.0.1',
            port: smtp.port,
            from: 'crisis@example.com',
            to: ['a@example.com', 'b@example.com']
          }
        }
      ])
      const id = await approved(pr, lead, ['email'])
      const [d] = (await pr.call('POST', `/api/statements/${id}/broadcast`, { channels: ['email'] })).body as Delivery[]
      const done = await settled(events, d.id, 'confirmed')
      const [message] = smtp.messages()
      expect(message).toMatch(/^Subject: Your flight today$/m)
      expect(message).toContain('Flights are cancelled today.')
      expect(message).toContain(`Message-ID: <${d.idempotencyKey}@crisis-console>`)
      expect(message).toMatch(/^X-RcptTo: .*a@example\.com.*b@example\.com/m) // both on the envelope
      expect(message).not.toMatch(/^(To|Cc):.*a@example\.com/m) // and neither sees the other
      expect(done.delivery.externalId).toBe(`<${d.idempotencyKey}@crisis-console>`)
    }
  )

  it('posts to X, Mastodon, Facebook and an SMS gateway as documented, and records their own errors', async () => {
    const x = await startReceiver((r, n) =>
      n === 1
        ? {
            status: 429,
            body: { title: 'Too Many Requests', detail: 'Too Many Requests', type: 'about:blank', status: 429 },
            headers: { 'x-rate-limit-reset': String(Math.floor(Date.now() / 1000)) }
          }
        : r.headers.authorization === 'Bearer x-token'
          ? { status: 201, body: { data: { id: '1460323737035677698', text: JSON.parse(r.body).text } } }
          : { status: 401, body: { title: 'Unauthorized', detail: 'Unauthorized', type: 'about:blank', status: 401 } }
    )
    const mastodon = await startReceiver(() => ({
      status: 422,
      body: { error: 'Validation failed: Text character limit of 500 exceeded' }
    }))
    const facebook = await startReceiver(() => ({
      status: 400,
      body: {
        error: {
          message: 'Error validating access token: Session has expired',
          type: 'OAuthException',
          code: 190,
          fbtrace_id: 'A1'
        }
      }
    }))
    const sms = await startReceiver((r) => ({ status: 202, body: { id: `sms-${JSON.parse(r.body).to.length}` } }))
    cleanup.push(x.close, mastodon.close, facebook.close, sms.close)
    const { pr, lead, events } = await console_([
      { id: 'x', adapter: 'x', variant: 'x', settings: { baseUrl: x.url }, credentials: { bearerToken: 'x-token' } },
      {
        id: 'mastodon',
        adapter: 'mastodon',
        variant: 'x',
        settings: { baseUrl: mastodon.url },
        credentials: { accessToken: 'm-token' }
      },
      {
        id: 'facebook',
        adapter: 'facebook',
        variant: 'x',
        settings: { baseUrl: facebook.url, pageId: '1234567890' },
        credentials: { pageAccessToken: 'fb-token' }
      },
      {
        id: 'sms',
        adapter: 'sms-http',
        variant: 'x',
        settings: { url: `${sms.url}/send`, to: ['+31612345678', '+46701234567'] },
        credentials: { apiKey: 'sms-key' }
      }
    ])
    const id = await approved(pr, lead, ['x'])
    const [dx, dm, df, ds] = (
      await pr.call('POST', `/api/statements/${id}/broadcast`, { channels: ['x', 'mastodon', 'facebook', 'sms'] })
    ).body as Delivery[]
    expect((await settled(events, dx.id, 'confirmed')).delivery).toMatchObject({
      externalId: '1460323737035677698',
      attempts: 2
    })
    expect(x.received[1]).toMatchObject({ method: 'POST', path: '/2/tweets' })
    expect((await settled(events, dm.id, 'failed')).delivery.error).toBe(
      'HTTP 422: Validation failed: Text character limit of 500 exceeded'
    )
    expect(mastodon.received[0]).toMatchObject({
      path: '/api/v1/statuses',
      headers: { authorization: 'Bearer m-token', 'idempotency-key': dm.idempotencyKey }
    })
    expect((await settled(events, df.id, 'failed')).delivery.error).toBe(
      'HTTP 400: Error validating access token: Session has expired (OAuthException, code 190)'
    )
    expect(facebook.received[0].path).toBe('/1234567890/feed')
    expect(new URLSearchParams(facebook.received[0].body).get('access_token')).toBe('fb-token')
    expect((await settled(events, ds.id, 'confirmed')).delivery.externalId).toBe('sms-2')
  })

  it('refuses to start on a channel file others can read, or one with a bad entry, naming it', async () => {
    const tmp = makeTempDir('channels')
    cleanup.push(tmp.remove)
    const file = path.join(tmp.dir, 'channels.json')
    fs.writeFileSync(file, JSON.stringify({ channels: [] }), { mode: 0o644 })
    await expect(startTeamHost({ dataDir: tmp.dir })).rejects.toThrow(/readable by its owner only: chmod 600/)
    fs.chmodSync(file, 0o600)
    fs.writeFileSync(
      file,
      JSON.stringify({
        channels: [
          {
            id: 'hook',
            adapter: 'webhook',
            variant: 'x',
            settings: { url: 'ftp://x' },
            credentials: { secret: 'short' }
          }
        ]
      })
    )
    await expect(startTeamHost({ dataDir: tmp.dir })).rejects.toThrow(/channels\.json: .*settings/)
  })
})

describe('reliability', () => {
  it('the external broker goes away mid-broadcast and comes back: every delivery completes, once', async () => {
    const state = makeTempDir('mosquitto-state') // the broker keeps sessions on disk, as in production
    cleanup.push(state.remove)
    let broker = await startMosquitto(undefined, state.dir)
    const port = broker.port
    cleanup.push(() => broker.stop())
    const { pr, lead, events } = await console_(undefined, {
      broker: { kind: 'external', target: { url: broker.url } }
    })
    const channels = ['sms', 'x', 'bluesky', 'mastodon', 'facebook', 'instagram', 'linkedin', 'voice']
    const id = await approved(pr, lead, channels)
    const gw = await gateway(broker, 'delivered', 'gateway-1')
    const sent = (await pr.call('POST', `/api/statements/${id}/broadcast`, { channels })).body as Delivery[]
    await events.next((e) => e.type === 'delivery' && e.delivery.state === 'sending')
    await broker.stop() // mid-broadcast: some are out, some in flight, some not yet sent
    broker = await startMosquitto(port, state.dir)
    for (const d of sent) await settled(events, d.id, 'confirmed')
    // each confirmed once in the ledger, and each reached the gateway (which dedupes on deliveryId, as the contract says)
    const ledger = (await lead.call('GET', `/api/deliveries?statement=${id}`)).body as Delivery[]
    for (const d of ledger)
      expect(
        d.history.filter((h) => h.state === 'confirmed'),
        d.channel
      ).toHaveLength(1)
    expect([...new Set(gw.got.map((g) => g.message.deliveryId))].sort()).toEqual(sent.map((d) => d.id).sort())
  })
})

describe('the ledger tells the truth about MQTT gateways (issue 21)', () => {
  const SMS_ONLY = (settings: Record<string, number> = {}) => [{ id: 'sms', adapter: 'mqtt', variant: 'sms', settings }]

  it('without a receipt in time a delivery goes again with the same deliveryId, then is unconfirmed, saying why; a late receipt still confirms it', async () => {
    const { host, pr, lead, events } = await console_(SMS_ONLY({ receiptSeconds: 1, resends: 1 }))
    const gw = await gateway(host, 'silent', undefined, ['sms'])
    const id = await approved(pr, lead, ['sms'])
    const [d] = (await pr.call('POST', `/api/statements/${id}/broadcast`, { channels: ['sms'] })).body as Delivery[]
    const unconfirmed = await settled(events, d.id, 'unconfirmed')
    expect(unconfirmed.delivery.error).toBe('no receipt from the sms gateway in 2 seconds')
    expect(unconfirmed.delivery.history.map((h) => h.state)).toEqual([
      'queued',
      'sending',
      'accepted',
      'queued',
      'sending',
      'accepted',
      'unconfirmed'
    ])
    expect(unconfirmed.delivery.history[3].detail).toBe(
      'no receipt from the sms gateway in 1 second; sending again with the same deliveryId (1 of 1)'
    )
    // the gateway got it twice, as the same delivery: it dedupes on deliveryId
    expect(gw.got.map((g) => g.message.deliveryId)).toEqual([d.id, d.id])
    // the wall's strip says unconfirmed, in words, never "accepted" as if that were fine
    const strip = (await lead.call('GET', '/api/wall')).body.channels
    expect(strip.find((c: { channel: string }) => c.channel === 'sms')).toMatchObject({
      state: 'unconfirmed',
      error: 'no receipt from the sms gateway in 2 seconds',
      gateway: 'listening'
    })
    // the receipt comes after all
    await gw.sim.clients
      .get('sms')!
      .publishAsync('crisis/ack/sms', JSON.stringify({ deliveryId: d.id, status: 'delivered' }), { qos: 1 })
    const late = await settled(events, d.id, 'confirmed')
    expect(late.delivery.history.at(-1)!.detail).toBe(
      'confirmed by the sms gateway (late: after it was marked unconfirmed)'
    )
  })

  it('says "no gateway listening" before anyone broadcasts, sends nothing into the void, and sends once a gateway comes', async () => {
    const { host, pr, lead, events } = await console_(SMS_ONLY())
    const before = (await lead.call('GET', '/api/wall')).body.channels
    expect(before).toEqual([expect.objectContaining({ channel: 'sms', gateway: 'none', state: null })])
    const id = await approved(pr, lead, ['sms'])
    const [d] = (await pr.call('POST', `/api/statements/${id}/broadcast`, { channels: ['sms'] })).body as Delivery[]
    const waiting = await events.next(
      (e) =>
        e.type === 'delivery' && e.delivery.id === d.id && e.delivery.state === 'queued' && e.delivery.error !== null
    )
    expect(waiting.type === 'delivery' && waiting.delivery.error).toBe(
      'no sms gateway listening on crisis/out/sms; waiting for one'
    )
    const listening = events.next(
      (e) => e.type === 'channels' && e.channels.some((c) => c.channel === 'sms' && c.gateway === 'listening')
    )
    const gw = await gateway(host, 'delivered', undefined, ['sms'])
    await listening
    await settled(events, d.id, 'confirmed')
    expect(gw.got.map((g) => g.message.deliveryId)).toEqual([d.id])
  })

  it('a delivery nobody ever listened for fails within its window, saying nothing was sent', async () => {
    const { pr, lead, events } = await console_(SMS_ONLY({ receiptSeconds: 1, resends: 0 }))
    const id = await approved(pr, lead, ['sms'])
    const [d] = (await pr.call('POST', `/api/statements/${id}/broadcast`, { channels: ['sms'] })).body as Delivery[]
    const failed = await settled(events, d.id, 'failed')
    expect(failed.delivery.error).toBe('nothing was sent: no sms gateway listened in 1 second')
    expect(failed.delivery.attempts).toBe(0)
  })

  it("refuses forged receipts: anonymous clients and other channels' gateways can neither confirm nor read the way out", async () => {
    const { host, pr, lead, events } = await console_([...SMS_ONLY(), { id: 'x', adapter: 'mqtt', variant: 'x' }])
    const gw = await gateway(host, 'silent', undefined, ['sms', 'x'])
    const id = await approved(pr, lead, ['sms'])
    const [d] = (await pr.call('POST', `/api/statements/${id}/broadcast`, { channels: ['sms'] })).body as Delivery[]
    await settled(events, d.id, 'accepted')
    const forge = JSON.stringify({ deliveryId: d.id, status: 'delivered' })

    const anonymous = await mqtt.connectAsync(host.engine.broker.url, { reconnectPeriod: 0 })
    cleanup.push(() => anonymous.endAsync(true))
    // reading the way out (and others' receipts) is refused in the SUBACK
    await expect(anonymous.subscribeAsync('crisis/#', { qos: 1 })).rejects.toThrow(/Subscribe error/)
    const dropped = new Promise<void>((r) => anonymous.once('close', () => r()))
    anonymous.publish('crisis/ack/sms', forge, { qos: 1 })
    await dropped // aedes drops a client whose publish is not authorized

    const xGateway = gw.sim.clients.get('x')!
    await expect(xGateway.subscribeAsync('crisis/out/sms', { qos: 1 })).rejects.toThrow(/Subscribe error/)
    const xDropped = new Promise<void>((r) => xGateway.once('close', () => r()))
    xGateway.publish('crisis/ack/sms', forge, { qos: 1 })
    await xDropped

    const wrongPassword = mqtt.connect(host.engine.broker.url, {
      username: 'gateway-sms',
      password: 'not the one in gateways.json',
      reconnectPeriod: 0
    })
    cleanup.push(() => wrongPassword.endAsync(true))
    await expect(
      new Promise((resolve, reject) => (wrongPassword.once('connect', resolve), wrongPassword.once('error', reject)))
    ).rejects.toThrow(/Not authorized/)

    expect((await lead.call('GET', `/api/deliveries?statement=${id}`)).body[0].state).toBe('accepted')
    // the sms gateway's own receipt is the one that counts
    await gw.sim.clients.get('sms')!.publishAsync('crisis/ack/sms', forge, { qos: 1 })
    await settled(events, d.id, 'confirmed')
    expect(fs.statSync(path.join(host.engine.dataDir, 'gateways.json')).mode & 0o777).toBe(0o600)
  })

  it("receipts from ten gateways at once all arrive: none is taken for a duplicate on the broker's disk-backed sessions", async () => {
    const ids = MQTT_CHANNELS.map((c) => `gw-${c}`)
    const { host, pr, lead, events } = await console_(
      MQTT_CHANNELS.map((c) => ({ id: `gw-${c}`, adapter: 'mqtt', variant: c, settings: { receiptSeconds: 60 } }))
    )
    const gw = await startGateways({ url: host.engine.broker.url, dataDir: host.engine.dataDir, channels: ids })
    cleanup.push(() => gw.close())
    const incident = (await lead.call('POST', '/api/incidents', { name: 'Ash cloud', severity: 'SEV2' })).body.id
    for (let round = 0; round < 8; round++) {
      const texts = MQTT_CHANNELS.map((channel) => ({
        channel,
        lang: 'en',
        text: `Update ${round}. Next update 14:00 UTC.`,
        ...(channel === 'email' ? { subject: 'Your flight' } : {})
      }))
      const s = (await pr.call('POST', '/api/statements', { incident, texts, nextUpdateAt: '2026-11-23T14:00:00Z' }))
        .body
      await lead.call('POST', `/api/statements/${s.id}/approve`, { revision: 1 })
      const sent = (await pr.call('POST', `/api/statements/${s.id}/broadcast`, { channels: ids })).body as Delivery[]
      for (const d of sent) {
        const done = await settled(events, d.id, 'confirmed')
        // a receipt dropped on the way would show as a resend a minute later (and time the test out);
        // the receipt may beat the broker's PUBACK, so 'accepted' may or may not be in between
        const states = done.delivery.history.map((h) => h.state)
        expect(
          states.filter((st) => st === 'sending'),
          `${d.channel} in round ${round}: ${states.join()}`
        ).toHaveLength(1)
        expect(states.at(-1)).toBe('confirmed')
      }
    }
  })
})
