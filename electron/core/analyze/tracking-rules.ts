// Per-incident tracking rules: a topic and a query of words and "quoted phrases" joined by
// AND (or nothing), OR and NOT, with parentheses, optionally for one language. Words match
// by Snowball stem in the mention's language, so "cancel" finds "cancelled" and "vlucht"
// finds "vluchten"; a phrase matches its words in a row.
import { textTerms } from '../knowledge/text-terms'

export type RuleNode =
  | { kind: 'word'; word: string }
  | { kind: 'phrase'; words: string[] }
  | { kind: 'not'; of: RuleNode }
  | { kind: 'and' | 'or'; of: RuleNode[] }

export class RuleError extends Error {}

const TOKEN = /\s*(?:(\()|(\))|"([^"]*)"|([^\s()"]+))/y

function tokenize(query: string): string[] {
  const out: string[] = []
  TOKEN.lastIndex = 0
  for (;;) {
    if (TOKEN.lastIndex >= query.length || /^\s*$/.test(query.slice(TOKEN.lastIndex))) return out
    const at = TOKEN.lastIndex
    const m = TOKEN.exec(query)
    if (!m) throw new RuleError(`unclosed quote at character ${at + 1}`)
    out.push(m[1] ?? m[2] ?? (m[3] !== undefined ? `"${m[3]}` : m[4]))
  }
}

/** Parses a query; throws a RuleError saying what is wrong and where. */
export function parseRule(query: string): RuleNode {
  const tokens = tokenize(query)
  let i = 0
  const peek = () => tokens[i]
  const isOp = (t: string | undefined, op: string) => t !== undefined && t.toUpperCase() === op && !t.startsWith('"')
  const parseOr = (): RuleNode => {
    const of = [parseAnd()]
    while (isOp(peek(), 'OR')) {
      i++
      of.push(parseAnd())
    }
    return of.length === 1 ? of[0] : { kind: 'or', of }
  }
  const parseAnd = (): RuleNode => {
    const of = [parseNot()]
    while (peek() !== undefined && peek() !== ')' && !isOp(peek(), 'OR')) {
      if (isOp(peek(), 'AND')) i++
      of.push(parseNot())
    }
    return of.length === 1 ? of[0] : { kind: 'and', of }
  }
  const parseNot = (): RuleNode => {
    if (isOp(peek(), 'NOT')) {
      i++
      return { kind: 'not', of: parseNot() }
    }
    return parsePrimary()
  }
  const parsePrimary = (): RuleNode => {
    const t = tokens[i++]
    if (t === undefined) throw new RuleError('the query ends where a word was expected')
    if (t === '(') {
      const inner = parseOr()
      if (tokens[i++] !== ')') throw new RuleError('a "(" is not closed')
      return inner
    }
    if (t === ')') throw new RuleError('a ")" without its "("')
    if (isOp(t, 'AND') || isOp(t, 'OR')) throw new RuleError(`"${t}" needs a word on each side`)
    if (t.startsWith('"')) {
      const words =
        t
          .slice(1)
          .toLowerCase()
          .match(/[\p{L}\p{N}]+/gu) ?? []
      if (words.length === 0) throw new RuleError('an empty phrase ""')
      return words.length === 1 ? { kind: 'word', word: words[0] } : { kind: 'phrase', words }
    }
    const word = t
      .toLowerCase()
      .match(/[\p{L}\p{N}#]+/gu)
      ?.join('')
    if (!word) throw new RuleError(`"${t}" is not a word`)
    return { kind: 'word', word }
  }
  if (tokens.length === 0) throw new RuleError('the query is empty')
  const tree = parseOr()
  if (i < tokens.length) throw new RuleError(tokens[i] === ')' ? 'a ")" without its "("' : `unexpected "${tokens[i]}"`)
  return tree
}

/** A mention's words as the rules see them: stems in its language, in order. */
export interface RuleText {
  terms: string[]
  set: Set<string>
  lang: string
}

export function ruleText(text: string, lang: string | null): RuleText {
  const terms = textTerms(text, lang ?? 'en')
  return { terms, set: new Set(terms), lang: lang ?? 'en' }
}

const stemCache = new Map<string, string[]>()
/** A rule's words stemmed like the mention's, stop words kept (a rule may name one on purpose). */
function stems(words: string[], lang: string): string[] {
  const key = `${lang}\u0000${words.join(' ')}`
  let s = stemCache.get(key)
  if (!s) {
    s = words.map((w) => textTerms(w, lang)[0] ?? w)
    if (stemCache.size > 10_000) stemCache.clear()
    stemCache.set(key, s)
  }
  return s
}

export function matchesRule(node: RuleNode, t: RuleText): boolean {
  switch (node.kind) {
    case 'word':
      return t.set.has(stems([node.word], t.lang)[0]) || t.set.has(node.word)
    case 'phrase': {
      const want = stems(node.words, t.lang)
      for (let i = 0; i + want.length <= t.terms.length; i++)
        if (want.every((w, k) => t.terms[i + k] === w)) return true
      return false
    }
    case 'not':
      return !matchesRule(node.of, t)
    case 'and':
      return node.of.every((n) => matchesRule(n, t))
    case 'or':
      return node.of.some((n) => matchesRule(n, t))
  }
}
