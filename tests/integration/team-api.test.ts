// Accounts, roles, incidents and the response queue through the real HTTP and WebSocket
// API: every role rule and race of the team issue, with the codes a client sees.
import mqtt from 'mqtt'
import WebSocket from 'ws'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { json, mention } from '../support/mentions'
import { PASSWORD, startTeamHost, type Member } from '../support/team-host'
import type { EngineEvent } from '../../shared/api'

type Host = Awaited<ReturnType<typeof startTeamHost>>
let host: Host
let clock = Date.UTC(2026, 10, 23, 9, 0)
const now = () => clock

beforeEach(async () => {
  clock = Date.UTC(2026, 10, 23, 9, 0)
  host = await startTeamHost({ now, accountPolicy: { sessionTtlMs: 3600_000, lockAfter: 5, lockMs: 15 * 60_000 } })
})
afterEach(async () => {
  await host.dispose()
})

async function ingest(n: number, overrides = {}) {
  const c = await mqtt.connectAsync(host.engine.broker.url)
  await c.publishAsync('crisis/in/mentions', json(Array.from({ length: n }, (_, i) => mention(i, overrides))), {
    qos: 1
  })
  await c.endAsync()
  const q = await host.local.call('GET', '/api/queue?limit=200')
  return q.body.map((i: { seq: number }) => i.seq) as number[]
}

describe('sign-in and sessions', () => {
  it('signs in with the right password and answers who I am', async () => {
    const anna = await host.join('anna', ['lead', 'pr'])
    expect(await anna.call('GET', '/api/me')).toEqual({
      status: 200,
      body: { name: 'anna', roles: ['lead', 'pr'], kind: 'user' }
    })
  })

  it('says 401 "wrong user name or password" for a wrong password and for an unknown user alike', async () => {
    await host.join('anna', ['pr'])
    for (const creds of [
      { user: 'anna', password: 'wrong password!!' },
      { user: 'nobody', password: PASSWORD }
    ]) {
      const r = await host.request('POST', '/api/session', undefined, creds)
      expect(r).toEqual({
        status: 401,
        body: { error: { code: 'unauthorized', message: 'wrong user name or password' } }
      })
    }
  })

  it('refuses an expired token with 401 naming the reason, and closes its open console on the next heartbeat', async () => {
    const anna = await host.join('anna', ['pr'])
    const annasConsole = await anna.listen()
    clock += 3600_000 + 1
    expect(await anna.call('GET', '/api/queue')).toEqual({
      status: 401,
      body: { error: { code: 'unauthorized', message: 'session expired; sign in again' } }
    })
    expect(await annasConsole.next((e) => e.type === 'sessionEnded')).toEqual({
      type: 'sessionEnded',
      reason: 'session expired; sign in again'
    })
    expect(await annasConsole.closed).toEqual([4401, 'session expired; sign in again'])
  })

  it('signs out: the token stops working', async () => {
    const anna = await host.join('anna', ['pr'])
    expect(await anna.call('DELETE', '/api/session')).toEqual({ status: 200, body: { signedOut: true } })
    expect((await anna.call('GET', '/api/me')).body.error.message).toMatch(/signed out/)
    // the local operator has no session to end: a console switching to a named sign-in asks anyway, and is not refused
    expect(await host.local.call('DELETE', '/api/session')).toEqual({ status: 200, body: { signedOut: false } })
    expect((await host.local.call('GET', '/api/me')).status).toBe(200)
  })

  it('locks an account after five failed sign-ins, even against the right password', async () => {
    await host.join('anna', ['pr'])
    for (let i = 0; i < 5; i++)
      expect(
        (await host.request('POST', '/api/session', undefined, { user: 'anna', password: `guess number ${i}` })).status
      ).toBe(401)
    const locked = await host.request('POST', '/api/session', undefined, { user: 'anna', password: PASSWORD })
    expect(locked.status).toBe(429)
    expect(locked.body.error.message).toMatch(/account locked after 5 failed sign-ins/)
    clock += 15 * 60_000 + 1
    expect((await host.request('POST', '/api/session', undefined, { user: 'anna', password: PASSWORD })).status).toBe(
      200
    )
  })

  it('lets an admin, and only an admin, lift a lockout', async () => {
    await host.join('anna', ['pr'])
    const adam = await host.join('adam', ['admin'])
    const lena = await host.join('lena', ['lead'])
    for (let i = 0; i < 5; i++)
      await host.request('POST', '/api/session', undefined, { user: 'anna', password: `guess number ${i}` })
    expect((await host.request('POST', '/api/session', undefined, { user: 'anna', password: PASSWORD })).status).toBe(
      429
    )
    expect((await lena.call('POST', '/api/users/anna/unlock')).status).toBe(403)
    expect((await adam.call('POST', '/api/users/nobody/unlock')).status).toBe(404)
    expect((await adam.call('POST', '/api/users/anna/unlock')).body).toMatchObject({ name: 'anna' })
    expect((await host.request('POST', '/api/session', undefined, { user: 'anna', password: PASSWORD })).status).toBe(
      200
    )
  })

  it('rate-limits sign-in attempts per address', async () => {
    await host.dispose()
    host = await startTeamHost({ now }, { loginsPerMinute: 3 })
    const statuses = []
    for (let i = 0; i < 5; i++)
      statuses.push((await host.request('POST', '/api/session', undefined, { user: 'x', password: 'y' })).status)
    expect(statuses).toEqual([401, 401, 401, 429, 429])
  })

  it('refuses a session without a token, and an unknown token', async () => {
    expect((await host.request('GET', '/api/queue', undefined)).status).toBe(401)
    expect((await host.request('GET', '/api/queue', 'made-up-token')).body.error.message).toMatch(
      /unknown session token/
    )
  })

  it('lets an admin change roles, disable a member who left (sessions end, consoles close) and enable them; never the last admin', async () => {
    const adam = await host.join('adam', ['admin'])
    const sam = await host.join('sam', ['service'])
    const lena = await host.join('lena', ['lead'])
    expect((await lena.call('POST', '/api/users/sam/disable')).status).toBe(403)
    expect((await lena.call('POST', '/api/users/sam/roles', { roles: ['lead'] })).status).toBe(403)
    // other roles count from the member's next request
    expect((await adam.call('POST', '/api/users/sam/roles', { roles: ['pr', 'viewer'] })).body).toMatchObject({
      name: 'sam',
      roles: ['pr', 'viewer']
    })
    expect((await sam.call('GET', '/api/me')).body.roles).toEqual(['pr', 'viewer'])
    expect((await adam.call('POST', '/api/users/sam/roles', { roles: ['chef'] })).status).toBe(400)

    // disabled: the open console is closed, the session ends, sign-in is refused
    const consoleOfSam = new WebSocket(`${host.web.url.replace('http', 'ws')}/api/events`, [`bearer.${sam.token}`])
    await new Promise((resolve) => consoleOfSam.once('open', resolve))
    const closed = new Promise<[number, string]>((resolve) =>
      consoleOfSam.once('close', (code, why) => resolve([code, String(why)]))
    )
    expect((await adam.call('POST', '/api/users/sam/disable')).body).toMatchObject({ name: 'sam' })
    expect(await closed).toEqual([4401, 'this account was disabled'])
    expect((await sam.call('GET', '/api/me')).status).toBe(401)
    expect((await host.request('POST', '/api/session', undefined, { user: 'sam', password: PASSWORD })).status).toBe(
      401
    )
    expect((await adam.call('GET', '/api/users')).body.map((u: { name: string }) => u.name)).toEqual(['adam', 'lena'])
    expect((await adam.call('POST', '/api/users/sam/disable')).status).toBe(409)

    // enabled again: may sign in
    expect((await adam.call('POST', '/api/users/sam/enable')).status).toBe(200)
    expect((await host.request('POST', '/api/session', undefined, { user: 'sam', password: PASSWORD })).status).toBe(
      200
    )

    // a team without an admin could fix nothing
    expect((await adam.call('POST', '/api/users/adam/disable')).body.error).toEqual({
      code: 'conflict',
      message: "can't disable adam, the last admin; make another member admin first"
    })
    expect((await adam.call('POST', '/api/users/adam/roles', { roles: ['lead'] })).status).toBe(409)
    await adam.call('POST', '/api/users/lena/roles', { roles: ['lead', 'admin'] })
    expect((await adam.call('POST', '/api/users/adam/roles', { roles: ['lead'] })).status).toBe(200)
  })

  it('lists every account with its state for an admin: disabled, locked out until when', async () => {
    const adam = await host.join('adam', ['admin'])
    await host.join('anna', ['pr'])
    await host.join('sam', ['service'])
    await adam.call('POST', '/api/users/sam/disable')
    for (let i = 0; i < 5; i++)
      await host.request('POST', '/api/session', undefined, { user: 'anna', password: `guess number ${i}` })
    expect((await adam.call('GET', '/api/accounts')).body).toEqual([
      { id: expect.any(Number), name: 'adam', roles: ['admin'], disabled: false, lockedUntil: null },
      {
        id: expect.any(Number),
        name: 'anna',
        roles: ['pr'],
        disabled: false,
        lockedUntil: new Date(clock + 15 * 60_000).toISOString()
      },
      { id: expect.any(Number), name: 'sam', roles: ['service'], disabled: true, lockedUntil: null }
    ])
    const lena = await host.join('lena', ['lead'])
    expect((await lena.call('GET', '/api/accounts')).status).toBe(403)
    expect((await lena.call('GET', '/api/accounts/log')).status).toBe(403)
    // the log, newest first: the lockout (by the sign-in that caused it), the disabling, the additions
    const at = new Date(clock).toISOString()
    expect((await adam.call('GET', '/api/accounts/log?limit=3')).body).toEqual([
      { at, user: 'lena', change: 'created', by: 'test setup', detail: 'lead' },
      { at, user: 'anna', change: 'locked', by: 'sign-in', detail: 'after 5 failed sign-ins, for 15 minutes' },
      { at, user: 'sam', change: 'disabled', by: 'adam', detail: '1 session ended' }
    ])
  })

  it('tells every console about a change to an account, and closes the consoles of a session it ended', async () => {
    const adam = await host.join('adam', ['admin'])
    const sam = await host.join('sam', ['service'])
    const watcher = await adam.listen()
    const samsConsole = await sam.listen()
    const change = (name: string, what: string) => (e: EngineEvent) =>
      e.type === 'account' && e.user.name === name && e.change === what
    await adam.call('POST', '/api/users', { name: 'tim', password: 'a very long password', roles: ['pr'] })
    await watcher.next(change('tim', 'created'))
    await adam.call('POST', '/api/users/sam/roles', { roles: ['pr'] })
    expect(await watcher.next(change('sam', 'roles'))).toMatchObject({ user: { roles: ['pr'] } })
    // the team on duty shows the new roles now, not from sam's next connection
    await watcher.next(
      (e) => e.type === 'presence' && e.online.some((m) => m.name === 'sam' && m.roles.join() === 'pr')
    )
    // a new password from an admin: sam is signed out everywhere, and told why
    await adam.call('POST', '/api/users/sam/password', { password: 'another long password' })
    await watcher.next(change('sam', 'password'))
    expect(await samsConsole.next((e) => e.type === 'sessionEnded')).toEqual({
      type: 'sessionEnded',
      reason: 'the password was changed; sign in again'
    })
    expect(await samsConsole.closed).toEqual([4401, 'the password was changed; sign in again'])
    expect((await sam.call('GET', '/api/me')).status).toBe(401)
    expect(
      (await host.request('POST', '/api/session', undefined, { user: 'sam', password: 'another long password' })).status
    ).toBe(200)
    expect(watcher.isOpen()).toBe(true)
    expect(
      (await adam.call('GET', '/api/accounts/log?limit=3')).body.map(
        (e: { user: string; change: string; by: string; detail: string }) => [e.user, e.change, e.by, e.detail]
      )
    ).toEqual([
      ['sam', 'password', 'adam', 'set for them; 1 session ended'],
      ['sam', 'roles', 'adam', 'service → pr'],
      ['tim', 'created', 'adam', 'pr']
    ])
    watcher.close()
  })

  it('lets a member change their own password: the current one first; their other sessions end, this one stays', async () => {
    const anna = await host.join('anna', ['pr'])
    const elsewhere = await host.request('POST', '/api/session', undefined, { user: 'anna', password: PASSWORD })
    const otherConsole = await host.listen(elsewhere.body.token)
    const thisConsole = await anna.listen()
    expect(
      (await anna.call('POST', '/api/me/password', { current: 'not my password', password: 'a brand new password' }))
        .body.error
    ).toEqual({ code: 'forbidden', message: 'the current password is wrong' })
    expect((await anna.call('POST', '/api/me/password', { current: PASSWORD, password: 'short' })).status).toBe(400)
    expect(
      (await anna.call('POST', '/api/me/password', { current: PASSWORD, password: 'a brand new password' })).body
    ).toEqual({ otherSessionsEnded: 1 })
    const lastChange = (await host.local.call('GET', '/api/accounts/log?limit=1')).body[0]
    expect(lastChange).toMatchObject({
      user: 'anna',
      change: 'password',
      by: 'anna',
      detail: 'their own; 1 session ended'
    })
    expect(await otherConsole.closed).toEqual([4401, 'the password was changed; sign in again'])
    expect((await host.request('GET', '/api/me', elsewhere.body.token)).status).toBe(401)
    expect((await anna.call('GET', '/api/me')).status).toBe(200)
    // this console heard the change too, and stays
    await thisConsole.next((e) => e.type === 'account' && e.change === 'password')
    expect(thisConsole.isOpen()).toBe(true)
    expect(
      (await host.request('POST', '/api/session', undefined, { user: 'anna', password: 'a brand new password' })).status
    ).toBe(200)
    // the local operator has no password of their own
    expect(
      (await host.local.call('POST', '/api/me/password', { current: 'x', password: 'a brand new password' })).status
    ).toBe(400)
    thisConsole.close()
  })

  it('counts guesses at the current password as failed sign-ins: a console left open is no way to find the password', async () => {
    const anna = await host.join('anna', ['pr'])
    for (let i = 0; i < 5; i++)
      expect(
        (await anna.call('POST', '/api/me/password', { current: `guess ${i}`, password: 'a brand new password' }))
          .status
      ).toBe(403)
    const locked = await anna.call('POST', '/api/me/password', { current: PASSWORD, password: 'a brand new password' })
    expect(locked.status).toBe(429)
    expect(locked.body.error.message).toMatch(/^locked after 5 wrong passwords; try again after /)
    expect((await host.request('POST', '/api/session', undefined, { user: 'anna', password: PASSWORD })).status).toBe(
      429
    )
    expect((await host.local.call('GET', '/api/accounts/log?limit=1')).body[0]).toMatchObject({
      user: 'anna',
      change: 'locked',
      detail: 'after 5 wrong current passwords, for 15 minutes'
    })
    expect((await anna.call('GET', '/api/me')).status).toBe(200) // the session itself goes on
  })

  it('lets only admins create accounts', async () => {
    const lead = await host.join('lena', ['lead'])
    const admin = await host.join('adam', ['admin'])
    const body = { name: 'sam', password: 'a very long password', roles: ['service'] }
    expect((await lead.call('POST', '/api/users', body)).status).toBe(403)
    expect(await admin.call('POST', '/api/users', body)).toMatchObject({
      status: 200,
      body: { name: 'sam', roles: ['service'] }
    })
    expect((await admin.call('POST', '/api/users', body)).status).toBe(409)
    expect(
      (await admin.call('POST', '/api/users', { ...body, name: 'tim', password: 'short' })).body.error.message
    ).toMatch(/^password: at least 12 characters/)
  })
})

describe('roles, enforced in the engine', () => {
  it('lets a viewer read the queue but not claim: 403 naming the roles needed', async () => {
    const [seq] = await ingest(1)
    const vera = await host.join('vera', ['viewer'])
    expect((await vera.call('GET', '/api/queue')).status).toBe(200)
    const r = await vera.call('POST', `/api/queue/${seq}/claim`)
    expect(r.status).toBe(403)
    expect(r.body.error).toEqual({
      code: 'forbidden',
      message: 'claim needs one of the roles lead, legal, pr, service, ops; vera has viewer'
    })
    // in words, not the API's method names
    expect((await vera.call('POST', '/api/ingest', mention(1))).body.error.message).toMatch(
      /^ingest mentions needs one of the roles /
    )
  })

  it('refuses a service agent resolving an incident, and lets the lead', async () => {
    const lead = await host.join('lena', ['lead'])
    const sam = await host.join('sam', ['service'])
    const { body: incident } = await lead.call('POST', '/api/incidents', { name: 'Ash cloud', severity: 'SEV1' })
    expect((await sam.call('POST', `/api/incidents/${incident.id}/resolve`)).status).toBe(403)
    const resolved = await lead.call('POST', `/api/incidents/${incident.id}/resolve`)
    expect(resolved.body.resolvedAt).not.toBeNull()
    const { body } = await sam.call('GET', `/api/incidents/${incident.id}`)
    expect(body.timeline.map((e: { type: string; actor: string }) => `${e.type} by ${e.actor}`)).toEqual([
      'incident.created by lena',
      'incident.resolved by lena'
    ])
  })

  it('ignores roles claimed in the request itself', async () => {
    const [seq] = await ingest(1)
    const vera = await host.join('vera', ['viewer'])
    const sam = await host.join('sam', ['service'])
    expect((await vera.call('POST', `/api/queue/${seq}/claim`, { roles: ['lead'] }, { 'x-role': 'lead' })).status).toBe(
      403
    )
    const forged = await sam.call('POST', `/api/incidents`, { name: 'x', severity: 'SEV1', role: 'lead' })
    expect(forged.status).toBe(403)
    const extra = await sam.call('POST', `/api/queue/${seq}/claim`, { role: 'lead' })
    expect(extra).toMatchObject({ status: 400, body: { error: { code: 'bad_request' } } })
  })

  it('refuses an oversized note with 413 and records nothing', async () => {
    const [seq] = await ingest(1)
    const sam = await host.join('sam', ['service'])
    const r = await sam.call('POST', `/api/queue/${seq}/note`, { text: 'n'.repeat(4001) })
    expect(r.status).toBe(413)
    expect(r.body.error.message).toMatch(/^text: /)
    expect((await sam.call('POST', `/api/queue/${seq}/note`, 'x'.repeat(70 * 1024))).status).toBe(413)
    expect((await sam.call('GET', `/api/queue/${seq}`)).body.history).toEqual([])
  })

  it('refuses writes from a foreign origin, and bodies that are not JSON', async () => {
    const [seq] = await ingest(1)
    const sam = await host.join('sam', ['service'])
    expect((await sam.call('POST', `/api/queue/${seq}/claim`, {}, { origin: 'https://evil.example' })).status).toBe(403)
    const form = await fetch(`${host.web.url}/api/queue/${seq}/note`, {
      method: 'POST',
      headers: { authorization: `Bearer ${sam.token}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'text=hi'
    })
    expect(form.status).toBe(400)
  })
})

describe('the response queue', () => {
  it('lets exactly one of two consoles win a claim race, and tells the loser who holds it', async () => {
    const seqs = await ingest(20)
    const anna = await host.join('anna', ['pr'])
    const sam = await host.join('sam', ['service'])
    for (const seq of seqs) {
      const [a, s] = await Promise.all([
        anna.call('POST', `/api/queue/${seq}/claim`),
        sam.call('POST', `/api/queue/${seq}/claim`)
      ])
      expect([a.status, s.status].sort()).toEqual([200, 409])
      const loser = a.status === 409 ? a : s
      const winner = a.status === 200 ? 'anna' : 'sam'
      expect(loser.body.error.message).toMatch(new RegExp(`^claimed by ${winner} since `))
    }
  })

  it("shows the local operator's claim as a claim, which members can't take over", async () => {
    const [seq] = await ingest(1)
    const sam = await host.join('sam', ['service'])
    expect((await host.local.call('POST', `/api/queue/${seq}/claim`)).body.claimedBy).toEqual({
      id: null,
      name: 'local operator'
    })
    const taken = await sam.call('POST', `/api/queue/${seq}/claim`)
    expect(taken.status).toBe(409)
    expect(taken.body.error.message).toMatch(/^claimed by local operator since /)
  })

  it('keeps a claimed item from being answered, marked or released by anyone else; a lead can free it', async () => {
    const [seq] = await ingest(1)
    const anna = await host.join('anna', ['pr'])
    const sam = await host.join('sam', ['service'])
    const lena = await host.join('lena', ['lead'])
    expect((await anna.call('POST', `/api/queue/${seq}/claim`)).body.claimedBy.name).toBe('anna')
    expect((await anna.call('POST', `/api/queue/${seq}/claim`)).status).toBe(200) // her own: no harm
    expect((await sam.call('POST', `/api/queue/${seq}/reply`, { text: 'Sorry!' })).status).toBe(409)
    expect((await sam.call('POST', `/api/queue/${seq}/mark`, { as: 'troll', reason: 'x' })).status).toBe(409)
    expect((await sam.call('POST', `/api/queue/${seq}/release`)).status).toBe(403)
    expect((await lena.call('POST', `/api/queue/${seq}/release`)).body.claimedBy).toBeNull()
    expect((await sam.call('POST', `/api/queue/${seq}/claim`)).body.claimedBy.name).toBe('sam')
  })

  it('replies, notes, assigns, escalates and marks, with the history kept', async () => {
    const [a, b, c] = await ingest(3)
    const anna = await host.join('anna', ['pr'])
    const lena = await host.join('lena', ['lead'])
    expect((await anna.call('POST', `/api/queue/${a}/note`, { text: 'Booking code in the tweet' })).status).toBe(200)
    expect((await anna.call('POST', `/api/queue/${a}/assign`, { role: 'service' })).body.assignee).toEqual({
      user: null,
      role: 'service'
    })
    expect((await anna.call('POST', `/api/queue/${a}/assign`, { user: 'lena' })).body.assignee.user.name).toBe('lena')
    const replied = await anna.call('POST', `/api/queue/${a}/reply`, { text: 'We are sorry, please DM us.' })
    expect(replied.body).toMatchObject({ status: 'replied', claimedBy: { name: 'anna' } })
    expect((await anna.call('POST', `/api/queue/${a}/mark`, { as: 'no_action', reason: 'late' })).status).toBe(409)

    const escalated = await anna.call('POST', `/api/queue/${b}/escalate`, { to: 'legal', reason: 'threatens to sue' })
    expect(escalated.body).toMatchObject({
      status: 'escalated',
      escalatedTo: 'legal',
      claimedBy: null,
      assignee: { role: 'legal' }
    })
    expect((await lena.call('POST', `/api/queue/${c}/mark`, { as: 'troll', reason: 'abusive' })).body.status).toBe(
      'troll'
    )
    expect((await lena.call('POST', `/api/queue/${c}/mark`, { as: 'troll' })).status).toBe(400) // a reason is required

    const { body: detail } = await lena.call('GET', `/api/queue/${a}`)
    expect(detail.history.map((h: { type: string; actor: string }) => `${h.type}/${h.actor}`)).toEqual([
      'note/anna',
      'assigned/anna',
      'assigned/anna',
      'replied/anna'
    ])
    expect(detail.document).toMatchObject({
      id: detail.item.mention.id,
      author: { handle: detail.item.mention.author }
    })

    const active = (await lena.call('GET', '/api/queue')).body.map((i: { seq: number }) => i.seq)
    expect(active).toEqual([b]) // replied and marked items have left the active queue
    expect((await lena.call('GET', '/api/queue?status=troll')).body.map((i: { seq: number }) => i.seq)).toEqual([c])

    // "for me": what is assigned to me, or to (escalated to) a role I hold, and still waiting
    await ingest(1, { id: 'for-lena' })
    const d = ((await lena.call('GET', '/api/queue')).body as { seq: number; mention: { id: string } }[]).find(
      (i) => i.mention.id === 'for-lena'
    )!.seq
    await anna.call('POST', `/api/queue/${d}/assign`, { user: 'lena' })
    const forMe = async (m: Member) =>
      (await m.call('GET', '/api/queue?forMe=true')).body
        .map((i: { seq: number }) => i.seq)
        .sort((x: number, y: number) => x - y)
    expect(await forMe(lena)).toEqual([d]) // b went to legal, which lena is not
    const lisa = await host.join('lisa', ['legal'])
    expect(await forMe(lisa)).toEqual([b])
    expect(await forMe(anna)).toEqual([])
  })

  it('filters by channel, language, sentiment and "mine", highest priority first, and explains the priority', async () => {
    const anna = await host.join('anna', ['pr'])
    const events = await anna.listen()
    const analyzed = events.next((e) => e.type === 'sentiment' && e.upToSeq >= 3)
    await ingest(1, { channel: 'sms', lang: 'nl', text: 'Geannuleerd! Wat nu?' })
    const c = await mqtt.connectAsync(host.engine.broker.url)
    await c.publishAsync(
      'crisis/in/mentions',
      json([
        mention(50, { text: 'nice day', author: { handle: 'quiet', followers: 2 } }),
        mention(51, {
          text: 'Flight cancelled, stranded with the kids overnight, nobody answers?',
          author: { handle: 'loud', followers: 900_000 }
        })
      ]),
      { qos: 1 }
    )
    await c.endAsync()
    await analyzed
    events.close()
    const all = (await anna.call('GET', '/api/queue')).body
    expect(all[0].mention.author).toBe('loud')
    // once analyzed, the factors come from the analyzers: a negative question with two urgent cues
    expect(all[0].analysis).toMatchObject({
      intent: 'question',
      label: 'negative',
      urgent: ['minors', 'overnight'],
      personal: []
    })
    expect(all[0].priority.factors).toMatchObject({
      negativity: Math.round((1 - 2 * all[0].analysis.sentiment) * 100) / 100,
      urgency: 3,
      question: 1.5
    })
    expect(all[0].priority.factors.negativity).toBeGreaterThan(1.5)
    expect(all[0].priority.factors.reach).toBeCloseTo(1 + Math.log10(900_001))
    expect(
      (await anna.call('GET', '/api/queue?sentiment=positive')).body.map(
        (i: { mention: { author: string } }) => i.mention.author
      )
    ).not.toContain('loud')
    expect(
      (await anna.call('GET', '/api/queue?sentiment=negative')).body.map(
        (i: { mention: { author: string } }) => i.mention.author
      )
    ).toContain('loud')
    expect(all.at(-1).mention.author).toBe('quiet')
    expect(
      (await anna.call('GET', '/api/queue?channel=sms&lang=nl')).body.map(
        (i: { mention: { id: string } }) => i.mention.id
      )
    ).toEqual(['m-0'])
    await anna.call('POST', `/api/queue/${all[1].seq}/claim`)
    expect((await anna.call('GET', '/api/queue?mine=true')).body.map((i: { seq: number }) => i.seq)).toEqual([
      all[1].seq
    ])
    expect((await anna.call('GET', '/api/queue?status=bogus')).status).toBe(400)
  })

  it("closes a retweet storm in one go: the original's waiting copies marked duplicate, the original and others' claims kept", async () => {
    const anna = await host.join('anna', ['pr'])
    const sam = await host.join('sam', ['service'])
    const events = await anna.listen()
    const analyzed = events.next((e) => e.type === 'sentiment' && e.upToSeq >= 6)
    const post = 'Stranded at Schiphol since noon, no hotel, no answer from anyone #ashcloud'
    const c = await mqtt.connectAsync(host.engine.broker.url)
    await c.publishAsync(
      'crisis/in/mentions',
      json([
        mention(0, { text: post, author: { handle: 'origin', followers: 5000 } }),
        ...[1, 2, 3, 4, 5].map((k) => mention(k, { text: `RT @origin: ${post}` }))
      ]),
      { qos: 1 }
    )
    await c.endAsync()
    await analyzed
    const items = (await anna.call('GET', '/api/queue?limit=200')).body as {
      seq: number
      mention: { author: string }
      analysis: { echoOf: number | null; echoes: number }
    }[]
    const original = items.find((i) => i.mention.author === 'origin')!
    expect(original.analysis).toMatchObject({ echoOf: null, echoes: 5 })
    const copies = items
      .filter((i) => i.analysis.echoOf === original.seq)
      .map((i) => i.seq)
      .sort((a, b) => a - b)
    expect(copies).toHaveLength(5)
    await sam.call('POST', `/api/queue/${copies[0]}/claim`)

    // asked from one of the copies: it works on the whole group
    expect((await anna.call('POST', `/api/queue/${copies[1]}/echoes/duplicate`)).body).toEqual({
      original: original.seq,
      marked: 4,
      leftHeld: 1
    })
    expect(await events.next((e) => e.type === 'queueBulk')).toEqual({
      type: 'queueBulk',
      seqs: copies.slice(1),
      status: 'duplicate'
    })
    expect(
      ((await anna.call('GET', '/api/queue?limit=200')).body as { seq: number }[])
        .map((i) => i.seq)
        .sort((a, b) => a - b)
    ).toEqual([original.seq, copies[0]])
    expect((await anna.call('GET', `/api/queue/${copies[2]}`)).body.history.at(-1)).toMatchObject({
      actor: 'anna',
      type: 'marked',
      data: { as: 'duplicate', reason: `an echo of #${original.seq}`, echoOf: original.seq }
    })
    // nothing left to do: a second time marks none; a viewer may not
    expect((await anna.call('POST', `/api/queue/${original.seq}/echoes/duplicate`)).body).toEqual({
      original: original.seq,
      marked: 0,
      leftHeld: 1
    })
    const vera = await host.join('vera', ['viewer'])
    expect((await vera.call('POST', `/api/queue/${original.seq}/echoes/duplicate`)).status).toBe(403)
    expect((await anna.call('POST', '/api/queue/99999/echoes/duplicate')).status).toBe(404)
    events.close()
  })

  it('searches the text and the handle for a phrase, in any case, with % and _ taken literally', async () => {
    const anna = await host.join('anna', ['pr'])
    const texts: [string, string][] = [
      ['ÄRGERLICH: Flug gestrichen', 'berlin_reisende'],
      ['So ärgerlich, kein Rückruf', 'hamburg'],
      ['Refund 100% please', 'sv_resenar'],
      ['Refund 100 dollars', 'x'],
      ['nothing to see', 'Journo_Jane']
    ]
    const c = await mqtt.connectAsync(host.engine.broker.url)
    await c.publishAsync(
      'crisis/in/mentions',
      json(texts.map(([text, handle], i) => mention(i, { text, author: { handle, followers: 1 } }))),
      { qos: 1 }
    )
    await c.endAsync()
    const search = async (q: string) =>
      (
        (await anna.call('GET', `/api/queue?status=all&q=${encodeURIComponent(q)}`)).body as {
          mention: { id: string }
        }[]
      )
        .map((i) => i.mention.id)
        .sort()
    await expect.poll(() => search('')).toHaveLength(5)
    expect(await search('Ärgerlich')).toEqual(['m-0', 'm-1'])
    expect(await search('ärgerlich')).toEqual(['m-0', 'm-1'])
    expect(await search('100%')).toEqual(['m-2'])
    expect(await search('_')).toEqual(['m-0', 'm-2', 'm-4'])
    expect(await search('journo')).toEqual(['m-4'])
    expect(await search('no such words')).toEqual([])
    expect((await anna.call('GET', `/api/queue?q=${'x'.repeat(201)}`)).status).toBe(413) // too long, as for any field
  })

  it('takes response targets per severity, at creation and later, on the timeline', async () => {
    const lena = await host.join('lena', ['lead'])
    const sam = await host.join('sam', ['service'])
    const { body: i } = await lena.call('POST', '/api/incidents', {
      name: 'Strike',
      severity: 'SEV1',
      slaMinutes: { SEV1: 5 }
    })
    expect(i.slaMinutes).toEqual({ SEV1: 5, SEV2: 30, SEV3: 60, SEV4: 240 })
    const [seq] = await ingest(1)
    expect((await sam.call('GET', `/api/queue/${seq}`)).body.item.sla.targetMinutes).toBe(5)
    expect((await sam.call('POST', `/api/incidents/${i.id}/sla`, { slaMinutes: { SEV1: 20 } })).status).toBe(403)
    expect(
      (await lena.call('POST', `/api/incidents/${i.id}/sla`, { slaMinutes: { SEV1: 20 } })).body.slaMinutes.SEV1
    ).toBe(20)
    expect((await sam.call('GET', `/api/queue/${seq}`)).body.item.sla.targetMinutes).toBe(20)
    const bad = await lena.call('POST', `/api/incidents/${i.id}/sla`, { slaMinutes: { SEV1: 0 } })
    expect(bad.status).toBe(400)
    expect(bad.body.error.message).toMatch(/^slaMinutes\.SEV1: /)
    const { body } = await lena.call('GET', `/api/incidents/${i.id}`)
    expect(body.timeline.at(-1)).toMatchObject({ type: 'incident.sla', actor: 'lena' })
  })

  it('shows SLA breaches by the severity target of the incident on the wall', async () => {
    const lena = await host.join('lena', ['lead'])
    await lena.call('POST', '/api/incidents', { name: 'Ash cloud', severity: 'SEV1' })
    const [seq] = await ingest(1)
    expect((await lena.call('GET', `/api/queue/${seq}`)).body.item.sla).toMatchObject({
      targetMinutes: 15,
      breached: false
    })
    clock += 16 * 60_000
    expect((await lena.call('GET', `/api/queue/${seq}`)).body.item.sla.breached).toBe(true)
    await lena.call('POST', `/api/queue/${seq}/reply`, { text: 'Answered' })
    expect((await lena.call('GET', `/api/queue/${seq}`)).body.item.sla.breached).toBe(false)
  })

  it('answers 404 for an item that does not exist', async () => {
    const anna = await host.join('anna', ['pr'])
    expect((await anna.call('POST', '/api/queue/999/claim')).status).toBe(404)
    expect((await anna.call('GET', '/api/queue/abc')).status).toBe(400)
  })
})

describe('live for everyone', () => {
  it("pushes one console's claim to every other console", async () => {
    const [seq] = await ingest(1)
    const anna = await host.join('anna', ['pr'])
    const sam = await host.join('sam', ['service'])
    const samSees = await sam.listen()
    await anna.call('POST', `/api/queue/${seq}/claim`)
    const e = await samSees.next((e) => e.type === 'queue')
    expect(e).toMatchObject({ type: 'queue', item: { seq, claimedBy: { name: 'anna' } } })
    samSees.close()
  })

  it('shows who is online, with their roles and what they hold', async () => {
    const [seq] = await ingest(1)
    const anna = await host.join('anna', ['pr'])
    const sam = await host.join('sam', ['service'])
    const annaSees = await anna.listen()
    const samSees = await sam.listen()
    await anna.call('POST', `/api/queue/${seq}/claim`)
    const p = await annaSees.next(
      (e) =>
        e.type === 'presence' &&
        e.online.some((o) => o.name === 'anna' && o.holding === 1) &&
        e.online.some((o) => o.name === 'sam')
    )
    expect(p).toMatchObject({
      type: 'presence',
      online: [
        { name: 'anna', roles: ['pr'], holding: 1 },
        { name: 'sam', roles: ['service'], holding: 0 }
      ]
    })
    samSees.close()
    await annaSees.next((e) => e.type === 'presence' && !e.online.some((o) => o.name === 'sam'))
    expect((await anna.call('GET', '/api/presence')).body.map((o: { name: string }) => o.name)).toEqual(['anna'])
    annaSees.close()
  })

  it('refuses a WebSocket with an expired session', async () => {
    const anna = await host.join('anna', ['pr'])
    clock += 3600_001
    await expect(anna.listen()).rejects.toThrow(/ws 401/)
  })

  it('puts incident changes on every console, and the chosen incident on the wall', async () => {
    const lena = await host.join('lena', ['lead'])
    const others = await host.local.listen()
    const { body: a } = await lena.call('POST', '/api/incidents', {
      name: 'IT outage',
      severity: 'SEV2',
      timeZone: 'Europe/Amsterdam',
      keywords: ['website down']
    })
    await lena.call('POST', '/api/incidents', { name: 'Strike', severity: 'SEV3' })
    expect((await lena.call('GET', '/api/wall')).body.incident.name).toBe('Strike')
    await lena.call('POST', `/api/incidents/${a.id}/wall`)
    expect((await lena.call('GET', '/api/wall')).body.incident.name).toBe('IT outage')
    const e = await others.next((e) => e.type === 'incident' && e.incident.onWall)
    expect(e).toMatchObject({
      incident: { name: 'IT outage', timeZone: 'Europe/Amsterdam', keywords: ['website down'], severity: 'SEV2' }
    })
    others.close()
  })
})

describe('incidents', () => {
  let lena: Member
  beforeEach(async () => {
    lena = await host.join('lena', ['lead'])
  })

  it('changes severity, hands over to another lead, resolves and reopens, all on the timeline', async () => {
    const kim = await host.join('kim', ['lead', 'legal'])
    await host.join('sam', ['service'])
    const { body: i } = await lena.call('POST', '/api/incidents', { name: 'Ash cloud', severity: 'SEV2' })
    expect(i.lead.name).toBe('lena')
    expect((await lena.call('POST', `/api/incidents/${i.id}/severity`, { severity: 'SEV1' })).body.severity).toBe(
      'SEV1'
    )
    expect((await lena.call('POST', `/api/incidents/${i.id}/lead`, { user: 'sam' })).body.error.message).toBe(
      'user: sam does not hold the lead role'
    )
    expect((await lena.call('POST', `/api/incidents/${i.id}/lead`, { user: 'kim' })).body.lead.name).toBe('kim')
    await kim.call('POST', `/api/incidents/${i.id}/resolve`)
    expect((await kim.call('POST', `/api/incidents/${i.id}/resolve`)).status).toBe(409)
    await kim.call('POST', `/api/incidents/${i.id}/reopen`)
    const { body } = await kim.call('GET', `/api/incidents/${i.id}`)
    expect(body.timeline.map((e: { type: string; actor: string; data: object }) => [e.type, e.actor, e.data])).toEqual([
      [
        'incident.created',
        'lena',
        { name: 'Ash cloud', severity: 'SEV2', keywords: [], channels: [], timeZone: 'UTC' }
      ],
      ['incident.severity', 'lena', { from: 'SEV2', to: 'SEV1' }],
      ['incident.lead', 'lena', { from: 'lena', to: 'kim' }],
      ['incident.resolved', 'kim', {}],
      ['incident.reopened', 'kim', {}]
    ])
    expect((await kim.call('GET', '/api/incidents')).body.map((x: { name: string }) => x.name)).toContain('Ash cloud')
  })

  it('validates what an incident is made of, naming the field', async () => {
    const bad = [
      [{ name: '', severity: 'SEV1' }, /^name: /],
      [{ name: 'x', severity: 'SEV9' }, /^severity: /],
      [{ name: 'x', severity: 'SEV1', timeZone: 'Mars/Olympus' }, /^timeZone: not an IANA time zone/]
    ] as const
    for (const [body, message] of bad) {
      const r = await lena.call('POST', '/api/incidents', body)
      expect(r.status).toBe(400)
      expect(r.body.error.message).toMatch(message)
    }
    expect((await lena.call('POST', '/api/incidents/12345/resolve')).status).toBe(404)
  })
})
