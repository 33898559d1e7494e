import type { Catalog } from './catalog.ts';

/**
 * Spanish (usted). SMS texts are GSM-7: é ñ ü ¿ ¡ are in the basic set but á í ó ú are not, so SMS
 * wording is chosen to need none of them ("¿Hasta qué punto...?", "me ha facilitado", "valor"
 * instead of "número", "¿Qué le ha llevado...?" instead of "¿Por qué...puntuación?"). Email and
 * voice texts use the usual accents. One segment with a 20-character brand and the reminder prefix
 * forced: CSAT questions as "¿Ha quedado satisfecho con...?" (not "¿Hasta qué punto...?"), the
 * support question without "a su consulta", the SMS agreement labels "nada de acuerdo" / "muy de
 * acuerdo" (email: "totalmente en desacuerdo" / "totalmente de acuerdo") and "¿Qué esfuerzo...?".
 */
export const es: Catalog = {
  question: {
    nps: '¿Qué probabilidad hay de que recomiende {brand} a un amigo?',
    csat: {
      purchase: '¿Ha quedado satisfecho con su pedido en {brand}?',
      delivery: '¿Ha quedado satisfecho con la entrega de {brand}?',
      ticket_closed: '¿Ha quedado satisfecho con la respuesta de {brand}?',
      other: '¿Ha quedado satisfecho con {brand}?',
    },
    ces: {
      purchase: '{brand} me ha facilitado hacer mi pedido.',
      delivery: '{brand} me ha facilitado recibir mi pedido.',
      ticket_closed: '{brand} me ha facilitado resolver mi consulta.',
      other: '{brand} me ha facilitado las cosas.',
    },
    effort: {
      purchase: '¿Qué esfuerzo le ha supuesto hacer su pedido?',
      delivery: '¿Qué esfuerzo le ha supuesto recibir su pedido?',
      ticket_closed: '¿Qué esfuerzo le ha supuesto resolver su consulta?',
      other: '¿Qué esfuerzo personal ha tenido que hacer?',
    },
  },
  agree: '¿Hasta qué punto está de acuerdo con esta afirmación?',
  quotes: ['«', '»'],
  labels: {
    low: {
      nps: 'nada probable',
      csat: 'nada satisfecho',
      ces: 'totalmente en desacuerdo',
      effort: 'muy poco esfuerzo',
    },
    high: {
      nps: 'muy probable',
      csat: 'muy satisfecho',
      ces: 'totalmente de acuerdo',
      effort: 'muchísimo esfuerzo',
    },
  },
  sms: {
    brandPrefix: '{brand}: ',
    reply: {
      nps: 'Responda del {min} al {max}.',
      csat: 'Responda del {min} (nada satisfecho) al {max} (muy satisfecho).',
      ces: 'Responda del {min} (nada de acuerdo) al {max} (muy de acuerdo).',
      effort: 'Responda del {min} (muy poco) al {max} (mucho).',
    },
    stop: 'STOP para darse de baja.',
    reminder: 'Recordatorio: ',
    reminderFrom: 'Recordatorio de {brand}: ',
    clarify: 'Por favor, responda con un valor del {min} al {max}.',
    why: '¡Gracias! ¿Qué le ha llevado a dar esa nota?',
    thanks: '¡Muchas gracias por sus comentarios!',
    thanksComment: '¡Gracias! Hemos trasladado su comentario a nuestro equipo.',
    closed: 'Esta encuesta ya ha finalizado. ¡Gracias!',
    optOutConfirm:
      '{brand}: Se ha dado de baja y ya no le enviaremos encuestas. Responda START para volver a darse de alta.',
    optInConfirm: '{brand}: Volveremos a enviarle encuestas. Responda STOP para darse de baja.',
    help: '{brand}, encuestas a clientes. Ayuda: {contact}. Responda STOP para darse de baja.',
    review: '{brand}: ¡Gracias! ¿Nos deja una reseña con su experiencia? {url}',
  },
  email: {
    subject: {
      nps: '¿Recomendaría {brand}?',
      purchase: '¿Qué tal su pedido en {brand}?',
      delivery: '¿Qué tal la entrega de su pedido de {brand}?',
      ticket_closed: '¿Qué tal le atendió {brand} en su consulta?',
      other: 'Una pregunta rápida de {brand}',
    },
    heading: 'Una pregunta rápida',
    whyHeading: '¡Gracias! Ha elegido {s}.',
    whyLabel: '¿Cuál es el motivo principal de su valoración? (opcional)',
    submit: 'Enviar',
    thanks: '¡Gracias por su opinión!',
    changeHint: '¿Ha cambiado de opinión? Pulse otro número en el correo.',
    saveHint: 'Pulse «Enviar» para guardar su valoración.',
    closed: 'Esta encuesta ha finalizado. ¡Gracias!',
    invalidLink: 'Este enlace no es válido. No se ha guardado nada.',
    unsubscribe: 'Darse de baja de las encuestas',
    unsubscribeConfirm: '¿Dejar de recibir encuestas de {brand}?',
    unsubscribed: 'Se ha dado de baja y no recibirá más encuestas.',
    footer: 'Recibe esta encuesta única por su experiencia reciente con {brand}.',
  },
  voice: {
    greeting: 'Hola, le llamamos de {brand} con una pregunta rápida sobre su experiencia reciente.',
    meaning: '{min} significa {low}, y {max} significa {high}.',
    press: 'Marque un número del {min} al {max}.',
    pressPound: 'Marque un número del {min} al {max} y después la tecla almohadilla.',
    cancel: 'Para terminar la llamada, marque asterisco.',
    invalid: 'Lo sentimos, esa respuesta no es válida.',
    noInput: 'Lo sentimos, no hemos recibido ninguna respuesta.',
    confirm: 'Ha marcado {score}.',
    second: 'Si desea que nuestro equipo le contacte sobre su respuesta, marque 1. Si no, marque 2.',
    callback: 'El cliente pide que le contacten (encuesta telefónica).',
    thanks: 'Gracias por su opinión. Adiós.',
    goodbye: 'Gracias por su tiempo. Adiós.',
  },
};
