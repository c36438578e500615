// The knowledge bank through the real API: per-language stemmed search over SQLite FTS5,
// suggestions for a queue item, a reply saved as an entry, and "most asked in this incident".
import mqtt from 'mqtt'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { json, mention } from '../support/mentions'
import { startTeamHost, type Member } from '../support/team-host'

type Host = Awaited<ReturnType<typeof startTeamHost>>
let host: Host
let agent: Member

beforeEach(async () => {
  host = await startTeamHost()
  agent = await host.join('sam', ['service'])
})
afterEach(async () => {
  await host.dispose()
})

async function publish(mentions: unknown[]): Promise<number[]> {
  const c = await mqtt.connectAsync(host.engine.broker.url)
  await c.publishAsync('crisis/in/mentions', json(mentions), { qos: 1 })
  await c.endAsync()
  const q = await host.local.call('GET', '/api/queue?status=all&limit=200')
  return q.body.map((i: { seq: number }) => i.seq).sort((a: number, b: number) => a - b)
}

const add = async (lang: string, question: string, answer: string) => {
  const r = await agent.call('POST', '/api/knowledge', { lang, question, answer })
  expect(r.status).toBe(200)
  return r.body.id as number
}

describe('knowledge bank', () => {
  it("finds an entry through inflected forms, in the entry's own language", async () => {
    const fi = await add('fi', 'Onko lentoni peruttu?', 'Tarkista lennon tila verkkosivuiltamme.')
    const nl = await add('nl', 'Kan ik mijn vlucht kosteloos omboeken?', 'Ja, omboeken kan kosteloos via onze website.')
    await add('en', 'Do you pay for my hotel?', 'Yes, keep your receipts and claim them online.')
    const r = await agent.call('GET', `/api/knowledge?q=${encodeURIComponent('lennot peruttu')}&lang=fi`)
    expect(r.body.map((s: { entry: { id: number } }) => s.entry.id)).toEqual([fi])
    const nlHit = await agent.call('GET', `/api/knowledge?q=${encodeURIComponent('vluchten omboeken')}`)
    // matched as the words the text used, not the stems the search ran on ('vlucht', 'omboek')
    expect(nlHit.body[0]).toMatchObject({ entry: { id: nl }, matched: ['vluchten', 'omboeken'] })
  })

  it('treats search text as words, never as FTS5 query syntax', async () => {
    await add('en', 'Is my flight cancelled?', 'Check the flight status page.')
    for (const q of ['"unbalanced', 'flight AND NOT', 'NEAR(flight', 'question:flight', '*', '😡😡']) {
      const r = await agent.call('GET', `/api/knowledge?q=${encodeURIComponent(q)}`)
      expect(r.status, q).toBe(200)
    }
  })

  it("suggests entries for a queue item, records the one a reply used, and ranks the incident's most asked", async () => {
    const lead = await host.join('lars', ['lead'])
    const incident = (await lead.call('POST', '/api/incidents', { name: 'Ash cloud', severity: 'SEV2' })).body.id
    const refund = await add(
      'en',
      'Can I get a refund for my cancelled flight?',
      'Yes: request a full refund at example.com/refund.'
    )
    const hotel = await add('en', 'Will you pay for a hotel?', 'Yes, keep your receipts.')
    const seqs = await publish([
      mention(1, { text: 'My flight was cancelled, can I get a refund?', lang: 'en' }),
      mention(2, { text: 'Refunds for cancelled flights??', lang: 'en' }),
      mention(3, { text: 'Who pays my hotel tonight?', lang: 'en' }),
      mention(4, { text: 'Stuck again. Terrible.', lang: 'en' })
    ])
    const suggestions = await agent.call('GET', `/api/queue/${seqs[0]}/suggestions`)
    expect(suggestions.body[0].entry.id).toBe(refund)
    expect((await agent.call('GET', `/api/queue/${seqs[3]}/suggestions`)).body).toEqual([])

    await agent.call('POST', `/api/queue/${seqs[2]}/claim`)
    const replied = await agent.call('POST', `/api/queue/${seqs[2]}/reply`, {
      text: 'Yes, keep your receipts.',
      entry: hotel
    })
    expect(replied.status).toBe(200)
    expect((await agent.call('POST', `/api/queue/${seqs[1]}/reply`, { text: 'x', entry: 999 })).status).toBe(404)

    const most = await agent.call('GET', `/api/incidents/${incident}/most-asked`)
    expect(
      most.body.map((m: { entry: { id: number }; asked: number; used: number }) => [m.entry.id, m.asked, m.used])
    ).toEqual([
      [refund, 2, 0],
      [hotel, 1, 1]
    ])
  })

  it('saves a good reply as a new entry linked to its mention, and refuses bad input naming the field', async () => {
    const [seq] = await publish([mention(7, { text: 'Can I take the train instead?', lang: 'en' })])
    const saved = await agent.call('POST', '/api/knowledge', {
      lang: 'en',
      question: 'Can I take the train instead?',
      answer: 'Yes, your ticket is valid on trains today.',
      fromSeq: seq
    })
    expect(saved.status).toBe(200)
    expect((await agent.call('GET', `/api/queue/${seq}/suggestions`)).body[0].entry.id).toBe(saved.body.id)
    expect(
      (await agent.call('POST', '/api/knowledge', { lang: 'en', question: 'q?', answer: 'a', fromSeq: 99999 })).status
    ).toBe(400)
    expect(
      (
        await agent.call('POST', '/api/knowledge', {
          lang: 'en',
          question: 'What now?',
          answer: 'Wait.',
          fromSeq: 99999
        })
      ).body.error.message
    ).toMatch(/fromSeq: no mention 99999/)
    expect(
      (await agent.call('POST', '/api/knowledge', { lang: 'english', question: 'What now?', answer: 'Wait.' })).body
        .error.message
    ).toMatch(/lang/)
    const viewer = await host.join('vik', ['viewer'])
    expect(
      (await viewer.call('POST', '/api/knowledge', { lang: 'en', question: 'What now?', answer: 'Wait.' })).status
    ).toBe(403)
  })
})
