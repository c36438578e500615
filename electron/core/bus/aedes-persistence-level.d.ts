// aedes-persistence-level ships no types; aedes takes its async class as `persistence`.
declare module 'aedes-persistence-level/asyncPersistence.js' {
  import type { AbstractLevel } from 'abstract-level'
  export default class AsyncLevelPersistence {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any level instance
    constructor(db: AbstractLevel<any, any, any>)
  }
}
