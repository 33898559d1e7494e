/**
 * The shape every language's message catalog fills in. One file per language keeps each translation
 * reviewable on its own, and this interface makes a missing string a compile error.
 *
 * Placeholders: `{brand}`, `{contact}`, `{url}`, `{min}`, `{max}`, `{score}` (filled by messages.ts).
 * SMS strings of en, de, fr, es, nl and et use GSM-7 characters only (see sms-segments.ts);
 * tests enforce it.
 */

/** What the question is about: the built-in touchpoints, and `other` for admin-defined ones. */
export type Topic = 'purchase' | 'delivery' | 'ticket_closed' | 'other';

/** The answer scale: NPS, CSAT, CES 2.0 agreement (`ces`) or the older effort scale (`effort`). */
export type Scale = 'nps' | 'csat' | 'ces' | 'effort';

/**
 * Default survey questions. NPS is about the brand whatever the touchpoint; the others name the
 * moment. `ces` holds CES 2.0 statements (rated by agreement), not questions.
 */
export interface QuestionSet {
  nps: string;
  csat: Record<Topic, string>;
  ces: Record<Topic, string>;
  effort: Record<Topic, string>;
}

export interface Catalog {
  /** Full questions, used by email and voice, and by SMS when they fit one segment. */
  question: QuestionSet;
  /** Asks for agreement before a CES statement (email, voice). */
  agree: string;
  /** Quotation marks around a CES statement. */
  quotes: readonly [open: string, close: string];
  /** Scale end labels, as they read inside a sentence (email capitalizes the first letter). */
  labels: { low: Record<Scale, string>; high: Record<Scale, string> };
  sms: {
    /** Prepended when the question does not name the brand, so every survey SMS says who asks. */
    brandPrefix: string;
    /**
     * Fallback questions when the full one cannot fit one segment (hu, ru: 70 UCS-2 units). Final
     * texts: `ces` entries here are questions, not statements to quote.
     */
    shortQuestion?: QuestionSet;
    /** How to answer, per scale (`{min}`, `{max}`). */
    reply: Record<Scale, string>;
    /** Fallback reply instructions when the full ones cannot fit one segment. */
    shortReply?: Record<Scale, string>;
    /** Opt-out instruction in every survey SMS; always names STOP (understood in every language). */
    stop: string;
    /** Reminder prefix when the question names the brand. */
    reminder: string;
    /** Reminder prefix when it does not (replaces `brandPrefix`). */
    reminderFrom: string;
    clarify: string;
    why: string;
    thanks: string;
    thanksComment: string;
    closed: string;
    optOutConfirm: string;
    optInConfirm: string;
    help: string;
    review: string;
  };
  email: {
    subject: { nps: string } & Record<Topic, string>;
    heading: string;
    /** `{s}` is the chosen score (kept as `{s}`: the email-link page fills it in). */
    whyHeading: string;
    whyLabel: string;
    submit: string;
    thanks: string;
    changeHint: string;
    /** Shown until the page has saved the score (stays visible without JavaScript). */
    saveHint: string;
    closed: string;
    invalidLink: string;
    unsubscribe: string;
    unsubscribeConfirm: string;
    unsubscribed: string;
    footer: string;
  };
  voice: {
    greeting: string;
    /** What the scale ends mean (`{low}`, `{high}` are the labels). */
    meaning: string;
    /** Single-digit scales: the call moves on after one key. */
    press: string;
    /** Scales up to 10 need two keys, so the caller ends with the pound key. */
    pressPound: string;
    cancel: string;
    invalid: string;
    noInput: string;
    confirm: string;
    second: string;
    /** Stored as the response comment when the caller asks to be contacted (read by the CX team). */
    callback: string;
    thanks: string;
    goodbye: string;
  };
}
