// Primary adapter: two-way SMS of AWS End User Messaging (smsProvider=sns), delivered by the inbound
// SNS topic -> the SMS reply use case (answers and STOP / START / HELP), reply sent back through SNS.
import type { SNSEvent } from 'aws-lambda';
import * as z from 'zod';
import { ValidationError } from '../shared/errors.ts';
import { describeIssues } from '../shared/http/validation.ts';
import type { Deps } from '../shared/runtime/deps.ts';
import { lazyHandler } from '../shared/runtime/lambda.ts';
import { logger } from '../shared/runtime/log.ts';
import { snsSmsSender } from '../shared/runtime/senders.ts';
import { handleInboundSms, type SmsReplyResult } from '../shared/usecases/sms-reply.ts';

const E164 = /^\+[1-9]\d{6,14}$/;

/** The message End User Messaging SMS publishes for each text to a two-way number (docs/deploy.md). */
export const InboundSmsMessage = z.object({
  originationNumber: z.string().regex(E164, 'must be the E.164 number of the customer'),
  destinationNumber: z.string().regex(E164, 'must be the E.164 number texted'),
  messageBody: z.string().max(2000),
  inboundMessageId: z.string().min(1).max(200),
  messageKeyword: z.string().max(100).optional(),
  previousPublishedMessageId: z.string().max(200).optional(),
});

export interface InboundReport {
  processed: number;
  duplicates: number;
  ignored: number;
  outcomes: SmsReplyResult['outcome'][];
}

export function createHandler(deps: Deps) {
  return async (event: SNSEvent): Promise<InboundReport> => {
    const report: InboundReport = { processed: 0, duplicates: 0, ignored: 0, outcomes: [] };
    for (const record of event.Records) {
      let raw: unknown;
      try {
        raw = JSON.parse(record.Sns.Message);
      } catch {
        raw = undefined;
      }
      const parsed = InboundSmsMessage.safeParse(raw);
      // A malformed or misaddressed message cannot be fixed by a retry: log it and go on.
      if (!parsed.success) {
        const reason =
          raw === undefined ? 'not JSON' : new ValidationError(describeIssues(parsed.error)).message;
        logger.warn('rejected inbound SMS message', { messageId: record.Sns.MessageId, reason });
        report.ignored++;
        continue;
      }
      const sms = parsed.data;
      if (sms.destinationNumber !== deps.env.SNS_ORIGINATION_NUMBER) {
        logger.warn('inbound SMS to another number than SNS_ORIGINATION_NUMBER', {
          messageId: sms.inboundMessageId,
        });
        report.ignored++;
        continue;
      }
      // Surveys record their SMS thread under TWILIO_FROM, the number the domain calls ours; with SNS
      // that line is the origination number the customer replied to.
      const result = await handleInboundSms(deps, {
        messageId: sms.inboundMessageId,
        from: sms.originationNumber,
        to: deps.env.TWILIO_FROM,
        body: sms.messageBody,
      });
      report.outcomes.push(result.outcome);
      // SNS delivers at least once: the reply goes out for the first delivery of a message id only.
      const first = await deps.events.claimInbound(sms.inboundMessageId, deps.clock.now());
      if (!first || result.outcome === 'duplicate') {
        report.duplicates++;
        continue;
      }
      report.processed++;
      if (!result.reply) continue;
      try {
        await deps.sms.send({
          to: sms.originationNumber,
          from: sms.destinationNumber,
          body: result.reply,
          surveyId: result.surveyId ?? '',
          idempotencyKey: `reply:${sms.inboundMessageId}`,
        });
      } catch (error) {
        // E.g. the number is on the provider's opt-out list (a STOP the provider answered itself).
        logger.warn('reply to an inbound SMS not sent', {
          messageId: sms.inboundMessageId,
          error: String(error),
        });
      }
    }
    return report;
  };
}

export const handler = lazyHandler(createHandler, { sms: snsSmsSender });
