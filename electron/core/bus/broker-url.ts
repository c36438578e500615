// External broker URLs: mqtt://, mqtts://, ws://, wss://, with optional user:password.

const SCHEMES = ['mqtt:', 'mqtts:', 'ws:', 'wss:'] as const

export interface BrokerTarget {
  /** the URL without credentials, safe to print and log */
  url: string
  username?: string
  password?: string
}

/** Parses a broker URL or throws an Error whose message is one line for the user. */
export function parseBrokerUrl(raw: string): BrokerTarget {
  let u: URL
  try {
    u = new URL(raw)
  } catch {
    throw new Error(`--broker: "${raw}" is not a URL; expected e.g. mqtt://broker.example:1883`)
  }
  if (!(SCHEMES as readonly string[]).includes(u.protocol)) {
    throw new Error(`--broker: scheme ${u.protocol} is not supported; use mqtt://, mqtts://, ws:// or wss://`)
  }
  if (!u.hostname) throw new Error(`--broker: "${raw}" has no host`)
  const username = u.username ? decodeURIComponent(u.username) : undefined
  const password = u.password ? decodeURIComponent(u.password) : undefined
  u.username = ''
  u.password = ''
  return { url: u.toString().replace(/\/$/, ''), username, password }
}
