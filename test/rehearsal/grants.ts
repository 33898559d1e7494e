import type { RecordedCall } from './aws.ts';
import { actionMatches, resourceMatches } from './iam.ts';
import type { Deployment, PolicyStatement } from './template.ts';

/**
 * Grants the function's code never calls because the Lambda service uses them with the function's
 * role: writing its logs, X-Ray, reading the streams of its event source mappings, and sending to
 * its failure destinations. Each is accepted only where the template has the feature it serves.
 */
function platformGrant(
  deployment: Deployment,
  fnLogicalId: string,
  action: string,
  resource: string,
): boolean {
  const [service] = action.split(':');
  if (service === 'logs' || service === 'xray') return true;
  const stateless = JSON.stringify(deployment.template('stateless').Resources);
  if (
    [
      'dynamodb:DescribeStream',
      'dynamodb:GetRecords',
      'dynamodb:GetShardIterator',
      'dynamodb:ListStreams',
    ].includes(action)
  )
    return deployment
      .resources('stateless', 'AWS::Lambda::EventSourceMapping')
      .some(([, r]) => JSON.stringify(r.Properties?.FunctionName ?? '').includes(fnLogicalId));
  if (service === 'sqs') return resource.startsWith('arn:aws:sqs:') && stateless.includes('OnFailure');
  return false;
}

export interface GrantReport {
  /** Calls the function made that its policy does not allow (AccessDenied in AWS). */
  denied: RecordedCall[];
  /** Granted action x resource pairs no call of the function used. */
  unused: Array<{ action: string; resource: string }>;
}

/** A SendEmail on an address identity is authorized by the address's or its domain's identity. */
function usedBy(call: RecordedCall, action: string, resource: string): boolean {
  if (!actionMatches(action, call.action)) return false;
  if (resourceMatches(resource, call.resource)) return true;
  if (call.action === 'ses:SendEmail' && call.resource.includes(':identity/')) {
    const address = call.resource.split(':identity/')[1] ?? '';
    return resourceMatches(resource, call.resource.replace(address, address.slice(address.indexOf('@') + 1)));
  }
  return false;
}

export function compareGrants(
  deployment: Deployment,
  fn: { name: string; logicalId: string },
  statements: readonly PolicyStatement[],
  calls: readonly RecordedCall[],
): GrantReport {
  const own = calls.filter((c) => c.fn === fn.name);
  const unused: GrantReport['unused'] = [];
  for (const s of statements) {
    for (const action of s.Action)
      for (const resource of s.Resource) {
        if (platformGrant(deployment, fn.logicalId, action, resource)) continue;
        if (!own.some((c) => c.allowed && usedBy(c, action, resource))) unused.push({ action, resource });
      }
  }
  return { denied: own.filter((c) => !c.allowed), unused };
}
