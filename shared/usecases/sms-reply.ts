import { phoneThreadKey } from '../adapters/dynamo/survey-store.ts';
import { languageOf, renderSms, type SmsKind } from '../domain/messages.ts';
import { parseSmsReply } from '../domain/reply-parser.ts';
import type { Survey, SurveyResponse } from '../domain/survey.ts';
import type { Deps } from '../runtime/deps.ts';

/** An inbound SMS as the provider reports it. */
export interface InboundSms {
  /** Provider message id (Twilio MessageSid): a retried webhook carries the same one. */
  messageId: string;
  from: string;
  to: string;
  body: string;
}

export interface SmsReplyResult {
  /** Text to send back (as TwiML), or none. */
  reply?: string;
  outcome:
    | 'scored'
    | 'clarify'
    | 'comment'
    | 'comment_without_score'
    | 'opted_out'
    | 'opted_in'
    | 'keyword_superseded'
    | 'help'
    | 'closed'
    | 'no_survey'
    | 'duplicate';
  surveyId?: string;
}

/** The survey a reply belongs to: on this number pair, asked last, still open. */
function openSurvey(candidates: Survey[], now: Date): { open?: Survey; recentlyClosed?: Survey } {
  for (const s of candidates) {
    const live = Date.parse(s.expiresAt) > now.getTime();
    const waiting = s.conversation !== undefined && s.conversation !== 'done';
    if (live && waiting && (s.status === 'sent' || s.status === 'answered')) return { open: s };
  }
  const recentlyClosed = candidates.find(
    (s) => Date.parse(s.expiresAt) <= now.getTime() && (s.status === 'sent' || s.status === 'expired'),
  );
  return recentlyClosed ? { recentlyClosed } : {};
}

/**
 * Use case: a customer texted us. Keywords (STOP, START, HELP...) act on the number at once;
 * anything else is an answer to the survey asked last on this number pair. Each message has one
 * effect, however often it is delivered (a provider's retry, or a captured request replayed): its
 * id is remembered once handled, and an answer's id is also recorded on the survey in the same
 * conditional write that moves the conversation on.
 */
export async function handleInboundSms(deps: Deps, sms: InboundSms): Promise<SmsReplyResult> {
  const now = deps.clock.now();
  if (await deps.surveys.inboundSeen(sms.messageId)) return { outcome: 'duplicate' };
  const result = await handleOnce(deps, sms, now);
  // An answer's id is on its survey already (written with the answer): no second write for it.
  if (!RECORDED_ON_SURVEY.has(result.outcome))
    await deps.surveys.recordInbound(sms.messageId, now, result.outcome);
  return result;
}

/** Outcomes whose message id the survey's conditional write recorded (`inboundIds`). */
const RECORDED_ON_SURVEY: ReadonlySet<SmsReplyResult['outcome']> = new Set([
  'scored',
  'clarify',
  'comment',
  'comment_without_score',
  'duplicate',
]);

/** When the customer sent the message: the provider's time, else when it reached us. */
async function sentAt(deps: Deps, sms: InboundSms, now: Date): Promise<Date> {
  return (await deps.inbound.receivedAt(sms.messageId)) ?? now;
}

async function handleOnce(deps: Deps, sms: InboundSms, now: Date): Promise<SmsReplyResult> {
  const thread = phoneThreadKey(sms.from, sms.to);
  const candidates = await deps.surveys.queryThread(thread);
  if (await deps.surveys.threadHasInbound(thread, sms.messageId, candidates)) return { outcome: 'duplicate' };
  const { open, recentlyClosed } = openSurvey(candidates, now);
  const consent = await deps.surveys.getConsent(sms.from);
  const scale = open?.metric ?? { min: 0, max: 10 };
  const intent = parseSmsReply(sms.body, scale, { optedOut: Boolean(consent?.smsOptedOut) });
  const survey = open ?? recentlyClosed ?? candidates[0];
  const lang = survey?.language ?? languageOf(undefined);
  const say = (kind: SmsKind) =>
    renderSms(kind, lang, {
      brand: deps.config.brand.name,
      contact: deps.config.brand.contact,
      ...(survey && { metric: survey.metric, touchpoint: survey.touchpoint }),
    });

  if (intent.kind === 'opt_out' || intent.kind === 'opt_in') {
    const optOut = intent.kind === 'opt_out';
    const keyword = await deps.surveys.applySmsKeyword(sms.from, optOut, await sentAt(deps, sms, now), now);
    // The customer sent a newer STOP or START already: this older one changes nothing.
    if (!keyword.applied) return { outcome: 'keyword_superseded' };
    if (!optOut) return { outcome: 'opted_in', reply: say('optInConfirm') };
    // Confirm once: a second STOP from an opted-out number gets no further message.
    return keyword.before?.smsOptedOut
      ? { outcome: 'opted_out' }
      : { outcome: 'opted_out', reply: say('optOutConfirm') };
  }
  if (intent.kind === 'help') return { outcome: 'help', reply: say('help') };
  if (!open) {
    return recentlyClosed
      ? { outcome: 'closed', reply: say('closed'), surveyId: recentlyClosed.surveyId }
      : { outcome: 'no_survey', reply: say('help') };
  }

  const state = open.conversation ?? 'awaiting_score';
  const response = (score: number | null, comment?: string): SurveyResponse => ({
    surveyId: open.surveyId,
    touchpoint: open.touchpoint,
    metric: open.metric,
    score,
    ...(comment !== undefined && { comment }),
    channel: open.channel ?? 'sms',
    customerId: open.customerId,
    answeredAt: open.answeredAt ?? now.toISOString(),
    ...(open.drivers && { drivers: open.drivers }),
    ...(open.test && { test: true }),
  });
  const move = (changes: Partial<Survey>) =>
    deps.surveys.transition(open.surveyId, { status: open.status, conversation: state }, changes, {
      appendInboundId: sms.messageId,
    });

  if (state === 'awaiting_comment') {
    const comment = sms.body.trim().slice(0, 2000);
    const existing = await deps.responses.get(open.surveyId);
    await deps.responses.put({ ...(existing ?? response(null)), comment });
    const moved = await move({ conversation: 'done' });
    return moved
      ? { outcome: 'comment', reply: say('thanksComment'), surveyId: open.surveyId }
      : { outcome: 'duplicate' };
  }
  if (intent.kind === 'score') {
    const answeredAt = now.toISOString();
    await deps.responses.put({ ...response(intent.score), answeredAt });
    const moved = await move({
      status: 'answered',
      answeredAt,
      conversation: open.followUp ? 'awaiting_comment' : 'done',
    });
    if (!moved) return { outcome: 'duplicate' };
    return { outcome: 'scored', reply: say(open.followUp ? 'why' : 'thanks'), surveyId: open.surveyId };
  }
  // Not a usable score: ask once, then keep the next unclear answer as a comment without score.
  if (state === 'awaiting_score') {
    const moved = await move({ conversation: 'awaiting_score_retry' });
    return moved
      ? { outcome: 'clarify', reply: say('clarify'), surveyId: open.surveyId }
      : { outcome: 'duplicate' };
  }
  const answeredAt = now.toISOString();
  await deps.responses.put({ ...response(null, sms.body.trim().slice(0, 2000)), answeredAt });
  const moved = await move({ status: 'answered', answeredAt, conversation: 'done' });
  return moved
    ? { outcome: 'comment_without_score', reply: say('thanksComment'), surveyId: open.surveyId }
    : { outcome: 'duplicate' };
}
