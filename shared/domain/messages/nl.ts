import type { Catalog } from './catalog.ts';

/**
 * Dutch (formal "u"). SMS texts are GSM-7: é is in the basic set but ê and ë are not, so SMS say
 * "vragenlijst" rather than "enquête". One segment with a 20-character brand and the reminder
 * prefix forced: CES statements of the form "{brand} maakte het ... makkelijk", "pakket" for the
 * delivered order, and "Hoeveel moeite kostte het u om geholpen te worden?" for support effort.
 */
export const nl: Catalog = {
  question: {
    nps: 'Hoe waarschijnlijk is het dat u {brand} zou aanbevelen aan een vriend?',
    csat: {
      purchase: 'Hoe tevreden bent u over uw bestelling bij {brand}?',
      delivery: 'Hoe tevreden bent u over de bezorging door {brand}?',
      ticket_closed: 'Hoe tevreden bent u over hoe {brand} uw vraag afhandelde?',
      other: 'Hoe tevreden bent u over {brand}?',
    },
    ces: {
      purchase: '{brand} maakte het mij makkelijk om te bestellen.',
      delivery: '{brand} maakte het ontvangen van mijn pakket makkelijk.',
      ticket_closed: '{brand} maakte het oplossen van mijn vraag makkelijk.',
      other: '{brand} maakte het mij makkelijk om alles te regelen.',
    },
    effort: {
      purchase: 'Hoeveel moeite kostte het u om te bestellen?',
      delivery: 'Hoeveel moeite kostte het u om uw pakket te ontvangen?',
      ticket_closed: 'Hoeveel moeite kostte het u om geholpen te worden?',
      other: 'Hoeveel moeite kostte het u?',
    },
  },
  agree: 'In hoeverre bent u het eens met deze stelling?',
  quotes: ['‘', '’'],
  labels: {
    low: {
      nps: 'zeer onwaarschijnlijk',
      csat: 'zeer ontevreden',
      ces: 'helemaal mee oneens',
      effort: 'heel weinig moeite',
    },
    high: {
      nps: 'zeer waarschijnlijk',
      csat: 'zeer tevreden',
      ces: 'helemaal mee eens',
      effort: 'heel veel moeite',
    },
  },
  sms: {
    brandPrefix: '{brand}: ',
    reply: {
      nps: 'Antwoord met {min}-{max}.',
      csat: 'Antwoord {min} (zeer ontevreden) tot {max} (zeer tevreden).',
      ces: 'Antwoord {min} (helemaal oneens) tot {max} (helemaal eens).',
      effort: 'Antwoord {min} (heel weinig) tot {max} (heel veel).',
    },
    stop: 'Afmelden? Stuur STOP.',
    reminder: 'Herinnering: ',
    reminderFrom: 'Herinnering van {brand}: ',
    clarify: 'Antwoord alstublieft met een getal van {min} tot {max}.',
    why: 'Bedankt! Wat is de belangrijkste reden voor uw score?',
    thanks: 'Bedankt voor uw feedback!',
    thanksComment: 'Bedankt! We hebben uw opmerking doorgegeven aan ons team.',
    closed: 'Deze vragenlijst is gesloten. Bedankt!',
    optOutConfirm:
      '{brand}: U bent afgemeld en krijgt geen vragenlijsten meer. Stuur START om u weer aan te melden.',
    optInConfirm: '{brand}: U krijgt weer vragenlijsten. Afmelden? Stuur STOP.',
    help: '{brand} klantonderzoek. Hulp: {contact}. Afmelden? Stuur STOP.',
    review: '{brand}: Bedankt! Wilt u uw ervaring delen in een review? {url}',
  },
  email: {
    subject: {
      nps: 'Zou u {brand} aanbevelen?',
      purchase: 'Hoe ging uw bestelling bij {brand}?',
      delivery: 'Hoe was de bezorging van uw {brand}-bestelling?',
      ticket_closed: 'Hoe heeft {brand} uw vraag afgehandeld?',
      other: 'Eén korte vraag van {brand}',
    },
    heading: 'Eén korte vraag',
    whyHeading: 'Bedankt! U koos {s}.',
    whyLabel: 'Wat is de belangrijkste reden voor uw score? (optioneel)',
    submit: 'Versturen',
    thanks: 'Bedankt voor uw feedback!',
    changeHint: 'Van gedachten veranderd? Klik in de e-mail op een ander getal.',
    saveHint: 'Klik op ‘Versturen’ om uw score op te slaan.',
    closed: 'Deze enquête is gesloten. Bedankt!',
    invalidLink: 'Deze link is ongeldig. Er is niets opgeslagen.',
    unsubscribe: 'Afmelden voor enquêtes',
    unsubscribeConfirm: 'Geen enquêtes meer ontvangen van {brand}?',
    unsubscribed: 'U bent afgemeld en ontvangt geen enquêtes meer.',
    footer: 'U ontvangt deze eenmalige enquête naar aanleiding van uw recente ervaring met {brand}.',
  },
  voice: {
    greeting: 'Goedendag, u spreekt met {brand}, met één korte vraag over uw recente ervaring.',
    meaning: '{min} betekent {low}, en {max} betekent {high}.',
    press: 'Toets een cijfer van {min} tot {max}.',
    pressPound: 'Toets een getal van {min} tot {max}, gevolgd door het hekje.',
    cancel: 'Om het gesprek te beëindigen, toetst u het sterretje.',
    invalid: 'Sorry, dat is geen geldig antwoord.',
    noInput: 'Sorry, we hebben geen invoer ontvangen.',
    confirm: 'U toetste {score}.',
    second: 'Wilt u dat ons team contact met u opneemt over uw antwoord, toets dan 1. Anders toetst u 2.',
    callback: 'De klant wil graag gebeld worden (telefonische enquête).',
    thanks: 'Bedankt voor uw feedback. Tot ziens.',
    goodbye: 'Bedankt voor uw tijd. Tot ziens.',
  },
};
