import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, loadTouchpointConfig } from '../../shared/domain/touchpoints.ts';
import type { Alert } from '../../shared/ports/index.ts';
import { alertMessage } from '../../shared/usecases/alert-message.ts';

const alert: Alert = {
  alertId: '2026-03-10T15:02:00.000Z#sv_abc#detractor',
  kind: 'detractor',
  surveyId: 'sv_abc',
  touchpoint: 'delivery',
  metric: 'nps',
  score: 3,
  comment: 'Left at the wrong door',
  channel: 'sms',
  customer: { id: 'crm-1', name: 'Ada Example', phone: '+12015550131', email: 'ada@example.com' },
  orderId: 'ORD-1',
  ticketId: 'T-1',
  answeredAt: '2026-03-10T15:02:00.000Z',
};

describe('alertMessage (what leaves Touchpoint on the SNS alert topic)', () => {
  it('is minimal unless the config asks for more', () => {
    expect(DEFAULT_CONFIG.alertDetail).toBe('minimal');
    expect(loadTouchpointConfig({ brand: DEFAULT_CONFIG.brand, alertDetail: 'full' }).alertDetail).toBe(
      'full',
    );
  });

  it('minimal: survey, touchpoint, score and a dashboard link; nothing that names the customer', () => {
    const message = alertMessage(alert, 'minimal', 'https://api.example.com/tp/');
    expect(message).toEqual({
      alertId: alert.alertId,
      kind: 'detractor',
      surveyId: 'sv_abc',
      touchpoint: 'delivery',
      metric: 'nps',
      score: 3,
      channel: 'sms',
      answeredAt: alert.answeredAt,
      detail: 'minimal',
      link: 'https://api.example.com/tp/#alerts-section',
    });
  });

  it('full: everything, for teams that chose to publish personal data', () => {
    expect(alertMessage(alert, 'full', undefined)).toEqual({ ...alert, detail: 'full' });
  });
});
