import * as z from 'zod';
import { ValidationError } from '../errors.ts';

/**
 * zod issues as one readable line: `customer.phone: must be E.164; eventId: expected string, got
 * number; context.ticketId: is required (expected string)`. A value that is present with the wrong
 * type says what was expected and what came; only an absent one is "required".
 */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const path = issue.path.map(String).join('.') || 'body';
      if (issue.code !== 'invalid_type') return `${path}: ${issue.message}`;
      // zod 4 keeps the input off the issue unless asked; its message names what it received.
      const received = /received (\w+)$/.exec(issue.message)?.[1];
      if (received === undefined) return `${path}: ${issue.message}`;
      return received === 'undefined'
        ? `${path}: is required (expected ${issue.expected})`
        : `${path}: expected ${issue.expected}, got ${received}`;
    })
    .join('; ');
}

/** The input as the schema parses it, or a ValidationError (400 or 422) naming every wrong field. */
export function validInput<T>(schema: z.ZodType<T>, input: unknown, status: 400 | 422 = 400): T {
  const parsed = schema.safeParse(input);
  if (!parsed.success)
    throw new ValidationError(describeIssues(parsed.error), status, { cause: parsed.error });
  return parsed.data;
}

/**
 * A survey id as Touchpoint creates them (`sv_` + 22 base64url characters; test surveys
 * `sv_test_<hex>`), checked before any lookup so an oversized or odd id is a 400, not a store error.
 */
export const SurveyIdParam = z
  .string()
  .regex(/^sv_[A-Za-z0-9_-]{1,60}$/, 'must be a Touchpoint survey id (sv_...)');

/** `YYYY-MM-DD`, the shape of a date parameter. */
export const DATE_SHAPE = /^\d{4}-\d{2}-\d{2}$/;

/** A real calendar date written `YYYY-MM-DD` (not 2026-02-30, which Date.parse rolls over). */
export function isCalendarDate(value: string): boolean {
  if (!DATE_SHAPE.test(value)) return false;
  const at = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(at.getTime()) && at.toISOString().slice(0, 10) === value;
}
