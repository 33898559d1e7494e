import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../local/runtime.ts';
import { sendEvent } from '../../local/simulator.ts';
import { loadTouchpointConfig } from '../../shared/domain/touchpoints.ts';
import { signZendesk } from '../../shared/sources/index.ts';
import { startTestRuntime } from '../support/runtime.ts';

/**
 * Issue 4's send-time rules end to end: open tickets (reported by Zendesk or the generic endpoint)
 * hold back or skip a survey about another ticket, and regional quiet hours are applied again by the
 * dispatcher, not only when the survey is planned.
 */
const GENERIC = 'local-generic-webhook-secret';
const ZENDESK = 'local-zendesk-webhook-secret';
const shipped = JSON.parse(readFileSync('touchpoints.config.json', 'utf8'));

async function zendesk(rt: LocalRuntime, ticket: Record<string, string>, requester: Record<string, string>) {
  const body = JSON.stringify({ ticket, requester });
  const ts = rt.clock
    .now()
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z');
  const res = await fetch(`${rt.url}/webhooks/zendesk`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-zendesk-webhook-signature-timestamp': ts,
      'x-zendesk-webhook-signature': signZendesk(body, ZENDESK, ts),
    },
    body,
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

const requester = { id: '555001', name: 'Noa Example', email: 'noa.tickets@example.com', locale: 'English' };
const at = (iso: string) => `${iso.slice(0, 19).replace('T', ' ')} UTC`;

describe('open tickets hold back a survey about another ticket (ticketSupersede: wait)', () => {
  let rt: LocalRuntime;
  beforeAll(async () => {
    rt = await startTestRuntime({ clockStart: new Date('2026-03-10T14:00:00Z') });
  });
  afterAll(async () => {
    await rt?.stop();
  });

  it('waits while ticket B is open, re-checks hourly, and sends once B is solved', async () => {
    const opened = await zendesk(
      rt,
      {
        id: '7001',
        status: 'Open',
        created_at: at('2026-03-10T13:00:00Z'),
        updated_at: at('2026-03-10T13:00:00Z'),
      },
      requester,
    );
    expect(opened.status).toBe(200);
    expect(opened.json).toMatchObject({ outcome: 'tracked', duplicate: false });
    // The same webhook again: one effect.
    const again = await zendesk(
      rt,
      {
        id: '7001',
        status: 'Open',
        created_at: at('2026-03-10T13:00:00Z'),
        updated_at: at('2026-03-10T13:00:00Z'),
      },
      requester,
    );
    expect(again.json).toMatchObject({ duplicate: true });
    expect(await rt.deps.surveys.openTickets(['noa.tickets@example.com'], rt.clock.now())).toEqual([
      'zendesk:7001',
    ]);

    const solvedA = await zendesk(
      rt,
      {
        id: '7000',
        status: 'Solved',
        created_at: at('2026-03-10T12:00:00Z'),
        updated_at: at('2026-03-10T13:55:00Z'),
      },
      requester,
    );
    expect(solvedA.json).toMatchObject({ outcome: 'scheduled' });
    const surveyId = String(solvedA.json.surveyId);
    const planned = await rt.deps.surveys.get(surveyId);
    expect(planned?.decisions).toContainEqual(
      expect.objectContaining({ rule: 'open_ticket', outcome: 'deferred' }),
    );
    expect(planned?.decisions.find((d) => d.rule === 'open_ticket')?.detail).toContain('zendesk:7001');

    // Due at 14:55: still waiting for ticket 7001, re-checked an hour later.
    await rt.advance({ now: '2026-03-10T15:00:00Z' });
    let survey = await rt.deps.surveys.get(surveyId);
    expect(survey?.status).toBe('scheduled');
    expect(survey?.dueAt).toBe('2026-03-10T16:00:00.000Z');
    expect(rt.sandbox.outbox().filter((m) => m.surveyId === surveyId)).toHaveLength(0);

    // Ticket 7001 is solved (its own survey loses to the waiting one on fatigue): the waiting one goes out.
    const solvedB = await zendesk(
      rt,
      {
        id: '7001',
        status: 'Solved',
        created_at: at('2026-03-10T13:00:00Z'),
        updated_at: at('2026-03-10T15:10:00Z'),
      },
      requester,
    );
    expect(solvedB.json).toMatchObject({ outcome: 'skipped', reason: 'fatigue' });
    await rt.advance({ now: '2026-03-10T16:00:00Z' });
    survey = await rt.deps.surveys.get(surveyId);
    expect(survey?.status).toBe('sent');
    expect(rt.sandbox.outbox().filter((m) => m.surveyId === surveyId)).toHaveLength(1);
  });

  it('keeps the newest report: a late "open" older than the "solved" does not reopen the ticket', async () => {
    const who = { ...requester, id: '555002', email: 'ivo.tickets@example.com' };
    await zendesk(
      rt,
      {
        id: '7100',
        status: 'Solved',
        created_at: at('2026-03-10T09:00:00Z'),
        updated_at: at('2026-03-10T15:30:00Z'),
      },
      who,
    );
    const late = await zendesk(
      rt,
      {
        id: '7100',
        status: 'Pending',
        created_at: at('2026-03-10T09:00:00Z'),
        updated_at: at('2026-03-10T11:00:00Z'),
      },
      who,
    );
    expect(late.status).toBe(200);
    expect(await rt.deps.surveys.openTickets(['ivo.tickets@example.com'], rt.clock.now())).toEqual([]);
    // A reopen after the solve (newer) does count.
    await zendesk(
      rt,
      {
        id: '7100',
        status: 'Open',
        created_at: at('2026-03-10T09:00:00Z'),
        updated_at: at('2026-03-10T15:45:00Z'),
      },
      who,
    );
    expect(await rt.deps.surveys.openTickets(['ivo.tickets@example.com'], rt.clock.now())).toEqual([
      'zendesk:7100',
    ]);
  });
});

describe('ticketSupersede: skip, and regional quiet hours at send time', () => {
  let rt: LocalRuntime;
  beforeAll(async () => {
    rt = await startTestRuntime({
      clockStart: new Date('2026-03-10T14:00:00Z'),
      config: loadTouchpointConfig({
        ...shipped,
        ticketSupersede: 'skip',
        quietHours: { ...shipped.quietHours, overrides: { GB: { start: '10:00', end: '18:00' } } },
      }),
    });
  });
  afterAll(async () => {
    await rt?.stop();
  });

  const ticketEvent = (type: string, ticketId: string, occurredAt: string, email: string) => ({
    eventId: `crm-${type}-${ticketId}-${occurredAt}`,
    type,
    occurredAt,
    source: 'crm',
    customer: { id: `crm-${email}`, email, timeZone: 'Europe/Paris' },
    context: { ticketId },
  });

  it('skips a ticket survey when another ticket is open as the event arrives', async () => {
    const email = 'lea.skip@example.com';
    const open = await sendEvent(
      rt.url,
      ticketEvent('ticket_opened', 'T2', '2026-03-10T13:00:00Z', email),
      GENERIC,
      rt.clock.now(),
    );
    expect(open.json).toMatchObject({ outcome: 'tracked' });
    const closed = await sendEvent(
      rt.url,
      ticketEvent('ticket_closed', 'T1', '2026-03-10T13:30:00Z', email),
      GENERIC,
      rt.clock.now(),
    );
    expect(closed.json).toMatchObject({ outcome: 'skipped', reason: 'open_ticket' });
    const survey = await rt.deps.surveys.get(String((closed.json as { surveyId: string }).surveyId));
    expect(survey?.skipReason).toBe('open_ticket');
  });

  it('skips at send time when another ticket was opened after the survey was planned', async () => {
    const email = 'max.skip@example.com';
    const closed = await sendEvent(
      rt.url,
      ticketEvent('ticket_closed', 'T3', '2026-03-10T13:30:00Z', email),
      GENERIC,
      rt.clock.now(),
    );
    expect(closed.json).toMatchObject({ outcome: 'scheduled' });
    const opened = await sendEvent(
      rt.url,
      ticketEvent('ticket_opened', 'T4', '2026-03-10T14:05:00Z', email),
      GENERIC,
      rt.clock.now(),
    );
    expect(opened.json).toMatchObject({ outcome: 'tracked' });
    await rt.advance({ now: '2026-03-10T14:40:00Z' });
    const survey = await rt.deps.surveys.get(String((closed.json as { surveyId: string }).surveyId));
    expect(survey?.status).toBe('skipped');
    expect(survey?.skipReason).toBe('open_ticket');
    expect(survey?.decisions.at(-1)).toMatchObject({ rule: 'open_ticket', outcome: 'skipped' });
    expect(rt.sandbox.outbox().filter((m) => m.surveyId === survey?.surveyId)).toHaveLength(0);
  });

  it('defers an SMS whose tick comes after the regional window closed, though the global one is open', async () => {
    const event = {
      eventId: 'gb-purchase-1',
      type: 'purchase',
      occurredAt: '2026-03-10T16:59:00Z',
      source: 'crm',
      // Ofcom's drama range: a fictional UK mobile number.
      customer: { id: 'gb-1', phone: '+447700900123', timeZone: 'Europe/London' },
      context: { orderId: 'GB-1' },
    };
    const res = await sendEvent(rt.url, event, GENERIC, rt.clock.now());
    expect(res.json).toMatchObject({ outcome: 'scheduled', dueAt: '2026-03-10T17:59:00.000Z' });
    // The tick runs late, at 18:00:30 London time: inside 09:00-20:00, outside the GB override 10:00-18:00.
    await rt.advance({ now: '2026-03-10T18:00:30Z' });
    const survey = await rt.deps.surveys.get(String((res.json as { surveyId: string }).surveyId));
    expect(survey?.status).toBe('scheduled');
    expect(survey?.dueAt).toBe('2026-03-11T10:00:00.000Z');
    expect(survey?.decisions.at(-1)).toMatchObject({ rule: 'quiet_hours', outcome: 'deferred' });
    expect(survey?.decisions.at(-1)?.detail).toContain('10:00-18:00');
    await rt.advance({ now: '2026-03-11T10:00:00Z' });
    expect((await rt.deps.surveys.get(survey?.surveyId ?? ''))?.status).toBe('sent');
  });

  it('erases tracked tickets with the customer', async () => {
    const email = 'max.skip@example.com';
    expect(await rt.deps.surveys.openTickets([email], rt.clock.now())).toEqual(['crm:T4']);
    const res = await fetch(`${rt.url}/api/customers/erase`, {
      method: 'POST',
      headers: { authorization: 'Bearer local-admin-token-change-me', 'content-type': 'application/json' },
      body: JSON.stringify({ customer: email }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ erased: { tickets: 2 } });
    expect(await rt.deps.surveys.openTickets([email], rt.clock.now())).toEqual([]);
  });
});
