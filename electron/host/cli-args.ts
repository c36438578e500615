// Argument parsing for the CLI: every bad argument becomes a UsageError with one line
// for the user (exit code 2, DESIGN 4.1).
import { parseArgs, type ParseArgsConfig } from 'node:util'

export class UsageError extends Error {}

/** `serve` refused to start as asked (exit code 2), e.g. LAN mode without an admin. */
export class ServeRefused extends Error {}

export function parse<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T) {
  try {
    return parseArgs({
      args,
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false
    }).values as { [K in keyof T]?: T[K]['type'] extends 'boolean' ? boolean : string } & { help?: boolean }
  } catch (err) {
    throw new UsageError((err as Error).message.split('\n')[0])
  }
}

/** Like parse, for commands that also take plain arguments (e.g. `import FILE`). */
export function parseWithPositionals<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T) {
  try {
    const r = parseArgs({
      args,
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: true
    })
    return {
      values: r.values as { [K in keyof T]?: T[K]['type'] extends 'boolean' ? boolean : string } & { help?: boolean },
      positionals: r.positionals
    }
  } catch (err) {
    throw new UsageError((err as Error).message.split('\n')[0])
  }
}

/** HOST:PORT, with [v6]:PORT; port 0 asks the OS for a free one. */
export function parseHostPort(flag: string, value: string): { host: string; port: number } {
  const m = /^(?:\[([^\]]+)\]|([^:]+)):(\d{1,5})$/.exec(value)
  const port = m ? Number(m[3]) : NaN
  if (!m || port > 65535) throw new UsageError(`${flag}: "${value}" is not HOST:PORT (e.g. 127.0.0.1:4820)`)
  return { host: m[1] ?? m[2], port }
}

export function parsePositiveNumber(flag: string, value: string): number {
  const n = Number(value)
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`${flag}: "${value}" is not a positive number`)
  return n
}

/** A whole number of at least `min`: a count or a duration of 0 or less would leave a run waiting forever. */
export function parseInteger(flag: string, value: string, min = Number.MIN_SAFE_INTEGER): number {
  const n = Number(value)
  if (!Number.isSafeInteger(n)) throw new UsageError(`${flag}: "${value}" is not a whole number`)
  if (n < min) throw new UsageError(`${flag}: "${value}" is less than ${min}`)
  return n
}

export function parseChoice<C extends string>(flag: string, value: string, choices: readonly C[]): C {
  if (!(choices as readonly string[]).includes(value)) {
    throw new UsageError(`${flag}: "${value}" is not one of ${choices.join(', ')}`)
  }
  return value as C
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|localhost|::1)$/

export const isLoopback = (host: string): boolean => LOOPBACK.test(host)
