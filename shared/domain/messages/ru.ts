import type { Catalog } from './catalog.ts';

/**
 * Russian (formal "вы"). Cyrillic is outside GSM-7, so every SMS is UCS-2 and must fit 70 units
 * with a 20-character brand and the opt-out line. That forces the SMS question down to a short
 * question with a bare scale ("Порекомендуете нас друзьям? 0-10"; CSAT "1-5" reads naturally as
 * the school grade scale with 5 best; CES/effort ask "Легко ли...?" / "Трудно ли...?" so the
 * direction is plain). A fuller wording is used automatically when the brand is short enough.
 * Help fits one segment with a contact of up to 25 characters. Wording avoids the brand's grammatical
 * gender ("С {brand} мне было легко..." rather than "{brand} позволил...").
 */
export const ru: Catalog = {
  question: {
    nps: 'Насколько вероятно, что вы порекомендуете {brand} другу?',
    csat: {
      purchase: 'Насколько вы довольны оформлением заказа в {brand}?',
      delivery: 'Насколько вы довольны доставкой заказа {brand}?',
      ticket_closed: 'Насколько вы довольны тем, как в {brand} решили ваш вопрос?',
      other: 'Насколько вы довольны {brand}?',
    },
    ces: {
      purchase: 'С {brand} мне было легко оформить заказ.',
      delivery: 'С {brand} мне было легко получить заказ.',
      ticket_closed: 'С {brand} мне было легко решить свой вопрос.',
      other: 'С {brand} мне было легко сделать то, что нужно.',
    },
    effort: {
      purchase: 'Сколько усилий вам пришлось приложить, чтобы оформить заказ?',
      delivery: 'Сколько усилий вам пришлось приложить, чтобы получить заказ?',
      ticket_closed: 'Сколько усилий вам пришлось приложить, чтобы решить свой вопрос?',
      other: 'Сколько усилий вам пришлось приложить?',
    },
  },
  agree: 'Насколько вы согласны с этим утверждением?',
  quotes: ['«', '»'],
  labels: {
    low: {
      nps: 'крайне маловероятно',
      csat: 'совсем не доволен',
      ces: 'совершенно не согласен',
      effort: 'очень мало усилий',
    },
    high: {
      nps: 'крайне вероятно',
      csat: 'очень доволен',
      ces: 'полностью согласен',
      effort: 'очень много усилий',
    },
  },
  sms: {
    brandPrefix: '{brand}: ',
    shortQuestion: {
      nps: 'Порекомендуете нас друзьям?',
      csat: {
        purchase: 'Довольны оформлением заказа?',
        delivery: 'Довольны доставкой?',
        ticket_closed: 'Довольны решением вопроса?',
        other: 'Вы довольны нами?',
      },
      ces: {
        purchase: 'Легко ли было оформить заказ?',
        delivery: 'Легко ли было получить заказ?',
        ticket_closed: 'Легко ли было решить вопрос?',
        other: 'С нами было легко?',
      },
      effort: {
        purchase: 'Трудно ли было оформить заказ?',
        delivery: 'Трудно ли было получить заказ?',
        ticket_closed: 'Трудно ли было решить вопрос?',
        other: 'Насколько было трудно?',
      },
    },
    reply: {
      nps: 'Ответьте от {min} до {max}.',
      csat: 'Ответьте от {min} (совсем не доволен) до {max} (очень доволен).',
      ces: 'Ответьте от {min} (не согласен) до {max} (согласен).',
      effort: 'Ответьте от {min} (очень мало) до {max} (очень много).',
    },
    shortReply: { nps: '{min}-{max}', csat: '{min}-{max}', ces: '{min}-{max}', effort: '{min}-{max}' },
    stop: 'Отписка: STOP',
    reminder: 'Напоминание: ',
    reminderFrom: 'Напоминание от {brand}: ',
    clarify: 'Пожалуйста, ответьте числом от {min} до {max}.',
    why: 'Спасибо! Какова главная причина вашей оценки?',
    thanks: 'Спасибо за отзыв!',
    thanksComment: 'Спасибо! Мы передали ваш комментарий нашей команде.',
    closed: 'Этот опрос уже закрыт. Спасибо!',
    optOutConfirm: '{brand}: вы отписаны от опросов. Подписаться: START',
    optInConfirm: '{brand}: вы снова подписаны на опросы. Отписка: STOP',
    help: '{brand}. Помощь: {contact}. Отписка: STOP',
    review: 'Отзыв о {brand}: {url}',
  },
  email: {
    subject: {
      nps: '{brand}: порекомендуете нас?',
      purchase: '{brand}: как прошло оформление заказа?',
      delivery: '{brand}: как прошла доставка?',
      ticket_closed: '{brand}: как мы решили ваш вопрос?',
      other: '{brand}: один короткий вопрос',
    },
    heading: 'Один короткий вопрос',
    whyHeading: 'Спасибо! Вы выбрали {s}.',
    whyLabel: 'Какова главная причина вашей оценки? (необязательно)',
    submit: 'Отправить',
    thanks: 'Спасибо за ваш отзыв!',
    changeHint: 'Передумали? Нажмите другое число в письме.',
    saveHint: 'Нажмите «Отправить», чтобы сохранить оценку.',
    closed: 'Этот опрос завершён. Спасибо!',
    invalidLink: 'Эта ссылка недействительна. Ничего не сохранено.',
    unsubscribe: 'Отписаться от опросов',
    unsubscribeConfirm: 'Больше не получать опросы от {brand}?',
    unsubscribed: 'Вы отписались и больше не будете получать опросы.',
    footer: 'Вы получили этот разовый опрос после недавнего взаимодействия с {brand}.',
  },
  voice: {
    greeting: 'Здравствуйте! Это {brand}. У нас к вам один короткий вопрос о вашем недавнем опыте.',
    meaning: '{min} означает «{low}», а {max} означает «{high}».',
    press: 'Пожалуйста, нажмите цифру от {min} до {max}.',
    pressPound: 'Пожалуйста, наберите число от {min} до {max}, а затем нажмите решётку.',
    cancel: 'Чтобы завершить звонок, нажмите звёздочку.',
    invalid: 'Извините, это недопустимый ответ.',
    noInput: 'Извините, мы не получили ответа.',
    confirm: 'Вы нажали {score}.',
    second:
      'Если вы хотите, чтобы наш сотрудник связался с вами по поводу вашего ответа, нажмите 1. Если нет, нажмите 2.',
    callback: 'Клиент просит связаться с ним (телефонный опрос).',
    thanks: 'Спасибо за ваш отзыв. До свидания.',
    goodbye: 'Спасибо, что уделили нам время. До свидания.',
  },
};
