import type { Catalog } from './catalog.ts';

/**
 * French (vouvoiement). SMS texts are GSM-7: é è ù à are in the basic set but ê â î ô û ç ë are
 * not, so SMS wording avoids them ("questionnaire", "clos", "Combien d'efforts" instead of
 * "enquête", "dû"); email and voice use the usual words. « » become " in SMS, and the space before
 * ? ! : is a plain space there. No "de {brand}" anywhere: a brand starting with a vowel would need
 * "d'", which a template cannot know. One segment with a 20-character brand and the reminder
 * prefix forced: CSAT questions as "... vous a-t-elle satisfait ?" (not "Quel est votre niveau de
 * satisfaction..."), the support question without "à votre demande", the SMS agreement label
 * "pas d'accord" (email: "pas du tout d'accord"), "réception du colis", and the opt-out line
 * "Désabonnement : STOP".
 */
export const fr: Catalog = {
  question: {
    nps: 'Quelle est la probabilité que vous recommandiez {brand} à un ami ?',
    csat: {
      purchase: 'Votre commande chez {brand} vous a-t-elle satisfait ?',
      delivery: 'Votre livraison {brand} vous a-t-elle satisfait ?',
      ticket_closed: 'La réponse apportée par {brand} vous a-t-elle satisfait ?',
      other: 'Votre expérience avec {brand} vous a-t-elle satisfait ?',
    },
    ces: {
      purchase: '{brand} m’a facilité la commande.',
      delivery: '{brand} m’a facilité la réception de ma commande.',
      ticket_closed: '{brand} m’a facilité le traitement de ma demande.',
      other: '{brand} m’a facilité les démarches.',
    },
    effort: {
      purchase: 'Combien d’efforts vous a demandé votre commande ?',
      delivery: 'Combien d’efforts vous a demandé la réception du colis ?',
      ticket_closed: 'Combien d’efforts avez-vous fournis pour votre demande ?',
      other: 'Combien d’efforts personnels avez-vous fournis ?',
    },
  },
  agree: 'Dans quelle mesure êtes-vous d’accord avec cette affirmation ?',
  quotes: ['« ', ' »'],
  labels: {
    low: {
      nps: 'pas du tout probable',
      csat: 'très insatisfait',
      ces: 'pas du tout d’accord',
      effort: 'très peu d’effort',
    },
    high: {
      nps: 'extrêmement probable',
      csat: 'très satisfait',
      ces: 'tout à fait d’accord',
      effort: 'énormément d’effort',
    },
  },
  sms: {
    brandPrefix: '{brand} : ',
    reply: {
      nps: 'Répondez de {min} à {max}.',
      csat: 'Répondez de {min} (très insatisfait) à {max} (très satisfait).',
      ces: 'Répondez de {min} (pas d’accord) à {max} (tout à fait d’accord).',
      effort: 'Répondez de {min} (très peu) à {max} (énormément).',
    },
    stop: 'Désabonnement : STOP',
    reminder: 'Rappel : ',
    reminderFrom: '{brand}, rappel : ',
    clarify: 'Merci de répondre par un nombre de {min} à {max}.',
    why: 'Merci ! Quelle est la raison principale de votre note ?',
    thanks: 'Merci pour votre avis !',
    thanksComment: 'Merci ! Nous avons transmis votre commentaire à notre équipe.',
    closed: 'Ce questionnaire est clos. Merci !',
    optOutConfirm: '{brand} : Vous ne recevrez plus nos questionnaires. Répondez START pour vous réabonner.',
    optInConfirm: '{brand} : Vous recevrez à nouveau nos questionnaires. Désabonnement : STOP',
    help: '{brand}, questionnaires clients. Aide : {contact}. Désabonnement : STOP',
    review: '{brand} : Merci ! Partageriez-vous votre expérience dans un avis ? {url}',
  },
  email: {
    subject: {
      nps: 'Recommanderiez-vous {brand} ?',
      purchase: 'Comment s’est passée votre commande chez {brand} ?',
      delivery: 'Comment s’est passée votre livraison {brand} ?',
      ticket_closed: 'Votre avis sur le traitement de votre demande par {brand}',
      other: '{brand} : une petite question',
    },
    heading: 'Une petite question',
    whyHeading: 'Merci ! Vous avez choisi {s}.',
    whyLabel: 'Quelle est la raison principale de votre note ? (facultatif)',
    submit: 'Envoyer',
    thanks: 'Merci pour votre avis !',
    changeHint: 'Vous avez changé d’avis ? Cliquez sur un autre chiffre dans l’e-mail.',
    saveHint: 'Appuyez sur « Envoyer » pour enregistrer votre note.',
    closed: 'Cette enquête est terminée. Merci !',
    invalidLink: 'Ce lien n’est pas valide. Rien n’a été enregistré.',
    unsubscribe: 'Se désabonner des enquêtes',
    unsubscribeConfirm: 'Ne plus recevoir les enquêtes envoyées par {brand} ?',
    unsubscribed: 'Vous êtes désabonné et ne recevrez plus d’enquêtes.',
    footer: 'Vous recevez cette enquête unique à la suite de votre expérience récente avec {brand}.',
  },
  voice: {
    greeting: 'Bonjour, ici {brand}, avec une petite question sur votre expérience récente.',
    meaning: '{min} signifie {low}, et {max} signifie {high}.',
    press: 'Veuillez taper un chiffre de {min} à {max}.',
    pressPound: 'Veuillez taper un nombre de {min} à {max}, puis la touche dièse.',
    cancel: 'Pour raccrocher, tapez étoile.',
    invalid: 'Désolé, cette réponse n’est pas valide.',
    noInput: 'Désolé, nous n’avons rien reçu.',
    confirm: 'Vous avez tapé {score}.',
    second: 'Si vous souhaitez être recontacté au sujet de votre réponse, tapez 1. Sinon, tapez 2.',
    callback: 'Le client souhaite être recontacté (enquête téléphonique).',
    thanks: 'Merci pour votre avis. Au revoir.',
    goodbye: 'Merci de votre temps. Au revoir.',
  },
};
