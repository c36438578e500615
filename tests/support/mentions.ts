// Valid mentions for tests, in the contract's shape (DESIGN 4.2).
import type { Mention } from '../../shared/mention'

export function mention(n: number, overrides: Partial<Mention> = {}): Mention {
  return {
    id: `m-${n}`,
    channel: 'twitter',
    author: { handle: `traveller${n}`, followers: 10 + n },
    text: `Flight KL${1000 + n} cancelled, what now? #ashcloud`,
    ts: new Date(Date.UTC(2010, 3, 17, 9, 0, 0) + n * 1000).toISOString(),
    ...overrides
  }
}

export const json = (value: unknown): Buffer => Buffer.from(JSON.stringify(value))
