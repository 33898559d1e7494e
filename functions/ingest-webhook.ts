// Primary adapter: platform webhooks (Shopify, Zendesk, AfterShip, generic signed events) -> ingest.
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { webhookSecrets } from '../shared/config.ts';
import {
  assertBodySize,
  errorToHttp,
  type HttpResponse,
  json,
  SignatureError,
  signatureRejected,
  toHttpRequest,
} from '../shared/http/api.ts';
import type { Deps } from '../shared/runtime/deps.ts';
import { lazyHandler } from '../shared/runtime/lambda.ts';
import { SOURCE_ADAPTERS } from '../shared/sources/index.ts';
import { ingestEvent } from '../shared/usecases/ingest-event.ts';

const SOURCE_BY_ROUTE = {
  'POST /webhooks/events': 'generic',
  'POST /webhooks/shopify': 'shopify',
  'POST /webhooks/zendesk': 'zendesk',
  'POST /webhooks/aftership': 'aftership',
} as const;

export function createHandler(deps: Deps) {
  return async (event: APIGatewayProxyEventV2): Promise<HttpResponse> => {
    try {
      const source = SOURCE_BY_ROUTE[event.routeKey as keyof typeof SOURCE_BY_ROUTE];
      if (!source) return json(404, { error: `no webhook source for ${event.routeKey}` });
      const req = toHttpRequest(event);
      assertBodySize(req);
      const adapter = SOURCE_ADAPTERS[source];
      const now = deps.clock.now();
      // Verify before parsing: nothing from an unauthenticated body is looked at or stored.
      adapter.verify(
        { headers: req.headers, rawBody: req.rawBody },
        webhookSecrets(deps.secrets, source),
        now,
      );
      const normalized = adapter.normalize({ headers: req.headers, rawBody: req.rawBody }, now);
      if (normalized.kind === 'ignored') return json(200, { ignored: normalized.reason });
      const result = await ingestEvent(deps, normalized.event);
      return json(200, result);
    } catch (error) {
      if (error instanceof SignatureError) signatureRejected(event.routeKey, error);
      return errorToHttp(error);
    }
  };
}

export const handler = lazyHandler(createHandler);
