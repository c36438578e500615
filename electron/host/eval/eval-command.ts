// `crisis-console eval` (npm run eval): the analyzers on the labeled dev sets in
// ../shared/eval, each figure next to its reference. Prints a table, or JSON with --json.
import fs from 'node:fs'
import path from 'node:path'
import { parse, parseChoice, UsageError } from '../cli-args'
import { evaluateSentiment } from './sentiment-eval'
import { evaluateNab, NAB_REFERENCES } from './nab-eval'

const HELP = `Usage: crisis-console eval [--dir DIR] [--json] [--only sentiment|nab]

  --dir DIR   the evaluation data (default ../shared/eval beside the repository)
  --json      print the results as JSON instead of a table
  --only X    run one part: sentiment (and language ID) or nab (spike detection)

Scores sentiment (accuracy, macro-F1) and language identification per labeled set, next to
the best of the baselines named in DIR/README.md at their best neutral band.`

export async function evalCommand(args: string[]): Promise<number> {
  const o = parse(args, { dir: { type: 'string' }, json: { type: 'boolean' }, only: { type: 'string' } })
  if (o.help) {
    process.stdout.write(`${HELP}\n`)
    return 0
  }
  const only = o.only ? parseChoice('--only', o.only, ['sentiment', 'nab'] as const) : 'all'
  const dir = path.resolve(o.dir ?? path.join(process.cwd(), '..', 'shared', 'eval'))
  // only what this run reads must be there: --only nab needs no sentiment sets
  for (const [part, folder, files] of [
    ['sentiment', 'sentiment', '*.jsonl'],
    ['nab', 'nab/data', '*.csv']
  ] as const) {
    if (only !== 'all' && only !== part) continue
    if (!fs.existsSync(path.join(dir, folder)))
      throw new UsageError(`no evaluation data at ${dir} (expected ${dir}/${folder}/${files}); give --dir`)
  }
  const sentiment = only === 'nab' ? [] : evaluateSentiment(dir)
  const nab = only === 'sentiment' ? null : evaluateNab(dir)
  if (o.json) {
    process.stdout.write(
      `${JSON.stringify({ sentiment, nab: nab && { ...nab, references: NAB_REFERENCES } }, null, 2)}\n`
    )
    return 0
  }
  const line = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`
  const out = [
    'Sentiment (macro-F1; target: best baseline + 0.10 in every language, and >= 0.70 on airline)',
    '',
    line([
      'set',
      'lang',
      'texts',
      'accuracy',
      'macro-F1',
      'best baseline',
      'baseline F1',
      'margin',
      'target met',
      'language ID',
      'texts/s'
    ]),
    line(Array(11).fill('---')),
    ...sentiment.map((r) =>
      line([
        r.set,
        r.lang,
        r.texts,
        r.accuracy,
        r.macroF1,
        r.baseline.name,
        r.baseline.macroF1,
        r.margin,
        r.margin >= 0.1 && (r.set !== 'airline' || r.macroF1 >= 0.7) ? 'yes' : 'no',
        r.languageIdAccuracy,
        r.perSecond
      ])
    )
  ]
  if (nab) {
    out.push(
      '',
      `Spike detection, NAB ${nab.files} files, ${nab.profile} profile, threshold optimised: ${nab.score} (target: above Numenta HTM ${NAB_REFERENCES['Numenta HTM']})`
    )
    out.push(
      `References: ${Object.entries(NAB_REFERENCES)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}`
    )
  }
  process.stdout.write(`${out.join('\n')}\n`)
  return 0
}
