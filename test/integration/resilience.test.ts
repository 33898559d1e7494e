import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runResilience } from '../../bench/resilience.ts';
import type { LocalRuntime } from '../../local/runtime.ts';
import { startTestRuntime } from '../support/runtime.ts';

/**
 * One round of the loop `npm run bench` and `npm run soak` run at length: every webhook five times
 * at once, half the deliveries reported again out of order by a second source, signatures from
 * clocks 4 and 6 minutes behind, 30% transient provider faults on SMS, email and voice, and numbers
 * the provider refuses. Counted from the sandbox outbox and the scores, not from our own reports.
 */
describe('resilience: duplicates, out-of-order reports, clock skew and provider faults at once', () => {
  let rt: LocalRuntime;
  beforeAll(async () => {
    rt = await startTestRuntime({ clockStart: new Date('2026-03-10T15:00:00Z') });
  });
  afterAll(async () => {
    await rt?.stop();
  });

  it('sends every survey exactly once, never retries a refused number, and scores every answer', async () => {
    const summary = await runResilience(rt, (round) => round < 1);
    expect(summary.surveys).toBe(21);
    expect(summary.duplicateWebhooks).toBe(84);
    expect(summary.outOfOrderEvents).toBe(11);
    expect(summary.skewedSignatures).toEqual({ accepted: 3, rejectedThenRetried: 3 });
    expect(summary.faultsInjected).toBeGreaterThan(0);
    expect(summary.sent).toBe(21);
    expect(summary.duplicates).toBe(0);
    expect(summary.lost).toBe(0);
    // Each refused number: one permanent error (no retry), then the survey went out by email.
    expect(summary.refusedNumberSurveys).toBe(2);
    expect(summary.permanentErrors).toBe(2);
    expect(summary.fellBackToEmail).toBe(2);
    expect(summary.answers).toBe(21);
    expect(summary.scored).toBe(21);
    expect(summary.ok).toBe(true);
  }, 120_000);
});
