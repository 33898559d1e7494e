import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../local/runtime.ts';
import { DEFAULT_METRICS } from '../../shared/domain/model.ts';
import { recordEmailRating } from '../../shared/usecases/email-answer.ts';
import { ingestEvent } from '../../shared/usecases/ingest-event.ts';
import { ADMIN_TOKEN, startTestRuntime } from '../support/runtime.ts';

/**
 * Issue 17.6: with `from`/`to`, the `series` rows were whole weeks and months, so a week's row
 * counted answers from before `from` that the window's total did not. Rows are now clipped to the
 * window and say which days they cover.
 */
describe('GET /api/scores series within a date window', () => {
  let rt: LocalRuntime;
  beforeAll(async () => {
    rt = await startTestRuntime();
    // NPS answers on Monday 9, Wednesday 11 and Sunday 15 March 2026 (ISO week 11), and on
    // Monday 16 March (week 12); one on 28 February (another month).
    const days = ['2026-02-28', '2026-03-09', '2026-03-11', '2026-03-15', '2026-03-16'];
    for (const [i, day] of days.entries()) {
      await rt.deps.responses.put({
        surveyId: `sv_series_${i}`,
        touchpoint: 'delivery',
        metric: DEFAULT_METRICS.nps,
        score: 10,
        channel: 'sms',
        customerId: `series-${i}`,
        answeredAt: `${day}T12:00:00.000Z`,
      });
    }
    await rt.drainStreams();
  });
  afterAll(async () => {
    await rt?.stop();
  });

  async function scores(query: string) {
    const res = await fetch(`${rt.url}/api/scores?touchpoint=delivery&${query}`, {
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      scores: Array<{
        responses: number;
        series: Array<{ period: string; from: string; to: string; responses: number }>;
      }>;
    };
    return body.scores[0] as (typeof body.scores)[number];
  }

  it('clips week rows to the window, and their answers add up to the window total', async () => {
    const s = await scores('from=2026-03-11&to=2026-03-16&period=week');
    expect(s.responses).toBe(3);
    expect(s.series.map((r) => [r.period, r.from, r.to, r.responses])).toEqual([
      ['2026-W11', '2026-03-11', '2026-03-15', 2],
      ['2026-W12', '2026-03-16', '2026-03-16', 1],
    ]);
  });

  it('clips month rows the same way', async () => {
    const s = await scores('from=2026-03-10&to=2026-03-31&period=month');
    expect(s.series.map((r) => [r.period, r.from, r.to, r.responses])).toEqual([
      ['2026-03', '2026-03-10', '2026-03-31', 3],
    ]);
  });

  it('gives whole periods, with their bounds, without a window', async () => {
    const s = await scores('period=week');
    expect(s.series.map((r) => [r.period, r.from, r.to, r.responses])).toEqual([
      ['2026-W09', '2026-02-23', '2026-03-01', 1],
      ['2026-W11', '2026-03-09', '2026-03-15', 3],
      ['2026-W12', '2026-03-16', '2026-03-22', 1],
    ]);
  });

  it('keeps a changed email answer on the day it was first given (docs/scores.md)', async () => {
    rt.clock.set(new Date('2026-03-20T15:00:00Z'));
    const { surveyId } = await ingestEvent(rt.deps, {
      schemaVersion: 1,
      eventId: 'series-email',
      type: 'ticket_closed',
      occurredAt: '2026-03-20T13:00:00Z',
      source: 'crm',
      customer: { id: 'series-email', email: 'series-email@example.com' },
      context: { ticketId: 'series-email' },
    });
    await rt.tick();
    const rate = async (score: number) =>
      recordEmailRating(rt.deps, await rt.deps.surveys.get(surveyId as string), score);
    expect(await rate(2)).toMatchObject({ kind: 'recorded', changed: false });
    rt.clock.set(new Date('2026-03-21T09:00:00Z'));
    expect(await rate(5)).toMatchObject({ kind: 'recorded', changed: true });
    await rt.drainStreams();
    const res = await fetch(
      `${rt.url}/api/scores?touchpoint=ticket_closed&from=2026-03-20&to=2026-03-21&period=day`,
      {
        headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
      },
    );
    const [score] = ((await res.json()) as { scores: Array<{ series: Array<Record<string, unknown>> }> })
      .scores;
    expect(score?.series).toHaveLength(1);
    expect(score?.series[0]).toMatchObject({
      period: '2026-03-20',
      responses: 1,
      distribution: { '2': 0, '5': 1 },
    });
  });
});
