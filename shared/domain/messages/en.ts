import type { Catalog } from './catalog.ts';

/**
 * English: the fallback for every unsupported locale. SMS texts are GSM-7. One segment with a
 * 20-character brand and the reminder prefix forced: effort questions without "personally" (the
 * classic wording is "...did you personally have to put forth"), the effort labels "very little"
 * / "a lot", and the CSAT support question saying "your request" rather than "your support request".
 */
export const en: Catalog = {
  question: {
    nps: 'How likely are you to recommend {brand} to a friend?',
    csat: {
      purchase: 'How satisfied were you with placing your order at {brand}?',
      delivery: 'How satisfied were you with the delivery of your {brand} order?',
      ticket_closed: 'How satisfied were you with how {brand} handled your request?',
      other: 'How satisfied were you with {brand}?',
    },
    ces: {
      purchase: '{brand} made it easy to place my order.',
      delivery: '{brand} made it easy to receive my order.',
      ticket_closed: '{brand} made it easy to handle my support request.',
      other: '{brand} made it easy to get what I needed.',
    },
    effort: {
      purchase: 'How much effort did you have to put in to place your order?',
      delivery: 'How much effort did you have to put in to receive your order?',
      ticket_closed: 'How much effort did you have to put in to get your request handled?',
      other: 'How much effort did you personally have to put in?',
    },
  },
  agree: 'How much do you agree with this statement?',
  quotes: ['"', '"'],
  labels: {
    low: {
      nps: 'not at all likely',
      csat: 'very unsatisfied',
      ces: 'strongly disagree',
      effort: 'very little effort',
    },
    high: {
      nps: 'extremely likely',
      csat: 'very satisfied',
      ces: 'strongly agree',
      effort: 'a great deal of effort',
    },
  },
  sms: {
    brandPrefix: '{brand}: ',
    reply: {
      nps: 'Reply {min}-{max}.',
      csat: 'Reply {min} (very unsatisfied) to {max} (very satisfied).',
      ces: 'Reply {min} (strongly disagree) to {max} (strongly agree).',
      effort: 'Reply {min} (very little) to {max} (a lot).',
    },
    stop: 'Reply STOP to opt out.',
    reminder: 'Reminder: ',
    reminderFrom: '{brand} reminder: ',
    clarify: 'Please reply with a number from {min} to {max}.',
    why: 'Thanks! What is the main reason for your score?',
    thanks: 'Thank you for your feedback!',
    thanksComment: 'Thank you! We have passed your comment on to our team.',
    closed: 'This survey has closed. Thank you!',
    optOutConfirm: '{brand}: You are unsubscribed and will get no more surveys. Reply START to resubscribe.',
    optInConfirm: '{brand}: You will get surveys again. Reply STOP to opt out.',
    help: '{brand} customer surveys. Help: {contact}. Reply STOP to opt out.',
    review: '{brand}: Thank you! Would you share your experience in a review? {url}',
  },
  email: {
    subject: {
      nps: 'Would you recommend {brand}?',
      purchase: 'How was ordering from {brand}?',
      delivery: 'How was your {brand} delivery?',
      ticket_closed: 'How did {brand} handle your support request?',
      other: 'One quick question from {brand}',
    },
    heading: 'One quick question',
    whyHeading: 'Thank you! You chose {s}.',
    whyLabel: 'What is the main reason for your score? (optional)',
    submit: 'Send',
    thanks: 'Thank you for your feedback!',
    changeHint: 'Changed your mind? Click another number in the email.',
    saveHint: 'Press Send to save your score.',
    closed: 'This survey has closed. Thank you!',
    invalidLink: 'This link is not valid. Nothing was recorded.',
    unsubscribe: 'Unsubscribe from surveys',
    unsubscribeConfirm: 'Stop receiving surveys from {brand}?',
    unsubscribed: 'You are unsubscribed and will not receive more surveys.',
    footer: 'You are receiving this one-time survey because of your recent experience with {brand}.',
  },
  voice: {
    greeting: 'Hello, this is {brand} with one quick question about your recent experience.',
    meaning: '{min} means {low}, and {max} means {high}.',
    press: 'Please press a number from {min} to {max}.',
    pressPound: 'Please press a number from {min} to {max}, then the pound key.',
    cancel: 'To end this call, press star.',
    invalid: 'Sorry, that is not a valid answer.',
    noInput: 'Sorry, we did not hear anything.',
    confirm: 'You pressed {score}.',
    second:
      'If you would like someone from our team to contact you about your answer, press 1. Otherwise, press 2.',
    callback: 'The customer asked to be contacted (phone survey).',
    thanks: 'Thank you for your feedback. Goodbye.',
    goodbye: 'Thank you for your time. Goodbye.',
  },
};
