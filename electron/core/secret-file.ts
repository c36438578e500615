// Files in the data folder that hold passwords or keys (channels.json, sources.json): read
// only when their owner alone can read them, as ssh refuses a readable key, and checked
// against a schema, each fault one clear line naming the file.
import fs from 'node:fs'
import type { z } from 'zod'
import { describeIssues } from '../../shared/mention'

/** The file's parsed contents, or null when it doesn't exist. Throws one line on a readable, malformed or invalid file. */
export function readSecretFile<T>(file: string, holds: string, schema: z.ZodType<T>): T | null {
  if (!fs.existsSync(file)) return null
  if (process.platform !== 'win32' && (fs.statSync(file).mode & 0o077) !== 0) {
    throw new Error(`${file} holds ${holds} and must be readable by its owner only: chmod 600 ${file}`)
  }
  let json: unknown
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'))
  } catch (err) {
    throw new Error(`${file}: not valid JSON (${(err as Error).message})`)
  }
  const parsed = schema.safeParse(json)
  if (!parsed.success) throw new Error(`${file}: ${describeIssues(parsed.error)}`)
  return parsed.data
}
