// The spike detector on the Numenta Anomaly Benchmark files in ../shared/eval/nab, scored
// by the scorer shipped there (NAB's protocol: standard profile, threshold optimised), to
// compare with the published detectors listed in that README.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { detectorFor, readSeries } from '../analyze-commands'

/** Published standard-profile scores on these 48 files (from ../shared/eval/README.md). */
export const NAB_REFERENCES = {
  'Numenta HTM': 70.9,
  'KNN-CAD': 55.5,
  'relative entropy': 52.6,
  'Twitter ADVec': 42.1,
  Skyline: 38.2,
  'windowed Gaussian': 35.0,
  null: 0
}

const listCsv = (dir: string): string[] =>
  fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory() ? listCsv(path.join(dir, e.name)) : e.name.endsWith('.csv') ? [path.join(dir, e.name)] : []
    )

export function evaluateNab(evalDir: string): {
  score: number
  profile: string
  files: number
  threshold: number | null
} {
  const nab = path.join(evalDir, 'nab')
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'crisis-nab-'))
  try {
    const files = listCsv(path.join(nab, 'data'))
    for (const file of files) {
      const series = readSeries(fs.readFileSync(file, 'utf8'))
      if (!series.ok) throw new Error(`${file}: ${series.error}`)
      const detector = detectorFor(series.rows, false)
      const lines = [
        'timestamp,value,anomaly_score',
        ...series.rows.map((r) => `${r.raw},${r.value},${detector.push(r.value).score}`)
      ]
      const target = path.join(out, path.relative(path.join(nab, 'data'), file))
      fs.mkdirSync(path.dirname(target), { recursive: true })
      fs.writeFileSync(target, `${lines.join('\n')}\n`)
    }
    // by its real path: the scorer runs only when started as itself, and a ../shared that is
    // a symbolic link would give it another name, and an empty answer
    const scorer = fs.realpathSync(path.join(nab, 'nab-score.mjs'))
    const r = spawnSync(
      process.execPath,
      [scorer, '--results', out, '--optimize', '--json', '--data', path.join(nab, 'data')],
      { encoding: 'utf8', maxBuffer: 64 << 20 }
    )
    if (r.status !== 0) throw new Error(`nab-score: ${r.stderr.trim()}`)
    if (!r.stdout.trim()) throw new Error(`nab-score (${scorer}) printed no report`)
    const report = JSON.parse(r.stdout)
    return { ...extractStandard(report), files: files.length }
  } finally {
    fs.rmSync(out, { recursive: true, force: true })
  }
}

/** The scorer's JSON: the standard profile's normalised score and its optimal threshold. */
function extractStandard(report: Record<string, unknown>): {
  score: number
  profile: string
  threshold: number | null
} {
  const profiles = report.profiles as Record<string, unknown>
  const std = profiles.standard as { normalized: number; threshold: number | null }
  return { score: Math.round(std.normalized * 10) / 10, profile: 'standard', threshold: std.threshold ?? null }
}
