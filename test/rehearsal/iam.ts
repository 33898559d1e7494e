import type { PolicyStatement } from './template.ts';

/**
 * The part of IAM policy evaluation the rehearsal needs: Allow statements with action and resource
 * wildcards and string conditions. Anything it cannot evaluate (another condition operator, a
 * Deny) counts as not allowed, so the rehearsal errs towards reporting a missing grant.
 */

/** One AWS API call a bundle made, as IAM authorizes it (a transaction is one call per item). */
export interface AuthorizedCall {
  action: string;
  resource: string;
  /** Condition keys the request carries (e.g. `ses:FromAddress`). */
  context?: Record<string, string>;
}

function glob(pattern: string, value: string, caseInsensitive: boolean): boolean {
  const source = pattern
    .split(/([*?])/)
    .map((part) => (part === '*' ? '.*' : part === '?' ? '.' : part.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`, caseInsensitive ? 'i' : '').test(value);
}

export const actionMatches = (pattern: string, action: string) => glob(pattern, action, true);
export const resourceMatches = (pattern: string, resource: string) => glob(pattern, resource, false);

function conditionsHold(statement: PolicyStatement, context: Record<string, string>): boolean {
  for (const [operator, entries] of Object.entries(statement.Condition ?? {})) {
    for (const [key, expected] of Object.entries(entries)) {
      const given = context[key];
      const values = Array.isArray(expected) ? expected : [expected];
      if (given === undefined) return false;
      if (operator === 'StringEquals' && !values.includes(given)) return false;
      else if (operator === 'StringLike' && !values.some((v) => glob(v, given, false))) return false;
      else if (operator !== 'StringEquals' && operator !== 'StringLike') return false;
    }
  }
  return true;
}

/** The statement that allows `call`, if any. */
export function allowingStatement(
  statements: readonly PolicyStatement[],
  call: AuthorizedCall,
): PolicyStatement | undefined {
  if (statements.some((s) => s.Effect === 'Deny')) return undefined;
  return statements.find(
    (s) =>
      s.Action.some((a) => actionMatches(a, call.action)) &&
      s.Resource.some((r) => resourceMatches(r, call.resource)) &&
      conditionsHold(s, call.context ?? {}),
  );
}
