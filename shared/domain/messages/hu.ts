import type { Catalog } from './catalog.ts';

/**
 * Hungarian (formal "Ön"). Natural Hungarian needs á í ó ú ő ű, which GSM-7 lacks, so survey SMS
 * are UCS-2 and must fit 70 units including a 20-character brand and the opt-out line. That forces
 * the SMS question down to a short question with a bare scale ("Mennyire ajánlana minket? 0-10";
 * CSAT "1-5" reads naturally because Hungarian school grades run 1 to 5 with 5 best; CES/effort
 * ask "Könnyű volt...?" / "Nehéz volt...?" so the scale direction is plain). A fuller wording is
 * used automatically when the brand is short enough. Replies that carry a contact or link
 * (help, opt-in/out, review) are worded in GSM-7 ("Leiratkozni", "Feliratkozni", "Info") so they
 * have 160 characters of room. Questions say "minket" rather than inflecting the brand (a(z)).
 */
export const hu: Catalog = {
  question: {
    nps: 'Mennyire valószínű, hogy ajánlana minket egy barátjának?',
    csat: {
      purchase: 'Mennyire elégedett a rendelés leadásával?',
      delivery: 'Mennyire elégedett a rendelése kiszállításával?',
      ticket_closed: 'Mennyire elégedett azzal, ahogyan a kérését intéztük?',
      other: 'Mennyire elégedett velünk?',
    },
    ces: {
      purchase: 'Könnyű volt leadni a rendelésemet.',
      delivery: 'Könnyű volt átvenni a rendelésemet.',
      ticket_closed: 'Könnyű volt elintézni a kérésemet.',
      other: 'Könnyű volt elintézni, amit szerettem volna.',
    },
    effort: {
      purchase: 'Mennyi erőfeszítésébe került a rendelés leadása?',
      delivery: 'Mennyi erőfeszítésébe került a rendelés átvétele?',
      ticket_closed: 'Mennyi erőfeszítésébe került a kérése elintézése?',
      other: 'Mennyi erőfeszítésébe került?',
    },
  },
  agree: 'Mennyire ért egyet az alábbi állítással?',
  quotes: ['„', '”'],
  labels: {
    low: {
      nps: 'egyáltalán nem valószínű',
      csat: 'nagyon elégedetlen',
      ces: 'egyáltalán nem értek egyet',
      effort: 'nagyon kevés erőfeszítés',
    },
    high: {
      nps: 'nagyon valószínű',
      csat: 'nagyon elégedett',
      ces: 'teljesen egyetértek',
      effort: 'nagyon sok erőfeszítés',
    },
  },
  sms: {
    brandPrefix: '{brand}: ',
    shortQuestion: {
      nps: 'Mennyire ajánlana minket?',
      csat: {
        purchase: 'Elégedett a rendeléssel?',
        delivery: 'Elégedett a szállítással?',
        ticket_closed: 'Elégedett a válaszunkkal?',
        other: 'Elégedett velünk?',
      },
      ces: {
        purchase: 'Könnyű volt rendelni?',
        delivery: 'Könnyű volt az átvétel?',
        ticket_closed: 'Könnyű volt az ügyintézés?',
        other: 'Könnyű dolga volt velünk?',
      },
      effort: {
        purchase: 'Nehéz volt rendelni?',
        delivery: 'Nehéz volt az átvétel?',
        ticket_closed: 'Nehéz volt az ügyintézés?',
        other: 'Nehéz dolga volt?',
      },
    },
    reply: {
      nps: 'Válasz: {min}-{max}.',
      csat: 'Válasz: {min} (nagyon elégedetlen) – {max} (nagyon elégedett).',
      ces: 'Válasz: {min} (egyáltalán nem) – {max} (teljesen).',
      effort: 'Válasz: {min} (nagyon kevés) – {max} (nagyon sok).',
    },
    shortReply: { nps: '{min}-{max}', csat: '{min}-{max}', ces: '{min}-{max}', effort: '{min}-{max}' },
    stop: 'Leiratkozás: STOP',
    reminder: 'Emlékeztető: ',
    reminderFrom: '{brand} emlékeztető: ',
    clarify: 'Kérjük, {min} és {max} közötti számmal válaszoljon.',
    why: 'Köszönjük! Mi a fő oka az értékelésének?',
    thanks: 'Köszönjük a visszajelzését!',
    thanksComment: 'Köszönjük! Megjegyzését továbbítottuk a csapatunknak.',
    closed: 'Ez a felmérés lezárult. Köszönjük!',
    optOutConfirm: '{brand}: Leiratkozott, nem kap több felmérést. Feliratkozni: START',
    optInConfirm: '{brand}: Ismét feliratkozott a felmérésekre. Leiratkozni: STOP',
    help: '{brand} felmérések. Info: {contact}. Leiratkozni: STOP',
    review: '{brand}: Köszönjük! Értékeljen minket itt: {url}',
  },
  email: {
    subject: {
      nps: '{brand}: ajánlana minket?',
      purchase: '{brand}: milyen volt a rendelés?',
      delivery: '{brand}: milyen volt a kiszállítás?',
      ticket_closed: '{brand}: hogyan intéztük a kérését?',
      other: '{brand}: egy gyors kérdés',
    },
    heading: 'Egy gyors kérdés',
    whyHeading: 'Köszönjük! Ezt választotta: {s}.',
    whyLabel: 'Mi a fő oka az értékelésének? (nem kötelező)',
    submit: 'Küldés',
    thanks: 'Köszönjük a visszajelzését!',
    changeHint: 'Meggondolta magát? Kattintson egy másik számra az e-mailben.',
    saveHint: 'Az értékelés mentéséhez nyomja meg a „Küldés” gombot.',
    closed: 'Ez a felmérés lezárult. Köszönjük!',
    invalidLink: 'Ez a hivatkozás érvénytelen. Nem rögzítettünk semmit.',
    unsubscribe: 'Leiratkozás a felmérésekről',
    unsubscribeConfirm: 'Nem kér több felmérést tőlünk ({brand})?',
    unsubscribed: 'Leiratkozott, több felmérést nem küldünk.',
    footer: 'Ezt az egyszeri felmérést azért kapja, mert nemrég kapcsolatba került velünk ({brand}).',
  },
  voice: {
    greeting:
      'Jó napot kívánunk! Itt {brand}. Egy rövid kérdéssel hívjuk a legutóbbi élményével kapcsolatban.',
    meaning: '{min} jelentése: {low}, {max} jelentése: {high}.',
    press: 'Kérjük, nyomjon meg egy számot {min} és {max} között.',
    pressPound: 'Kérjük, üssön be egy számot {min} és {max} között, majd nyomja meg a kettőskereszt gombot.',
    cancel: 'A hívás befejezéséhez nyomja meg a csillag gombot.',
    invalid: 'Elnézést, ez nem érvényes válasz.',
    noInput: 'Elnézést, nem kaptunk választ.',
    confirm: 'Ezt nyomta meg: {score}.',
    second:
      'Ha szeretné, hogy munkatársunk felvegye Önnel a kapcsolatot a válasza miatt, nyomja meg az 1-est. Ha nem, nyomja meg a 2-est.',
    callback: 'Az ügyfél kapcsolatfelvételt kért (telefonos felmérés).',
    thanks: 'Köszönjük a visszajelzését. Viszonthallásra.',
    goodbye: 'Köszönjük, hogy időt szánt ránk. Viszonthallásra.',
  },
};
