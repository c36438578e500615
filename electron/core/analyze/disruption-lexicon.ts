// What general sentiment lexicons miss in a travel or service crisis: being cancelled,
// stranded, delayed, left on hold with no answer reads as neutral to them. Scores on AFINN's
// scale (-5..5). Word forms are matched through each language's stemmer, so one form per
// word is enough where Snowball exists; Polish and Hebrew list the common forms.
// Also each language's negators and intensifiers.

// A request for help is a plea, not praise: general lexicons score "help" and "please" as
// positive, and in a crisis they open complaints ("please help, stranded at AMS").
const REQUESTS: Record<string, Record<string, number>> = {
  en: { help: 0, please: 0 },
  nl: { hulp: 0, alsjeblieft: 0 },
  sv: { hjälp: 0 },
  de: { hilfe: 0, bitte: 0 },
  fr: { aide: 0 },
  es: { ayuda: 0, 'por favor': 0 },
  it: { aiuto: 0, 'per favore': 0 },
  pt: { ajuda: 0, 'por favor': 0 },
  pl: { pomoc: 0, proszę: 0 }
}

const DISRUPTION_WORDS: Record<string, Record<string, number>> = {
  en: {
    cancelled: -2, canceled: -2, cancellation: -2, stranded: -3, stuck: -2, delayed: -2, delay: -2, 'on hold': -2, 'no answer': -2,
    unreachable: -2, queue: -1, rebooked: 1, refund: 0, refunded: 1, compensation: 0, chaos: -3, nightmare: -3, joke: -2,
    ridiculous: -3, useless: -3, worst: -3, disgrace: -3, shambles: -3, lost: -2, missed: -2, overbooked: -2, waiting: -1,
    hours: -1, 'no info': -2, 'no information': -2, ignored: -2, thanks: 2, thank: 2, appreciate: 2, helpful: 2, smooth: 2, kudos: 3,
    // the website, the app and the phone lines failing
    down: -1, outage: -3, offline: -1, broken: -2, unusable: -3, glitch: -2, crashed: -2, 'no response': -2, 'no reply': -2, 'still waiting': -2
  },
  nl: {
    geannuleerd: -2, annulering: -2, vast: -1, vastgezet: -2, gestrand: -3, vertraagd: -2, vertraging: -2, 'in de wacht': -2,
    onbereikbaar: -2, omgeboekt: 1, terugbetaling: 0, chaos: -3, schandalig: -3, belachelijk: -3, waardeloos: -3, bedankt: 2,
    dank: 2, top: 2, geweldig: 3, slecht: -3, boos: -3, kwijt: -2, wachten: -1, uren: -1
  },
  sv: {
    inställt: -2, inställd: -2, inställda: -2, strandsatt: -3, strandsatta: -3, försenat: -2, försening: -2, 'i kö': -1,
    ombokad: 1, återbetalning: 0, kaos: -3, skandal: -3, värdelös: -3, tack: 2, bra: 2, dålig: -2, arg: -3, väntar: -1, timmar: -1
  },
  fi: {
    peruttu: -2, peruttiin: -2, peruutus: -2, jumissa: -3, myöhässä: -2, viivästys: -2, jonossa: -1, kaaos: -3, skandaali: -3,
    kiitos: 2, kiitokset: 2, hyvä: 2, huono: -2, surkea: -3, vihainen: -3, odottaa: -1, tunteja: -1, ihana: 3, paras: 3
  },
  pl: {
    odwołany: -2, odwołane: -2, odwołano: -2, utknęliśmy: -3, utknąłem: -3, opóźniony: -2, opóźnienie: -2, opóźnienia: -2,
    chaos: -3, skandal: -3, dziękuję: 2, dzięki: 2, super: 2, świetnie: 3, dobrze: 2, źle: -2, beznadziejny: -3, fatalnie: -3,
    czekam: -1, godziny: -1, żenada: -3, masakra: -3, tragedia: -3, brawo: 3, kocham: 3
  },
  de: {
    annulliert: -2, gestrichen: -2, gestrandet: -3, verspätet: -2, verspätung: -2, warteschleife: -2, erreichbar: 0,
    umgebucht: 1, erstattung: 0, chaos: -3, skandal: -3, katastrophe: -3, danke: 2, super: 2, toll: 3, schlecht: -2, wütend: -3
  },
  fr: {
    annulé: -2, annulée: -2, annulation: -2, bloqué: -2, bloqués: -2, retard: -2, retardé: -2, attente: -1, remboursement: 0,
    chaos: -3, scandale: -3, honte: -3, merci: 2, bravo: 3, génial: 3, nul: -3, nulle: -3, colère: -3
  },
  es: {
    cancelado: -2, cancelada: -2, cancelación: -2, varado: -3, atrapado: -2, retraso: -2, retrasado: -2, espera: -1,
    reembolso: 0, caos: -3, vergüenza: -3, gracias: 2, genial: 3, excelente: 3, fatal: -3, pésimo: -3, horrible: -3
  },
  it: {
    cancellato: -2, annullato: -2, bloccato: -2, ritardo: -2, attesa: -1, rimborso: 0, caos: -3, vergogna: -3, grazie: 2,
    bravi: 3, ottimo: 3, pessimo: -3, schifo: -3, ridicolo: -3
  },
  pt: {
    cancelado: -2, cancelada: -2, preso: -2, atrasado: -2, atraso: -2, espera: -1, reembolso: 0, caos: -3, vergonha: -3,
    obrigado: 2, obrigada: 2, ótimo: 3, péssimo: -3, horrível: -3, absurdo: -3
  },
  da: { aflyst: -2, strandet: -3, forsinket: -2, forsinkelse: -2, kaos: -3, skandale: -3, tak: 2, god: 2, dårlig: -2, vred: -3 },
  no: { innstilt: -2, kansellert: -2, strandet: -3, forsinket: -2, forsinkelse: -2, kaos: -3, skandale: -3, takk: 2, bra: 2, dårlig: -2, sint: -3 },
  he: {
    בוטלה: -2, בוטל: -2, ביטול: -2, תקוע: -3, תקועים: -3, עיכוב: -2, מאחר: -2, המתנה: -1, החזר: 0, בושה: -3, שערורייה: -3,
    תודה: 2, מעולה: 3, מצוין: 3, גרוע: -3, נורא: -3, זוועה: -3, מדהים: 3, אהבתי: 3
  },
  ar: { ملغاة: -2, ألغيت: -2, إلغاء: -2, عالق: -3, تأخير: -2, متأخر: -2, انتظار: -1, فوضى: -3, فضيحة: -3, شكرا: 2, ممتاز: 3, سيء: -3 }
}

export const DISRUPTION: Record<string, Record<string, number>> = Object.fromEntries(
  Object.entries(DISRUPTION_WORDS).map(([lang, words]) => [lang, { ...words, ...REQUESTS[lang] }])
)

const set = (words: string) => new Set(words.split('|'))

export const NEGATORS: Record<string, ReadonlySet<string>> = {
  en: set("not|no|never|none|nobody|nothing|neither|nor|without|can't|cannot|won't|don't|doesn't|didn't|isn't|aren't|wasn't|weren't|haven't|hasn't|hadn't|couldn't|wouldn't|shouldn't|ain't|cant|wont|dont|doesnt|didnt|isnt|wasnt"),
  nl: set('niet|geen|nooit|niks|niets|nergens|zonder|noch'),
  sv: set('inte|ej|inga|ingen|inget|aldrig|utan|icke'),
  fi: set('ei|en|et|emme|ette|eivät|älä|ilman|koskaan'),
  pl: set('nie|bez|nigdy|żaden|żadna|żadne|ani'),
  de: set('nicht|kein|keine|keinen|keiner|nie|niemals|nichts|ohne|weder'),
  fr: set('ne|pas|jamais|rien|aucun|aucune|sans|ni|personne'),
  es: set('no|nunca|jamás|nada|ningún|ninguna|ninguno|sin|ni|tampoco'),
  it: set('non|mai|niente|nessun|nessuno|nessuna|senza|né'),
  pt: set('não|nao|nunca|jamais|nada|nenhum|nenhuma|sem|nem'),
  da: set('ikke|ingen|intet|aldrig|uden'),
  no: set('ikke|ingen|intet|aldri|uten'),
  he: set('לא|אין|בלי|אף|מעולם|אינו|אינה'),
  ar: set('لا|لم|لن|ليس|ليست|غير|بدون|ما')
}

export const INTENSIFIERS: Record<string, ReadonlySet<string>> = {
  en: set('very|really|so|extremely|totally|absolutely|completely|incredibly|super|too|utterly|most'),
  nl: set('heel|erg|zeer|echt|super|totaal|enorm|ontzettend|zo|te'),
  sv: set('mycket|väldigt|jätte|riktigt|helt|otroligt|så|för'),
  fi: set('todella|tosi|erittäin|aivan|täysin|niin|liian|hyvin'),
  pl: set('bardzo|naprawdę|totalnie|kompletnie|strasznie|zbyt|tak'),
  de: set('sehr|wirklich|total|extrem|völlig|absolut|so|zu|echt'),
  fr: set('très|vraiment|trop|tellement|complètement|totalement|extrêmement'),
  es: set('muy|realmente|totalmente|completamente|demasiado|tan|súper'),
  it: set('molto|davvero|troppo|totalmente|completamente|così|super'),
  pt: set('muito|realmente|totalmente|completamente|demais|tão|super'),
  da: set('meget|virkelig|helt|utrolig|så|for'),
  no: set('veldig|virkelig|helt|utrolig|så|for'),
  he: set('מאוד|ממש|לגמרי|כל כך|נורא'),
  ar: set('جدا|جداً|للغاية|تماما|حقا')
}
