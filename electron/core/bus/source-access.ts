// Sources publish mentions anonymously on a loopback bus (the README's mosquitto_pub line
// works as it is). A bus on the LAN can require them to sign in: DATA/sources.json lists
// their names and passwords (owner-only, like channels.json), and once it exists an
// anonymous client is refused.
import fs from 'node:fs'
import path from 'node:path'
import { z } from 'zod'
import { describeIssues } from '../../../shared/mention'

export const SOURCES_FILE = 'sources.json'

const FileSchema = z
  .object({
    sources: z
      .array(
        z
          .object({
            username: z.string().min(1).max(100),
            password: z.string().min(16, 'a source password of at least 16 characters')
          })
          .strict()
      )
      .min(1)
      .max(1000)
      .refine((s) => new Set(s.map((x) => x.username)).size === s.length, 'each username once')
  })
  .strict()

export type SourceAccess = { username: string; password: string }[]

/** The sources' sign-ins, or null when sources may publish anonymously (no file). */
export function loadSourceAccess(dataDir: string): SourceAccess | null {
  const file = path.join(dataDir, SOURCES_FILE)
  if (!fs.existsSync(file)) return null
  if (process.platform !== 'win32' && (fs.statSync(file).mode & 0o077) !== 0) {
    throw new Error(`${file} holds source passwords and must be readable by its owner only: chmod 600 ${file}`)
  }
  let json: unknown
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'))
  } catch (err) {
    throw new Error(`${file}: not valid JSON (${(err as Error).message})`)
  }
  const parsed = FileSchema.safeParse(json)
  if (!parsed.success) throw new Error(`${file}: ${describeIssues(parsed.error)}`)
  return parsed.data.sources
}
