import type { Catalog } from './catalog.ts';

/**
 * German (formal "Sie"). SMS texts are GSM-7 (ä ö ü ß are in the basic set; „“ are not, so SMS
 * quotes become plain "). One segment with a 20-character brand and the reminder prefix forced:
 * SMS agreement labels "stimme nicht zu" / "stimme zu" (email and voice: "stimme überhaupt nicht
 * zu" / "stimme voll und ganz zu"), "Antworten Sie 1 (...) bis 5 (...)" without "mit", CES
 * statements in the short form "{brand} hat mir die Bestellung leicht gemacht", the CSAT support
 * question "mit dem Support von {brand}", and effort questions "Wie viel Aufwand hatten Sie mit...?".
 */
export const de: Catalog = {
  question: {
    nps: 'Wie wahrscheinlich ist es, dass Sie {brand} einem Freund empfehlen?',
    csat: {
      purchase: 'Wie zufrieden waren Sie mit der Bestellung bei {brand}?',
      delivery: 'Wie zufrieden waren Sie mit der Lieferung von {brand}?',
      ticket_closed: 'Wie zufrieden waren Sie mit dem Support von {brand}?',
      other: 'Wie zufrieden waren Sie mit {brand}?',
    },
    ces: {
      purchase: '{brand} hat mir die Bestellung leicht gemacht.',
      delivery: '{brand} hat mir den Empfang meiner Bestellung leicht gemacht.',
      ticket_closed: '{brand} hat mir die Klärung meiner Anfrage leicht gemacht.',
      other: '{brand} hat mir mein Anliegen leicht gemacht.',
    },
    effort: {
      purchase: 'Wie viel Aufwand hatten Sie mit Ihrer Bestellung?',
      delivery: 'Wie viel Aufwand hatten Sie mit der Lieferung?',
      ticket_closed: 'Wie viel Aufwand hatten Sie mit Ihrer Anfrage?',
      other: 'Wie viel Aufwand hatten Sie?',
    },
  },
  agree: 'Inwieweit stimmen Sie dieser Aussage zu?',
  quotes: ['„', '“'],
  labels: {
    low: {
      nps: 'äußerst unwahrscheinlich',
      csat: 'sehr unzufrieden',
      ces: 'stimme überhaupt nicht zu',
      effort: 'sehr geringer Aufwand',
    },
    high: {
      nps: 'äußerst wahrscheinlich',
      csat: 'sehr zufrieden',
      ces: 'stimme voll und ganz zu',
      effort: 'sehr hoher Aufwand',
    },
  },
  sms: {
    brandPrefix: '{brand}: ',
    reply: {
      nps: 'Antworten Sie mit {min}-{max}.',
      csat: 'Antworten Sie {min} (sehr unzufrieden) bis {max} (sehr zufrieden).',
      ces: 'Antworten Sie {min} (stimme nicht zu) bis {max} (stimme zu).',
      effort: 'Antworten Sie {min} (sehr wenig) bis {max} (sehr viel).',
    },
    stop: 'Abmelden mit STOP.',
    reminder: 'Erinnerung: ',
    reminderFrom: 'Erinnerung von {brand}: ',
    clarify: 'Bitte antworten Sie mit einer Zahl von {min} bis {max}.',
    why: 'Danke! Was ist der wichtigste Grund für Ihre Bewertung?',
    thanks: 'Vielen Dank für Ihr Feedback!',
    thanksComment: 'Vielen Dank! Wir haben Ihren Kommentar an unser Team weitergegeben.',
    closed: 'Diese Umfrage ist beendet. Vielen Dank!',
    optOutConfirm:
      '{brand}: Sie sind abgemeldet und erhalten keine Umfragen mehr. Mit START wieder anmelden.',
    optInConfirm: '{brand}: Sie erhalten wieder Umfragen. Abmelden mit STOP.',
    help: '{brand} Kundenumfragen. Hilfe: {contact}. Abmelden mit STOP.',
    review: '{brand}: Vielen Dank! Möchten Sie Ihre Erfahrung in einer Bewertung teilen? {url}',
  },
  email: {
    subject: {
      nps: 'Würden Sie {brand} weiterempfehlen?',
      purchase: 'Wie war Ihre Bestellung bei {brand}?',
      delivery: 'Wie war Ihre Lieferung von {brand}?',
      ticket_closed: 'Wie hat {brand} Ihre Supportanfrage bearbeitet?',
      other: 'Eine kurze Frage von {brand}',
    },
    heading: 'Eine kurze Frage',
    whyHeading: 'Danke! Sie haben {s} gewählt.',
    whyLabel: 'Was ist der wichtigste Grund für Ihre Bewertung? (optional)',
    submit: 'Senden',
    thanks: 'Vielen Dank für Ihr Feedback!',
    changeHint: 'Anders entschieden? Klicken Sie in der E-Mail auf eine andere Zahl.',
    saveHint: 'Klicken Sie auf „Senden“, um Ihre Bewertung zu speichern.',
    closed: 'Diese Umfrage ist beendet. Vielen Dank!',
    invalidLink: 'Dieser Link ist ungültig. Es wurde nichts gespeichert.',
    unsubscribe: 'Von Umfragen abmelden',
    unsubscribeConfirm: 'Keine Umfragen mehr von {brand} erhalten?',
    unsubscribed: 'Sie sind abgemeldet und erhalten keine Umfragen mehr.',
    footer: 'Sie erhalten diese einmalige Umfrage wegen Ihres letzten Kontakts mit {brand}.',
  },
  voice: {
    greeting: 'Guten Tag, hier ist {brand} mit einer kurzen Frage zu Ihrer letzten Erfahrung.',
    meaning: '{min} bedeutet {low}, {max} bedeutet {high}.',
    press: 'Bitte drücken Sie eine Zahl von {min} bis {max}.',
    pressPound: 'Bitte drücken Sie eine Zahl von {min} bis {max} und danach die Rautetaste.',
    cancel: 'Zum Beenden drücken Sie die Sterntaste.',
    invalid: 'Das war leider keine gültige Antwort.',
    noInput: 'Wir haben leider keine Eingabe erhalten.',
    confirm: 'Sie haben {score} gedrückt.',
    second:
      'Wenn sich unser Team wegen Ihrer Antwort bei Ihnen melden soll, drücken Sie die 1. Andernfalls drücken Sie die 2.',
    callback: 'Der Kunde möchte kontaktiert werden (Telefonumfrage).',
    thanks: 'Vielen Dank für Ihr Feedback. Auf Wiederhören.',
    goodbye: 'Vielen Dank für Ihre Zeit. Auf Wiederhören.',
  },
};
