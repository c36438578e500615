// A refusal with a code from the closed set: thrown by handlers, turned into a Result by
// dispatch, and into an HTTP status by the web host.
import type { ErrorCode } from '../../../shared/result'

export class ApiFailure extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string
  ) {
    super(message)
  }
}

export const refuse = (code: ErrorCode, message: string): never => {
  throw new ApiFailure(code, message)
}
