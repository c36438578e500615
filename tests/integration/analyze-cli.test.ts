// `crisis-console sentiment` and `crisis-console detect` (DESIGN 4.1) as users run them:
// files in, files out, a clear line naming the bad line, never a half-written output.
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { runCli } from '../support/serve-process'
import { makeTempDir } from '../support/temp-dir'

let dirs: ReturnType<typeof makeTempDir>[] = []
afterEach(() => {
  for (const d of dirs) d.remove()
  dirs = []
})
const dir = () => {
  const d = makeTempDir('analyze-cli')
  dirs.push(d)
  return d.dir
}

describe('crisis-console sentiment', () => {
  it('writes each line back with lang, sentiment and score, keeping other fields', async () => {
    const d = dir()
    const input = path.join(d, 'in.jsonl')
    fs.writeFileSync(
      input,
      [
        '{"text":"Flight cancelled again, stranded with kids. Terrible.","id":1}',
        '{"text":"Bedankt voor de snelle hulp!"}',
        '{"text":"", "lang":"en"}'
      ].join('\n')
    )
    const r = await runCli(['sentiment', '--in', input, '--out', path.join(d, 'out.jsonl')])
    expect(r.code, r.stderr).toBe(0)
    const out = fs
      .readFileSync(path.join(d, 'out.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
    expect(out[0]).toMatchObject({ id: 1, lang: 'en', sentiment: 'negative' })
    expect(out[0].score).toBeLessThan(0)
    expect(out[1]).toMatchObject({ lang: 'nl', sentiment: 'positive' })
    expect(out[2]).toEqual({ text: '', lang: 'en', sentiment: 'neutral', score: 0 })
  })

  it('names each bad line, still scores the good ones, and exits 1', async () => {
    const d = dir()
    const input = path.join(d, 'in.jsonl')
    fs.writeFileSync(
      input,
      [
        '{"text":"great"}',
        'not json',
        '{"txt":"x"}',
        '[1]',
        '{"text":"great","lang":5}',
        '{"text":"great","lang":"English"}',
        '{"text":"great","lang":""}'
      ].join('\n')
    )
    const r = await runCli(['sentiment', '--in', input, '--out', path.join(d, 'out.jsonl')])
    expect(r.code).toBe(1)
    const badLang = '"lang" must be a language tag such as "nl" or "pt-BR" (or left out, to detect it)'
    expect(r.stderr.trim().split('\n')).toEqual([
      'line 2: not JSON',
      'line 3: needs a "text" string',
      'line 4: needs a "text" string',
      `line 5: ${badLang}`,
      `line 6: ${badLang}`,
      '5 of 7 lines rejected'
    ])
    // an empty "lang", as exports write a missing one, is detected
    expect(
      fs
        .readFileSync(path.join(d, 'out.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).lang)
    ).toEqual(['en', 'en'])
  })

  it('refuses missing files and arguments in one line with exit code 2', async () => {
    for (const [args, message] of [
      [['sentiment'], /needs --in FILE and --out FILE/],
      [['sentiment', '--in', '/nope.jsonl', '--out', '/tmp/x'], /--in \/nope\.jsonl: no such file/],
      [['detect', '--in', '/nope.csv', '--out', '/tmp/x'], /--in \/nope\.csv: no such file/]
    ] as const) {
      const r = await runCli([...args])
      expect(r.code).toBe(2)
      expect(r.stderr.trim().split('\n')).toHaveLength(1)
      expect(r.stderr).toMatch(message)
    }
  })
})

describe('crisis-console detect', () => {
  it('writes timestamp,value,anomaly_score, a detection (above 0.999) at the burst and none before it', async () => {
    const d = dir()
    const rows = Array.from(
      { length: 120 },
      (_, i) => `${new Date(Date.UTC(2026, 10, 23, 8, i)).toISOString()},${i === 100 ? 250 : 20 + (i % 4)}`
    )
    fs.writeFileSync(path.join(d, 'series.csv'), `timestamp,value\n${rows.join('\n')}\n`)
    const r = await runCli([
      'detect',
      '--in',
      path.join(d, 'series.csv'),
      '--out',
      path.join(d, 'scores.csv'),
      '--counts'
    ])
    expect(r.code, r.stderr).toBe(0)
    const lines = fs.readFileSync(path.join(d, 'scores.csv'), 'utf8').trim().split('\n')
    expect(lines[0]).toBe('timestamp,value,anomaly_score')
    const scores = lines.slice(1).map((l) => Number(l.split(',')[2]))
    expect(scores).toHaveLength(120)
    expect(scores.every((s) => s >= 0 && s <= 1)).toBe(true)
    expect(scores[100]).toBeGreaterThan(0.999)
    expect(Math.max(...scores.slice(0, 100))).toBeLessThan(0.999)
  })

  it('names a non-numeric value, and writes no output file', async () => {
    const d = dir()
    fs.writeFileSync(path.join(d, 'series.csv'), 'timestamp,value\n2026-11-23T08:00:00Z,1\n2026-11-23T08:01:00Z,n/a\n')
    const r = await runCli(['detect', '--in', path.join(d, 'series.csv'), '--out', path.join(d, 'scores.csv')])
    expect(r.code).toBe(2)
    expect(r.stderr.trim()).toMatch(/line 3: value "n\/a" is not a number$/)
    expect(fs.existsSync(path.join(d, 'scores.csv'))).toBe(false)
  })
})

describe('crisis-console eval', () => {
  const sharedEval = path.join(__dirname, '..', '..', '..', 'shared', 'eval')

  it('scores the sets it finds next to the best baseline, and says which it skipped', async () => {
    const d = dir()
    fs.mkdirSync(path.join(d, 'sentiment'))
    const lines = [
      ['Thanks, great crew and a smooth flight!', 'positive'],
      ['Flight cancelled, stranded, nobody answers. Awful.', 'negative'],
      ['Boarding at gate 12 now', 'neutral'],
      ['Terrible service, lost my bag again', 'negative'],
      ['Love the new app, rebooked in a minute', 'positive'],
      ['Flight 1234 leaves at 9', 'neutral']
    ]
    fs.writeFileSync(
      path.join(d, 'sentiment', 'airline.jsonl'),
      lines.map(([text, label]) => JSON.stringify({ text, label })).join('\n')
    )
    const r = await runCli(['eval', '--only', 'sentiment', '--json', '--dir', d])
    expect(r.code, r.stderr).toBe(0)
    const { sentiment } = JSON.parse(r.stdout)
    expect(sentiment).toHaveLength(1)
    expect(sentiment[0]).toMatchObject({ set: 'airline', lang: 'en', texts: 6 })
    expect(sentiment[0].macroF1).toBeGreaterThan(0)
    expect(sentiment[0].baseline.name).toMatch(/AFINN|VADER|multilang-sentiment/)
    expect(r.stderr).toMatch(/eval: nl: no nl\.jsonl, skipped/)
  })

  it('names a bad labeled line and the missing part in one line, exit code 2', async () => {
    const d = dir()
    fs.mkdirSync(path.join(d, 'sentiment'))
    fs.writeFileSync(
      path.join(d, 'sentiment', 'airline.jsonl'),
      '{"text":"fine","label":"positive"}\n{"text":"meh","label":"mixed"}\n'
    )
    const bad = await runCli(['eval', '--only', 'sentiment', '--dir', d])
    expect(bad.code).toBe(2)
    expect(bad.stderr.trim().split('\n').at(-1)).toMatch(/airline\.jsonl: line 2: expected \{"text"/)
    const noNab = await runCli(['eval', '--only', 'nab', '--dir', d])
    expect(noNab.code).toBe(2)
    expect(noNab.stderr).toMatch(/no evaluation data at .* \(expected .*nab\/data\/\*\.csv\)/)
  })

  it.skipIf(!fs.existsSync(path.join(sharedEval, 'nab', 'data')))(
    'scores the spike detector on NAB above the published Numenta HTM result',
    async () => {
      const r = await runCli(['eval', '--only', 'nab', '--json', '--dir', sharedEval])
      expect(r.code, r.stderr).toBe(0)
      const { nab } = JSON.parse(r.stdout)
      expect(nab).toMatchObject({ profile: 'standard', files: 48 })
      expect(nab.score).toBeGreaterThan(nab.references['Numenta HTM'])
      // and the README reports the score the detector has (it is deterministic)
      const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8')
      expect(Number(/Spike detection on NAB's 48 files[^*]*\*\*([\d.]+)\*\*/.exec(readme)?.[1])).toBe(nab.score)
    }
  )
})
