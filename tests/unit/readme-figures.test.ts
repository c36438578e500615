// The README's sentiment table is what the analyzers score today: macro-F1 and language-ID
// accuracy per labeled set in ../shared/eval, computed by `crisis-console eval`'s own code
// (ours only: the baselines take minutes and don't change with our code). Both are
// deterministic, so a change that moves a figure must move the README with it, and a
// regression shows here rather than at the next `npm run eval`.
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { readSet, scoreOurs, SENTIMENT_SETS } from '../../electron/host/eval/sentiment-eval'

const setsDir = path.join(__dirname, '..', '..', '..', 'shared', 'eval', 'sentiment')
const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8')

/** `| airline (en) | 0.560 | 0.551 | ... | 0.997 |` -> set, macro-F1, language ID */
function readmeRow(set: string): { macroF1: number; languageId: number } {
  const row = readme.split('\n').find((l) => l.startsWith(`| ${set} |`) || l.startsWith(`| ${set} (`))
  if (!row) throw new Error(`README has no sentiment row for ${set}`)
  const cells = row.split('|').map((c) => c.trim())
  return { macroF1: Number(cells[2]), languageId: Number(cells[5]) }
}

describe.skipIf(!fs.existsSync(setsDir))("the README's sentiment table", () => {
  it.each(Object.entries(SENTIMENT_SETS))('%s: macro-F1 and language ID as the README gives them', (set, lang) => {
    const { macroF1, languageIdAccuracy: languageId } = scoreOurs(readSet(path.join(setsDir, `${set}.jsonl`)), lang)
    expect({ macroF1, languageId }).toEqual(readmeRow(set))
  })
})
