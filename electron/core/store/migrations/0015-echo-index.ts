// v15: find an original's echoes (retweets, copies) without reading every mention: the
// queue closes them in one go. Partial: originals, most mentions, are not in it.
export const migration0015 = {
  version: 15,
  name: 'index of echoes by their original',
  sql: `
    CREATE INDEX mentions_echo_of ON mentions (echo_of) WHERE echo_of IS NOT NULL;
  `
}
