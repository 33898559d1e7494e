import { describe, expect, it } from 'vitest';
import { redact, redactText } from '../../shared/runtime/log.ts';

describe('log redaction', () => {
  it('masks phone numbers and email addresses in text', () => {
    const text = redactText('send to +12015550123 failed for ada.lovelace@example.com (call 201-555-0199)');
    expect(text).not.toContain('+12015550123');
    expect(text).not.toContain('ada.lovelace@example.com');
    expect(text).not.toContain('555-0199');
    expect(text).toContain('@example.com');
  });

  it('masks nested fields and keeps other values', () => {
    const out = redact({
      surveyId: 'sv_1',
      customer: { phone: '+12015550123', emails: ['x.y@example.com'] },
      count: 3,
    });
    expect(out).toMatchObject({ surveyId: 'sv_1', count: 3 });
    expect(JSON.stringify(out)).not.toContain('+12015550123');
    expect(JSON.stringify(out)).not.toContain('x.y@example.com');
  });
});
