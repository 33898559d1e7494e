// Primary adapter: EventBridge rule (internal systems, IAM-authenticated) -> ingest.
import type { EventBridgeEvent } from 'aws-lambda';
import { CanonicalEvent } from '../events/canonical/schema.ts';
import { ValidationError } from '../shared/errors.ts';
import { describeIssues } from '../shared/http/validation.ts';
import type { Deps } from '../shared/runtime/deps.ts';
import { lazyHandler } from '../shared/runtime/lambda.ts';
import { logger } from '../shared/runtime/log.ts';
import { type IngestResult, ingestEvent } from '../shared/usecases/ingest-event.ts';

/**
 * The same canonical events as `POST /webhooks/events`, as the `detail` of an EventBridge event
 * (source `touchpoint.events`, detail-type `touchpoint.<type>`). Authentication is IAM (who may
 * PutEvents on the bus). A malformed event is logged and dropped, not retried: a retry cannot fix it.
 */
export function createHandler(deps: Deps) {
  return async (event: EventBridgeEvent<string, unknown>): Promise<IngestResult | { rejected: string }> => {
    const parsed = CanonicalEvent.safeParse({ source: 'eventbridge', ...(event.detail as object) });
    if (!parsed.success) {
      const reason = new ValidationError(describeIssues(parsed.error)).message;
      logger.warn('rejected EventBridge event', { id: event.id, detailType: event['detail-type'], reason });
      return { rejected: reason };
    }
    try {
      return await ingestEvent(deps, parsed.data);
    } catch (error) {
      // An event time outside the accepted window: as malformed as a schema failure.
      if (!(error instanceof ValidationError)) throw error;
      logger.warn('rejected EventBridge event', {
        id: event.id,
        detailType: event['detail-type'],
        reason: error.message,
      });
      return { rejected: error.message };
    }
  };
}

export const handler = lazyHandler(createHandler);
