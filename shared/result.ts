// Errors cross every boundary (IPC, HTTP, WebSocket) as data with a closed set of codes.

export const ERROR_CODES = [
  'bad_request', // the input failed validation; message names the field
  'unauthorized', // no or wrong session token
  'forbidden', // authenticated, but not allowed
  'not_found',
  'conflict',
  'too_large',
  'rate_limited', // too many attempts; try again later
  'unavailable', // the engine is starting or stopping
  'internal'
] as const
export type ErrorCode = (typeof ERROR_CODES)[number]

export interface ApiError {
  code: ErrorCode
  message: string
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError }

export const ok = <T>(value: T): Result<T> => ({ ok: true, value })
export const fail = (code: ErrorCode, message: string): Result<never> => ({
  ok: false,
  error: { code, message }
})

/** HTTP status for each error code, so the web host and its clients agree. */
export function httpStatus(code: ErrorCode): number {
  switch (code) {
    case 'bad_request':
      return 400
    case 'unauthorized':
      return 401
    case 'forbidden':
      return 403
    case 'not_found':
      return 404
    case 'conflict':
      return 409
    case 'too_large':
      return 413
    case 'rate_limited':
      return 429
    case 'unavailable':
      return 503
    case 'internal':
      return 500
    default:
      return missingCase(code)
  }
}

/** Makes a switch exhaustive at compile time. */
export function missingCase(x: never): never {
  throw new Error(`unhandled case: ${JSON.stringify(x)}`)
}
