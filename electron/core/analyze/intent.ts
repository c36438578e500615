// Intent and urgency of a mention, in the console's languages. Intent: a question (a
// question mark, or a question word opening the text), else a complaint (negative
// sentiment), praise (positive sentiment), or information. Urgency: cues a crisis team
// must not leave waiting: medical needs, minors, stranded overnight, safety. Personal
// data in public (booking codes, phone numbers, e-mail) is flagged so a reply moves to a
// direct message (shared/personal-data.ts).
import { personalData, type PersonalDataKind } from '../../../shared/personal-data'

export type Intent = 'question' | 'complaint' | 'praise' | 'information'
export type UrgentCue = 'medical' | 'minors' | 'overnight' | 'safety'

export interface IntentResult {
  intent: Intent
  urgent: UrgentCue[]
  personal: PersonalDataKind[]
}

// Whole words in any script (JS's \b knows only ASCII letters); prefixes end in \p{L}*.
const words = (list: string) => new RegExp(`(?<!\\p{L})(?:${list})(?!\\p{L})`, 'iu')

const QUESTION_OPENERS = words(
  [
    'how|when|where|what|why|which|who|can|could|is|are|will|do|does|should|any news',
    'hoe|wanneer|waar|wat|waarom|welke|wie|kan|kunnen|is|zijn|moet|krijg',
    'hur|när|var|vad|varför|vilken|vem|kan|får|finns',
    'hvordan|hvornår|hvor|hvad|hvorfor|hvilken|kan|får|hva|når',
    'miten|milloin|missä|mitä|miksi|kuka|voiko|onko|saako',
    'jak|kiedy|gdzie|co|dlaczego|który|czy',
    'wie|wann|wo|was|warum|welche|wer|kann|können|gibt es|muss',
    'comment|quand|où|que|pourquoi|quel|quelle|qui|est-ce|puis-je|peut-on',
    'cómo|cuándo|dónde|qué|por qué|cuál|quién|puedo|hay',
    'come|quando|dove|cosa|perché|quale|chi|posso|si può',
    'como|quando|onde|o que|por que|qual|quem|posso',
    'איך|מתי|איפה|מה|למה|האם',
    'كيف|متى|أين|ماذا|لماذا|هل'
  ].join('|')
)

const CUES: Record<UrgentCue, RegExp> = {
  medical: words(
    'medical|medicine\\p{L}*|medication|insulin|hospital|doctor|ambulance|pregnant|wheelchair|dialysis|epilep\\p{L}*|diabet\\p{L}*|medicijn\\p{L}*|ziekenhuis|dokter|zwanger|rolstoel|medicin\\p{L}*|sjukhus|läkare|gravid|lääk\\p{L}*|sairaala|raskaana|lek\\p{L}*|szpital|w ciąży|medikament\\p{L}*|krankenhaus|arzt|schwanger|médicament\\p{L}*|hôpital|médecin|enceinte|medicamento\\p{L}*|hospital|médico|embarazada|medicin\\p{L}*|ospedale|incinta|grávida|תרופ\\p{L}*|בית חולים|דוא|دواء|مستشفى'
  ),
  minors: words(
    'kids?|child(ren)?|baby|babies|toddler|infant|minor|unaccompanied|kinderen|kind|baby|kinder|barn|bebis|lapset|lapsi|vauva|dzieci|dziecko|niemowlę|kind|kinder|enfants?|bébé|niños?|bebé|bambin[oi]|neonato|crianças?|ילד\\p{L}*|תינוק|أطفال|طفل'
  ),
  overnight: words(
    'overnight|tonight|sleep(ing)? (on|at) the (floor|airport)|no hotel|stuck all night|vannacht|overnachten|geen hotel|op de vloer|i natt|övernatta|inget hotell|i nat|ingen hotel|yöksi|yön yli|ei hotellia|na noc|nocleg|bez hotelu|über nacht|heute nacht|kein hotel|cette nuit|pas d.hôtel|esta noche|sin hotel|stanotte|senza hotel|esta noite|sem hotel|הלילה|الليلة'
  ),
  safety: words(
    'unsafe|danger\\p{L}*|threat\\p{L}*|violence|fight|injur\\p{L}*|fire|smoke|security|onveilig|gevaar\\p{L}*|geweld|gewond|osäker|fara|farlig|våld|skadad|vaarallinen|väkivalta|niebezpie\\p{L}*|przemoc|ranny|gefahr|gefährlich|gewalt|verletzt|danger|dangereux|violence|blessé|peligro\\p{L}*|violencia|herido|pericolo\\p{L}*|violenza|ferito|perigo\\p{L}*|violência|ferido|סכנה|خطر'
  )
}

const QUESTION_MARK = /[?？؟]/

/** People leave the question mark off on phones: a short text opening with a question word, not an exclamation. */
function opensLikeAQuestion(text: string): boolean {
  if (/!/.test(text) || text.split(/\s+/).length > 15) return false
  const m = QUESTION_OPENERS.exec(text)
  return m !== null && m.index === 0 && !/^\p{L}+['’]/u.test(text)
}

/** `sentimentScore` in [-1, 1] from the sentiment analyzer; the neutral band is its own. */
export function classifyIntent(text: string, sentimentScore: number): IntentResult {
  const trimmed = text.trim()
  const urgent = (Object.keys(CUES) as UrgentCue[]).filter((c) => CUES[c].test(trimmed))
  const personal = personalData(trimmed)
  let intent: Intent
  if (QUESTION_MARK.test(trimmed) || opensLikeAQuestion(trimmed)) intent = 'question'
  else if (sentimentScore <= -0.05) intent = 'complaint'
  else if (sentimentScore >= 0.05) intent = 'praise'
  else intent = 'information'
  return { intent, urgent, personal }
}
