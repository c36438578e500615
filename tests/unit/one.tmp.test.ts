import { it } from 'vitest'
import { eld } from 'eld/large'
import { scoreLanguages } from '../../electron/core/analyze/language-ngrams'
import { SERVED_LANGUAGES } from '../../electron/core/analyze/language'
it('x', () => { eld.setLanguageSubset([...SERVED_LANGUAGES]); for (const t of ["İ'ł-ß-.  -!éİßש", "İ'ł", "ß", "éİßש", "İ", "éİ", "İß", "ש", "İש"]) { const th = eld.detect(t); console.log(JSON.stringify(t), JSON.stringify(th.getScores()), th.language, JSON.stringify(scoreLanguages(t))) } })
