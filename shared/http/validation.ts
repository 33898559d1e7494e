import type * as z from 'zod';

/** zod issues as one readable line: `customer.phone: must be E.164; type: invalid option`. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const path = issue.path.map(String).join('.') || 'body';
      const missing = issue.code === 'invalid_type' && issue.input === undefined;
      return missing ? `${path}: is required` : `${path}: ${issue.message}`;
    })
    .join('; ');
}
