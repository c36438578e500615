// JSON nested deeper than any real mention or request needs is refused before it is
// parsed: JSON.parse copes with 10,000 levels, but everything after it that walks the
// value (JSON.stringify, schema checks, structured clone) recurses and can run out of
// stack inside a broker callback, taking the engine down (issue 21).

/** Deepest nesting of arrays and objects we accept in any input: a mention needs 3. */
export const MAX_JSON_DEPTH = 64

/**
 * How deep the arrays and objects of a JSON text nest, counting brackets outside
 * strings; stops counting once past `limit`. Linear and non-recursive, so it is safe on
 * any input, valid JSON or not.
 */
export function jsonNestingDepth(text: string, limit = MAX_JSON_DEPTH): number {
  let depth = 0
  let deepest = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (inString) {
      if (c === 92 /* \ */) i++
      else if (c === 34 /* " */) inString = false
    } else if (c === 34) inString = true
    else if (c === 91 /* [ */ || c === 123 /* { */) {
      if (++depth > deepest) {
        deepest = depth
        if (deepest > limit) return deepest
      }
    } else if (c === 93 /* ] */ || c === 125 /* } */) depth--
  }
  return deepest
}

/** The reason a JSON text is refused for its nesting, or null when it is within the limit. */
export function nestingProblem(text: string, limit = MAX_JSON_DEPTH): string | null {
  return jsonNestingDepth(text, limit) > limit
    ? `nested too deep: more than ${limit} levels of arrays or objects`
    : null
}
