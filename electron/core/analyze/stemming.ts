// Snowball stemmers and stop words per language, from Orama's maintained packages (generated
// from the Snowball project). Snowball has no Polish stemmer: Polish uses nlp.js's (MIT), a
// light stemmer of noun, verb and adjective endings. Hebrew's words are kept whole. Used by
// the knowledge bank's search and by the analyzers.
import { stemmer as ar } from '@orama/stemmers/arabic'
import { stemmer as da } from '@orama/stemmers/danish'
import { stemmer as de } from '@orama/stemmers/german'
import { stemmer as en } from '@orama/stemmers/english'
import { stemmer as es } from '@orama/stemmers/spanish'
import { stemmer as fi } from '@orama/stemmers/finnish'
import { stemmer as fr } from '@orama/stemmers/french'
import { stemmer as it } from '@orama/stemmers/italian'
import { stemmer as nl } from '@orama/stemmers/dutch'
import { stemmer as no } from '@orama/stemmers/norwegian'
import { stemmer as pt } from '@orama/stemmers/portuguese'
import { stemmer as sv } from '@orama/stemmers/swedish'
import { StemmerPl } from '@nlpjs/lang-pl'
import { stopwords as arStop } from '@orama/stopwords/arabic'
import { stopwords as daStop } from '@orama/stopwords/danish'
import { stopwords as deStop } from '@orama/stopwords/german'
import { stopwords as enStop } from '@orama/stopwords/english'
import { stopwords as esStop } from '@orama/stopwords/spanish'
import { stopwords as fiStop } from '@orama/stopwords/finnish'
import { stopwords as frStop } from '@orama/stopwords/french'
import { stopwords as itStop } from '@orama/stopwords/italian'
import { stopwords as nlStop } from '@orama/stopwords/dutch'
import { stopwords as noStop } from '@orama/stopwords/norwegian'
import { stopwords as ptStop } from '@orama/stopwords/portuguese'
import { stopwords as svStop } from '@orama/stopwords/swedish'

const polish = new StemmerPl()
/**
 * nlp.js stems Polish without its diacritics ("świetny" -> "swietn"), as its own lexicons do.
 * Its `stem()` keeps every word it has seen in a cache that never forgets, which a console
 * that runs for days cannot have; the stemming steps themselves are cheap.
 */
function pl(word: string): string {
  polish.setCurrent(word.normalize('NFD').replace(/[\u0300-\u036f]/g, ''))
  polish.innerStem()
  return polish.getCurrent()
}
const STEMMERS: Record<string, (w: string) => string> = { ar, da, de, en, es, fi, fr, it, nl, no, nb: no, pl, pt, sv }
// Orama has no lists for Polish and Hebrew: their commonest function words, so a rising
// "się" or "כבר" doesn't crowd out what people actually talk about.
const plStop =
  'a ale albo bardzo bo by być był była było co czy dla do gdy ich i jak jako jednak jest jestem jeszcze już lub ma mi mnie może mój moja moje my na nas nie nic o od oraz po pod przez przy się są ta tak tam te tego tej ten to tu tylko tym w we wy z za ze że żeby'.split(
    ' '
  )
const heStop =
  'של את על עם זה זו זאת הוא היא הם הן אני אתה אנחנו לא כן גם רק כל מה מי אם כי או אבל יש אין היה הייתה עוד כבר אז לי לו לה לנו להם שלי שלו שלה אל מן כמו אחרי לפני עכשיו'.split(
    ' '
  )

const STOPWORDS: Record<string, ReadonlySet<string>> = Object.fromEntries(
  Object.entries({
    ar: arStop,
    da: daStop,
    de: deStop,
    en: enStop,
    es: esStop,
    fi: fiStop,
    fr: frStop,
    he: heStop,
    it: itStop,
    nl: nlStop,
    no: noStop,
    nb: noStop,
    pl: plStop,
    pt: ptStop,
    sv: svStop
  }).map(([k, v]) => [k, new Set(v)])
)
/** Every list at once: for a text whose language is not known (yet), or not one we serve. */
const ANY_STOPWORDS: ReadonlySet<string> = new Set(Object.values(STOPWORDS).flatMap((s) => [...s]))

/** Languages whose inflected forms are merged. */
export const STEMMED_LANGUAGES = Object.keys(STEMMERS)

/** The base language of a tag: "nl-BE" -> "nl". */
export const baseLanguage = (lang: string) => lang.toLowerCase().split('-')[0]

const keep = (w: string) => w
/** The stemmer for `lang`, or identity where Snowball has none. */
export const stemmerFor = (lang: string): ((w: string) => string) => STEMMERS[baseLanguage(lang)] ?? keep
export const stopwordsFor = (lang: string): ReadonlySet<string> | undefined => STOPWORDS[baseLanguage(lang)]
/** The stop words of `lang`; of every language we have lists for when it is unknown. */
export const stopwordsOrAny = (lang: string | null): ReadonlySet<string> =>
  (lang && STOPWORDS[baseLanguage(lang)]) || ANY_STOPWORDS
