import type { Deps } from '../runtime/deps.ts';
import { handleDeliveryStatus } from './delivery-status.ts';

/**
 * SES event publishing (configuration set -> SNS): bounces, complaints and deliveries of survey
 * emails. A hard (permanent) bounce or a complaint suppresses the address: no more email to it.
 */
export interface SesFeedback {
  type: 'Bounce' | 'Complaint' | 'Delivery';
  permanent: boolean;
  recipients: string[];
  surveyId?: string;
}

export function parseSesEvent(message: string): SesFeedback | undefined {
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(message) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  const type = (raw.eventType ?? raw.notificationType) as string | undefined;
  const mail = raw.mail as { tags?: Record<string, string[]>; destination?: string[] } | undefined;
  const surveyId = mail?.tags?.surveyId?.[0];
  if (type === 'Bounce') {
    const bounce = raw.bounce as
      | { bounceType?: string; bouncedRecipients?: Array<{ emailAddress: string }> }
      | undefined;
    return {
      type,
      permanent: bounce?.bounceType === 'Permanent',
      recipients: (bounce?.bouncedRecipients ?? []).map((r) => r.emailAddress),
      ...(surveyId && { surveyId }),
    };
  }
  if (type === 'Complaint') {
    const complaint = raw.complaint as { complainedRecipients?: Array<{ emailAddress: string }> } | undefined;
    return {
      type,
      permanent: true,
      recipients: (complaint?.complainedRecipients ?? []).map((r) => r.emailAddress),
      ...(surveyId && { surveyId }),
    };
  }
  if (type === 'Delivery')
    return { type, permanent: false, recipients: mail?.destination ?? [], ...(surveyId && { surveyId }) };
  return undefined;
}

export async function handleSesEvent(deps: Deps, event: SesFeedback): Promise<void> {
  const now = deps.clock.now();
  if (event.type === 'Bounce' && event.permanent) {
    for (const address of event.recipients)
      await deps.surveys.updateConsent(address, { emailSuppressed: 'bounced' }, now);
    if (event.surveyId)
      await handleDeliveryStatus(deps, { surveyId: event.surveyId, channel: 'email', status: 'failed' });
  } else if (event.type === 'Complaint') {
    for (const address of event.recipients)
      await deps.surveys.updateConsent(address, { emailSuppressed: 'complaint' }, now);
  } else if (event.type === 'Delivery' && event.surveyId) {
    await handleDeliveryStatus(deps, { surveyId: event.surveyId, channel: 'email', status: 'delivered' });
  }
}
