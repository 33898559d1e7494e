import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  HttpApi,
  HttpMethod,
  HttpRoute,
  HttpRouteKey,
  type HttpStage,
  type IHttpRouteAuthorizer,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer, HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IUserPool, IUserPoolClient } from 'aws-cdk-lib/aws-cognito';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import {
  HTTP_ROUTES,
  type HttpFunctionName,
  type HttpRoute as RouteSpec,
} from '../../shared/infra/routes.ts';

/** How admin routes are authenticated; see `-c adminAuth` in docs/deploy.md. */
export type AdminAuth =
  | { mode: 'cognito'; userPool: IUserPool; client: IUserPoolClient; region: string }
  | { mode: 'jwt'; issuer: string; audience: string[] }
  | { mode: 'token' };

export interface TouchpointHttpApiProps {
  readonly functions: Readonly<Record<HttpFunctionName, IFunction>>;
  readonly adminAuth: AdminAuth;
  readonly throttle: { readonly rateLimit: number; readonly burstLimit: number };
  readonly logRetention: RetentionDays;
}

/** Routes the AWS deployment serves: all of HTTP_ROUTES except local-only `/dev/*` helpers. */
export function deployedRoutes(routes: readonly RouteSpec[] = HTTP_ROUTES): RouteSpec[] {
  return routes.filter((r) => r.path !== '/dev' && !r.path.startsWith('/dev/'));
}

/** Why a route without a gateway authorizer is still authenticated (cdk-nag APIG4). */
const HANDLER_AUTH_REASON: Record<RouteSpec['auth'], string> = {
  signature:
    'Authenticated in the handler: the provider HMAC / Twilio signature is verified over the raw body ' +
    'before anything is parsed or stored; providers cannot send gateway credentials.',
  token:
    'Authenticated in the handler: the path carries an HMAC-signed, expiring link token (LINK_SIGNING_KEY) ' +
    'sent only to the survey recipient.',
  admin:
    'Only with -c adminAuth=token (documented as for trials): authenticated in the handler with ' +
    '"Authorization: Bearer <TOUCHPOINT_ADMIN_TOKEN>" from Secrets Manager, compared in constant time. ' +
    'The default (cognito) and jwt modes put a JWT authorizer on these routes.',
  none: 'Public static files of the dashboard page; they hold no data (the page calls the admin API).',
};

/**
 * The public HTTP API (payload format 2.0), built from `HTTP_ROUTES` so the AWS routes and the
 * local gateway cannot differ. Access logs go to a log group; the `$default` stage throttles.
 * API Gateway accepts bodies up to 10 MB; the handlers reject anything over 256 KB with 413.
 */
export class TouchpointHttpApi extends Construct {
  readonly api: HttpApi;
  readonly stage: HttpStage;
  readonly accessLogs: LogGroup;
  readonly routes: HttpRoute[] = [];

  constructor(scope: Construct, id: string, props: TouchpointHttpApiProps) {
    super(scope, id);
    this.api = new HttpApi(this, 'Api', {
      description: 'Touchpoint webhooks, survey links and admin API',
      createDefaultStage: false,
    });
    // Stateless like the function log groups: removed with the stack (docs/deploy.md).
    this.accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.stage = this.api.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: props.throttle,
      accessLogSettings: {
        destination: new LogGroupLogDestination(this.accessLogs),
        // routeKey rather than path: link paths carry signed tokens that should not sit in logs.
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            time: '$context.requestTime',
            routeKey: '$context.routeKey',
            status: '$context.status',
            latencyMs: '$context.responseLatency',
            integrationLatencyMs: '$context.integrationLatency',
            integrationError: '$context.integrationErrorMessage',
            // Why the JWT authorizer said 401, and which admin (Cognito `sub`, not PII) made the call:
            // an audit trail for exports and erasures. Empty on routes without an authorizer.
            authorizerError: '$context.authorizer.error',
            caller: '$context.authorizer.claims.sub',
            responseLength: '$context.responseLength',
            sourceIp: '$context.identity.sourceIp',
            userAgent: '$context.identity.userAgent',
          }),
        ),
      },
    });

    const jwtAuthorizer = adminAuthorizer(props.adminAuth);

    const integrations = new Map<HttpFunctionName, HttpLambdaIntegration>();
    for (const spec of deployedRoutes()) {
      let integration = integrations.get(spec.fn);
      if (!integration) {
        integration = new HttpLambdaIntegration(`${spec.fn}-integration`, props.functions[spec.fn]);
        integrations.set(spec.fn, integration);
      }
      const authorizer = spec.auth === 'admin' ? jwtAuthorizer : undefined;
      const route = new HttpRoute(this, routeId(spec), {
        httpApi: this.api,
        routeKey: HttpRouteKey.with(spec.path, spec.method === 'GET' ? HttpMethod.GET : HttpMethod.POST),
        integration,
        ...(authorizer && { authorizer }),
      });
      if (!authorizer)
        Validations.of(route).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason: HANDLER_AUTH_REASON[spec.auth],
        });
      this.routes.push(route);
    }
  }

  /** Public URL of a path on the deployed API, e.g. `urlFor('/webhooks/shopify')`. */
  urlFor(path: string): string {
    // The $default stage URL ends with a slash.
    return `${this.stage.url}${path.replace(/^\//, '')}`;
  }
}

/**
 * The gateway authorizer of the admin routes, or none in token mode. Cognito: the pool is the
 * issuer and the dashboard's app client the audience. The dashboard sends ACCESS tokens, which
 * carry `client_id` instead of `aud`; API Gateway checks `client_id` against the audience when a
 * token has no `aud`, so one list serves both (the handler additionally insists on an access token).
 */
function adminAuthorizer(auth: AdminAuth): IHttpRouteAuthorizer | undefined {
  switch (auth.mode) {
    case 'cognito':
      return new HttpUserPoolAuthorizer('AdminCognito', auth.userPool, {
        userPoolClients: [auth.client],
        userPoolRegion: auth.region,
      });
    case 'jwt':
      return new HttpJwtAuthorizer('AdminJwt', auth.issuer, { jwtAudience: auth.audience });
    case 'token':
      return undefined;
  }
}

function routeId(spec: RouteSpec): string {
  const words = spec.path
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]?.toUpperCase() + w.slice(1));
  return `${spec.method}${words.join('') || 'Root'}`;
}
