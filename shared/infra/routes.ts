/**
 * The product's HTTP routes and which function serves each. The CDK HTTP API and the local
 * gateway are both built from this list, so a route cannot exist in one and not the other.
 */

/** Functions behind HTTP routes; each is `functions/<name>.ts` exporting `handler`. */
export type HttpFunctionName = 'ingest-webhook' | 'twilio-webhook' | 'email-link' | 'admin-api';

/** Functions fed by other triggers (schedule, streams, SNS, EventBridge, a deploy). */
export type EventFunctionName =
  | 'dispatch-tick'
  | 'score-stream'
  | 'eventbridge-ingest'
  | 'ses-feedback'
  | 'migrate-customers'
  | 'sms-inbound';

export type FunctionName = HttpFunctionName | EventFunctionName;

export interface HttpRoute {
  method: 'GET' | 'POST';
  /** API Gateway path syntax: `{name}` is a path parameter. */
  path: string;
  fn: HttpFunctionName;
  /** `admin` routes need admin credentials (bearer locally, JWT authorizer in AWS). */
  auth: 'signature' | 'token' | 'admin' | 'none';
}

export const HTTP_ROUTES: readonly HttpRoute[] = [
  { method: 'POST', path: '/webhooks/events', fn: 'ingest-webhook', auth: 'signature' },
  { method: 'POST', path: '/webhooks/shopify', fn: 'ingest-webhook', auth: 'signature' },
  { method: 'POST', path: '/webhooks/zendesk', fn: 'ingest-webhook', auth: 'signature' },
  { method: 'POST', path: '/webhooks/aftership', fn: 'ingest-webhook', auth: 'signature' },
  { method: 'POST', path: '/twilio/sms', fn: 'twilio-webhook', auth: 'signature' },
  { method: 'POST', path: '/twilio/status', fn: 'twilio-webhook', auth: 'signature' },
  { method: 'POST', path: '/twilio/voice', fn: 'twilio-webhook', auth: 'signature' },
  { method: 'GET', path: '/r/{token}', fn: 'email-link', auth: 'token' },
  { method: 'POST', path: '/r/{token}', fn: 'email-link', auth: 'token' },
  { method: 'GET', path: '/unsubscribe/{token}', fn: 'email-link', auth: 'token' },
  { method: 'POST', path: '/unsubscribe/{token}', fn: 'email-link', auth: 'token' },
  { method: 'GET', path: '/api/scores', fn: 'admin-api', auth: 'admin' },
  { method: 'GET', path: '/api/responses', fn: 'admin-api', auth: 'admin' },
  { method: 'GET', path: '/api/alerts', fn: 'admin-api', auth: 'admin' },
  { method: 'GET', path: '/api/customers/export', fn: 'admin-api', auth: 'admin' },
  { method: 'POST', path: '/api/customers/erase', fn: 'admin-api', auth: 'admin' },
  { method: 'POST', path: '/api/send-test', fn: 'admin-api', auth: 'admin' },
  { method: 'GET', path: '/api/surveys/parked', fn: 'admin-api', auth: 'admin' },
  { method: 'POST', path: '/api/surveys/requeue', fn: 'admin-api', auth: 'admin' },
  // The dashboard's static files (no data: the page signs in and calls the admin API).
  { method: 'GET', path: '/', fn: 'admin-api', auth: 'none' },
  { method: 'GET', path: '/{asset}', fn: 'admin-api', auth: 'none' },
];
