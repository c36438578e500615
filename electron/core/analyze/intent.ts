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
const WORD_END = '(?!\\p{L})'

// only the opening word counts: anchored, so a text that doesn't open with one is rejected at once
const QUESTION_OPENERS = new RegExp(
  `^(?:${[
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
  ].join('|')})${WORD_END}`,
  'iu'
)

const CUE_WORDS: Record<UrgentCue, string> = {
  medical:
    'medical|medicine\\p{L}*|medication|insulin|hospital|doctor|ambulance|pregnant|wheelchair|dialysis|epilep\\p{L}*|diabet\\p{L}*|medicijn\\p{L}*|ziekenhuis|dokter|zwanger|rolstoel|medicin\\p{L}*|sjukhus|läkare|gravid|lääk\\p{L}*|sairaala|raskaana|lek\\p{L}*|szpital|w ciąży|medikament\\p{L}*|krankenhaus|arzt|schwanger|médicament\\p{L}*|hôpital|médecin|enceinte|medicamento\\p{L}*|hospital|médico|embarazada|medicin\\p{L}*|ospedale|incinta|grávida|תרופ\\p{L}*|בית חולים|דוא|دواء|مستشفى',
  minors:
    'kids?|child(ren)?|baby|babies|toddler|infant|minor|unaccompanied|kinderen|kind|baby|kinder|barn|bebis|lapset|lapsi|vauva|dzieci|dziecko|niemowlę|kind|kinder|enfants?|bébé|niños?|bebé|bambin[oi]|neonato|crianças?|ילד\\p{L}*|תינוק|أطفال|طفل',
  overnight:
    'overnight|tonight|sleep(ing)? (on|at) the (floor|airport)|no hotel|stuck all night|vannacht|overnachten|geen hotel|op de vloer|i natt|övernatta|inget hotell|i nat|ingen hotel|yöksi|yön yli|ei hotellia|na noc|nocleg|bez hotelu|über nacht|heute nacht|kein hotel|cette nuit|pas d.hôtel|esta noche|sin hotel|stanotte|senza hotel|esta noite|sem hotel|הלילה|الليلة',
  safety:
    'unsafe|danger\\p{L}*|threat\\p{L}*|violence|fight|injur\\p{L}*|fire|smoke|security|onveilig|gevaar\\p{L}*|geweld|gewond|osäker|fara|farlig|våld|skadad|vaarallinen|väkivalta|niebezpie\\p{L}*|przemoc|ranny|gefahr|gefährlich|gewalt|verletzt|danger|dangereux|violence|blessé|peligro\\p{L}*|violencia|herido|pericolo\\p{L}*|violenza|ferito|perigo\\p{L}*|violência|ferido|סכנה|خطر'
}

// all cues in one pass over the text (most texts have none): each cue a named group
const CUES = new RegExp(
  `(?<!\\p{L})(?:${Object.entries(CUE_WORDS)
    .map(([cue, list]) => `(?<${cue}>${list})`)
    .join('|')})${WORD_END}`,
  'giu'
)

const ANY_CUE = new RegExp(CUES.source, 'iu')

function urgentCues(text: string): UrgentCue[] {
  if (!ANY_CUE.test(text)) return [] // most texts: one scan, no iterator
  const found = new Set<UrgentCue>()
  for (const m of text.matchAll(CUES))
    for (const [cue, value] of Object.entries(m.groups ?? {})) if (value !== undefined) found.add(cue as UrgentCue)
  return (Object.keys(CUE_WORDS) as UrgentCue[]).filter((c) => found.has(c))
}

const QUESTION_MARK = /[?？؟]/

/** People leave the question mark off on phones: a short text opening with a question word, not an exclamation. */
function opensLikeAQuestion(text: string): boolean {
  return (
    QUESTION_OPENERS.test(text) && !text.includes('!') && text.split(/\s+/).length <= 15 && !/^\p{L}+['’]/u.test(text)
  )
}

/** `sentimentScore` in [-1, 1] from the sentiment analyzer; the neutral band is its own. */
export function classifyIntent(text: string, sentimentScore: number): IntentResult {
  const trimmed = text.trim()
  const urgent = urgentCues(trimmed)
  const personal = personalData(trimmed)
  let intent: Intent
  if (QUESTION_MARK.test(trimmed) || opensLikeAQuestion(trimmed)) intent = 'question'
  else if (sentimentScore <= -0.05) intent = 'complaint'
  else if (sentimentScore >= 0.05) intent = 'praise'
  else intent = 'information'
  return { intent, urgent, personal }
}
