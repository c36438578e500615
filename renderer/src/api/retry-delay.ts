// How long to wait before asking the engine again: 0.5 s, 1 s, 2 s ... capped at 10 s. The
// live transport and the console's first question both wait this way.
export function retryDelay(attempt: number): number {
  return Math.min(10_000, 500 * 2 ** attempt)
}
