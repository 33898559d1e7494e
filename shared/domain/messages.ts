import { LANGUAGES, type Language, type MetricDefinition } from './model.ts';

/**
 * Every text a customer sees or hears, in the eight shipped languages (fallback English).
 * SMS texts fit one segment with a brand of up to 20 characters and a contact of up to 24:
 * en, de, fr, es, nl and et are worded to stay in GSM-7 (<= 160); hu and ru need letters outside
 * GSM-7, so their texts are short enough for one UCS-2 segment (<= 70). Every survey SMS carries
 * the opt-out instruction (STOP works in every language).
 */

/** Maps a BCP 47 tag ("de-AT", "nl_BE", "RU") to a shipped language, else English. */
export function languageOf(locale?: string): Language {
  const tag = (locale ?? '').trim().toLowerCase().split(/[-_]/)[0] ?? '';
  return (LANGUAGES as readonly string[]).includes(tag) ? (tag as Language) : 'en';
}

export type SmsKind =
  | 'question'
  | 'clarify'
  | 'why'
  | 'thanks'
  | 'thanksComment'
  | 'closed'
  | 'optOutConfirm'
  | 'optInConfirm'
  | 'help'
  | 'reminder'
  | 'review';

export interface SmsVars {
  brand: string;
  contact?: string;
  metric?: MetricDefinition;
  touchpoint?: string;
  /** An already localized custom question from the touchpoint config. */
  question?: string;
  /** The review link promoters are invited to (kind `review`). */
  url?: string;
}

type QuestionKey = 'nps' | 'csat_support' | 'csat' | 'ces_order' | 'ces' | 'effort';

/** The question itself (no reply instructions), per language. `{b}` is the brand. */
const QUESTIONS: Record<Language, Record<QuestionKey, string>> = {
  en: {
    nps: 'How likely are you to recommend {b} to a friend?',
    csat_support: 'How satisfied were you with your support request?',
    csat: 'How satisfied were you with {b}?',
    ces_order: '{b} made it easy to place my order. Do you agree?',
    ces: '{b} made it easy for me. Do you agree?',
    effort: 'How much effort did you have to put in?',
  },
  de: {
    nps: 'Wie wahrscheinlich empfehlen Sie {b} weiter?',
    csat_support: 'Wie zufrieden waren Sie mit unserem Support?',
    csat: 'Wie zufrieden waren Sie mit {b}?',
    ces_order: '{b} hat mir die Bestellung leicht gemacht. Stimmen Sie zu?',
    ces: '{b} hat es mir leicht gemacht. Stimmen Sie zu?',
    effort: 'Wie viel Aufwand hatten Sie?',
  },
  fr: {
    nps: 'Quelle est la probabilité que vous recommandiez {b} à un ami ?',
    csat_support: 'Votre satisfaction avec notre assistance ?',
    csat: 'Quelle est votre satisfaction avec {b} ?',
    ces_order: "Il a été facile de passer ma commande chez {b}. D'accord ?",
    ces: "{b} m'a facilité les choses. D'accord ?",
    effort: 'Quel effort avez-vous dû fournir ?',
  },
  es: {
    nps: 'Valore la probabilidad de que recomiende {b} a un amigo.',
    csat_support: 'Valore su satisfaccion con nuestro soporte.',
    csat: 'Valore su satisfaccion con {b}.',
    ces_order: 'Fue facil hacer mi pedido en {b}. Valore si esta de acuerdo.',
    ces: '{b} me lo puso facil. Valore si esta de acuerdo.',
    effort: 'Valore el esfuerzo que tuvo que hacer.',
  },
  nl: {
    nps: 'Hoe waarschijnlijk is het dat u {b} aanbeveelt aan een vriend?',
    csat_support: 'Hoe tevreden bent u over uw supportvraag?',
    csat: 'Hoe tevreden bent u over {b}?',
    ces_order: '{b} maakte het makkelijk om te bestellen. Eens?',
    ces: '{b} maakte het mij makkelijk. Eens?',
    effort: 'Hoeveel moeite moest u doen?',
  },
  hu: {
    nps: 'Ajánlana minket?',
    csat_support: 'Mennyire elégedett?',
    csat: 'Mennyire elégedett?',
    ces_order: 'Könnyű volt rendelni?',
    ces: 'Könnyű volt?',
    effort: 'Mennyi erőfeszítés volt?',
  },
  et: {
    nps: 'Kas soovitaksite {b} teistele?',
    csat_support: 'Kui rahul olite meie klienditoega?',
    csat: 'Kui rahul olite {b}?',
    ces_order: 'Kui lihtne oli {b} tellida?',
    ces: 'Kui lihtne see oli?',
    effort: 'Kui palju vaeva pidite nägema?',
  },
  ru: {
    nps: 'Порекомендуете нас?',
    csat_support: 'Довольны поддержкой?',
    csat: 'Вы довольны?',
    ces_order: 'Легко было заказать?',
    ces: 'Было ли легко?',
    effort: 'Сколько усилий?',
  },
};

function questionKey(metric: MetricDefinition | undefined, touchpoint: string | undefined): QuestionKey {
  if (!metric || metric.kind === 'nps') return 'nps';
  if (metric.kind === 'csat') return touchpoint === 'ticket_closed' ? 'csat_support' : 'csat';
  if (metric.convention === 'effort') return 'effort';
  return touchpoint === 'purchase' ? 'ces_order' : 'ces';
}

/** Scale instructions with what the ends mean, e.g. "Reply 1-7 (7 = strongly agree)". */
const REPLY: Record<Language, (min: number, max: number, top: string) => string> = {
  en: (min, max, top) => `Reply ${min}-${max} (${max} = ${top}).`,
  de: (min, max, top) => `Antworten Sie ${min}-${max} (${max} = ${top}).`,
  fr: (min, max, top) => `Répondez de ${min} à ${max} (${max} = ${top}).`,
  es: (min, max, top) => `Responda del ${min} al ${max} (${max} = ${top}).`,
  nl: (min, max, top) => `Antwoord ${min}-${max} (${max} = ${top}).`,
  hu: (min, max) => `${min}-${max}.`,
  et: (min, max, top) => `Vastake ${min}-${max} (${max} = ${top}).`,
  ru: (min, max) => `Ответьте ${min}-${max}.`,
};

const TOP_LABEL: Record<Language, Record<QuestionKey, string>> = {
  en: {
    nps: 'very likely',
    csat_support: 'very satisfied',
    csat: 'very satisfied',
    ces_order: 'strongly agree',
    ces: 'strongly agree',
    effort: 'very high effort',
  },
  de: {
    nps: 'sehr wahrscheinlich',
    csat_support: 'sehr zufrieden',
    csat: 'sehr zufrieden',
    ces_order: 'voll und ganz',
    ces: 'voll und ganz',
    effort: 'sehr viel',
  },
  fr: {
    nps: 'très probable',
    csat_support: 'très satisfait',
    csat: 'très satisfait',
    ces_order: 'tout à fait',
    ces: 'tout à fait',
    effort: 'énorme',
  },
  es: {
    nps: 'muy probable',
    csat_support: 'muy satisfecho',
    csat: 'muy satisfecho',
    ces_order: 'totalmente',
    ces: 'totalmente',
    effort: 'mucho',
  },
  nl: {
    nps: 'zeer waarschijnlijk',
    csat_support: 'zeer tevreden',
    csat: 'zeer tevreden',
    ces_order: 'helemaal eens',
    ces: 'helemaal eens',
    effort: 'heel veel',
  },
  hu: { nps: '', csat_support: '', csat: '', ces_order: '', ces: '', effort: '' },
  et: {
    nps: 'kindlasti',
    csat_support: 'väga rahul',
    csat: 'väga rahul',
    ces_order: 'väga lihtne',
    ces: 'väga lihtne',
    effort: 'väga palju',
  },
  ru: { nps: '', csat_support: '', csat: '', ces_order: '', ces: '', effort: '' },
};

const STOP_LINE: Record<Language, string> = {
  en: 'Reply STOP to opt out.',
  de: 'STOP zum Abmelden.',
  fr: 'STOP pour vous désabonner.',
  es: 'STOP para darse de baja.',
  nl: 'STOP om af te melden.',
  hu: 'Leiratkozás: STOP',
  et: 'Loobumiseks saatke STOP.',
  ru: 'Отписка: STOP',
};

const SMS: Record<Language, Record<Exclude<SmsKind, 'question' | 'reminder'>, string>> = {
  en: {
    clarify: 'Sorry, please reply with a number from {min} to {max}.',
    why: 'Thanks! What is the main reason for your score? Just reply here.',
    thanks: 'Thank you for your feedback!',
    thanksComment: 'Thank you, we have passed this on to our team.',
    closed: 'Thanks for replying! This survey has closed.',
    optOutConfirm: '{b}: You will get no more surveys. Reply START to opt back in.',
    optInConfirm: '{b}: You will get surveys again. Reply STOP to opt out.',
    help: '{b} feedback surveys. Help: {c}. Reply STOP to opt out.',
    review: '{b}: Thank you! Would you share your experience in a review? {u}',
  },
  de: {
    clarify: 'Bitte antworten Sie mit einer Zahl von {min} bis {max}.',
    why: 'Danke! Was ist der wichtigste Grund für Ihre Bewertung?',
    thanks: 'Vielen Dank für Ihr Feedback!',
    thanksComment: 'Danke, wir haben es an unser Team weitergegeben.',
    closed: 'Danke für Ihre Antwort! Diese Umfrage ist beendet.',
    optOutConfirm: '{b}: Sie erhalten keine Umfragen mehr. START zum Anmelden.',
    optInConfirm: '{b}: Sie erhalten wieder Umfragen. STOP zum Abmelden.',
    help: '{b} Umfragen. Hilfe: {c}. STOP zum Abmelden.',
    review: '{b}: Danke! Teilen Sie Ihre Erfahrung in einer Bewertung? {u}',
  },
  fr: {
    clarify: 'Merci de répondre par un nombre de {min} à {max}.',
    why: 'Merci ! Quelle est la raison principale de votre note ?',
    thanks: 'Merci pour votre avis !',
    thanksComment: "Merci, nous l'avons transmis à notre équipe.",
    closed: 'Merci ! Ce sondage est terminé.',
    optOutConfirm: '{b}: Vous ne recevrez plus de sondages. START pour vous réabonner.',
    optInConfirm: '{b}: Vous recevrez à nouveau nos sondages. STOP pour vous désabonner.',
    help: '{b} sondages. Aide : {c}. STOP pour vous désabonner.',
    review: '{b}: Merci ! Partagez votre avis en ligne : {u}',
  },
  es: {
    clarify: 'Por favor, responda con un numero del {min} al {max}.',
    why: 'Gracias. Cual es el motivo principal de su valoracion?',
    thanks: 'Gracias por su opinion.',
    thanksComment: 'Gracias, lo hemos pasado a nuestro equipo.',
    closed: 'Gracias. Esta encuesta ya ha terminado.',
    optOutConfirm: '{b}: No recibira mas encuestas. START para volver a darse de alta.',
    optInConfirm: '{b}: Volvera a recibir encuestas. STOP para darse de baja.',
    help: '{b} encuestas. Ayuda: {c}. STOP para darse de baja.',
    review: '{b}: Gracias. Comparta su experiencia con una opinion: {u}',
  },
  nl: {
    clarify: 'Antwoord alstublieft met een getal van {min} tot {max}.',
    why: 'Bedankt! Wat is de belangrijkste reden voor uw score?',
    thanks: 'Bedankt voor uw feedback!',
    thanksComment: 'Bedankt, we hebben het doorgegeven aan ons team.',
    closed: 'Bedankt! Deze enquete is gesloten.',
    optOutConfirm: '{b}: U krijgt geen enquetes meer. START om weer aan te melden.',
    optInConfirm: '{b}: U krijgt weer enquetes. STOP om af te melden.',
    help: '{b} enquetes. Hulp: {c}. STOP om af te melden.',
    review: '{b}: Bedankt! Deelt u uw ervaring in een review? {u}',
  },
  hu: {
    clarify: 'Kérjük, {min} és {max} közötti számmal válaszoljon.',
    why: 'Köszönjük! Mi a fő oka az értékelésének?',
    thanks: 'Köszönjük a visszajelzést!',
    thanksComment: 'Köszönjük, továbbítottuk a csapatnak.',
    closed: 'Köszönjük! Ez a felmérés lezárult.',
    optOutConfirm: '{b}: Leiratkozott. Újra: START',
    optInConfirm: '{b}: Újra feliratkozott. Leiratkozás: STOP',
    help: '{b}: Súgó {c}. Leiratkozás: STOP',
    review: '{b}: Értékelés: {u}',
  },
  et: {
    clarify: 'Palun vastake numbriga {min} kuni {max}.',
    why: 'Aitäh! Mis on teie hinnangu peamine põhjus?',
    thanks: 'Aitäh tagasiside eest!',
    thanksComment: 'Aitäh, edastasime selle meeskonnale.',
    closed: 'Aitäh! See küsitlus on lõppenud.',
    optOutConfirm: '{b}: Te ei saa enam küsitlusi. Tagasi tellimiseks saatke START.',
    optInConfirm: '{b}: Saate jälle küsitlusi. Loobumiseks saatke STOP.',
    help: '{b} küsitlused. Abi: {c}. Loobumiseks saatke STOP.',
    review: '{b}: Aitäh! Kas jagaksite oma kogemust arvustuses? {u}',
  },
  ru: {
    clarify: 'Пожалуйста, ответьте числом от {min} до {max}.',
    why: 'Спасибо! Какова главная причина вашей оценки?',
    thanks: 'Спасибо за ваш отзыв!',
    thanksComment: 'Спасибо, мы передали это нашей команде.',
    closed: 'Спасибо! Этот опрос завершён.',
    optOutConfirm: '{b}: Вы отписаны. Подписаться: START',
    optInConfirm: '{b}: Вы снова подписаны. Отписка: STOP',
    help: '{b}: Помощь: {c}. Отписка: STOP',
    review: '{b}: Отзыв: {u}',
  },
};

/** Prefix of reminder messages (SMS text, email subject). */
export const REMINDER_PREFIX: Record<Language, string> = {
  en: 'Reminder: ',
  de: 'Erinnerung: ',
  fr: 'Rappel : ',
  es: 'Recordatorio: ',
  nl: 'Herinnering: ',
  hu: '',
  et: 'Meeldetuletus: ',
  ru: '',
};

function fill(template: string, vars: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (vars[k] === undefined ? m : String(vars[k])));
}

/** The survey question alone, localized (also used by email and voice). */
export function questionText(lang: Language, vars: SmsVars): string {
  if (vars.question) return vars.question;
  return fill(QUESTIONS[lang][questionKey(vars.metric, vars.touchpoint)], { b: vars.brand });
}

export function renderSms(kind: SmsKind, lang: Language, vars: SmsVars): string {
  const metric = vars.metric ?? { kind: 'nps' as const, min: 0, max: 10 };
  if (kind === 'question' || kind === 'reminder') {
    const key = questionKey(metric, vars.touchpoint);
    const q = questionText(lang, vars);
    // hu/ru questions have no room for the brand inside; prefix it.
    const text = q.includes(vars.brand) ? q : `${vars.brand}: ${q}`;
    const prefix = kind === 'reminder' ? REMINDER_PREFIX[lang] : '';
    return `${prefix}${text} ${REPLY[lang](metric.min, metric.max, TOP_LABEL[lang][key])} ${STOP_LINE[lang]}`
      .replace(/\s+/g, ' ')
      .trim();
  }
  return fill(SMS[lang][kind], {
    b: vars.brand,
    c: vars.contact ?? '',
    u: vars.url ?? '',
    min: metric.min,
    max: metric.max,
  });
}

/** Texts of the survey email and of the pages its links open. */
export interface EmailTexts {
  subject: string;
  heading: string;
  question: string;
  lowLabel: string;
  highLabel: string;
  whyHeading: string;
  whyLabel: string;
  submit: string;
  thanks: string;
  changeHint: string;
  closed: string;
  invalidLink: string;
  unsubscribe: string;
  unsubscribeConfirm: string;
  unsubscribed: string;
  footer: string;
}

const EMAIL: Record<
  Language,
  Omit<EmailTexts, 'question' | 'subject' | 'lowLabel' | 'highLabel'> & {
    subject: string;
    low: Record<'nps' | 'csat' | 'ces' | 'effort', string>;
    high: Record<'nps' | 'csat' | 'ces' | 'effort', string>;
  }
> = {
  en: {
    subject: 'One quick question from {b}',
    heading: 'One quick question',
    low: {
      nps: 'Not at all likely',
      csat: 'Very unsatisfied',
      ces: 'Strongly disagree',
      effort: 'Very low effort',
    },
    high: {
      nps: 'Extremely likely',
      csat: 'Very satisfied',
      ces: 'Strongly agree',
      effort: 'Very high effort',
    },
    whyHeading: 'Thank you! You chose {s}.',
    whyLabel: 'What is the main reason for your score? (optional)',
    submit: 'Send',
    thanks: 'Thank you for your feedback!',
    changeHint: 'Changed your mind? Click another number in the email.',
    closed: 'This survey has closed. Thank you!',
    invalidLink: 'This link is not valid. Nothing was recorded.',
    unsubscribe: 'Unsubscribe from surveys',
    unsubscribeConfirm: 'Stop receiving surveys from {b}?',
    unsubscribed: 'You are unsubscribed and will not receive more surveys.',
    footer: 'You receive this one-time survey because of your recent experience with {b}.',
  },
  de: {
    subject: 'Eine kurze Frage von {b}',
    heading: 'Eine kurze Frage',
    low: {
      nps: 'Sehr unwahrscheinlich',
      csat: 'Sehr unzufrieden',
      ces: 'Stimme gar nicht zu',
      effort: 'Sehr wenig Aufwand',
    },
    high: {
      nps: 'Sehr wahrscheinlich',
      csat: 'Sehr zufrieden',
      ces: 'Stimme voll zu',
      effort: 'Sehr viel Aufwand',
    },
    whyHeading: 'Danke! Sie haben {s} gewählt.',
    whyLabel: 'Was ist der wichtigste Grund für Ihre Bewertung? (optional)',
    submit: 'Senden',
    thanks: 'Vielen Dank für Ihr Feedback!',
    changeHint: 'Anders entschieden? Klicken Sie in der E-Mail eine andere Zahl.',
    closed: 'Diese Umfrage ist beendet. Vielen Dank!',
    invalidLink: 'Dieser Link ist ungültig. Es wurde nichts gespeichert.',
    unsubscribe: 'Von Umfragen abmelden',
    unsubscribeConfirm: 'Keine Umfragen mehr von {b} erhalten?',
    unsubscribed: 'Sie sind abgemeldet und erhalten keine Umfragen mehr.',
    footer: 'Sie erhalten diese einmalige Umfrage wegen Ihres letzten Kontakts mit {b}.',
  },
  fr: {
    subject: 'Une petite question de {b}',
    heading: 'Une petite question',
    low: {
      nps: 'Pas du tout probable',
      csat: 'Très insatisfait',
      ces: "Pas du tout d'accord",
      effort: "Très peu d'effort",
    },
    high: {
      nps: 'Très probable',
      csat: 'Très satisfait',
      ces: "Tout à fait d'accord",
      effort: "Énormément d'effort",
    },
    whyHeading: 'Merci ! Vous avez choisi {s}.',
    whyLabel: 'Quelle est la raison principale de votre note ? (facultatif)',
    submit: 'Envoyer',
    thanks: 'Merci pour votre avis !',
    changeHint: "Vous avez changé d'avis ? Cliquez sur un autre chiffre dans l'e-mail.",
    closed: 'Cette enquête est terminée. Merci !',
    invalidLink: "Ce lien n'est pas valide. Rien n'a été enregistré.",
    unsubscribe: 'Se désabonner des enquêtes',
    unsubscribeConfirm: "Ne plus recevoir d'enquêtes de {b} ?",
    unsubscribed: "Vous êtes désabonné et ne recevrez plus d'enquêtes.",
    footer: 'Vous recevez cette enquête unique suite à votre expérience récente avec {b}.',
  },
  es: {
    subject: 'Una pregunta rápida de {b}',
    heading: 'Una pregunta rápida',
    low: {
      nps: 'Nada probable',
      csat: 'Muy insatisfecho',
      ces: 'Totalmente en desacuerdo',
      effort: 'Muy poco esfuerzo',
    },
    high: {
      nps: 'Muy probable',
      csat: 'Muy satisfecho',
      ces: 'Totalmente de acuerdo',
      effort: 'Muchísimo esfuerzo',
    },
    whyHeading: '¡Gracias! Ha elegido {s}.',
    whyLabel: '¿Cuál es el motivo principal de su valoración? (opcional)',
    submit: 'Enviar',
    thanks: '¡Gracias por su opinión!',
    changeHint: '¿Ha cambiado de opinión? Pulse otro número en el correo.',
    closed: 'Esta encuesta ha terminado. ¡Gracias!',
    invalidLink: 'Este enlace no es válido. No se ha guardado nada.',
    unsubscribe: 'Darse de baja de las encuestas',
    unsubscribeConfirm: '¿Dejar de recibir encuestas de {b}?',
    unsubscribed: 'Se ha dado de baja y no recibirá más encuestas.',
    footer: 'Recibe esta encuesta única por su experiencia reciente con {b}.',
  },
  nl: {
    subject: 'Eén korte vraag van {b}',
    heading: 'Eén korte vraag',
    low: {
      nps: 'Zeer onwaarschijnlijk',
      csat: 'Zeer ontevreden',
      ces: 'Helemaal oneens',
      effort: 'Heel weinig moeite',
    },
    high: {
      nps: 'Zeer waarschijnlijk',
      csat: 'Zeer tevreden',
      ces: 'Helemaal eens',
      effort: 'Heel veel moeite',
    },
    whyHeading: 'Bedankt! U koos {s}.',
    whyLabel: 'Wat is de belangrijkste reden voor uw score? (optioneel)',
    submit: 'Versturen',
    thanks: 'Bedankt voor uw feedback!',
    changeHint: 'Van gedachten veranderd? Klik op een ander getal in de e-mail.',
    closed: 'Deze enquête is gesloten. Bedankt!',
    invalidLink: 'Deze link is ongeldig. Er is niets opgeslagen.',
    unsubscribe: 'Afmelden voor enquêtes',
    unsubscribeConfirm: 'Geen enquêtes meer ontvangen van {b}?',
    unsubscribed: 'U bent afgemeld en ontvangt geen enquêtes meer.',
    footer: 'U ontvangt deze eenmalige enquête vanwege uw recente ervaring met {b}.',
  },
  hu: {
    subject: 'Egy gyors kérdés: {b}',
    heading: 'Egy gyors kérdés',
    low: {
      nps: 'Egyáltalán nem valószínű',
      csat: 'Nagyon elégedetlen',
      ces: 'Egyáltalán nem értek egyet',
      effort: 'Nagyon kevés erőfeszítés',
    },
    high: {
      nps: 'Nagyon valószínű',
      csat: 'Nagyon elégedett',
      ces: 'Teljesen egyetértek',
      effort: 'Nagyon sok erőfeszítés',
    },
    whyHeading: 'Köszönjük! Ezt választotta: {s}.',
    whyLabel: 'Mi a fő oka az értékelésének? (nem kötelező)',
    submit: 'Küldés',
    thanks: 'Köszönjük a visszajelzést!',
    changeHint: 'Meggondolta magát? Kattintson egy másik számra az e-mailben.',
    closed: 'Ez a felmérés lezárult. Köszönjük!',
    invalidLink: 'Ez a hivatkozás érvénytelen. Semmi sem lett rögzítve.',
    unsubscribe: 'Leiratkozás a felmérésekről',
    unsubscribeConfirm: 'Nem kér több felmérést innen: {b}?',
    unsubscribed: 'Leiratkozott, nem kap több felmérést.',
    footer: 'Ezt az egyszeri felmérést a(z) {b} céggel kapcsolatos legutóbbi élménye miatt kapja.',
  },
  et: {
    subject: 'Üks kiire küsimus: {b}',
    heading: 'Üks kiire küsimus',
    low: {
      nps: 'Väga ebatõenäoline',
      csat: 'Väga rahulolematu',
      ces: 'Ei nõustu üldse',
      effort: 'Väga vähe vaeva',
    },
    high: {
      nps: 'Väga tõenäoline',
      csat: 'Väga rahul',
      ces: 'Nõustun täielikult',
      effort: 'Väga palju vaeva',
    },
    whyHeading: 'Aitäh! Teie valik: {s}.',
    whyLabel: 'Mis on teie hinnangu peamine põhjus? (valikuline)',
    submit: 'Saada',
    thanks: 'Aitäh tagasiside eest!',
    changeHint: 'Muutsite meelt? Klõpsake e-kirjas teisel numbril.',
    closed: 'See küsitlus on lõppenud. Aitäh!',
    invalidLink: 'See link ei kehti. Midagi ei salvestatud.',
    unsubscribe: 'Loobu küsitlustest',
    unsubscribeConfirm: 'Kas loobuda {b} küsitlustest?',
    unsubscribed: 'Olete loobunud ega saa enam küsitlusi.',
    footer: 'Saate selle ühekordse küsitluse oma hiljutise kogemuse tõttu ettevõttega {b}.',
  },
  ru: {
    subject: 'Один короткий вопрос от {b}',
    heading: 'Один короткий вопрос',
    low: {
      nps: 'Совсем маловероятно',
      csat: 'Совсем недоволен',
      ces: 'Совсем не согласен',
      effort: 'Очень мало усилий',
    },
    high: {
      nps: 'Очень вероятно',
      csat: 'Очень доволен',
      ces: 'Полностью согласен',
      effort: 'Очень много усилий',
    },
    whyHeading: 'Спасибо! Вы выбрали {s}.',
    whyLabel: 'Какова главная причина вашей оценки? (необязательно)',
    submit: 'Отправить',
    thanks: 'Спасибо за ваш отзыв!',
    changeHint: 'Передумали? Нажмите другое число в письме.',
    closed: 'Этот опрос завершён. Спасибо!',
    invalidLink: 'Эта ссылка недействительна. Ничего не сохранено.',
    unsubscribe: 'Отписаться от опросов',
    unsubscribeConfirm: 'Больше не получать опросы от {b}?',
    unsubscribed: 'Вы отписаны и больше не будете получать опросы.',
    footer: 'Вы получили этот разовый опрос после недавнего взаимодействия с {b}.',
  },
};

/** Full-sentence email question (the SMS question, without SMS-specific shortening for hu/ru). */
const EMAIL_QUESTION: Partial<Record<Language, Record<QuestionKey, string>>> = {
  hu: {
    nps: 'Mennyire valószínű, hogy ajánlaná a(z) {b} céget egy barátjának?',
    csat_support: 'Mennyire elégedett az ügyfélszolgálattal?',
    csat: 'Mennyire elégedett a(z) {b} céggel?',
    ces_order: 'A(z) {b} megkönnyítette a rendelésem leadását. Egyetért?',
    ces: 'A(z) {b} megkönnyítette a dolgomat. Egyetért?',
    effort: 'Mennyi erőfeszítésébe került?',
  },
  ru: {
    nps: 'Насколько вероятно, что вы порекомендуете {b} другу?',
    csat_support: 'Насколько вы довольны нашей поддержкой?',
    csat: 'Насколько вы довольны {b}?',
    ces_order: '{b} позволил мне легко оформить заказ. Вы согласны?',
    ces: '{b} облегчил мне задачу. Вы согласны?',
    effort: 'Сколько усилий вам пришлось приложить?',
  },
};

export function emailTexts(
  lang: Language,
  vars: { brand: string; metric: MetricDefinition; touchpoint: string; question?: string },
): EmailTexts {
  const t = EMAIL[lang];
  const key = questionKey(vars.metric, vars.touchpoint);
  const scaleKey =
    vars.metric.kind === 'ces' && vars.metric.convention === 'effort' ? 'effort' : vars.metric.kind;
  const question = vars.question ?? fill((EMAIL_QUESTION[lang] ?? QUESTIONS[lang])[key], { b: vars.brand });
  const b = { b: vars.brand };
  return {
    subject: fill(t.subject, b),
    heading: t.heading,
    question,
    lowLabel: t.low[scaleKey],
    highLabel: t.high[scaleKey],
    whyHeading: t.whyHeading,
    whyLabel: t.whyLabel,
    submit: t.submit,
    thanks: t.thanks,
    changeHint: t.changeHint,
    closed: t.closed,
    invalidLink: t.invalidLink,
    unsubscribe: t.unsubscribe,
    unsubscribeConfirm: fill(t.unsubscribeConfirm, b),
    unsubscribed: t.unsubscribed,
    footer: fill(t.footer, b),
  };
}

/** Twilio `<Say language>` per language (Twilio's standard voices cover all eight). */
export function voiceLanguage(lang: Language): string {
  return {
    en: 'en-US',
    de: 'de-DE',
    fr: 'fr-FR',
    es: 'es-ES',
    nl: 'nl-NL',
    hu: 'hu-HU',
    et: 'et-EE',
    ru: 'ru-RU',
  }[lang];
}

export interface VoiceTexts {
  greeting: string;
  question: string;
  invalid: string;
  noInput: string;
  confirm: (score: number) => string;
  secondQuestion: string;
  callbackRequestedNote: string;
  thanks: string;
  goodbye: string;
}

const VOICE: Record<
  Language,
  {
    greeting: string;
    keys: (min: number, max: number, two: boolean) => string;
    invalid: string;
    noInput: string;
    confirm: string;
    second: string;
    callback: string;
    thanks: string;
    goodbye: string;
  }
> = {
  en: {
    greeting: 'Hello, this is {b} with a one question survey.',
    keys: (min, max, two) =>
      `Please press a number from ${min} to ${max}${two ? ', then the pound key' : ''}. To end this call, press star.`,
    invalid: 'Sorry, that was not a valid answer.',
    noInput: 'Sorry, we did not hear anything.',
    confirm: 'You pressed {s}. Thank you.',
    second:
      'If you would like someone from our team to contact you about your answer, press 1. Otherwise press 2.',
    callback: 'Customer asked to be contacted (IVR).',
    thanks: 'Thank you for your feedback. Goodbye.',
    goodbye: 'Thank you for your time. Goodbye.',
  },
  de: {
    greeting: 'Guten Tag, hier ist {b} mit einer Umfrage mit nur einer Frage.',
    keys: (min, max, two) =>
      `Bitte drücken Sie eine Zahl von ${min} bis ${max}${two ? ' und danach die Rautetaste' : ''}. Zum Beenden drücken Sie die Sterntaste.`,
    invalid: 'Das war leider keine gültige Antwort.',
    noInput: 'Wir haben leider nichts gehört.',
    confirm: 'Sie haben {s} gedrückt. Vielen Dank.',
    second:
      'Wenn unser Team Sie zu Ihrer Antwort kontaktieren soll, drücken Sie die 1. Sonst drücken Sie die 2.',
    callback: 'Kunde möchte kontaktiert werden (IVR).',
    thanks: 'Vielen Dank für Ihr Feedback. Auf Wiederhören.',
    goodbye: 'Danke für Ihre Zeit. Auf Wiederhören.',
  },
  fr: {
    greeting: "Bonjour, ici {b} pour une enquête d'une seule question.",
    keys: (min, max, two) =>
      `Veuillez taper un chiffre de ${min} à ${max}${two ? ', puis la touche dièse' : ''}. Pour raccrocher, tapez étoile.`,
    invalid: "Désolé, cette réponse n'est pas valide.",
    noInput: "Désolé, nous n'avons rien entendu.",
    confirm: 'Vous avez tapé {s}. Merci.',
    second: 'Si vous souhaitez être recontacté au sujet de votre réponse, tapez 1. Sinon, tapez 2.',
    callback: 'Le client souhaite être recontacté (SVI).',
    thanks: 'Merci pour votre avis. Au revoir.',
    goodbye: 'Merci de votre temps. Au revoir.',
  },
  es: {
    greeting: 'Hola, le llamamos de {b} con una encuesta de una sola pregunta.',
    keys: (min, max, two) =>
      `Marque un número del ${min} al ${max}${two ? ' y después la tecla almohadilla' : ''}. Para terminar, marque asterisco.`,
    invalid: 'Lo sentimos, esa respuesta no es válida.',
    noInput: 'Lo sentimos, no hemos oído nada.',
    confirm: 'Ha marcado {s}. Gracias.',
    second: 'Si desea que nuestro equipo le contacte sobre su respuesta, marque 1. Si no, marque 2.',
    callback: 'El cliente pide ser contactado (IVR).',
    thanks: 'Gracias por su opinión. Adiós.',
    goodbye: 'Gracias por su tiempo. Adiós.',
  },
  nl: {
    greeting: 'Goedendag, u spreekt met {b} voor een enquête van één vraag.',
    keys: (min, max, two) =>
      `Toets een getal van ${min} tot ${max}${two ? ', gevolgd door het hekje' : ''}. Om te stoppen toetst u sterretje.`,
    invalid: 'Sorry, dat was geen geldig antwoord.',
    noInput: 'Sorry, we hebben niets gehoord.',
    confirm: 'U toetste {s}. Dank u wel.',
    second: 'Wilt u dat ons team contact met u opneemt over uw antwoord, toets dan 1. Anders toetst u 2.',
    callback: 'Klant wil gebeld worden (IVR).',
    thanks: 'Bedankt voor uw feedback. Tot ziens.',
    goodbye: 'Bedankt voor uw tijd. Tot ziens.',
  },
  hu: {
    greeting: 'Jó napot, a(z) {b} egykérdéses felmérésével hívjuk.',
    keys: (min, max, two) =>
      `Kérjük, nyomjon egy számot ${min} és ${max} között${two ? ', majd a kettőskereszt gombot' : ''}. A híváshoz vége nyomja meg a csillagot.`,
    invalid: 'Sajnáljuk, ez nem érvényes válasz.',
    noInput: 'Sajnáljuk, nem hallottunk semmit.',
    confirm: 'Ezt nyomta: {s}. Köszönjük.',
    second:
      'Ha szeretné, hogy munkatársunk felvegye Önnel a kapcsolatot, nyomja meg az 1-est. Ha nem, a 2-est.',
    callback: 'Az ügyfél visszahívást kért (IVR).',
    thanks: 'Köszönjük a visszajelzést. Viszonthallásra.',
    goodbye: 'Köszönjük az idejét. Viszonthallásra.',
  },
  et: {
    greeting: 'Tere, helistab {b} ühe küsimusega küsitlusega.',
    keys: (min, max, two) =>
      `Palun vajutage number ${min} kuni ${max}${two ? ' ja seejärel trellide klahvi' : ''}. Lõpetamiseks vajutage tärni.`,
    invalid: 'Vabandust, see ei olnud sobiv vastus.',
    noInput: 'Vabandust, me ei kuulnud midagi.',
    confirm: 'Vajutasite {s}. Aitäh.',
    second: 'Kui soovite, et meie meeskond teiega ühendust võtaks, vajutage 1. Muidu vajutage 2.',
    callback: 'Klient palus ühendust võtta (IVR).',
    thanks: 'Aitäh tagasiside eest. Head aega.',
    goodbye: 'Aitäh teie aja eest. Head aega.',
  },
  ru: {
    greeting: 'Здравствуйте, это {b} с опросом из одного вопроса.',
    keys: (min, max, two) =>
      `Пожалуйста, нажмите цифру от ${min} до ${max}${two ? ', затем клавишу решётка' : ''}. Чтобы закончить, нажмите звёздочку.`,
    invalid: 'Извините, это неверный ответ.',
    noInput: 'Извините, мы ничего не услышали.',
    confirm: 'Вы нажали {s}. Спасибо.',
    second: 'Если вы хотите, чтобы наш сотрудник связался с вами, нажмите 1. Иначе нажмите 2.',
    callback: 'Клиент просит связаться с ним (IVR).',
    thanks: 'Спасибо за ваш отзыв. До свидания.',
    goodbye: 'Спасибо за ваше время. До свидания.',
  },
};

export function voiceTexts(
  lang: Language,
  vars: { brand: string; metric: MetricDefinition; touchpoint: string; question?: string },
): VoiceTexts {
  const v = VOICE[lang];
  const question = emailTexts(lang, vars).question;
  return {
    greeting: fill(v.greeting, { b: vars.brand }),
    question: `${question} ${v.keys(vars.metric.min, vars.metric.max, vars.metric.max >= 10)}`,
    invalid: v.invalid,
    noInput: v.noInput,
    confirm: (score: number) => fill(v.confirm, { s: score }),
    secondQuestion: v.second,
    callbackRequestedNote: v.callback,
    thanks: v.thanks,
    goodbye: v.goodbye,
  };
}
