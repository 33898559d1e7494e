import { randomUUID } from 'node:crypto';
import type { LocalRuntime } from '../local/runtime.ts';
import { clickRatingLink, postTwilio, ratingLinksOf, sendEvent, sendSms } from '../local/simulator.ts';
import { signGeneric } from '../shared/sources/index.ts';

/**
 * The whole loop under faults, shared by `npm run bench` (a fixed number of rounds) and
 * `npm run soak` (as many rounds as fit the time): every round ingests 21 deliveries across SMS,
 * email and voice, each webhook sent five times at once, half of them reported again out of order
 * by a second source, some signed with a skewed clock, and two customers whose numbers the provider
 * refuses (permanent errors: no retry, fall back to email). Customers answer; at the end every
 * survey must have gone out exactly once, and every answer must be in the scores.
 */
const SECRET = 'local-generic-webhook-secret';
const TWILIO = 'local-twilio-auth-token';
const OUR_NUMBER = '+12015550100';
const CHANNELS = ['sms', 'email', 'voice'] as const;
const PER_ROUND = 21;

export interface ResilienceSummary {
  rounds: number;
  surveys: number;
  webhooksSent: number;
  duplicateWebhooks: number;
  outOfOrderEvents: number;
  skewedSignatures: { accepted: number; rejectedThenRetried: number };
  faultsInjected: number;
  providerCalls: number;
  /** Provider refusals (invalid numbers): one per such survey means a permanent error is never retried. */
  permanentErrors: number;
  refusedNumberSurveys: number;
  fellBackToEmail: number;
  sent: number;
  duplicates: number;
  lost: number;
  answers: number;
  scored: number;
  ok: boolean;
}

/** Post a canonical event signed at `signedAt` (a skewed clock on the sender's side). */
async function postSigned(rt: LocalRuntime, event: unknown, signedAt: Date) {
  const body = JSON.stringify(event);
  const res = await fetch(`${rt.url}/webhooks/events`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'touchpoint-signature': signGeneric(body, SECRET, signedAt),
    },
    body,
  });
  return { status: res.status, json: (await res.json()) as { surveyId?: string; outcome?: string } };
}

/** Runs rounds until `shouldContinue` says stop; then lifts the faults, drains and counts. */
export async function runResilience(
  rt: LocalRuntime,
  shouldContinue: (round: number) => boolean,
  progress: (line: string) => void = () => {},
): Promise<ResilienceSummary> {
  rt.sandbox.faults = { transientRate: 0.3, statuses: [500, 503, 429] };
  const statsBefore = { ...rt.sandbox.stats };
  // The bench runs this phase after others on the same tables: count only the answers it adds.
  const scoredBefore = await scoredDeliveries(rt);
  const surveys = new Map<string, { channel: (typeof CHANNELS)[number]; phone: string; refused: boolean }>();
  const counts = {
    webhooksSent: 0,
    duplicateWebhooks: 0,
    outOfOrderEvents: 0,
    skewAccepted: 0,
    skewRejectedThenRetried: 0,
  };
  let answers = 0;
  let round = 0;
  let customer = 0;
  while (shouldContinue(round)) {
    round++;
    const batch: string[] = [];
    for (let i = 0; i < PER_ROUND; i++, customer++) {
      const channel = CHANNELS[i % 3] ?? 'sms';
      // Fictional numbers: 555-0100..0179 over many area codes; two per round in the sandbox's
      // "invalid" range 555-019x, which the provider refuses permanently.
      const refused = channel === 'sms' && i < 6;
      const phone = refused
        ? `+1201555019${customer % 10}`
        : `+1${202 + Math.floor(customer / 80)}55501${String(customer % 80).padStart(2, '0')}`;
      const orderId = `R-${randomUUID()}`;
      const now = rt.clock.now();
      const event = {
        eventId: `res-${randomUUID()}`,
        type: 'delivery',
        occurredAt: new Date(now.getTime() - 86_400_000).toISOString(),
        source: 'resilience',
        customer: {
          id: `res-${customer}`,
          phone,
          email: `res${customer}@example.com`,
          timeZone: 'America/New_York',
        },
        context: { orderId },
        preferredChannel: channel,
      };
      // A sender whose clock runs 4 minutes behind is inside the 5-minute tolerance; 6 minutes is
      // rejected, and the sender's retry with a correct clock goes through.
      const skew = i % 7 === 0 ? 4 : i % 7 === 1 ? 6 : 0;
      if (skew === 6) {
        const rejected = await postSigned(rt, event, new Date(now.getTime() - 6 * 60_000));
        if (rejected.status !== 401) throw new Error(`skewed signature got ${rejected.status}, expected 401`);
        counts.skewRejectedThenRetried++;
      }
      const copies = await Promise.all(
        Array.from({ length: 5 }, () =>
          postSigned(rt, event, skew === 4 ? new Date(now.getTime() - 4 * 60_000) : now),
        ),
      );
      if (skew === 4) counts.skewAccepted++;
      counts.webhooksSent += 5;
      counts.duplicateWebhooks += 4;
      const ids = new Set(copies.map((c) => c.json.surveyId));
      if (copies.some((c) => c.status !== 200) || ids.size !== 1) {
        throw new Error(`duplicates of one webhook disagreed: ${JSON.stringify(copies)}`);
      }
      const surveyId = copies[0]?.json.surveyId;
      if (!surveyId) throw new Error('no survey id');
      if (i % 2 === 0) {
        // The carrier reports the same delivery later, with an earlier time: still one survey.
        const late = await sendEvent(
          rt.url,
          {
            ...event,
            eventId: `res-late-${randomUUID()}`,
            source: 'carrier',
            occurredAt: new Date(now.getTime() - 90_000_000).toISOString(),
          },
          SECRET,
          now,
        );
        counts.outOfOrderEvents++;
        if ((late.json as { surveyId?: string }).surveyId !== surveyId)
          throw new Error('an out-of-order report created a second survey');
      }
      surveys.set(surveyId, { channel, phone, refused });
      batch.push(surveyId);
    }
    for (let t = 0; t < 20; t++) await rt.advance({ advanceSeconds: 600 });
    for (const id of batch) answers += await answer(rt, id, surveys.get(id)?.phone ?? '');
    // Past the fatigue window and every survey's expiry before the next round.
    await rt.advance({ advanceSeconds: 15 * 86_400 - 12_000 });
    progress(
      `round ${round}: ${surveys.size} surveys, ${answers} answers, ${rt.sandbox.stats.faultsInjected - statsBefore.faultsInjected} faults injected`,
    );
  }
  rt.sandbox.faults = { transientRate: 0, statuses: [500] };
  for (let t = 0; t < 30; t++) await rt.advance({ advanceSeconds: 3600 });
  await rt.drainStreams();

  const sends = rt.sandbox.outbox().filter((m) => m.kind === 'send' && m.surveyId && surveys.has(m.surveyId));
  // One question per survey: a reminder or a "why?" is not a second survey, so count first sends.
  const questions = sends.filter((m) => !/remind/i.test(`${m.subject ?? ''} ${m.text ?? ''}`));
  const perSurvey = new Map<string, number>();
  for (const m of questions) perSurvey.set(m.surveyId ?? '', (perSurvey.get(m.surveyId ?? '') ?? 0) + 1);
  const refusedIds = [...surveys].filter(([, s]) => s.refused).map(([id]) => id);
  const fellBack = refusedIds.filter((id) =>
    questions.some((m) => m.surveyId === id && m.channel === 'email'),
  );
  const scored = (await scoredDeliveries(rt)) - scoredBefore;
  const stats = rt.sandbox.stats;
  const summary: ResilienceSummary = {
    rounds: round,
    surveys: surveys.size,
    webhooksSent: counts.webhooksSent,
    duplicateWebhooks: counts.duplicateWebhooks,
    outOfOrderEvents: counts.outOfOrderEvents,
    skewedSignatures: { accepted: counts.skewAccepted, rejectedThenRetried: counts.skewRejectedThenRetried },
    faultsInjected: stats.faultsInjected - statsBefore.faultsInjected,
    providerCalls: stats.calls - statsBefore.calls,
    permanentErrors: stats.permanentErrors - statsBefore.permanentErrors,
    refusedNumberSurveys: refusedIds.length,
    fellBackToEmail: fellBack.length,
    sent: perSurvey.size,
    duplicates: [...perSurvey.values()].reduce((sum, n) => sum + n - 1, 0),
    lost: surveys.size - perSurvey.size,
    answers,
    scored,
    ok: false,
  };
  summary.ok =
    summary.duplicates === 0 &&
    summary.lost === 0 &&
    summary.scored === summary.answers &&
    summary.permanentErrors === summary.refusedNumberSurveys &&
    summary.fellBackToEmail === summary.refusedNumberSurveys;
  return summary;
}

async function scoredDeliveries(rt: LocalRuntime): Promise<number> {
  return (await rt.deps.aggregates.get('delivery', 'ALL'))?.['n|all'] ?? 0;
}

/** The customer answers on the channel the survey reached them on; returns 1 if an answer was given. */
async function answer(rt: LocalRuntime, surveyId: string, phone: string): Promise<number> {
  const survey = await rt.deps.surveys.get(surveyId);
  if (survey?.status !== 'sent') return 0;
  const score = String(surveyId.charCodeAt(5) % 11);
  if (survey.channel === 'sms') {
    const res = await sendSms(rt.url, { from: phone, to: OUR_NUMBER, body: score }, TWILIO);
    return res.status === 200 ? 1 : 0;
  }
  if (survey.channel === 'email') {
    const mail = rt.sandbox.outbox().find((m) => m.surveyId === surveyId && m.channel === 'email');
    const link = ratingLinksOf(mail?.html ?? '')[Number(score)];
    if (!link) return 0;
    const { confirm } = await clickRatingLink(link);
    return confirm?.status === 204 ? 1 : 0;
  }
  const call = rt.sandbox.outbox().find((m) => m.surveyId === surveyId && m.channel === 'voice');
  const sid = `CA${surveyId}`;
  const start = await postTwilio(call?.twimlUrl ?? '', { CallSid: sid, AnsweredBy: 'human' }, TWILIO);
  const action = /action="([^"]+)"/.exec(start.body)?.[1]?.replaceAll('&amp;', '&');
  if (!action) return 0;
  const res = await postTwilio(action, { CallSid: sid, Digits: `${score}#` }, TWILIO);
  return res.status === 200 && (await rt.deps.responses.get(surveyId))?.score === Number(score) ? 1 : 0;
}
