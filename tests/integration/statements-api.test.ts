// Holding statements through the real HTTP and WebSocket API: drafting from typed facts,
// every refusal of the statements issue with the code and field a client sees, the approval
// policy per severity, revisions voiding approvals, the promise clock and the timeline.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { awaitsApprovalFrom } from '../../shared/approval-policy'
import { startTeamHost, type Member } from '../support/team-host'

type Host = Awaited<ReturnType<typeof startTeamHost>>
let host: Host
let clock = Date.UTC(2026, 10, 23, 9, 0)
const now = () => clock
let pr: Member, lead: Member, legal: Member, viewer: Member

const facts = (overrides: Record<string, unknown> = {}) => ({
  area: 'northern Europe',
  cancelled: 12500,
  rebookUrl: 'https://example.com/rebook',
  hotline: '+31 20 123 4567',
  nextUpdate: { at: '2026-11-23T12:00:00+01:00', timeZone: 'Europe/Amsterdam' },
  ...overrides
})

async function incident(severity = 'SEV2'): Promise<number> {
  const r = await lead.call('POST', '/api/incidents', { name: 'Ash cloud', severity, timeZone: 'Europe/Amsterdam' })
  expect(r.status).toBe(200)
  return r.body.id
}

const draft = (by: Member, incidentId: number, extra: Record<string, unknown> = {}) =>
  by.call('POST', '/api/statements', {
    incident: incidentId,
    template: 'airspace-closure',
    facts: facts(),
    language: 'en',
    channels: ['x', 'sms', 'email', 'voice'],
    ...extra
  })

beforeEach(async () => {
  clock = Date.UTC(2026, 10, 23, 9, 0)
  host = await startTeamHost({ now })
  pr = await host.join('priya', ['pr'])
  lead = await host.join('lars', ['lead'])
  legal = await host.join('lena', ['legal'])
  viewer = await host.join('vik', ['viewer'])
})
afterEach(async () => {
  await host.dispose()
})

describe('templates', () => {
  it('ships the six default templates, versioned, each with typed facts', async () => {
    const r = await viewer.call('GET', '/api/templates')
    expect(r.status).toBe(200)
    expect(
      r.body.map((t: { template: { id: string; version: number } }) => `${t.template.id}@${t.template.version}`).sort()
    ).toEqual([
      'airspace-closure@1',
      'data-breach@1',
      'it-outage@1',
      'product-recall@1',
      'safety-incident@1',
      'strike@1'
    ])
  })

  it('refuses a template with an unknown placeholder, naming the text, and saves a good one as the next version only', async () => {
    const base = (await pr.call('GET', '/api/templates')).body.find(
      (t: { template: { id: string } }) => t.template.id === 'strike'
    ).template
    const broken = {
      ...base,
      version: 2,
      texts: { en: { ...base.texts.en, short: 'Strike at {{airpot}}. Next update {{nextUpdate}}.' } }
    }
    const bad = await pr.call('POST', '/api/templates', broken)
    expect(bad.status).toBe(400)
    expect(bad.body.error.message).toMatch(/texts\.en\.short.*unknown placeholder \{\{airpot\}\}/)
    expect((await pr.call('POST', '/api/templates', { ...base, version: 5 })).status).toBe(409)
    const saved = await pr.call('POST', '/api/templates', { ...base, version: 2, name: 'Strike (revised)' })
    expect(saved.status).toBe(200)
    expect(saved.body.template.version).toBe(2)
    expect((await viewer.call('POST', '/api/templates', { ...base, version: 3 })).status).toBe(403)
  })
})

describe('drafting', () => {
  it("renders every channel and language from one set of facts, with each variant's rule check", async () => {
    const id = await incident()
    const r = await draft(pr, id, { language: ['en', 'nl'] })
    expect(r.status).toBe(200)
    const s = r.body
    expect(s.latest.state).toBe('pending')
    expect(s.latest.variants).toHaveLength(8)
    for (const v of s.latest.variants) {
      expect(v.check.ok, `${v.channel} ${v.lang}: ${JSON.stringify(v.check.problems)}`).toBe(true)
      expect(v.edited).toBe(false)
    }
    const x = s.latest.variants.find((v: { channel: string; lang: string }) => v.channel === 'x' && v.lang === 'nl')
    expect(x.text).toContain('12.500 vluchten')
    expect(x.text).toContain('https://example.com/rebook')
    const sms = s.latest.variants.find((v: { channel: string; lang: string }) => v.channel === 'sms' && v.lang === 'en')
    expect(sms.check.sms.encoding).toBe('GSM-7')
    expect(s.latest.nextUpdateAt).toBe('2026-11-23T11:00:00.000Z')
    const timeline = (await lead.call('GET', `/api/incidents/${id}`)).body.timeline
    expect(timeline.at(-1)).toMatchObject({
      actor: 'priya',
      type: 'statement.drafted',
      data: { statement: s.id, revision: 1 }
    })
  })

  it('refuses a missing fact, a fact of the wrong type and an unknown template, naming the field', async () => {
    const id = await incident()
    const { hotline: _dropped, ...noHotline } = facts()
    const missing = await draft(pr, id, { facts: noHotline })
    expect(missing).toMatchObject({ status: 400, body: { error: { code: 'bad_request' } } })
    expect(missing.body.error.message).toMatch(/facts\.hotline: missing/)
    const wrongType = await draft(pr, id, { facts: facts({ cancelled: 'lots' }) })
    expect(wrongType.status).toBe(400)
    expect(wrongType.body.error.message).toMatch(/facts\.cancelled: expected count/)
    const badTime = await draft(pr, id, { facts: facts({ nextUpdate: { at: '12:00', timeZone: 'Europe/Amsterdam' } }) })
    expect(badTime.body.error.message).toMatch(/facts\.nextUpdate: expected datetime/)
    expect((await draft(pr, id, { template: 'volcano' })).status).toBe(404)
    expect((await draft(pr, id, { language: 'fi' })).body.error.message).toMatch(
      /language: template airspace-closure has no "fi" text/
    )
    expect((await host.local.call('GET', `/api/statements?incident=${id}`)).body).toEqual([])
  })

  it('keeps free text per channel, flags a placeholder left in it, and needs a next-update time', async () => {
    const id = await incident()
    const texts = [{ channel: 'x', lang: 'en', text: 'We are aware of delays. Next update 12:00.' }]
    expect((await pr.call('POST', '/api/statements', { incident: id, texts })).body.error.message).toMatch(
      /nextUpdateAt: every statement says when/
    )
    const placeholder = await pr.call('POST', '/api/statements', {
      incident: id,
      texts: [{ ...texts[0], text: 'Delays at {{airport}}' }],
      nextUpdateAt: '2026-11-23T12:00:00Z'
    })
    expect(placeholder.body.error.message).toMatch(/unknown placeholder \{\{airport\}\}/)
    const ok = await pr.call('POST', '/api/statements', { incident: id, texts, nextUpdateAt: '2026-11-23T12:00:00Z' })
    expect(ok.status).toBe(200)
    expect(ok.body.template).toBeNull()
  })

  it('lets only authors draft: a viewer gets 403', async () => {
    const id = await incident()
    expect((await draft(viewer, id)).status).toBe(403)
  })
})

describe('withdrawing a draft', () => {
  it("takes it out of every approver's count and off the way out, with the reason on the timeline and in the review", async () => {
    const id = await incident('SEV1')
    const s = (await draft(pr, id)).body
    expect(awaitsApprovalFrom({ name: 'lars', roles: ['lead'], kind: 'user' }, s.latest)).toBe(true)
    expect((await pr.call('POST', `/api/statements/${s.id}/withdraw`, {})).status).toBe(400) // say why
    const r = await pr.call('POST', `/api/statements/${s.id}/withdraw`, {
      reason: "superseded by the airport's own notice"
    })
    expect(r.status).toBe(200)
    expect(r.body).toMatchObject({
      withdrawn: { by: 'priya', reason: "superseded by the airport's own notice" },
      latest: { state: 'withdrawn', missing: [] }
    })
    expect(awaitsApprovalFrom({ name: 'lars', roles: ['lead'], kind: 'user' }, r.body.latest)).toBe(false)
    // nothing more happens to it
    expect((await lead.call('POST', `/api/statements/${s.id}/approve`, { revision: 1 })).body.error.message).toMatch(
      /was withdrawn by priya/
    )
    expect((await pr.call('POST', `/api/statements/${s.id}/revise`, { revision: 1, facts: facts() })).status).toBe(409)
    expect((await pr.call('POST', `/api/statements/${s.id}/withdraw`, { reason: 'again' })).status).toBe(409)
    const timeline = (await lead.call('GET', `/api/incidents/${id}/timeline`)).body as {
      actor: string
      summary: string
    }[]
    expect(timeline.at(-1)).toMatchObject({
      actor: 'priya',
      summary: expect.stringMatching(/withdrawn before approval: superseded by the airport's own notice$/)
    })
  })

  it('is refused once a revision was approved: those words may have gone out', async () => {
    const id = await incident('SEV2')
    const s = (await draft(pr, id)).body
    await lead.call('POST', `/api/statements/${s.id}/approve`, { revision: 1 })
    const r = await pr.call('POST', `/api/statements/${s.id}/withdraw`, { reason: 'changed our mind' })
    expect(r).toMatchObject({
      status: 409,
      body: {
        error: { message: expect.stringMatching(/has an approved revision \(1\); draft a new statement to replace it/) }
      }
    })
  })
})

describe('approval', () => {
  it("never from the unnamed local operator: anyone at the war-room machine could give the lead's word", async () => {
    const id = await incident('SEV1')
    const s = (await draft(pr, id)).body
    const r = await host.local.call('POST', `/api/statements/${s.id}/approve`, { revision: 1 })
    expect(r).toMatchObject({
      status: 403,
      body: {
        error: { message: expect.stringMatching(/named members signed in as themselves: the local operator may draft/) }
      }
    })
    expect((await host.local.call('GET', `/api/statements/${s.id}`)).body.statement.latest).toMatchObject({
      state: 'pending',
      approvals: []
    })
  })

  it('a lead approves a PR draft on SEV2; the wall shows it and every console hears it', async () => {
    const id = await incident('SEV2')
    const s = (await draft(pr, id)).body
    const events = await host.local.listen()
    const r = await lead.call('POST', `/api/statements/${s.id}/approve`, { revision: 1 })
    expect(r.status).toBe(200)
    expect(r.body.latest).toMatchObject({
      state: 'approved',
      missing: [],
      approvals: [{ approver: 'lars', roles: ['lead'] }]
    })
    expect(r.body.promise).toEqual({ dueAt: '2026-11-23T11:00:00.000Z', keptAt: null, brokenAt: null })
    const pushed = await events.next((e) => e.type === 'statement')
    expect(pushed).toMatchObject({
      statement: { id: s.id, latest: { state: 'approved' } },
      wall: { statementId: s.id, revision: 1, nextUpdateAt: '2026-11-23T11:00:00.000Z' }
    })
    events.close()
    const wall = (await viewer.call('GET', '/api/wall')).body
    expect(wall.statement).toMatchObject({ statementId: s.id, revision: 1 })
    expect(wall.statement.variants.map((v: { channel: string }) => v.channel)).toEqual(['x', 'sms', 'email', 'voice'])
    const timeline = (await lead.call('GET', `/api/incidents/${id}`)).body.timeline
    expect(timeline.at(-1)).toMatchObject({
      actor: 'lars',
      type: 'statement.approved',
      data: { statement: s.id, revision: 1 }
    })
  })

  it('refuses self-approval (403), a role without the right (403) and a stale revision (409)', async () => {
    const id = await incident()
    const leadsOwn = (await draft(lead, id)).body
    const self = await lead.call('POST', `/api/statements/${leadsOwn.id}/approve`, { revision: 1 })
    expect(self).toMatchObject({ status: 403, body: { error: { code: 'forbidden' } } })
    expect(self.body.error.message).toMatch(/lars wrote revision 1; someone else must approve it/)
    const s = (await draft(pr, id)).body
    const byPr = await (
      await host.join('paul', ['pr'])
    ).call('POST', `/api/statements/${s.id}/approve`, { revision: 1 })
    expect(byPr.status).toBe(403)
    expect(byPr.body.error.message).toMatch(/needs one of the roles lead, legal/)
    const revised = await pr.call('POST', `/api/statements/${s.id}/revise`, {
      revision: 1,
      facts: facts({ cancelled: 13000 })
    })
    expect(revised.status).toBe(200)
    expect(revised.body.latest.number).toBe(2)
    const stale = await lead.call('POST', `/api/statements/${s.id}/approve`, { revision: 1 })
    expect(stale).toMatchObject({ status: 409, body: { error: { code: 'conflict' } } })
    expect(stale.body.error.message).toMatch(/revision 1 is stale: statement \d+ is at revision 2/)
    expect((await pr.call('POST', `/api/statements/${s.id}/revise`, { revision: 1, facts: facts() })).status).toBe(409)
    expect((await lead.call('POST', `/api/statements/${s.id}/approve`, { revision: 2 })).body.latest.state).toBe(
      'approved'
    )
  })

  it('SEV1 needs the lead and legal, as two people', async () => {
    const id = await incident('SEV1')
    const s = (await draft(pr, id)).body
    expect(s.latest.missing).toEqual([['lead'], ['legal']])
    const first = await lead.call('POST', `/api/statements/${s.id}/approve`, { revision: 1 })
    expect(first.body.latest).toMatchObject({ state: 'pending', missing: [['legal']] })
    expect(first.body.approved).toBeNull()
    expect((await viewer.call('GET', '/api/wall')).body.statement).toBeNull()
    expect((await lead.call('POST', `/api/statements/${s.id}/approve`, { revision: 1 })).status).toBe(409)
    const second = await legal.call('POST', `/api/statements/${s.id}/approve`, { revision: 1 })
    expect(second.body.latest).toMatchObject({ state: 'approved', missing: [] })
    const types = (await lead.call('GET', `/api/incidents/${id}`)).body.timeline.map((e: { type: string }) => e.type)
    expect(types.slice(-2)).toEqual(['statement.approval', 'statement.approved'])
  })

  it('a template pre-approved by the lead needs one approval when only its facts changed, and the full policy once edited', async () => {
    expect((await pr.call('POST', '/api/templates/airspace-closure/pre-approve', { version: 1 })).status).toBe(403)
    expect(
      (await lead.call('POST', '/api/templates/airspace-closure/pre-approve', { version: 1 })).body.preApproved.by
    ).toBe('lars')
    const id = await incident('SEV1')
    const factsOnly = (await draft(pr, id)).body
    expect(factsOnly.latest).toMatchObject({ preApprovedFactsOnly: true, missing: [['lead', 'legal']] })
    expect(
      (await legal.call('POST', `/api/statements/${factsOnly.id}/approve`, { revision: 1 })).body.latest.state
    ).toBe('approved')

    const rendered = factsOnly.latest.variants.find((v: { channel: string }) => v.channel === 'x').text
    const edited = (await draft(pr, id, { edits: [{ channel: 'x', lang: 'en', text: `${rendered} We are sorry.` }] }))
      .body
    expect(edited.latest).toMatchObject({ preApprovedFactsOnly: false, missing: [['lead'], ['legal']] })
  })

  it('flags a hand edit that contradicts a fact, and refuses to approve it or an over-long variant until fixed', async () => {
    const id = await incident()
    const s = (
      await draft(pr, id, {
        edits: [
          {
            channel: 'x',
            lang: 'en',
            text: 'Flight KL1234 is cancelled. Next update at 19:30. https://example.com/rebook'
          }
        ]
      })
    ).body
    const x = s.latest.variants.find((v: { channel: string }) => v.channel === 'x')
    expect(x.contradictions).toEqual([
      '"KL1234" is not a reference given in the facts',
      '"19:30" is not a time given in the facts'
    ])
    expect(s.latest.ready).toBe(false)
    const refused = await lead.call('POST', `/api/statements/${s.id}/approve`, { revision: 1 })
    expect(refused.status).toBe(400)
    expect(refused.body.error.message).toMatch(/variants: .*x \(en\): "KL1234" is not a reference/)

    const long = await pr.call('POST', '/api/statements', {
      incident: id,
      texts: [{ channel: 'x', lang: 'en', text: 'delay '.repeat(60) }],
      nextUpdateAt: '2026-11-23T12:00:00Z'
    })
    expect(long.body.latest.variants[0].check).toMatchObject({ ok: false, problems: [{ code: 'too_long' }] })
    expect(
      (await lead.call('POST', `/api/statements/${long.body.id}/approve`, { revision: 1 })).body.error.message
    ).toMatch(/x \(en\): \d+ weighted characters, over the limit of 280/)

    const fixed = await pr.call('POST', `/api/statements/${long.body.id}/revise`, {
      revision: 1,
      texts: [{ channel: 'x', lang: 'en', text: 'Delays today. Next update 12:00 UTC.' }]
    })
    expect(fixed.body.latest.ready).toBe(true)
    expect(
      (await lead.call('POST', `/api/statements/${long.body.id}/approve`, { revision: 2 })).body.latest.state
    ).toBe('approved')
  })

  it('an edit after approval is a new revision that needs approving; the approved words stay on the wall until then', async () => {
    const id = await incident()
    const s = (await draft(pr, id)).body
    await lead.call('POST', `/api/statements/${s.id}/approve`, { revision: 1 })
    const nothing = await pr.call('POST', `/api/statements/${s.id}/revise`, { revision: 1, facts: facts() })
    expect(nothing.body.error.message).toMatch(/nothing changed/)
    const r2 = await pr.call('POST', `/api/statements/${s.id}/revise`, {
      revision: 1,
      facts: facts({ cancelled: 14000 })
    })
    expect(r2.body.latest).toMatchObject({ number: 2, state: 'pending', approvals: [] })
    expect(r2.body.approved.number).toBe(1)
    expect((await viewer.call('GET', '/api/wall')).body.statement.revision).toBe(1)
    const detail = (await viewer.call('GET', `/api/statements/${s.id}`)).body
    expect(detail.revisions.map((r: { number: number; state: string }) => `${r.number}:${r.state}`)).toEqual([
      '2:pending',
      '1:approved'
    ])
  })

  it('rejects with a reason; a rejected revision cannot then be approved, a revision of it can', async () => {
    const id = await incident()
    const s = (await draft(pr, id)).body
    expect((await legal.call('POST', `/api/statements/${s.id}/reject`, { revision: 1, reason: '  ' })).status).toBe(400)
    const rejected = await legal.call('POST', `/api/statements/${s.id}/reject`, {
      revision: 1,
      reason: 'say "free of charge" only once legal confirms it'
    })
    expect(rejected.body.latest).toMatchObject({
      state: 'rejected',
      rejection: { by: 'lena', reason: 'say "free of charge" only once legal confirms it' }
    })
    expect((await lead.call('POST', `/api/statements/${s.id}/approve`, { revision: 1 })).body.error.message).toMatch(
      /was rejected by lena/
    )
    const timeline = (await lead.call('GET', `/api/incidents/${id}`)).body.timeline
    expect(timeline.at(-1)).toMatchObject({
      actor: 'lena',
      type: 'statement.rejected',
      data: { reason: 'say "free of charge" only once legal confirms it' }
    })
    await pr.call('POST', `/api/statements/${s.id}/revise`, { revision: 1, facts: facts({ cancelled: 12600 }) })
    expect((await lead.call('POST', `/api/statements/${s.id}/approve`, { revision: 2 })).body.latest.state).toBe(
      'approved'
    )
  })
})

describe('the promise clock', () => {
  it('a promise is kept when the next statement is approved in time, and broken when it comes late', async () => {
    const id = await incident()
    const first = (await draft(pr, id)).body // promises 11:00 UTC
    await lead.call('POST', `/api/statements/${first.id}/approve`, { revision: 1 })
    clock = Date.UTC(2026, 10, 23, 10, 45)
    const second = (
      await draft(pr, id, {
        facts: facts({ nextUpdate: { at: '2026-11-23T13:00:00+01:00', timeZone: 'Europe/Amsterdam' } })
      })
    ).body
    await lead.call('POST', `/api/statements/${second.id}/approve`, { revision: 1 })
    clock = Date.UTC(2026, 10, 23, 12, 30) // 30 minutes past the second promise
    const third = (
      await draft(pr, id, {
        facts: facts({ nextUpdate: { at: '2026-11-23T15:00:00+01:00', timeZone: 'Europe/Amsterdam' } })
      })
    ).body
    await lead.call('POST', `/api/statements/${third.id}/approve`, { revision: 1 })
    const list = (await viewer.call('GET', `/api/statements?incident=${id}`)).body
    const promise = (sid: number) => list.find((s: { id: number }) => s.id === sid).promise
    expect(promise(first.id)).toEqual({
      dueAt: '2026-11-23T11:00:00.000Z',
      keptAt: '2026-11-23T10:45:00.000Z',
      brokenAt: null
    })
    expect(promise(second.id)).toEqual({
      dueAt: '2026-11-23T12:00:00.000Z',
      keptAt: null,
      brokenAt: '2026-11-23T12:00:00.000Z'
    })
    expect(promise(third.id)).toEqual({ dueAt: '2026-11-23T14:00:00.000Z', keptAt: null, brokenAt: null })
    expect((await viewer.call('GET', '/api/wall')).body.statement).toMatchObject({
      statementId: third.id,
      nextUpdateAt: '2026-11-23T14:00:00.000Z'
    })
  })
})
