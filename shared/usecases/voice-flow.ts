import VoiceResponse from 'twilio/lib/twiml/VoiceResponse.js';
import { SAY_ATTRIBUTES, voiceTexts } from '../domain/messages.ts';
import { parseKeypad } from '../domain/reply-parser.ts';
import type { Survey } from '../domain/survey.ts';
import type { Deps } from '../runtime/deps.ts';
import { handleDeliveryStatus } from './delivery-status.ts';

/**
 * The IVR conversation, one TwiML document per step. Twilio calls `/twilio/voice?surveyId=..&step=..`
 * with the digits pressed; every step is idempotent per (call, step, try), so Twilio retrying a
 * request never records an answer twice.
 *
 * start -> (machine? hang up, fall back to SMS) -> question (Gather dtmf)
 *   answer: score -> confirm -> [optional second question] -> thanks
 *           invalid / no input -> re-prompt once -> goodbye
 *           '*' -> goodbye
 */
/** The steps of the call, named in the `step` query parameter of our TwiML callback URLs. */
export const VOICE_STEPS = ['start', 'answer', 'noinput', 'second', 'second_noinput'] as const;
type Step = (typeof VOICE_STEPS)[number];

function url(base: string, surveyId: string, step: Step, attempt: number): string {
  return `${base}/twilio/voice?surveyId=${encodeURIComponent(surveyId)}&step=${step}&try=${attempt}`;
}

/** Keys needed for a score: two digits (or # to finish) for 0-10, one for shorter scales. */
function gatherFor(survey: Survey) {
  return survey.metric.max >= 10 ? { numDigits: 2, finishOnKey: '#' } : { numDigits: 1, finishOnKey: '#' };
}

export async function handleVoiceStep(
  deps: Deps,
  query: Record<string, string | undefined>,
  form: Record<string, string>,
): Promise<string> {
  const twiml = new VoiceResponse();
  const survey = query.surveyId ? await deps.surveys.get(query.surveyId) : undefined;
  if (!survey) {
    twiml.hangup();
    return twiml.toString();
  }
  const now = deps.clock.now();
  const base = (deps.env.PUBLIC_BASE_URL ?? '').replace(/\/$/, '');
  const texts = voiceTexts(survey.language, {
    brand: deps.config.brand.name,
    metric: survey.metric,
    touchpoint: survey.touchpoint,
  });
  // Twilio's typed attribute unions lag its voice catalogue (Google.* and Polly.* voices), hence the cast.
  const sayAttributes = SAY_ATTRIBUTES[survey.language] as never;
  const say = (text: string) => twiml.say(sayAttributes, text);
  const step = (query.step ?? 'start') as Step;
  const attempt = Number(query.try ?? 1);
  const callId = form.CallSid ?? 'call';
  const goodbye = () => {
    say(texts.goodbye);
    twiml.hangup();
    return twiml.toString();
  };

  if (Date.parse(survey.expiresAt) <= now.getTime() || !['sent', 'answered'].includes(survey.status))
    return goodbye();

  if (step === 'start') {
    // Answering-machine detection: never leave a survey on voicemail; fall back to SMS instead.
    if ((form.AnsweredBy ?? '').startsWith('machine') || form.AnsweredBy === 'fax') {
      await handleDeliveryStatus(deps, {
        surveyId: survey.surveyId,
        channel: 'voice',
        status: 'machine',
        ...(form.CallSid && { providerMessageId: form.CallSid }),
      });
      twiml.hangup();
      return twiml.toString();
    }
    say(texts.greeting);
    const gather = twiml.gather({
      input: ['dtmf'],
      timeout: 6,
      action: url(base, survey.surveyId, 'answer', 1),
      method: 'POST',
      ...gatherFor(survey),
    });
    gather.say(sayAttributes, texts.question);
    twiml.redirect({ method: 'POST' }, url(base, survey.surveyId, 'noinput', 1));
    return twiml.toString();
  }

  if (step === 'noinput' || step === 'answer') {
    const intent =
      step === 'noinput' ? { kind: 'no_input' as const } : parseKeypad(form.Digits, survey.metric);
    if (intent.kind === 'cancel') return goodbye();
    if (intent.kind === 'score') {
      const already = await deps.responses.get(survey.surveyId);
      const answeredAt = already?.answeredAt ?? now.toISOString();
      if (!already || already.score !== intent.score) {
        await deps.responses.put({
          surveyId: survey.surveyId,
          touchpoint: survey.touchpoint,
          metric: survey.metric,
          score: intent.score,
          ...(already?.comment && { comment: already.comment }),
          channel: 'voice',
          customerId: survey.customerId,
          answeredAt,
          ...(survey.drivers && { drivers: survey.drivers }),
          ...(survey.test && { test: true }),
        });
      }
      await deps.surveys.transition(
        survey.surveyId,
        { status: ['sent', 'answered'] },
        // The follow-up is asked in this call, so a later text message is never taken as its answer.
        { status: 'answered', answeredAt, conversation: 'done' },
        { appendInboundId: `${callId}:${step}:${attempt}` },
      );
      say(texts.confirm(intent.score));
      if (survey.followUp) {
        const gather = twiml.gather({
          input: ['dtmf'],
          numDigits: 1,
          timeout: 6,
          action: url(base, survey.surveyId, 'second', 1),
          method: 'POST',
        });
        gather.say(sayAttributes, texts.secondQuestion);
        twiml.redirect({ method: 'POST' }, url(base, survey.surveyId, 'second_noinput', 1));
        return twiml.toString();
      }
      say(texts.thanks);
      twiml.hangup();
      return twiml.toString();
    }
    // Invalid key, out of range or silence: re-prompt once, then end politely.
    if (attempt >= 2) return goodbye();
    say(intent.kind === 'no_input' ? texts.noInput : texts.invalid);
    const gather = twiml.gather({
      input: ['dtmf'],
      timeout: 6,
      action: url(base, survey.surveyId, 'answer', attempt + 1),
      method: 'POST',
      ...gatherFor(survey),
    });
    gather.say(sayAttributes, texts.question);
    twiml.redirect({ method: 'POST' }, url(base, survey.surveyId, 'noinput', attempt + 1));
    return twiml.toString();
  }

  // Second question: "press 1 if you would like us to contact you about your answer".
  if (step === 'second' && form.Digits === '1') {
    const existing = await deps.responses.get(survey.surveyId);
    if (existing && !existing.comment)
      await deps.responses.put({ ...existing, comment: texts.callbackRequestedNote });
  }
  say(texts.thanks);
  twiml.hangup();
  return twiml.toString();
}
