import type { Catalog } from './catalog.ts';

/**
 * Estonian. SMS texts are GSM-7: ä ö ü are in the basic set, õ š ž are not, so SMS wording avoids
 * õ ("Mil määral" instead of "Kui tõenäoliselt", "tuttavatele" instead of "sõbrale", "Miks andsite
 * just sellise hinde?" instead of "põhjus", "suletud" instead of "lõppenud"). The CES reply rates
 * the statement as "ei ole üldse nii" / "on täpselt nii" because "nõus" (agree) contains õ; email
 * and voice use "nõustun". Questions say "meid" (us) rather than inflecting the brand name, and
 * the SMS prefix names the brand. One segment with a 20-character brand and the reminder prefix
 * forced the support CES and effort texts to say "pöördumise" without "minu" / "oma".
 */
export const et: Catalog = {
  question: {
    nps: 'Mil määral soovitaksite meid oma tuttavatele?',
    csat: {
      purchase: 'Kui rahul olite tellimuse vormistamisega?',
      delivery: 'Kui rahul olite tellimuse kohaletoimetamisega?',
      ticket_closed: 'Kui rahul olite oma pöördumise lahendamisega?',
      other: 'Kui rahul olete meiega?',
    },
    ces: {
      purchase: '{brand} muutis tellimuse vormistamise lihtsaks.',
      delivery: '{brand} muutis tellimuse kättesaamise lihtsaks.',
      ticket_closed: '{brand} muutis pöördumise lahendamise lihtsaks.',
      other: '{brand} muutis asjaajamise lihtsaks.',
    },
    effort: {
      purchase: 'Kui palju vaeva pidite tellimuse vormistamiseks nägema?',
      delivery: 'Kui palju vaeva pidite tellimuse kättesaamiseks nägema?',
      ticket_closed: 'Kui palju vaeva pidite pöördumise lahendamiseks nägema?',
      other: 'Kui palju vaeva pidite ise nägema?',
    },
  },
  agree: 'Mil määral nõustute järgmise väitega?',
  quotes: ['„', '“'],
  labels: {
    low: {
      nps: 'üldse mitte tõenäoline',
      csat: 'väga rahulolematu',
      ces: 'ei nõustu üldse',
      effort: 'väga vähe vaeva',
    },
    high: {
      nps: 'väga tõenäoline',
      csat: 'väga rahul',
      ces: 'nõustun täielikult',
      effort: 'väga palju vaeva',
    },
  },
  sms: {
    brandPrefix: '{brand}: ',
    reply: {
      nps: 'Vastake {min}-{max}.',
      csat: 'Vastake {min} (väga rahulolematu) kuni {max} (väga rahul).',
      ces: 'Vastake {min} (ei ole üldse nii) kuni {max} (on täpselt nii).',
      effort: 'Vastake {min} (väga vähe) kuni {max} (väga palju).',
    },
    stop: 'Loobumiseks saatke STOP.',
    reminder: 'Meeldetuletus: ',
    reminderFrom: '{brand} meeldetuletus: ',
    clarify: 'Palun vastake numbriga {min} kuni {max}.',
    why: 'Aitäh! Miks andsite just sellise hinde?',
    thanks: 'Aitäh tagasiside eest!',
    thanksComment: 'Aitäh! Edastasime teie kommentaari meie meeskonnale.',
    closed: 'See küsitlus on suletud. Aitäh!',
    optOutConfirm: '{brand}: Te ei saa enam küsitlusi. Uuesti liitumiseks saatke START.',
    optInConfirm: '{brand}: Saate taas küsitlusi. Loobumiseks saatke STOP.',
    help: '{brand} kliendiküsitlused. Abi: {contact}. Loobumiseks saatke STOP.',
    review: '{brand}: Aitäh! Kas jagaksite oma kogemust arvustuses? {url}',
  },
  email: {
    subject: {
      nps: '{brand}: kas soovitaksite meid?',
      purchase: '{brand}: kuidas tellimine sujus?',
      delivery: '{brand}: kuidas tarne sujus?',
      ticket_closed: '{brand}: kuidas lahendasime teie pöördumise?',
      other: '{brand}: üks kiire küsimus',
    },
    heading: 'Üks kiire küsimus',
    whyHeading: 'Aitäh! Teie valik: {s}.',
    whyLabel: 'Mis on teie hinnangu peamine põhjus? (valikuline)',
    submit: 'Saada',
    thanks: 'Aitäh tagasiside eest!',
    changeHint: 'Muutsite meelt? Klõpsake e-kirjas mõnel teisel numbril.',
    saveHint: 'Hinnangu salvestamiseks vajutage „Saada“.',
    closed: 'See küsitlus on lõppenud. Aitäh!',
    invalidLink: 'See link ei kehti. Midagi ei salvestatud.',
    unsubscribe: 'Loobu küsitlustest',
    unsubscribeConfirm: 'Kas loobuda küsitlustest, mida saadab {brand}?',
    unsubscribed: 'Olete küsitlustest loobunud ega saa neid enam.',
    footer: 'Saite selle ühekordse küsitluse, sest teil oli hiljuti kokkupuude ettevõttega {brand}.',
  },
  voice: {
    greeting: 'Tere, helistab {brand}. Meil on teile üks kiire küsimus teie hiljutise kogemuse kohta.',
    meaning: '{min} tähendab {low} ja {max} tähendab {high}.',
    press: 'Palun vajutage number {min} kuni {max}.',
    pressPound: 'Palun vajutage number {min} kuni {max} ja seejärel trellide klahvi.',
    cancel: 'Kõne lõpetamiseks vajutage tärni.',
    invalid: 'Vabandust, see ei ole sobiv vastus.',
    noInput: 'Vabandust, me ei saanud teie vastust.',
    confirm: 'Vajutasite {score}.',
    second:
      'Kui soovite, et meie meeskond võtaks teiega teie vastuse asjus ühendust, vajutage 1. Muidu vajutage 2.',
    callback: 'Klient palus endaga ühendust võtta (telefoniküsitlus).',
    thanks: 'Aitäh tagasiside eest. Head aega.',
    goodbye: 'Aitäh, et leidsite aega. Head aega.',
  },
};
