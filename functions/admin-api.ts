// Primary adapter: API Gateway HTTP API -> admin read use cases (scores, responses).
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import * as z from 'zod';
import { requireModeSecrets } from '../shared/config.ts';
import { ValidationError } from '../shared/errors.ts';
import { assertAdmin } from '../shared/http/admin-auth.ts';
import {
  errorToHttp,
  type HttpResponse,
  json,
  parseJsonBody,
  text,
  toHttpRequest,
} from '../shared/http/api.ts';
import { dashboardConfig, serveDashboard } from '../shared/http/dashboard-config.ts';
import { validInput } from '../shared/http/validation.ts';
import type { Deps } from '../shared/runtime/deps.ts';
import { lazyHandler } from '../shared/runtime/lambda.ts';
import { loadedOnFirstUse } from '../shared/runtime/lazy-channels.ts';
import { eraseCustomer, findCustomerData } from '../shared/usecases/customer-data.ts';
import { listResponses, parseResponsesQuery, responsesToCsv } from '../shared/usecases/list-responses.ts';
import { listParkedSurveys, requeueParkedSurveys } from '../shared/usecases/parked-surveys.ts';
import { parseScoresQuery, readScores } from '../shared/usecases/read-scores.ts';
import { SendTestInput, sendTestSurvey } from '../shared/usecases/send-test.ts';

const EraseInput = z.object({ customer: z.string().min(1).max(254) }).strict();
const RequeueInput = z.object({ surveyIds: z.array(z.string().min(1).max(100)).min(1).max(100) }).strict();

export function createHandler(deps: Deps) {
  // Read once per cold start: how admins authenticate, and what the dashboard is told about it.
  // Only this function authenticates admins, so only it needs the token (and only in token mode).
  const { TOUCHPOINT_ADMIN_TOKEN } = requireModeSecrets(
    deps.env,
    deps.secrets,
    deps.env.TOUCHPOINT_SECRET_ARN ? 'Secrets Manager' : 'environment',
  );
  const auth = { mode: deps.env.ADMIN_AUTH_MODE, adminToken: TOUCHPOINT_ADMIN_TOKEN };
  const dashboard = dashboardConfig(deps.env);
  return async (event: APIGatewayProxyEventV2): Promise<HttpResponse> => {
    try {
      if (event.routeKey === 'GET /' || event.routeKey === 'GET /{asset}') {
        return serveDashboard(event.pathParameters?.asset, dashboard);
      }
      assertAdmin(event, auth);
      const req = toHttpRequest(event, deps.env.PUBLIC_BASE_URL);
      const touchpoints = Object.keys(deps.config.touchpoints);
      if (event.routeKey === 'GET /api/scores') {
        return json(200, await readScores(deps, parseScoresQuery(req.query, touchpoints)), {
          'cache-control': 'no-store',
        });
      }
      if (event.routeKey === 'GET /api/alerts') {
        const limit = Math.min(200, Math.max(1, Number(req.query.limit ?? 50) || 50));
        return json(
          200,
          { items: await deps.aggregates.listAlerts({ limit }) },
          { 'cache-control': 'no-store' },
        );
      }
      if (event.routeKey === 'GET /api/customers/export') {
        if (!req.query.customer)
          throw new ValidationError('customer: query parameter is required (id, phone or email)', 400);
        return json(200, await findCustomerData(deps, req.query.customer), { 'cache-control': 'no-store' });
      }
      if (event.routeKey === 'POST /api/customers/erase') {
        const body = validInput(EraseInput, parseJsonBody(req), 422);
        return json(200, { erased: await eraseCustomer(deps, body.customer) });
      }
      if (event.routeKey === 'GET /api/surveys/parked') {
        const limit = Math.min(200, Math.max(1, Number(req.query.limit ?? 50) || 50));
        return json(200, { items: await listParkedSurveys(deps, limit) }, { 'cache-control': 'no-store' });
      }
      if (event.routeKey === 'POST /api/surveys/requeue') {
        const body = validInput(RequeueInput, parseJsonBody(req), 422);
        return json(200, await requeueParkedSurveys(deps, body.surveyIds));
      }
      if (event.routeKey === 'POST /api/send-test') {
        // Links and provider callbacks point at the API this request came through (a function
        // behind the API cannot be told the API's URL without a dependency cycle).
        const env = { ...deps.env, PUBLIC_BASE_URL: req.baseUrl };
        return json(
          200,
          await sendTestSurvey({ ...deps, env }, validInput(SendTestInput, parseJsonBody(req), 422)),
        );
      }
      const query = parseResponsesQuery(req.query, touchpoints);
      const page = await listResponses(deps, query);
      if ((req.headers.accept ?? '').includes('text/csv') || req.query.format === 'csv') {
        return {
          ...text(200, responsesToCsv(page.items), 'text/csv; charset=utf-8'),
          headers: {
            'content-type': 'text/csv; charset=utf-8',
            'content-disposition': 'attachment; filename="responses.csv"',
            ...(page.cursor && { 'x-next-cursor': page.cursor }),
          },
        };
      }
      return json(200, page, { 'cache-control': 'no-store' });
    } catch (error) {
      return errorToHttp(error);
    }
  };
}

// Test sends are rare: their Twilio, SES and SNS clients load on the first one, not at cold start.
export const handler = lazyHandler(
  createHandler,
  loadedOnFirstUse(() => import('../shared/runtime/senders.ts').then((m) => m.surveyChannels)),
);
