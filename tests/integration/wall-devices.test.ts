// Wall screens over the real web host: paired once with a viewer-only token that reads the
// wall with its own layout and nothing else, and loses its connection the moment a console
// revokes it.
import WebSocket from 'ws'
import { afterEach, describe, expect, it } from 'vitest'
import { startTeamHost } from '../support/team-host'

let cleanup: (() => Promise<unknown> | unknown)[] = []
afterEach(async () => {
  for (const c of cleanup.reverse()) await c()
  cleanup = []
})

describe('wall screens', () => {
  it('pair with a layout, read only the wall, and drop the connection when revoked', async () => {
    const host = await startTeamHost()
    cleanup.push(() => host.dispose())
    const lead = await host.join('lars', ['lead'])
    const pr = await host.join('priya', ['pr'])

    const layout = (
      await lead.call('POST', '/api/wall-layouts', {
        name: 'Press office',
        tiles: ['alerts', 'statement'],
        sound: true
      })
    ).body
    expect(layout).toMatchObject({ name: 'Press office', tiles: ['alerts', 'statement'], sound: true })
    expect((await lead.call('POST', '/api/wall-layouts', { name: 'press OFFICE', tiles: ['alerts'] })).status).toBe(409)
    expect((await lead.call('POST', '/api/wall-layouts', { name: 'Twice', tiles: ['alerts', 'alerts'] })).status).toBe(
      400
    )
    expect((await pr.call('POST', '/api/wall-devices', { name: 'TV' })).status).toBe(403)

    const paired = (await lead.call('POST', '/api/wall-devices', { name: 'Press office TV', layout: layout.id })).body
    expect(paired.pairPath).toBe(`/wall#pair=${paired.token}`)
    expect(paired.token).toMatch(/^wall\./)
    const screen = (verb: string, path: string, body?: unknown) => host.request(verb, path, paired.token, body)

    const wall = await screen('GET', '/api/wall')
    expect(wall.status).toBe(200)
    expect(wall.body.layout).toEqual(layout)
    expect(wall.body.team.map((p: { name: string }) => p.name)).not.toContain('wall screen "Press office TV"')
    // a screen asking for another layout still gets its own
    expect((await screen('GET', '/api/wall?layout=0')).body.layout.id).toBe(layout.id)
    expect((await screen('GET', '/api/me')).body).toMatchObject({ kind: 'wall', roles: [] })
    for (const [verb, path, body] of [
      ['GET', '/api/incidents'],
      ['GET', '/api/queue'],
      ['GET', '/api/dead-letters'],
      ['GET', '/api/alerts'],
      ['POST', '/api/incidents', { name: 'x', severity: 'SEV1' }],
      ['POST', '/api/alerts/1/acknowledge', {}]
    ] as const) {
      const r = await screen(verb, path, body)
      expect(r.status, `${verb} ${path}`).toBe(403)
      expect(r.body.error.message).toMatch(/a wall screen only reads the wall/)
    }

    const ws = new WebSocket(`${host.web.url.replace('http', 'ws')}/api/events`, [`bearer.${paired.token}`])
    await new Promise((resolve, reject) => (ws.once('open', resolve), ws.once('error', reject)))
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)))
    const devices = (await lead.call('GET', '/api/wall-devices')).body
    expect(devices).toEqual([
      expect.objectContaining({ name: 'Press office TV', layoutId: layout.id, createdBy: 'lars', revokedAt: null })
    ])
    expect((await lead.call('POST', `/api/wall-devices/${paired.device.id}/revoke`, {})).body.revokedAt).not.toBeNull()
    expect(await closed).toBe(4401)
    const after = await screen('GET', '/api/wall')
    expect(after.status).toBe(401)
    expect(after.body.error.message).toMatch(/unpaired/)
  })
})
