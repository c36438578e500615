// Sources publish mentions anonymously on a loopback bus (the README's mosquitto_pub line
// works as it is). A bus on the LAN can require them to sign in: DATA/sources.json lists
// their names and passwords (owner-only, like channels.json), and once it exists an
// anonymous client is refused.
import path from 'node:path'
import { z } from 'zod'
import { readSecretFile } from '../secret-file'

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
  return readSecretFile(path.join(dataDir, SOURCES_FILE), 'source passwords', FileSchema)?.sources ?? null
}
