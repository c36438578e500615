// The one HTTP call every web adapter makes: POST, read the answer as JSON when it is, and
// turn network errors into a retryable outcome.
import { networkFailure, type SendOutcome } from './adapter'

export interface HttpAnswer {
  status: number
  headers: Headers
  /** parsed JSON, or the text when it isn't JSON */
  body: unknown
}

export async function post(
  url: string,
  init: { headers: Record<string, string>; body: string },
  signal: AbortSignal
): Promise<HttpAnswer | SendOutcome> {
  try {
    const res = await fetch(url, { method: 'POST', headers: init.headers, body: init.body, signal, redirect: 'error' })
    const text = await res.text()
    let body: unknown = text
    try {
      body = text ? JSON.parse(text) : null
    } catch {
      // not JSON: keep the text (Slack answers "ok", errors as plain words)
    }
    return { status: res.status, headers: res.headers, body }
  } catch (err) {
    return networkFailure(err)
  }
}

export const isAnswer = (a: HttpAnswer | SendOutcome): a is HttpAnswer => 'status' in a

/** A short, single-line rendering of an error body for the ledger. */
export const brief = (body: unknown): string =>
  (typeof body === 'string' ? body : JSON.stringify(body)).replace(/\s+/g, ' ').slice(0, 500)
