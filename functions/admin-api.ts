// Primary adapter: API Gateway HTTP API -> admin read use cases (scores, responses).
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { assertAdmin } from '../shared/http/admin-auth.ts';
import { errorToHttp, type HttpResponse, json, text, toHttpRequest } from '../shared/http/api.ts';
import { serveDashboardFile } from '../shared/http/static-files.ts';
import type { Deps } from '../shared/runtime/deps.ts';
import { lazyHandler } from '../shared/runtime/lambda.ts';
import { listResponses, parseResponsesQuery, responsesToCsv } from '../shared/usecases/list-responses.ts';
import { parseScoresQuery, readScores } from '../shared/usecases/read-scores.ts';

export function createHandler(deps: Deps) {
  return async (event: APIGatewayProxyEventV2): Promise<HttpResponse> => {
    try {
      if (event.routeKey === 'GET /' || event.routeKey === 'GET /{asset}') {
        return serveDashboardFile(event.pathParameters?.asset);
      }
      assertAdmin(event, deps.secrets.TOUCHPOINT_ADMIN_TOKEN);
      const req = toHttpRequest(event);
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

export const handler = lazyHandler(createHandler);
