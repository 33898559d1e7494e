// Primary adapter: SES v2 configuration-set events via SNS -> suppression and delivery status.
import type { SNSEvent } from 'aws-lambda';
import type { Deps } from '../shared/runtime/deps.ts';
import { lazyHandler } from '../shared/runtime/lambda.ts';
import { logger } from '../shared/runtime/log.ts';
import { handleSesEvent, parseSesEvent } from '../shared/usecases/ses-feedback.ts';

export function createHandler(deps: Deps) {
  return async (event: SNSEvent): Promise<{ processed: number; ignored: number }> => {
    let processed = 0;
    let ignored = 0;
    for (const record of event.Records) {
      const parsed = parseSesEvent(record.Sns.Message);
      if (!parsed) {
        ignored++;
        logger.warn('unrecognized SES event', { messageId: record.Sns.MessageId });
        continue;
      }
      await handleSesEvent(deps, parsed);
      processed++;
    }
    return { processed, ignored };
  };
}

export const handler = lazyHandler(createHandler);
