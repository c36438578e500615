// The wall's standing signals beside the charts, as pushed to consoles.
export interface RisingTermEntry {
  /** in its most frequent written form */
  term: string
  /** texts carrying it in the last 10 minutes */
  count: number
  /** texts expected to carry it, from its share in the hour before */
  baseline: number
  /** the languages of the texts that carry it, most frequent first */
  langs: string[]
}
