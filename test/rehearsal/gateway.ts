import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { buildEvent } from '../../local/gateway.ts';
import type { FunctionName } from '../../shared/infra/routes.ts';
import type { LambdaContainer } from './lambda.ts';
import { ACCOUNT, API_DOMAIN, API_ID, type Deployment } from './template.ts';

/**
 * The HTTP API as the template defines it: its routes, their integrations and the JWT authorizer
 * on the admin routes. A request to the deployed API's public URL becomes the payload 2.0 event API
 * Gateway would send the integration's function. The JWT authorizer is played by checking the
 * issuer and audience of the claims the rehearsal's admin presents against the template's.
 */
interface Route {
  method: string;
  path: string;
  pattern: RegExp;
  params: string[];
  fn: FunctionName;
  authorizer?: { issuer: string; audience: string[] };
}

export interface GatewayResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** The JSON body of an answer, or {} when it has none. */
export function jsonOf(res: GatewayResponse): Record<string, unknown> {
  try {
    return JSON.parse(res.body) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/** A "token" the rehearsal's JWT authorizer accepts: the claims themselves (signatures are API Gateway's job). */
export function fakeJwt(claims: Record<string, string>): string {
  return `rehearsal.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.unsigned`;
}

export class ApiGateway {
  readonly routes: Route[] = [];
  readonly baseUrl = `https://${API_DOMAIN}`;

  constructor(
    deployment: Deployment,
    private readonly containers: ReadonlyMap<FunctionName, LambdaContainer>,
    private readonly now: () => Date,
  ) {
    const byLogicalId = new Map([...deployment.functions().values()].map((f) => [f.logicalId, f.name]));
    const resources = deployment.template('stateless').Resources;
    for (const [, r] of deployment.resources('stateless', 'AWS::ApiGatewayV2::Route')) {
      const p = r.Properties ?? {};
      const [method = '', path = ''] = String(p.RouteKey).split(' ');
      const integrationId = String(deployment.resolve(p.Target, 'stateless')).replace('integrations/', '');
      const integration = Object.entries(resources).find(
        ([id]) => deployment.resolveString({ Ref: id }, 'stateless') === integrationId,
      )?.[1];
      const uri = integration?.Properties?.IntegrationUri as { 'Fn::GetAtt': [string, string] };
      const fn = byLogicalId.get(uri['Fn::GetAtt'][0]);
      if (!fn) throw new Error(`route ${p.RouteKey} targets no Touchpoint function`);
      let authorizer: Route['authorizer'];
      if (p.AuthorizationType === 'JWT') {
        const authorizerId = (p.AuthorizerId as { Ref: string }).Ref;
        const config = deployment.resolve(
          resources[authorizerId]?.Properties?.JwtConfiguration,
          'stateless',
        ) as {
          Issuer: string;
          Audience: string[];
        };
        authorizer = { issuer: config.Issuer, audience: config.Audience };
      }
      const params: string[] = [];
      const source = path.replace(/\{(\w+)\}/g, (_m, name: string) => {
        params.push(name);
        return '([^/]+)';
      });
      this.routes.push({
        method,
        path,
        pattern: new RegExp(`^${source}$`),
        params,
        fn,
        ...(authorizer && { authorizer }),
      });
    }
    // API Gateway prefers the most specific route: literal paths before ones with parameters.
    this.routes.sort((a, b) => a.params.length - b.params.length);
  }

  /** The authorizer of the admin routes, if the deployment has one. */
  adminAuthorizer(): Route['authorizer'] {
    return this.routes.find((r) => r.authorizer)?.authorizer;
  }

  async request(
    method: 'GET' | 'POST',
    url: string,
    init: { headers?: Record<string, string>; body?: string } = {},
  ): Promise<GatewayResponse> {
    const target = new URL(url);
    if (target.host !== API_DOMAIN) throw new Error(`${url} is not on the deployed API (${API_DOMAIN})`);
    const route = this.routes.find((r) => r.method === method && r.pattern.test(target.pathname));
    if (!route) return { status: 404, headers: {}, body: '{"message":"Not Found"}' };
    const match = route.pattern.exec(target.pathname) ?? [];
    const pathParameters = Object.fromEntries(
      route.params.map((name, i) => [name, decodeURIComponent(match[i + 1] ?? '')]),
    );
    const headers: Record<string, string> = {
      ...(init.headers ?? {}),
      host: API_DOMAIN,
      'x-forwarded-proto': 'https',
    };
    const event = buildEvent(
      { method, url: target, headers, body: Buffer.from(init.body ?? ''), sourceIp: '203.0.113.10' },
      route,
      pathParameters,
    );
    event.requestContext.apiId = API_ID;
    event.requestContext.accountId = ACCOUNT;
    event.requestContext.domainPrefix = API_ID;
    event.requestContext.time = this.now().toUTCString();
    event.requestContext.timeEpoch = this.now().getTime();
    if (route.authorizer) {
      const claims = this.authorize(route.authorizer, headers.authorization ?? headers.Authorization);
      if (!claims) return { status: 401, headers: {}, body: '{"message":"Unauthorized"}' };
      (event.requestContext as unknown as { authorizer: unknown }).authorizer = {
        jwt: { claims, scopes: null },
      };
    }
    const container = this.containers.get(route.fn);
    if (!container) throw new Error(`${route.fn} is not running`);
    const result = await container.invoke<APIGatewayProxyStructuredResultV2 | string>(event, this.now());
    if (typeof result === 'string') return { status: 200, headers: {}, body: result };
    const body = result.body ?? '';
    return {
      status: result.statusCode ?? 200,
      headers: (result.headers ?? {}) as Record<string, string>,
      body: result.isBase64Encoded ? Buffer.from(body, 'base64').toString('utf8') : body,
    };
  }

  /** What API Gateway's JWT authorizer checks (issuer, audience or client_id), on the rehearsal's fake token. */
  private authorize(
    authorizer: NonNullable<Route['authorizer']>,
    header: string | undefined,
  ): Record<string, string> | undefined {
    const token = /^Bearer (.+)$/.exec(header ?? '')?.[1];
    const payload = token?.split('.')[1];
    if (!payload) return undefined;
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, string>;
    const audience = claims.aud ?? claims.client_id;
    if (claims.iss !== authorizer.issuer || !audience || !authorizer.audience.includes(audience))
      return undefined;
    return claims;
  }
}
